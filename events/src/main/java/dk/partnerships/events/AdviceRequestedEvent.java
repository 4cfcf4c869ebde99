package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A project lead asked the central procurement and legal unit for advice on the partnership.
 *
 * @param requestId the request's id within the partnership
 */
@Revision("1")
public record AdviceRequestedEvent(
        String partnershipId,
        String requestId,
        AdviceTopic topic,
        String question,
        LocalDate effectiveDate) implements PartnershipEvent {
}
