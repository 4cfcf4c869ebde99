-- How often each read model changed: bumped in the same transaction as every change (and by a rebuild's swap), so
-- a reader can tell whether figures it computed earlier are still current (see FiguresCache).
CREATE TABLE read_model_change (
    read_model TEXT PRIMARY KEY,
    changes    BIGINT NOT NULL
);
INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-summaries', 0), ('partnership-lifecycle', 0);
