package dk.partnerships.query.lifecycle;

import dk.partnerships.events.ReadinessType;

import java.time.LocalDate;

/** A readiness item not resolved yet, of a partnership not closed yet: what the implementation gap lists. */
public record OpenReadinessItem(String itemId, ReadinessType type, String description, String owner,
                                LocalDate addedOn) {
}
