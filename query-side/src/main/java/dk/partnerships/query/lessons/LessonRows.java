package dk.partnerships.query.lessons;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/** Reads lessons from the rows of {@code partnership_lesson} and {@code lesson_partnership}. */
final class LessonRows {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private LessonRows() {
    }

    /** A lesson and its partnership (columns partnership_id, title, department, kind and those of {@link #lesson}). */
    static FoundLesson found(ResultSet rs, JsonMapper json) throws SQLException {
        Lesson lesson = lesson(rs, json);
        return new FoundLesson(rs.getString("partnership_id"), rs.getString("title"), rs.getString("department"),
                PartnershipKind.valueOf(rs.getString("kind")), lesson.lessonId(), lesson.text(), lesson.tags(),
                lesson.stage(), lesson.effectiveDate(), lesson.recordedAt());
    }

    /** A lesson (columns lesson_id, text, tags, stage, effective_date, recorded_at). */
    static Lesson lesson(ResultSet rs, JsonMapper json) throws SQLException {
        return new Lesson(rs.getString("lesson_id"), rs.getString("text"), json.readValue(rs.getString("tags"), STRINGS),
                Stage.valueOf(rs.getString("stage")), rs.getObject("effective_date", LocalDate.class),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
