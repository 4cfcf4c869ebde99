package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The procedure of a tender, recorded with the move into TENDER, and which market contacts' shared information went
 * out with the tender documents: what one organisation learned in dialogue must reach every bidder.
 *
 * @param reason            why no procedure ({@link TenderProcedure#NONE}); null otherwise
 * @param publishedContacts the contact ids whose shared information was published with the tender documents
 */
@Revision("1")
public record TenderProcedureChosenEvent(
        String partnershipId,
        TenderProcedure procedure,
        String reason,
        List<String> publishedContacts,
        LocalDate effectiveDate) implements PartnershipEvent {

    public TenderProcedureChosenEvent {
        publishedContacts = publishedContacts == null ? List.of() : List.copyOf(publishedContacts);
    }
}
