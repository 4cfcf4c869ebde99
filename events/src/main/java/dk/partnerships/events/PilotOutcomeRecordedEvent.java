package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The pilot ended; its outcome and what was found. */
@Revision("1")
public record PilotOutcomeRecordedEvent(
        String partnershipId,
        PilotOutcome outcome,
        String findings,
        LocalDate effectiveDate) implements PartnershipEvent {
}
