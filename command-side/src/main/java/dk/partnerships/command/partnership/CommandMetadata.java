package dk.partnerships.command.partnership;

import dk.partnerships.events.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Who sends a command, when, and under which request. Axon copies these keys into the metadata of every event
 * the command causes (see {@code EventStoreConfiguration#partnershipMetadataProvider}).
 */
public record CommandMetadata(String userId, Instant recordedAt, LocalDate effectiveDate, String commandId,
                              String correlationId) {

    public CommandMessage<Object> wrap(Object command) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.USER_ID, userId);
        metadata.put(EventMetadata.RECORDED_AT, recordedAt.toString());
        metadata.put(EventMetadata.EFFECTIVE_DATE, effectiveDate.toString());
        metadata.put(EventMetadata.COMMAND_ID, commandId);
        metadata.put(EventMetadata.CORRELATION_ID, correlationId);
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
    }
}
