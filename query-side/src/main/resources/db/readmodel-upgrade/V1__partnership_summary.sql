-- Read model "partnership-summaries": one row per partnership plus its readiness items and lessons.
-- Rebuildable from the events at any time; version = number of events applied, the guard that makes a
-- redelivered event a no-op.
CREATE TABLE partnership_summary (
    id                  VARCHAR(64)   PRIMARY KEY,
    title               TEXT          NOT NULL,
    kind                VARCHAR(40)   NOT NULL,
    department          VARCHAR(20)   NOT NULL,
    owning_organisation TEXT          NOT NULL,
    lead                TEXT          NOT NULL,
    need                TEXT          NOT NULL,
    partners            JSONB         NOT NULL DEFAULT '[]',
    expected_value_dkk  NUMERIC(17, 2),
    stage               VARCHAR(40)   NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    proposed_on         DATE          NOT NULL,
    stage_entered_on    DATE          NOT NULL,
    status_changed_on   DATE,
    status_reason       TEXT,
    award               JSONB,
    pilot_outcome       JSONB,
    evaluation          JSONB,
    version             BIGINT        NOT NULL,
    last_recorded_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX partnership_summary_stage ON partnership_summary (stage, status);
CREATE INDEX partnership_summary_department ON partnership_summary (department);

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

CREATE TABLE partnership_lesson (
    lesson_id      VARCHAR(64)   PRIMARY KEY,
    partnership_id VARCHAR(64)   NOT NULL REFERENCES partnership_summary (id) ON DELETE CASCADE,
    text           TEXT          NOT NULL,
    tags           JSONB         NOT NULL DEFAULT '[]',
    stage          VARCHAR(40)   NOT NULL,
    effective_date DATE          NOT NULL,
    recorded_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX partnership_lesson_partnership ON partnership_lesson (partnership_id);

-- Tracking tokens of the projections when they read the event store in-process (standalone). Same layout as
-- the command side's; whichever side migrates first creates it.
CREATE TABLE IF NOT EXISTS tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);
