package dk.partnerships.query.summaries;

import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.TenderProcedure;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/partnerships/{id}/equal-treatment}: what organisations were told in market dialogue, and whether it
 * went out with the tender documents to every bidder. Information shared with some and not published is flagged once
 * the partnership has gone into TENDER.
 *
 * @param tenderEnteredOn the latest move into TENDER; null while no tender has gone out
 * @param procedure       that tender's procedure; null when the move into TENDER named none
 * @param flagged         shared in dialogue up to that tender and not published with it (empty before a tender)
 * @param published       shared in dialogue and published with a tender
 * @param notYetDue       shared before any tender, or after the latest one went out (not checked against one)
 */
public record EqualTreatment(String partnershipId, LocalDate tenderEnteredOn, TenderProcedure procedure,
                             String procedureReason, List<SharedInformation> flagged,
                             List<SharedInformation> published, List<SharedInformation> notYetDue) {

    public EqualTreatment {
        flagged = List.copyOf(flagged);
        published = List.copyOf(published);
        notYetDue = List.copyOf(notYetDue);
    }

    /** What one organisation was told in one contact. */
    public record SharedInformation(String contactId, String organisation, MarketContactForm form,
                                    String informationShared, LocalDate effectiveDate) {
    }

    /** A flagged contact across partnerships, for the central unit's list on the gap page. */
    public record Flagged(String partnershipId, String title, String department, LocalDate tenderEnteredOn,
                          String organisation, String informationShared, LocalDate sharedOn) {
    }

    /** A partnership whose move into TENDER named no procedure. */
    public record WithoutProcedure(String partnershipId, String title, String department, String stage,
                                   LocalDate tenderEnteredOn) {
    }
}
