-- Read model "partnership-summaries": a partnership's contacts with organisations in market dialogue, as recorded
-- (MarketContactRecordedEvent), oldest first; what was shared is kept for the equal-treatment check.
CREATE TABLE partnership_market_contact (
    partnership_id     VARCHAR(64) NOT NULL REFERENCES partnership_summary (id) ON DELETE CASCADE,
    contact_id         VARCHAR(64) NOT NULL,
    organisation       TEXT        NOT NULL,
    form               VARCHAR(40) NOT NULL,
    summary            TEXT        NOT NULL,
    information_shared TEXT,
    effective_date     DATE        NOT NULL,
    PRIMARY KEY (partnership_id, contact_id)
);
