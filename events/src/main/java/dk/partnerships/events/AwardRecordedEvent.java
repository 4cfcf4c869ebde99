package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The tender ended with an award.
 *
 * @param buyers             organisations that may buy on the agreement (e.g. eight municipalities)
 * @param frameworkAgreement whether the award is a framework agreement rather than a single contract
 */
@Revision("1")
public record AwardRecordedEvent(
        String partnershipId,
        String supplier,
        BigDecimal valueDkk,
        List<String> buyers,
        boolean frameworkAgreement,
        LocalDate effectiveDate) implements PartnershipEvent {

    public AwardRecordedEvent {
        buyers = buyers == null ? List.of() : List.copyOf(buyers);
    }
}
