package dk.partnerships.query.lessons;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/lessons}: {@code q} is searched in the lesson texts with Danish and English stemming (so
 * "partnerskaber" finds "partnerskab") and matched against tags; the best matches come first. Without {@code q}
 * the newest lessons come first.
 */
@RestController
@RequestMapping(path = "/api/lessons", produces = MediaType.APPLICATION_JSON_VALUE)
public class LessonSearchController {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    LessonSearchController(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping
    public List<Map<String, Object>> search(@RequestParam(required = false) @Size(max = 200) String q,
                                     @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String department,
                                     @RequestParam(required = false) Stage stage,
                                     @RequestParam(required = false) PartnershipKind kind,
                                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        String query = q == null || q.isBlank() ? null : q.strip();
        return jdbc.sql("""
                        SELECT l.lesson_id, l.partnership_id, s.title, s.department, s.kind, l.stage, l.text,
                               l.tags::text AS tags, l.effective_date, l.recorded_at,
                               CASE WHEN CAST(:q AS text) IS NULL THEN 0 ELSE ts_rank(
                                   to_tsvector('danish', l.text) || to_tsvector('english', l.text),
                                   websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q)) END AS rank
                        FROM partnership_lesson l JOIN partnership_summary s ON s.id = l.partnership_id
                        WHERE (CAST(:q AS text) IS NULL
                               OR (to_tsvector('danish', l.text) || to_tsvector('english', l.text))
                                  @@ (websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q))
                               OR jsonb_exists(l.tags, lower(:q)))
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                          AND (CAST(:stage AS text) IS NULL OR l.stage = :stage)
                          AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)
                        ORDER BY rank DESC, l.recorded_at DESC, l.lesson_id
                        LIMIT :limit""")
                .param("q", query)
                .param("department", department)
                .param("stage", stage == null ? null : stage.name())
                .param("kind", kind == null ? null : kind.name())
                .param("limit", limit)
                .query((rs, row) -> LessonRows.withPartnership(rs, json)).list();
    }
}
