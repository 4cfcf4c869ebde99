package dk.partnerships.query.summaries;

import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A benefit a partnership is expected to deliver, with its follow-ups oldest first; {@code assessment},
 * {@code realised} and {@code followedUpOn} repeat the latest one (null before the first).
 */
public record Benefit(String benefitId, BenefitCategory category, String description, String unit,
                      BigDecimal expected, LocalDate declaredOn, BenefitAssessment assessment, BigDecimal realised,
                      LocalDate followedUpOn, List<FollowUp> followUps) {

    public record FollowUp(String followUpId, BenefitAssessment assessment, BigDecimal realised, String note,
                           LocalDate effectiveDate) {
    }
}
