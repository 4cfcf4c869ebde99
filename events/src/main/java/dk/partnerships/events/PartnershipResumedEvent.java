package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** @param reason optional note on why work resumed */
@Revision("1")
public record PartnershipResumedEvent(
        String partnershipId,
        String reason,
        LocalDate effectiveDate) implements PartnershipEvent {
}
