package dk.partnerships.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.query.projection.StatementProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionStatement;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.List;

/** Appends each event to the log once; a redelivered event hits the primary key and changes nothing. */
public class PartnershipHistoryProjector implements StatementProjection {

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

    /** The log keeps every event once, in any order: an event it did not insert is one it already holds. */
    @Override
    public void confirmAlreadyApplied(ProjectedEvent event) {
    }

    /** Every source delivers a partnership's events in order, so the log holds them up to its latest. */
    @Override
    public long versionOf(String partnershipId) {
        return jdbc.sql("SELECT coalesce(max(sequence) + 1, 0) FROM partnership_event_log WHERE partnership_id = :id")
                .param("id", partnershipId).query(Long.class).single();
    }

    @Override
    public void clear() {
        jdbc.sql("TRUNCATE partnership_event_log").update();
    }

    @Override
    public StatementProjection writingTo(JdbcClient other) {
        return new PartnershipHistoryProjector(other);
    }

    @Override
    public List<String> tables() {
        return List.of("partnership_event_log");
    }
}
