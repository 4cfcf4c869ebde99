package dk.partnerships.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipEventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays the event store table straight over JDBC (standalone, where the read side shares the database), up to a
 * global index. Streams with a server-side cursor, so a store of millions of events is never held in memory.
 */
public class EventStoreReplay implements EventReplay {

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final long upToGlobalIndex;
    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    public EventStoreReplay(DataSource dataSource, TransactionTemplate transaction, long upToGlobalIndex) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.transaction = transaction;
        this.upToGlobalIndex = upToGlobalIndex;
    }

    @Override
    public long total() {
        Long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?", Long.class,
                upToGlobalIndex);
        return total == null ? 0 : total;
    }

    @Override
    public long replay(Consumer<ProjectedEvent> sink) {
        long[] delivered = {0};
        // A cursor needs a transaction in PostgreSQL; read-only, it holds no locks that block writers.
        transaction.executeWithoutResult(status -> jdbc.query("""
                        SELECT aggregate_identifier, sequence_number, payload_type, payload, meta_data, time_stamp
                        FROM domain_event_entry WHERE global_index <= ? ORDER BY global_index""",
                (RowCallbackHandler) rs -> {
                    String type = rs.getString("payload_type");
                    Class<? extends PartnershipEvent> eventType = PartnershipEventJson
                            .eventType(type.substring(type.lastIndexOf('.') + 1))
                            .orElseThrow(() -> new IllegalStateException("Unknown event type " + type));
                    try {
                        byte[] metadata = rs.getBytes("meta_data");
                        sink.accept(new ProjectedEvent(json.readValue(rs.getBytes("payload"), eventType),
                                rs.getLong("sequence_number"), Instant.parse(rs.getString("time_stamp")),
                                metadata == null ? Map.of() : json.readValue(metadata, METADATA)));
                    } catch (IOException e) {
                        throw new IllegalStateException("Unreadable event " + rs.getString("aggregate_identifier")
                                + "#" + rs.getLong("sequence_number"), e);
                    }
                    delivered[0]++;
                }, upToGlobalIndex));
        return delivered[0];
    }
}
