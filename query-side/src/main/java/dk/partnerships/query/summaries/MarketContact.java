package dk.partnerships.query.summaries;

import dk.partnerships.events.MarketContactForm;

import java.time.LocalDate;

/**
 * A contact with an organisation in market dialogue, as {@code GET /api/partnerships/{id}/market-contacts} and the
 * partnership page list it.
 *
 * @param informationShared what the municipality told the organisation; null when nothing was noted
 */
public record MarketContact(String contactId, String organisation, MarketContactForm form, String summary,
                            String informationShared, LocalDate effectiveDate) {
}
