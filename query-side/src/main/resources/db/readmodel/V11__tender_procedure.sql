-- Read model "partnership-summaries": the tender's procedure and when the partnership first went into TENDER, and
-- which market contacts' shared information went out with the tender documents (the equal-treatment check).
ALTER TABLE partnership_summary ADD COLUMN tender_entered_on DATE, ADD COLUMN tender_procedure VARCHAR(40),
    ADD COLUMN tender_procedure_reason TEXT;
ALTER TABLE partnership_market_contact ADD COLUMN published BOOLEAN NOT NULL DEFAULT false;
-- When a partnership last went into TENDER is only in its events (it may have gone back since): read it from them.
INSERT INTO read_model_rebuild_request (read_model, reason)
SELECT 'partnership-summaries', 'the day of the latest move into TENDER is read from the events'
WHERE EXISTS (SELECT 1 FROM partnership_summary)
ON CONFLICT (read_model) DO NOTHING;
CREATE INDEX partnership_market_contact_unpublished ON partnership_market_contact (partnership_id)
    WHERE information_shared IS NOT NULL AND NOT published;
