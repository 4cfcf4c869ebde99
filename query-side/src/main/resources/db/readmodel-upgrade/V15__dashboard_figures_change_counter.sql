-- The kept dashboard figures (V8, V10, V12) get a change counter of their own, so the lifecycle dashboard is
-- computed again only when a figure may have moved: a lesson recorded, a history entry, a title changes the read
-- models (and their counters, V6/V7) but no figure, and readers kept recomputing the figures after every one.
--
-- Bumped in the transaction that changes figures, whichever way: the fold at commit (requested only when a
-- counted column changed), emptying a read table (TRUNCATE), and counting again from the rows. Always before the
-- figure cells are touched (triggers of one event fire in the order of their names, and the recounts bump first),
-- so two transactions lock the counter and the cells in the same order and wait for each other instead of
-- deadlocking.
INSERT INTO read_model_change (read_model, changes) VALUES ('dashboard-figures', 0) ON CONFLICT DO NOTHING;

CREATE FUNCTION note_figures_changed() RETURNS void LANGUAGE sql AS $$
    UPDATE read_model_change SET changes = changes + 1 WHERE read_model = 'dashboard-figures';
$$;

CREATE FUNCTION figures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_figures_changed();
    RETURN NULL;
END $$;

-- A fold was requested: figures move at this transaction's commit.
CREATE CONSTRAINT TRIGGER figure_change_at_commit AFTER INSERT ON figure_fold_request
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figures_changed();

-- Named to fire before V8's figure_*_truncated, which empty the cells.
CREATE TRIGGER figure_changes_summary_truncated AFTER TRUNCATE ON partnership_summary
    FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
CREATE TRIGGER figure_changes_lifecycle_truncated AFTER TRUNCATE ON partnership_lifecycle
    FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();
CREATE TRIGGER figure_changes_stay_truncated AFTER TRUNCATE ON partnership_stage_stay
    FOR EACH STATEMENT EXECUTE FUNCTION figures_changed();

CREATE OR REPLACE FUNCTION refresh_active_figures() RETURNS void LANGUAGE sql AS $$
    SELECT note_figures_changed();
    DELETE FROM figure_pending_summary WHERE transaction_id = pg_current_xact_id();
    SELECT count_active_figures_from_rows();
$$;

CREATE OR REPLACE FUNCTION refresh_lifecycle_figures() RETURNS void LANGUAGE sql AS $$
    SELECT note_figures_changed();
    DELETE FROM figure_pending_lifecycle WHERE transaction_id = pg_current_xact_id();
    DELETE FROM figure_pending_stay WHERE transaction_id = pg_current_xact_id();
    SELECT count_lifecycle_figures_from_rows();
$$;
