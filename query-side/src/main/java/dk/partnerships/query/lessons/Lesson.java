package dk.partnerships.query.lessons;

import dk.partnerships.events.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A lesson as a partnership shows it. */
public record Lesson(String lessonId, String text, List<String> tags, Stage stage, LocalDate effectiveDate,
                     Instant recordedAt) {
}
