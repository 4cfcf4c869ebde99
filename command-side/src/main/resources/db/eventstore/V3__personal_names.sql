-- Names of private persons (a partnership's lead), kept out of the event payloads: an event names a person by id,
-- the name lives here, and erasure on request deletes it while every event, and so the hash chain, stays as it was.
CREATE TABLE personal_name (
    person_id   TEXT PRIMARY KEY,
    name        TEXT,
    recorded_at TIMESTAMPTZ NOT NULL,
    erased_at   TIMESTAMPTZ,
    erased_by   TEXT,
    -- A name or an erasure, never both, never neither.
    CONSTRAINT erased_means_no_name CHECK ((name IS NULL) = (erased_at IS NOT NULL))
);
