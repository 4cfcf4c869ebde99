package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * Something the organisation must have before the solution can run in ordinary operation: a competence or an
 * organisational change. Open until resolved; open items are the visible part of the implementation gap.
 *
 * @param owner who is responsible for resolving the item (a role or unit rather than a private person)
 */
@Revision("1")
public record ReadinessItemAddedEvent(
        String partnershipId,
        String itemId,
        ReadinessType type,
        String description,
        String owner,
        LocalDate effectiveDate) implements PartnershipEvent {
}
