-- What every read model shares. The read models are derived data: each is rebuilt from the events whenever needed
-- (ProjectionRebuilds). This baseline and the four after it (one per read model) are the whole read schema; a
-- database of the 2026-12 release or earlier reaches the same schema through db/readmodel-upgrade first
-- (ReadModelMigrations).

-- Tracking tokens of the projections when they read the event store in-process (standalone). Same layout as the
-- command side's; whichever side migrates first creates it.
CREATE TABLE IF NOT EXISTS tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- Per read model, a counter its projection bumps in every transaction that changes it: readers cache what they
-- computed until the counter moves (FiguresCache).
CREATE TABLE read_model_change (
    read_model TEXT   PRIMARY KEY,
    changes    BIGINT NOT NULL
);

-- Read models to rebuild from the events when the product starts (ReadModelUpgrade): a migration that changes what
-- a read model holds asks for it here; the rebuild's swap into the live tables clears the request.
CREATE TABLE read_model_rebuild_request (
    read_model   TEXT        PRIMARY KEY,
    reason       TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
