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
 * @param lead               revision 1 only: the lead's name in plain text; {@code null} from revision 2 on
 * @param leadPersonId       the lead, a person whose name is kept outside the event log so that it can be erased
 *                           (see the command side's {@code people} package); {@code null} in revision 1
 * @param expectedValueDkk   expected value in Danish kroner, or {@code null} when not yet known
 */
// Revision 2: the lead's name left the payload for a person id (erasable personal data). Revision 1 events still
// read, with the name in "lead"; no upcaster, because the name cannot be moved out of an event already stored.
@Revision("2")
public record PartnershipProposedEvent(
        String partnershipId,
        String title,
        PartnershipKind kind,
        String department,
        String owningOrganisation,
        String lead,
        String leadPersonId,
        String need,
        List<String> partners,
        BigDecimal expectedValueDkk,
        LocalDate effectiveDate) implements PartnershipEvent {

    public PartnershipProposedEvent {
        partners = partners == null ? List.of() : List.copyOf(partners);
    }
}
