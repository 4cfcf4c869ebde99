package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A need and a proposed approach were put forward; the partnership starts in {@link Stage#IDEA}.
 *
 * @param owningOrganisation the organisation that owns the partnership (the deploying municipality by default)
 * @param partners           organisations taking part besides the owner (companies, other municipalities)
 * @param expectedValueDkk   expected value in Danish kroner, or {@code null} when not yet known
 */
@Revision("1")
public record PartnershipProposedEvent(
        String partnershipId,
        String title,
        PartnershipKind kind,
        String department,
        String owningOrganisation,
        String lead,
        String need,
        List<String> partners,
        BigDecimal expectedValueDkk,
        LocalDate effectiveDate) implements PartnershipEvent {

    public PartnershipProposedEvent {
        partners = partners == null ? List.of() : List.copyOf(partners);
    }
}
