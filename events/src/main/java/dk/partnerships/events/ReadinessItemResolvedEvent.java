package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record ReadinessItemResolvedEvent(
        String partnershipId,
        String itemId,
        String note,
        LocalDate effectiveDate) implements PartnershipEvent {
}
