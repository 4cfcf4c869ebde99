package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A contact with an organisation before or during the tender (market dialogue), kept so that what one possible
 * bidder learned can be shown to have reached all of them (equal treatment).
 *
 * @param contactId         the contact's id within the partnership
 * @param organisation      the company or other organisation met
 * @param summary           what the contact was about
 * @param informationShared what the municipality told the organisation that others may not know; null when nothing
 */
@Revision("1")
public record MarketContactRecordedEvent(
        String partnershipId,
        String contactId,
        String organisation,
        MarketContactForm form,
        String summary,
        String informationShared,
        LocalDate effectiveDate) implements PartnershipEvent {
}
