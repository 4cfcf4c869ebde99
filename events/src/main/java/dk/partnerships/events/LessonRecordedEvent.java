package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A lesson learned, to be shared across departments.
 *
 * @param stage the stage the partnership was in when the lesson was recorded
 */
@Revision("1")
public record LessonRecordedEvent(
        String partnershipId,
        String lessonId,
        String text,
        List<String> tags,
        Stage stage,
        LocalDate effectiveDate) implements PartnershipEvent {

    public LessonRecordedEvent {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
