package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The partnership was evaluated and closed. Final. */
@Revision("1")
public record PartnershipCompletedEvent(
        String partnershipId,
        LocalDate effectiveDate) implements PartnershipEvent {
}
