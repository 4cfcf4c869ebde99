-- Read model "partnership-summaries" (dk.partnerships.query.summaries): one row per partnership as it stands now,
-- with its readiness items. version is the number of the partnership's events applied: the guard that makes a
-- redelivered event change nothing.
CREATE TABLE partnership_summary (
    id                  VARCHAR(64)   PRIMARY KEY,
    title               TEXT          NOT NULL,
    kind                VARCHAR(40)   NOT NULL,
    department          VARCHAR(20)   NOT NULL,
    owning_organisation TEXT          NOT NULL,
    -- The lead as plain text (events of revision 1); later events name the lead by lead_person_id.
    lead                TEXT,
    need                TEXT          NOT NULL,
    partners            JSONB         NOT NULL DEFAULT '[]',
    expected_value_dkk  NUMERIC(17, 2),
    stage               VARCHAR(40)   NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    proposed_on         DATE          NOT NULL,
    stage_entered_on    DATE          NOT NULL,
    status_changed_on   DATE,
    status_reason       TEXT,
    -- Kept whole, in the shape PartnershipState reads them back.
    award               JSONB,
    pilot_outcome       JSONB,
    evaluation          JSONB,
    version             BIGINT        NOT NULL,
    last_recorded_at    TIMESTAMPTZ   NOT NULL,
    lead_person_id      TEXT
);
CREATE INDEX partnership_summary_stage ON partnership_summary (stage, status);
CREATE INDEX partnership_summary_department ON partnership_summary (department);
-- The list's order, newest first: a page is read from the index, never sorted.
CREATE INDEX partnership_summary_listed ON partnership_summary (proposed_on DESC, id);

CREATE TABLE partnership_readiness_item (
    partnership_id  VARCHAR(64)   NOT NULL REFERENCES partnership_summary (id) ON DELETE CASCADE,
    item_id         VARCHAR(64)   NOT NULL,
    type            VARCHAR(40)   NOT NULL,
    description     TEXT          NOT NULL,
    owner           TEXT          NOT NULL,
    added_on        DATE          NOT NULL,
    resolved_on     DATE,
    resolution_note TEXT,
    PRIMARY KEY (partnership_id, item_id)
);

INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-summaries', 0);
