-- The event store: Axon's JdbcEventStorageEngine tables, snake_case (see EventStoreConfiguration).
-- Payload and metadata are JSON bytes in bytea: readable with convert_from(payload, 'UTF8'), never large objects.
-- global_index is a BIGSERIAL: its sequence steps by 1 and caches 1, so the global index has no gaps of 50.
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (global_index),
    -- Two writers appending the same sequence number: the second fails, so concurrent writers are safe.
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier UNIQUE (event_identifier)
);

-- Tracking tokens of Axon event processors (Axon's default JdbcTokenStore layout). The query side creates the
-- same table if it runs alone, hence IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- Answers to writes sent with an Idempotency-Key, so that a retry gets the first answer and appends nothing.
-- scope is the partnership id, or 'new-partnership' for proposals (whose id does not exist yet).
CREATE TABLE idempotent_request (
    scope           VARCHAR(255)  NOT NULL,
    idempotency_key VARCHAR(255)  NOT NULL,
    request_hash    CHAR(64)      NOT NULL,
    status          INTEGER,
    location        VARCHAR(1000),
    response_body   TEXT,
    version         BIGINT,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);
