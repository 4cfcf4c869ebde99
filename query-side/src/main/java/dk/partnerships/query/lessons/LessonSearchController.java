package dk.partnerships.query.lessons;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
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
@io.swagger.v3.oas.annotations.tags.Tag(name = "Lessons", description = "What departments learned, searchable.")
@RestController
@RequestMapping(path = "/api/lessons", produces = MediaType.APPLICATION_JSON_VALUE)
public class LessonSearchController {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LessonTextSearch textSearch;

    LessonSearchController(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.json = json;
        this.textSearch = new LessonTextSearch(jdbc, transaction);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "searchLessons", summary = "Search the lessons learned")
    @ApiResponse(responseCode = "200", description = "The lessons found, best match first (newest first without q).", content = {@Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/LessonFound")))})
    @GetMapping
    public List<FoundLesson> search(@RequestParam(required = false) @Size(max = 200) String q,
                                     @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String department,
                                     @RequestParam(required = false) Stage stage,
                                     @RequestParam(required = false) PartnershipKind kind,
                                     @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        String query = q == null || q.isBlank() ? null : q.strip();
        // Only the conditions asked for reach the SQL: "(:q IS NULL OR text matches :q)" could not use the full-text
        // index. Matching a tag is written as containment (@>), which the tags' index serves.
        // Without a query the newest come first, read in the order of the index partnership_lesson_recent.
        List<String> conditions = new java.util.ArrayList<>();
        if (query != null) {
            conditions.add("(" + LessonTextSearch.TEXT + " @@ (" + LessonTextSearch.QUERY + ") OR l.tags @> jsonb_build_array(lower(:q)))");
        }
        if (stage != null) {
            conditions.add("l.stage = :stage");
        }
        // The partnership's conditions as a semi-join: the lessons are ranked and cut to the limit before any other
        // column of their partnerships is read, so a common word joins only the lessons shown.
        List<String> ofPartnership = new java.util.ArrayList<>();
        if (department != null) {
            ofPartnership.add("s.department = :department");
        }
        if (kind != null) {
            ofPartnership.add("s.kind = :kind");
        }
        if (!ofPartnership.isEmpty()) {
            conditions.add("EXISTS (SELECT 1 FROM lesson_partnership s WHERE s.id = l.partnership_id AND "
                    + String.join(" AND ", ofPartnership) + ")");
        }
        // Inside the sub-query and outside it alike, "rank" is the selected column.
        String order = (query == null ? " ORDER BY" : " ORDER BY rank DESC,") + " l.recorded_at DESC, l.lesson_id";
        return textSearch.run(() -> jdbc.sql("SELECT l.lesson_id, l.partnership_id, s.title, s.department, s.kind, l.stage,"
                        + " l.text, l.tags::text AS tags, l.effective_date, l.recorded_at, l.rank"
                        + " FROM (SELECT l.lesson_id, l.partnership_id, l.stage, l.text, l.tags, l.effective_date,"
                        + " l.recorded_at, " + (query == null ? "0" : "ts_rank(" + LessonTextSearch.TEXT + ", "
                        + LessonTextSearch.QUERY + ")") + " AS rank"
                        + " FROM partnership_lesson l"
                        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                        + order + " LIMIT :limit) l"
                        + " JOIN lesson_partnership s ON s.id = l.partnership_id" + order)
                .param("q", query)
                .param("department", department)
                .param("stage", stage == null ? null : stage.name())
                .param("kind", kind == null ? null : kind.name())
                .param("limit", limit)
                .query((rs, row) -> LessonRows.found(rs, json)).list());
    }
}
