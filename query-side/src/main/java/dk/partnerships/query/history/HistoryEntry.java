package dk.partnerships.query.history;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event of a partnership's history as the API shows it: what happened ({@code summary}, {@code data}), on which
 * effective date, when it was recorded, by whom, as which role, and why.
 */
public record HistoryEntry(long sequence, String type, LocalDate effectiveDate, Instant recordedAt, String recordedBy,
                           String recordedByName, String recordedAs, String summary, String why, String correlationId,
                           JsonNode data) {
}
