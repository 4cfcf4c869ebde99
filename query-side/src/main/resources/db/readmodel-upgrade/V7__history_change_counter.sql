-- Every read model has a change counter: the projections bump theirs once per transaction that changed it, the
-- event log's included (one code path for all projections, see ProjectionBatch).
INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-history', 0) ON CONFLICT DO NOTHING;
