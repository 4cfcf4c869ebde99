-- The lifecycle read model's rules and the dashboards' kept figures are Java's (package
-- dk.partnerships.query.lifecycle), applied in the projection's transaction: the trigger functions that kept the
-- figures go, and the lifecycle rows gain what the figures are counted from. The figures already kept stay valid,
-- and the rows are converted in place, so the dashboards answer throughout; the rebuild requested at the end then
-- makes every lifecycle row and figure exactly what the Java rules give for the events.

DROP FUNCTION figure_summary_changed, figure_lifecycle_changed, figure_stay_changed, figure_summary_emptied,
    figure_lifecycle_emptied, figure_stay_emptied, figures_changed, fold_pending_figures CASCADE;
DROP TABLE figure_pending_summary, figure_pending_lifecycle, figure_pending_stay, figure_fold_request;
DROP FUNCTION refresh_active_figures, refresh_lifecycle_figures, count_active_figures_from_rows,
    count_lifecycle_figures_from_rows, request_figures_fold, note_figures_changed;

ALTER TABLE partnership_lifecycle
    ADD COLUMN title                TEXT,
    ADD COLUMN stage                VARCHAR(20),
    ADD COLUMN status               VARCHAR(20),
    ADD COLUMN closed_reason        TEXT,
    ADD COLUMN waiting_since        DATE,
    ADD COLUMN reached              TEXT[],
    ADD COLUMN furthest             VARCHAR(20);

UPDATE partnership_lifecycle l
SET title = coalesce(s.title, ''),
    stage = coalesce(s.stage, 'IDEA'),
    status = coalesce(s.status, l.closed_as, 'ACTIVE'),
    closed_reason = CASE WHEN s.status = 'ABANDONED' THEN s.status_reason END,
    waiting_since = lifecycle_waiting_since(l),
    reached = ARRAY(SELECT stage.name
                    FROM unnest(ARRAY['IDEA', 'MARKET_DIALOGUE', 'TENDER', 'PILOT', 'IMPLEMENTATION', 'EVALUATION'])
                         WITH ORDINALITY AS stage(name, position)
                    WHERE l.reached_stages & (1 << CAST(stage.position - 1 AS integer)) <> 0
                    ORDER BY stage.position),
    furthest = (ARRAY['IDEA', 'MARKET_DIALOGUE', 'TENDER', 'PILOT', 'IMPLEMENTATION', 'EVALUATION'])[l.furthest_stage + 1]
FROM partnership_lifecycle l2 LEFT JOIN partnership_summary s ON s.id = l2.partnership_id
WHERE l2.partnership_id = l.partnership_id;

DROP FUNCTION lifecycle_waiting_since;
DROP INDEX partnership_lifecycle_stalled, partnership_lifecycle_abandoned_after_pilot;
ALTER TABLE partnership_lifecycle DROP COLUMN reached_stages, DROP COLUMN furthest_stage, DROP COLUMN closed_as;
ALTER TABLE partnership_lifecycle RENAME COLUMN reached TO reached_stages;
ALTER TABLE partnership_lifecycle RENAME COLUMN furthest TO furthest_stage;
ALTER TABLE partnership_lifecycle
    ALTER COLUMN title SET NOT NULL,
    ALTER COLUMN stage SET NOT NULL,
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN reached_stages SET NOT NULL,
    ALTER COLUMN furthest_stage SET NOT NULL;

-- The readiness items the implementation gap lists: unresolved, of partnerships not closed.
CREATE TABLE lifecycle_readiness_item (
    partnership_id VARCHAR(64) NOT NULL REFERENCES partnership_lifecycle (partnership_id) ON DELETE CASCADE,
    item_id        VARCHAR(64) NOT NULL,
    type           VARCHAR(40) NOT NULL,
    description    TEXT        NOT NULL,
    owner          TEXT        NOT NULL,
    added_on       DATE        NOT NULL,
    PRIMARY KEY (partnership_id, item_id)
);
CREATE INDEX lifecycle_readiness_item_oldest ON lifecycle_readiness_item (added_on, partnership_id, item_id);
INSERT INTO lifecycle_readiness_item (partnership_id, item_id, type, description, owner, added_on)
SELECT i.partnership_id, i.item_id, i.type, i.description, i.owner, i.added_on
FROM partnership_readiness_item i JOIN partnership_lifecycle l ON l.partnership_id = i.partnership_id
WHERE i.resolved_on IS NULL AND l.status IN ('ACTIVE', 'ON_HOLD');

-- The implementation gap's lists, oldest first, read only the partnerships they can hold.
CREATE INDEX partnership_lifecycle_waiting ON partnership_lifecycle (waiting_since, partnership_id)
    WHERE waiting_since IS NOT NULL;
CREATE INDEX partnership_lifecycle_abandoned_after_pilot ON partnership_lifecycle (partnership_id)
    WHERE status = 'ABANDONED' AND pilot_succeeded_on IS NOT NULL;

-- A stay is read with its partnership, by the primary key; the figures no longer aggregate stays in SQL.
DROP INDEX partnership_stage_stay_open;
ALTER TABLE partnership_stage_stay DROP COLUMN stage_order, DROP COLUMN department, DROP COLUMN kind,
    DROP COLUMN proposed_on;

ALTER TABLE figure_conversion ADD COLUMN stage VARCHAR(20);
UPDATE figure_conversion
SET stage = (ARRAY['IDEA', 'MARKET_DIALOGUE', 'TENDER', 'PILOT', 'IMPLEMENTATION', 'EVALUATION'])[stage_order + 1];
DELETE FROM figure_conversion WHERE stage IS NULL;
ALTER TABLE figure_conversion DROP COLUMN stage_order, ALTER COLUMN stage SET NOT NULL,
    ADD PRIMARY KEY (department, kind, year, stage);

-- Cells the triggers left at zero: the Java rules remove a cell when its counts fall to zero.
DELETE FROM figure_active WHERE partnerships = 0 AND open_readiness_items = 0;
DELETE FROM figure_conversion WHERE entered = 0 AND went_on = 0;
DELETE FROM figure_quarter
WHERE proposed = 0 AND pilots_started = 0 AND implementations_started = 0 AND completed = 0 AND abandoned = 0;
DELETE FROM figure_stay_length WHERE stays = 0;
DELETE FROM figure_waiting WHERE partnerships = 0;
DELETE FROM figure_after_pilot WHERE succeeded = 0 AND implemented = 0;

ALTER TABLE partnership_summary DROP COLUMN open_readiness_items;
DROP INDEX partnership_readiness_item_open;

-- Read models whose rows the product rebuilds from the events when it starts (ReadModelUpgrade): readers keep the
-- converted rows until the rebuilt ones replace them in one transaction.
CREATE TABLE read_model_rebuild_request (
    read_model   TEXT        PRIMARY KEY,
    reason       TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO read_model_rebuild_request (read_model, reason)
SELECT 'partnership-lifecycle', 'its rules moved from the database into Java'
WHERE EXISTS (SELECT 1 FROM partnership_lifecycle);
