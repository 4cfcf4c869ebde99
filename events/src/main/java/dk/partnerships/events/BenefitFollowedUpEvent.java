package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A look at whether a declared benefit was achieved; there may be several per benefit over the years, the latest
 * one says where it stands.
 *
 * @param followUpId the follow-up's id within the partnership
 * @param benefitId  the benefit followed up
 * @param realised   the amount realised so far, in the benefit's unit; null when not counted
 * @param note       what was found; null when nothing was written
 */
@Revision("1")
public record BenefitFollowedUpEvent(
        String partnershipId,
        String followUpId,
        String benefitId,
        BenefitAssessment assessment,
        BigDecimal realised,
        String note,
        LocalDate effectiveDate) implements PartnershipEvent {
}
