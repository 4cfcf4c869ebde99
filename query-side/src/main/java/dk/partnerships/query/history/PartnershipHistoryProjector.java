package dk.partnerships.query.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.query.projection.AppendOnlyProjection;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionStatement;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends each event to the log once; a redelivered event hits the primary key and changes nothing. A batch of
 * events goes in as one statement ({@link #appendAll}); {@link #statementFor} is the same row for one event.
 */
public class PartnershipHistoryProjector implements AppendOnlyProjection {

    public static final String NAME = "partnership-history";

    private final JdbcClient jdbc;
    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    public PartnershipHistoryProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProjectionStatement statementFor(ProjectedEvent event) {
        try {
            return ProjectionStatement.sql("""
                            INSERT INTO partnership_event_log (partnership_id, sequence, type, effective_date, recorded_at,
                                recorded_by, recorded_by_name, recorded_as, correlation_id, command_id, data)
                            VALUES (:id, :sequence, :type, :effective, :recordedAt, :by, :byName, :as, :correlation, :command,
                                CAST(:data AS jsonb))
                            ON CONFLICT (partnership_id, sequence) DO NOTHING""")
                    .param("id", event.partnershipId()).param("sequence", event.sequence())
                    .param("type", PartnershipEventJson.typeName(event.payload().getClass()))
                    .param("effective", event.payload().effectiveDate())
                    .param("recordedAt", Timestamp.from(event.recordedAt()))
                    .param("by", event.metadataValue(EventMetadata.USER_ID))
                    .param("byName", event.metadataValue(EventMetadata.USER_NAME))
                    .param("as", event.metadataValue(EventMetadata.USER_ROLE))
                    .param("correlation", event.metadataValue(EventMetadata.CORRELATION_ID))
                    .param("command", event.metadataValue(EventMetadata.COMMAND_ID))
                    .param("data", json.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event read from JSON can always be written as JSON", e);
        }
    }

    /**
     * The batch as one JSON array of rows that PostgreSQL turns into a set ({@code jsonb_to_recordset}), inserted by
     * one statement: the same columns and values as {@link #statementFor}, without executing a statement per event.
     * The events it inserted come back by their keys.
     */
    @Override
    public List<ProjectedEvent> appendAll(NamedParameterJdbcOperations jdbc, List<ProjectedEvent> events) {
        Set<String> inserted = new HashSet<>(jdbc.query("""
                        INSERT INTO partnership_event_log (partnership_id, sequence, type, effective_date, recorded_at,
                            recorded_by, recorded_by_name, recorded_as, correlation_id, command_id, data)
                        SELECT r.partnership_id, r.sequence, r.type, r.effective_date, r.recorded_at, r.recorded_by,
                               r.recorded_by_name, r.recorded_as, r.correlation_id, r.command_id, r.data
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(partnership_id text, sequence bigint,
                            type text, effective_date date, recorded_at timestamptz, recorded_by text,
                            recorded_by_name text, recorded_as text, correlation_id text, command_id text, data jsonb)
                        ON CONFLICT (partnership_id, sequence) DO NOTHING
                        RETURNING partnership_id, sequence""", Map.of("rows", rows(events)),
                (rs, row) -> key(rs.getString(1), rs.getLong(2))));
        List<ProjectedEvent> appended = new ArrayList<>(inserted.size());
        for (ProjectedEvent event : events) {
            // remove: an event given twice was inserted once
            if (inserted.remove(key(event.partnershipId(), event.sequence()))) {
                appended.add(event);
            }
        }
        return appended;
    }

    private static String key(String partnershipId, long sequence) {
        return partnershipId + "/" + sequence;
    }

    private String rows(List<ProjectedEvent> events) {
        StringWriter text = new StringWriter(events.size() * 1024);
        try (JsonGenerator rows = json.getFactory().createGenerator(text)) {
            rows.writeStartArray();
            for (ProjectedEvent event : events) {
                rows.writeStartObject();
                rows.writeStringField("partnership_id", event.partnershipId());
                rows.writeNumberField("sequence", event.sequence());
                rows.writeStringField("type", PartnershipEventJson.typeName(event.payload().getClass()));
                rows.writeStringField("effective_date", event.payload().effectiveDate().toString());
                // As the JDBC driver sends a Timestamp: to the microsecond, half a microsecond rounded up.
                rows.writeStringField("recorded_at",
                        event.recordedAt().plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString());
                rows.writeStringField("recorded_by", event.metadataValue(EventMetadata.USER_ID));
                rows.writeStringField("recorded_by_name", event.metadataValue(EventMetadata.USER_NAME));
                rows.writeStringField("recorded_as", event.metadataValue(EventMetadata.USER_ROLE));
                rows.writeStringField("correlation_id", event.metadataValue(EventMetadata.CORRELATION_ID));
                rows.writeStringField("command_id", event.metadataValue(EventMetadata.COMMAND_ID));
                rows.writeFieldName("data");
                rows.writeRawValue(json.writeValueAsString(event.payload()));
                rows.writeEndObject();
            }
            rows.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("Events read from JSON can always be written as JSON", e);
        }
        return text.toString();
    }

    /** The log keeps every event once, in any order: an event it did not insert is one it already holds. */
    @Override
    public void confirmAlreadyApplied(ProjectedEvent event) {
    }

    @Override
    public void clear() {
        jdbc.sql("TRUNCATE partnership_event_log").update();
    }

    @Override
    public EventProjection writingTo(JdbcClient other) {
        return new PartnershipHistoryProjector(other);
    }

    @Override
    public List<String> tables() {
        return List.of("partnership_event_log");
    }
}
