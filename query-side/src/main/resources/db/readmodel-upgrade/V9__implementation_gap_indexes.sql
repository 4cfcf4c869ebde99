-- The implementation gap's lists read only the partnerships that can be on them, in the order they are listed,
-- instead of every partnership. The expression is the one ImplementationGapFigures filters and sorts by, so the
-- planner matches it: waiting since the latest successful pilot, or since the award when there never was a pilot.
CREATE INDEX partnership_lifecycle_waiting ON partnership_lifecycle
    ((CASE WHEN pilot_succeeded_on IS NOT NULL THEN pilot_succeeded_on WHEN NOT had_pilot THEN awarded_on END),
     partnership_id)
    WHERE closed_as IS NULL;

CREATE INDEX partnership_lifecycle_abandoned_after_pilot ON partnership_lifecycle (partnership_id)
    WHERE closed_as = 'ABANDONED' AND pilot_succeeded_on IS NOT NULL;

CREATE INDEX partnership_readiness_item_open ON partnership_readiness_item (added_on, partnership_id, item_id)
    WHERE resolved_on IS NULL;
