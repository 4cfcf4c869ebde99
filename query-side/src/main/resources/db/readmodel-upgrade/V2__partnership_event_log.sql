-- Read model "partnership-history": every event of every partnership, readable by a person and foldable into the
-- state on any effective date (asOf) or as the system knew it at any moment (knownAt). Idempotent by its key.
CREATE TABLE partnership_event_log (
    partnership_id VARCHAR(64)  NOT NULL,
    sequence       BIGINT       NOT NULL,
    type           VARCHAR(80)  NOT NULL,
    effective_date DATE         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    recorded_by    TEXT,
    correlation_id TEXT,
    command_id     TEXT,
    data           JSONB        NOT NULL,
    PRIMARY KEY (partnership_id, sequence)
);
