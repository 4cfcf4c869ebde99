package dk.partnerships.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipEventJson;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Reads a partnership's logged events, whole or up to an effective date and a recording moment. */
class PartnershipHistoryRepository {

    /** One logged event, with its payload read back into the event record. */
    record LoggedEvent(long sequence, String type, LocalDate effectiveDate, Instant recordedAt, String recordedBy,
                       String recordedByName, String recordedAs, String correlationId, PartnershipEvent event, String data) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    PartnershipHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param asOf    only events effective on or before this date ({@code null}: all)
     * @param knownAt only events recorded before this moment ({@code null}: all)
     */
    List<LoggedEvent> events(String partnershipId, LocalDate asOf, Instant knownAt) {
        return jdbc.sql("""
                        SELECT sequence, type, effective_date, recorded_at, recorded_by, recorded_by_name, recorded_as,
                               correlation_id, data::text AS data
                        FROM partnership_event_log
                        WHERE partnership_id = :id
                          AND (CAST(:asOf AS date) IS NULL OR effective_date <= CAST(:asOf AS date))
                          AND (CAST(:knownAt AS timestamptz) IS NULL OR recorded_at < CAST(:knownAt AS timestamptz))
                        ORDER BY sequence""")
                .param("id", partnershipId)
                .param("asOf", asOf)
                .param("knownAt", knownAt == null ? null : Timestamp.from(knownAt))
                .query((rs, row) -> {
                    String type = rs.getString("type");
                    Class<? extends PartnershipEvent> eventType = PartnershipEventJson.eventType(type)
                            .orElseThrow(() -> new IllegalStateException("Unknown event type " + type));
                    try {
                        return new LoggedEvent(rs.getLong("sequence"), type, rs.getObject("effective_date", LocalDate.class),
                                rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"),
                                rs.getString("recorded_by_name"), rs.getString("recorded_as"), rs.getString("correlation_id"), json.readValue(rs.getString("data"), eventType),
                                rs.getString("data"));
                    } catch (IOException e) {
                        throw new IllegalStateException("Unreadable logged event " + partnershipId + "#" + rs.getLong("sequence"), e);
                    }
                }).list();
    }

    boolean exists(String partnershipId) {
        return jdbc.sql("SELECT count(*) FROM partnership_event_log WHERE partnership_id = :id AND sequence = 0")
                .param("id", partnershipId).query(Long.class).single() > 0;
    }
}
