package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The tender ended with an award.
 *
 * @param valueDkk           the agreement's total value in Danish kroner, or {@code null} when not disclosed
 * @param buyers             the named organisations that may buy on the agreement
 * @param buyerCount         how many organisations signed, named or not (the seed names two of eight)
 * @param frameworkAgreement whether the award is a framework agreement rather than a single contract
 */
@Revision("1")
public record AwardRecordedEvent(
        String partnershipId,
        String supplier,
        BigDecimal valueDkk,
        List<String> buyers,
        int buyerCount,
        boolean frameworkAgreement,
        LocalDate effectiveDate) implements PartnershipEvent {

    public AwardRecordedEvent {
        buyers = buyers == null ? List.of() : List.copyOf(buyers);
        buyerCount = Math.max(buyerCount, buyers.size());
    }
}
