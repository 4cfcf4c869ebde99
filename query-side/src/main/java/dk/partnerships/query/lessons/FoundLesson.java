package dk.partnerships.query.lessons;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A lesson found across departments, with the partnership it was learned in. */
public record FoundLesson(String partnershipId, String partnershipTitle, String department, PartnershipKind kind,
                          String lessonId, String text, List<String> tags, Stage stage, LocalDate effectiveDate,
                          Instant recordedAt) {
}
