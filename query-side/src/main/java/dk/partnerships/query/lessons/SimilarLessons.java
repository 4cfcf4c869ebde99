package dk.partnerships.query.lessons;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lessons other departments learned on similar needs, shown beside a new idea while it is being written: the
 * knowledge sharing the source document found missing. "Similar" means sharing any significant word, after Danish
 * and English stemming and stop-word removal, ranked by how much they share.
 */
public class SimilarLessons {

    private static final int MAX_WORDS = 40;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final LessonTextSearch textSearch;

    SimilarLessons(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.json = json;
        this.textSearch = new LessonTextSearch(jdbc, transaction);
    }

    /**
     * @param text              what the new idea is about (title and need)
     * @param ownDepartment     left out: the point is what <em>other</em> departments learned (null: none left out)
     */
    public List<FoundLesson> similarTo(String text, String ownDepartment, int limit) {
        String anyWord = anyWordQuery(text);
        if (anyWord.isEmpty()) {
            return List.of();
        }
        // The lessons whose text shares a word, and the lessons of partnerships whose title does, each found through
        // its full-text index; only those are ranked. (One condition over the text and the title together
        // could use no index: it computed the search vectors of every lesson and its partnership's title.) The query
        // is a disjunction of words, so a lesson matches the two parts exactly when it matches them joined.
        return textSearch.run(() -> jdbc.sql("""
                        WITH matching AS (
                            SELECT l.lesson_id FROM partnership_lesson l
                            WHERE (%1$s) @@ (%2$s)
                            UNION
                            SELECT l.lesson_id
                            FROM lesson_partnership s JOIN partnership_lesson l ON l.partnership_id = s.id
                            WHERE to_tsvector('danish', s.title) @@ (%2$s))
                        SELECT l.lesson_id, l.partnership_id, s.title, s.department, s.kind, l.stage, l.text,
                               l.tags::text AS tags, l.effective_date, l.recorded_at,
                               ts_rank(%1$s || to_tsvector('danish', s.title), %2$s) AS rank
                        FROM matching m JOIN partnership_lesson l ON l.lesson_id = m.lesson_id
                             JOIN lesson_partnership s ON s.id = l.partnership_id
                        WHERE CAST(:department AS text) IS NULL OR s.department <> :department
                        ORDER BY rank DESC, l.recorded_at DESC, l.lesson_id
                        LIMIT :limit""".formatted(LessonTextSearch.TEXT, LessonTextSearch.QUERY))
                .param("q", anyWord)
                .param("department", ownDepartment == null || ownDepartment.isBlank() ? null : ownDepartment)
                .param("limit", limit)
                .query((rs, row) -> LessonRows.found(rs, json)).list());
    }

    /** The text's words (letters and digits only, three or more) joined by websearch's {@code or}. */
    static String anyWordQuery(String text) {
        if (text == null) {
            return "";
        }
        return Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 3 && !word.equals("or"))
                .distinct()
                .limit(MAX_WORDS)
                .collect(Collectors.joining(" or "));
    }
}
