package dk.partnerships.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of the event store, exactly as stored: the bytes the hash chain covers, and the hash kept with them. */
record StoredEvent(long globalIndex, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                   String payloadType, String payloadRevision, String timeStamp, byte[] payload, byte[] metaData,
                   String entryHash) {

    static final String COLUMNS = "global_index, aggregate_identifier, sequence_number, event_identifier, payload_type, "
            + "payload_revision, time_stamp, payload, meta_data, entry_hash";

    static StoredEvent from(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
                rs.getBytes("meta_data"), rs.getString("entry_hash"));
    }
}
