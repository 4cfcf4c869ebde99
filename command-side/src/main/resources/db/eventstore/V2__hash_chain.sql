-- Tamper evidence: each partnership's events form a hash chain. When an event is stored, PostgreSQL computes
--   entry_hash = hex(SHA-256(canonical form))
-- over the canonical form (UTF-8 text, fields joined by a line feed, in this order):
--   previous entry_hash (64 zeros for sequence 0), aggregate_identifier, sequence_number, event_identifier,
--   payload_type, payload_revision ('' when null), time_stamp, base64(payload), base64(meta_data) ('' when null)
-- base64 is PostgreSQL's encode(..., 'base64') with its line breaks removed (standard base64, no wrapping).
-- The same algorithm is in HashChain.java and in the README, so an auditor can verify an export offline.
ALTER TABLE domain_event_entry ADD COLUMN entry_hash CHAR(64);

-- The last link of each chain, so that deleting the newest event is noticed too.
CREATE TABLE event_chain_head (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    last_sequence        BIGINT       NOT NULL,
    last_hash            CHAR(64)     NOT NULL
);

CREATE FUNCTION event_canonical_form(previous_hash TEXT, e domain_event_entry) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$
    SELECT previous_hash || E'\n' || e.aggregate_identifier || E'\n' || e.sequence_number::text || E'\n'
        || e.event_identifier || E'\n' || e.payload_type || E'\n' || coalesce(e.payload_revision, '') || E'\n'
        || e.time_stamp || E'\n' || replace(encode(e.payload, 'base64'), E'\n', '') || E'\n'
        || coalesce(replace(encode(e.meta_data, 'base64'), E'\n', ''), '')
$$;

CREATE FUNCTION domain_event_entry_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    previous TEXT;
BEGIN
    IF NEW.sequence_number = 0 THEN
        previous := repeat('0', 64);
    ELSE
        SELECT entry_hash INTO previous FROM domain_event_entry
        WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF previous IS NULL THEN
            RAISE EXCEPTION 'Event % of % has no predecessor to chain to', NEW.sequence_number, NEW.aggregate_identifier;
        END IF;
    END IF;
    NEW.entry_hash := encode(sha256(convert_to(event_canonical_form(previous, NEW), 'UTF8')), 'hex');
    INSERT INTO event_chain_head (aggregate_identifier, last_sequence, last_hash)
    VALUES (NEW.aggregate_identifier, NEW.sequence_number, NEW.entry_hash)
    ON CONFLICT (aggregate_identifier) DO UPDATE
        SET last_sequence = EXCLUDED.last_sequence, last_hash = EXCLUDED.last_hash
        WHERE event_chain_head.last_sequence < EXCLUDED.last_sequence;
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_chain BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_chain();

-- Events stored before this migration are chained now, in order.
DO $$
DECLARE
    e domain_event_entry;
    previous TEXT;
    last_aggregate TEXT := NULL;
BEGIN
    FOR e IN SELECT * FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number LOOP
        IF last_aggregate IS DISTINCT FROM e.aggregate_identifier THEN
            previous := repeat('0', 64);
            last_aggregate := e.aggregate_identifier;
        END IF;
        previous := encode(sha256(convert_to(event_canonical_form(previous, e), 'UTF8')), 'hex');
        UPDATE domain_event_entry SET entry_hash = previous WHERE global_index = e.global_index;
        INSERT INTO event_chain_head VALUES (e.aggregate_identifier, e.sequence_number, previous)
        ON CONFLICT (aggregate_identifier) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,
            last_hash = EXCLUDED.last_hash;
    END LOOP;
END
$$;
