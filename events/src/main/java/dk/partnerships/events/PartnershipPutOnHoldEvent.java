package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record PartnershipPutOnHoldEvent(
        String partnershipId,
        String reason,
        LocalDate effectiveDate) implements PartnershipEvent {
}
