-- Read model "partnership-history" (dk.partnerships.query.history): every event as it was recorded, with who
-- recorded it and why; the state on any past date is folded from these rows.
CREATE TABLE partnership_event_log (
    partnership_id   VARCHAR(64)  NOT NULL,
    sequence         BIGINT       NOT NULL,
    type             VARCHAR(80)  NOT NULL,
    effective_date   DATE         NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    recorded_by      TEXT,
    correlation_id   TEXT,
    command_id       TEXT,
    data             JSONB        NOT NULL,
    -- The recorder's name and role at the time, so the history reads the same after the person has left.
    recorded_by_name TEXT,
    recorded_as      TEXT,
    PRIMARY KEY (partnership_id, sequence)
);

INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-history', 0);
