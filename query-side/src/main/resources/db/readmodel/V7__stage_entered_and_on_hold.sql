-- Since when a partnership is in its current stage, and since when it is on hold (PartnershipLifecycle): the
-- implementation gap lists partnerships stalled in any stage, and those on hold apart.
ALTER TABLE partnership_lifecycle ADD COLUMN stage_entered_on DATE, ADD COLUMN on_hold_since DATE;
UPDATE partnership_lifecycle l SET stage_entered_on = coalesce(
    (SELECT s.entered_on FROM partnership_stage_stay s WHERE s.partnership_id = l.partnership_id
     ORDER BY s.sequence DESC LIMIT 1), l.proposed_on);
ALTER TABLE partnership_lifecycle ALTER COLUMN stage_entered_on SET NOT NULL;

-- The lists read each stage's longest stays first, and the partnerships on hold longest first.
CREATE INDEX partnership_lifecycle_active_in_stage ON partnership_lifecycle (stage, stage_entered_on, partnership_id)
    WHERE status = 'ACTIVE';
CREATE INDEX partnership_lifecycle_on_hold ON partnership_lifecycle (on_hold_since NULLS FIRST, partnership_id)
    WHERE status = 'ON_HOLD';

-- Since when a partnership is on hold is only in its events.
INSERT INTO read_model_rebuild_request (read_model, reason)
SELECT 'partnership-lifecycle', 'since when partnerships are on hold is read from the events'
WHERE EXISTS (SELECT 1 FROM partnership_lifecycle WHERE status = 'ON_HOLD')
ON CONFLICT (read_model) DO NOTHING;
