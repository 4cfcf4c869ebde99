package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A benefit the partnership is expected to deliver, declared so that someone can later say whether it did.
 *
 * @param benefitId   the benefit's id within the partnership
 * @param description what is expected, in the department's words
 * @param unit        what {@code expected} is counted in (e.g. "kr. pr. år", "t CO2"); null for a benefit not counted
 * @param expected    the expected amount in {@code unit}; null when not counted or not known yet
 */
@Revision("1")
public record BenefitDeclaredEvent(
        String partnershipId,
        String benefitId,
        BenefitCategory category,
        String description,
        String unit,
        BigDecimal expected,
        LocalDate effectiveDate) implements PartnershipEvent {
}
