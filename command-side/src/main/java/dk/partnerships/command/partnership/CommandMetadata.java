package dk.partnerships.command.partnership;

import dk.partnerships.events.EventMetadata;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who sends a command, when, and under which request. Axon copies the who/when/which keys into the metadata of
 * every event the command causes (see {@code EventStoreConfiguration#partnershipMetadataProvider}); the
 * departments the author may change travel with the command only, for the aggregate to check.
 *
 * @param userId      the signed-in user's id
 * @param userName    their display name
 * @param userRole    the role they act in
 * @param departments the departments whose partnerships they may change
 */
public record CommandMetadata(String userId, String userName, String userRole, Set<String> departments,
                              Instant recordedAt, LocalDate effectiveDate, String commandId, String correlationId) {

    /** Command metadata key: the author's departments, comma-separated (checked by {@link Partnership}). */
    static final String AUTHOR_DEPARTMENTS = "authorDepartments";

    public CommandMetadata {
        departments = Set.copyOf(departments);
    }

    public CommandMessage<Object> wrap(Object command) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.USER_ID, userId);
        metadata.put(EventMetadata.USER_NAME, userName);
        metadata.put(EventMetadata.USER_ROLE, userRole);
        metadata.put(AUTHOR_DEPARTMENTS, String.join(",", departments));
        metadata.put(EventMetadata.RECORDED_AT, recordedAt.toString());
        metadata.put(EventMetadata.EFFECTIVE_DATE, effectiveDate.toString());
        metadata.put(EventMetadata.COMMAND_ID, commandId);
        metadata.put(EventMetadata.CORRELATION_ID, correlationId);
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
    }
}
