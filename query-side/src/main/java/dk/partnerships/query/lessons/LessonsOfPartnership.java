package dk.partnerships.query.lessons;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/** The lessons one partnership recorded, in the order they were recorded: what its page and its detail show. */
public class LessonsOfPartnership {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    LessonsOfPartnership(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Outside the application context (tests, tools). */
    public static LessonsOfPartnership reading(JdbcClient jdbc, JsonMapper json) {
        return new LessonsOfPartnership(jdbc, json);
    }

    public List<Lesson> of(String partnershipId) {
        return jdbc.sql("""
                        SELECT lesson_id, text, tags, stage, effective_date, recorded_at FROM partnership_lesson
                        WHERE partnership_id = :id ORDER BY recorded_at, lesson_id""")
                .param("id", partnershipId).query((rs, row) -> LessonRows.lesson(rs, json)).list();
    }
}
