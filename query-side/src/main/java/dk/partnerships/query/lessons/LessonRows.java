package dk.partnerships.query.lessons;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a lesson, the same on a partnership and in the search. */
public final class LessonRows {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private LessonRows() {
    }

    /**
     * A lesson found across departments: its partnership ({@code partnership_id}, {@code title}, {@code department},
     * {@code kind} of the summary) and the lesson itself.
     */
    public static Map<String, Object> withPartnership(ResultSet rs, JsonMapper json) throws SQLException {
        Map<String, Object> lesson = new LinkedHashMap<>();
        lesson.put("partnershipId", rs.getString("partnership_id"));
        lesson.put("partnershipTitle", rs.getString("title"));
        lesson.put("department", rs.getString("department"));
        lesson.put("kind", rs.getString("kind"));
        lesson.putAll(lesson(rs, json));
        return lesson;
    }

    /** Reads a row of {@code partnership_lesson} (lesson_id, text, tags, stage, effective_date, recorded_at). */
    public static Map<String, Object> lesson(ResultSet rs, JsonMapper json) throws SQLException {
        Map<String, Object> lesson = new LinkedHashMap<>();
        lesson.put("lessonId", rs.getString("lesson_id"));
        lesson.put("text", rs.getString("text"));
        lesson.put("tags", json.readValue(rs.getString("tags"), STRINGS));
        lesson.put("stage", rs.getString("stage"));
        lesson.put("effectiveDate", rs.getObject("effective_date", LocalDate.class));
        lesson.put("recordedAt", rs.getTimestamp("recorded_at").toInstant());
        return lesson;
    }
}
