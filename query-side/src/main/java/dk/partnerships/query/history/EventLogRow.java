package dk.partnerships.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.query.projection.ProjectedEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the history log keeps of one event: one row of {@code partnership_event_log}, the same whether the live
 * feed's statement or a rebuild's COPY writes it.
 */
record EventLogRow(String partnershipId, long sequence, String type, LocalDate effectiveDate, Instant recordedAt,
                   String recordedBy, String recordedByName, String recordedAs, String correlationId, String commandId,
                   String data) {

    /** The columns, in the order of {@link #values()}. */
    static final List<String> COLUMNS = List.of("partnership_id", "sequence", "type", "effective_date", "recorded_at",
            "recorded_by", "recorded_by_name", "recorded_as", "correlation_id", "command_id", "data");

    static EventLogRow of(ProjectedEvent event, ObjectMapper json) {
        try {
            return new EventLogRow(event.partnershipId(), event.sequence(),
                    PartnershipEventJson.typeName(event.payload().getClass()), event.payload().effectiveDate(),
                    event.recordedAt(), event.metadataValue(EventMetadata.USER_ID),
                    event.metadataValue(EventMetadata.USER_NAME), event.metadataValue(EventMetadata.USER_ROLE),
                    event.metadataValue(EventMetadata.CORRELATION_ID), event.metadataValue(EventMetadata.COMMAND_ID),
                    json.writeValueAsString(event.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event read from JSON can always be written as JSON", e);
        }
    }

    Object[] values() {
        return new Object[]{partnershipId, sequence, type, effectiveDate, recordedAt, recordedBy, recordedByName,
                recordedAs, correlationId, commandId, data};
    }
}
