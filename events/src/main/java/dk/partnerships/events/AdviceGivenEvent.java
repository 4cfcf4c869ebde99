package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * An advisor of the central procurement and legal unit answered an advice request; who answered is in the event's
 * metadata, as for every event.
 *
 * @param requestId the request answered
 */
@Revision("1")
public record AdviceGivenEvent(
        String partnershipId,
        String requestId,
        String answer,
        LocalDate effectiveDate) implements PartnershipEvent {
}
