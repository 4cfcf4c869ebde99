package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The partnership moved one stage forward. {@code reason} is an optional note. */
@Revision("1")
public record StageAdvancedEvent(
        String partnershipId,
        Stage from,
        Stage to,
        String reason,
        LocalDate effectiveDate) implements PartnershipEvent {
}
