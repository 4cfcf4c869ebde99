-- Read model "partnership-summaries": what a partnership is expected to deliver and whether anyone followed it up
-- (each benefit keeps where its latest follow-up left it), and the advice asked of the central procurement and legal
-- unit with its answer.
CREATE TABLE partnership_benefit (
    partnership_id VARCHAR(64)    NOT NULL REFERENCES partnership_summary (id) ON DELETE CASCADE,
    benefit_id     VARCHAR(64)    NOT NULL,
    category       VARCHAR(40)    NOT NULL,
    description    TEXT           NOT NULL,
    unit           TEXT,
    expected       NUMERIC(19, 4),
    declared_on    DATE           NOT NULL,
    -- The declaring event's place in the partnership's stream: the order the benefits were recorded in.
    sequence       BIGINT         NOT NULL,
    follow_ups     INTEGER        NOT NULL DEFAULT 0,
    assessment     VARCHAR(40),
    realised       NUMERIC(19, 4),
    followed_up_on DATE,
    PRIMARY KEY (partnership_id, benefit_id)
);
CREATE INDEX partnership_benefit_category ON partnership_benefit (category);

CREATE TABLE partnership_benefit_follow_up (
    partnership_id VARCHAR(64)    NOT NULL REFERENCES partnership_summary (id) ON DELETE CASCADE,
    follow_up_id   VARCHAR(64)    NOT NULL,
    benefit_id     VARCHAR(64)    NOT NULL,
    assessment     VARCHAR(40)    NOT NULL,
    realised       NUMERIC(19, 4),
    note           TEXT,
    effective_date DATE           NOT NULL,
    sequence       BIGINT         NOT NULL,
    PRIMARY KEY (partnership_id, follow_up_id)
);

-- Since when the partnership is in operation (entered IMPLEMENTATION, or skipped past it, since it last came from an
-- earlier stage), how many benefits it declared and when any of them was last followed up: the overdue list's clock.
ALTER TABLE partnership_summary ADD COLUMN in_operation_since DATE, ADD COLUMN benefits INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN benefits_followed_up_on DATE;
CREATE INDEX partnership_summary_benefits_due ON partnership_summary (greatest(in_operation_since, benefits_followed_up_on), id)
    WHERE benefits > 0;

CREATE TABLE partnership_advice_request (
    partnership_id   VARCHAR(64) NOT NULL REFERENCES partnership_summary (id) ON DELETE CASCADE,
    request_id       VARCHAR(64) NOT NULL,
    topic            VARCHAR(40) NOT NULL,
    question         TEXT        NOT NULL,
    asked_on         DATE        NOT NULL,
    sequence         BIGINT      NOT NULL,
    asked_by         TEXT,
    asked_by_name    TEXT,
    answer           TEXT,
    answered_on      DATE,
    answered_by      TEXT,
    answered_by_name TEXT,
    PRIMARY KEY (partnership_id, request_id)
);
-- The advisors' list: open requests, oldest first.
CREATE INDEX partnership_advice_request_open ON partnership_advice_request (asked_on, partnership_id, sequence)
    WHERE answered_on IS NULL;

-- Since when partnerships already in operation are so is only in their events.
INSERT INTO read_model_rebuild_request (read_model, reason)
SELECT 'partnership-summaries', 'since when partnerships are in operation is read from the events'
WHERE EXISTS (SELECT 1 FROM partnership_summary WHERE stage IN ('IMPLEMENTATION', 'EVALUATION'))
ON CONFLICT (read_model) DO NOTHING;
