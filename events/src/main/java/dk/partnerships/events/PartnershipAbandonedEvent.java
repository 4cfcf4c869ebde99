package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The partnership was stopped for good. Final. */
@Revision("1")
public record PartnershipAbandonedEvent(
        String partnershipId,
        Stage stage,
        String reason,
        LocalDate effectiveDate) implements PartnershipEvent {
}
