package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The partnership went back to an earlier stage (a failed tender re-run, a pilot repeated), for a stated reason. */
@Revision("1")
public record StageRevertedEvent(
        String partnershipId,
        Stage from,
        Stage to,
        String reason,
        LocalDate effectiveDate) implements PartnershipEvent {
}
