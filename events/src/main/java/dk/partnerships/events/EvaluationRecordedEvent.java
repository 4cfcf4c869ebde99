package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The evaluation of the partnership. Benefits are free text: the source document's benefits (relationships,
 * agility, knowledge) are qualitative, and a forced numeric scale would invent precision nobody has.
 */
@Revision("1")
public record EvaluationRecordedEvent(
        String partnershipId,
        String summary,
        String benefitsExpected,
        String benefitsRealised,
        LocalDate effectiveDate) implements PartnershipEvent {
}
