package dk.partnerships.query.lessons;

import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.Stage;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ReadModelMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lesson search and the similar lessons beside a new idea are written so PostgreSQL can find their rows through
 * indexes (only the conditions asked for reach the SQL; text and title matched apart). What
 * they answer must stay what the straightforward single-statement forms answered, kept here as the definition, for
 * queries of one and several words, tags, and every filter. A generated corpus of lessons, seeded
 * ({@code -Dprojection.seed} replays one).
 */
class LessonQueriesTest {

    private static final long SEED = Long.getLong("projection.seed", 20261130L);
    private static final List<String> WORDS = List.of("borgere", "inddragelse", "skraldespande", "sensorer", "data",
            "velfærdsteknologi", "hjemmepleje", "staff", "training", "procurement", "pilot", "drift", "kompetencer",
            "partnerskab", "leverandør", "cykler", "trafik", "energi", "varme", "skole");
    private static final List<String> TAGS = List.of("staff", "data", "drift", "training", "jura");
    private static final List<String> DEPARTMENTS = List.of("TMF", "KFF", "SUF", "BUF");

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static TransactionTemplate transaction;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void projectCorpus() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = new SingleConnectionDataSource(postgres.getPostgresDatabase().getConnection(), true);
        ReadModelMigrations.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Random random = new Random(SEED);
        List<ProjectedEvent> events = new ArrayList<>();
        Instant recordedAt = Instant.parse("2025-01-01T08:00:00Z");
        for (int p = 0; p < 80; p++) {
            String id = "p-" + p;
            List<PartnershipEvent> stream = new ArrayList<>();
            stream.add(new PartnershipProposedEvent(id, words(random, 1 + random.nextInt(3)),
                    PartnershipKind.values()[p % PartnershipKind.values().length], DEPARTMENTS.get(p % DEPARTMENTS.size()),
                    "KK", "Enhed", null, "Behov", List.of("A/S"), new BigDecimal(100_000), LocalDate.of(2024, 1, 1)));
            for (int l = random.nextInt(5); l > 0; l--) {
                stream.add(new LessonRecordedEvent(id, id + "-lesson-" + l, words(random, 2 + random.nextInt(6)),
                        random.nextBoolean() ? List.of(TAGS.get(random.nextInt(TAGS.size()))) : List.of(),
                        Stage.values()[random.nextInt(3)], LocalDate.of(2024, 6, 1)));
            }
            for (int s = 0; s < stream.size(); s++) {
                // Some lessons recorded in the same instant: the order then falls back on the lesson id.
                recordedAt = recordedAt.plusSeconds(random.nextInt(3));
                events.add(new ProjectedEvent(stream.get(s), s, recordedAt, Map.of()));
            }
        }
        ProjectionBatch.applyAll(new NamedParameterJdbcTemplate(dataSource), new LessonProjection(jdbc, JSON), events);
        jdbc.sql("ANALYZE").update();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void the_search_answers_what_the_single_statement_search_answered() {
        LessonSearchController search = new LessonSearchController(jdbc, JSON, transaction);
        Random random = new Random(SEED + 1);
        List<String> queries = new ArrayList<>(WORDS);
        queries.addAll(List.of("borgernes", "sensor", "involving", "Staff", "jura", "data drift", "pilot or energi",
                "\"varme skole\"", "-drift data", "ukendt"));
        queries.add(null);
        int found = 0;
        for (String q : queries) {
            for (int round = 0; round < 4; round++) {
                String department = random.nextBoolean() ? null : DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
                Stage stage = random.nextInt(3) == 0 ? Stage.values()[random.nextInt(3)] : null;
                PartnershipKind kind = random.nextInt(3) == 0
                        ? PartnershipKind.values()[random.nextInt(PartnershipKind.values().length)] : null;
                int limit = random.nextBoolean() ? 1000 : 1 + random.nextInt(10);
                List<FoundLesson> answer = search.search(q, department, stage, kind, limit);
                assertThat(answer).as("q %s, department %s, stage %s, kind %s, limit %d (seed %d)", q, department,
                        stage, kind, limit, SEED).isEqualTo(searchAsBefore(q, department, stage, kind, limit));
                found += answer.size();
            }
        }
        assertThat(found).as("the queries find lessons").isGreaterThan(100);
    }

    @Test
    void similar_lessons_are_what_the_single_condition_over_text_and_title_found() {
        SimilarLessons similar = new SimilarLessons(jdbc, JSON, transaction);
        Random random = new Random(SEED + 2);
        int found = 0;
        for (int round = 0; round < 40; round++) {
            String text = words(random, 1 + random.nextInt(6)) + (random.nextBoolean() ? " og noget helt andet" : "");
            String ownDepartment = random.nextBoolean() ? null : DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size()));
            int limit = random.nextBoolean() ? 5 : 500;
            List<FoundLesson> answer = similar.similarTo(text, ownDepartment, limit);
            assertThat(answer).as("%s, own department %s, limit %d (seed %d)", text, ownDepartment, limit, SEED)
                    .isEqualTo(similarAsBefore(SimilarLessons.anyWordQuery(text), ownDepartment, limit));
            found += answer.size();
        }
        assertThat(found).as("the texts find lessons").isGreaterThan(100);

        // A lesson whose own text shares no word is found through its partnership's title.
        String titleWord = jdbc.sql("""
                        SELECT w FROM lesson_partnership s JOIN partnership_lesson l ON l.partnership_id = s.id,
                            regexp_split_to_table(s.title, ' ') AS w
                        WHERE position(w IN l.text) = 0 LIMIT 1""").query(String.class).single();
        assertThat(similar.similarTo(titleWord, null, 500)).as(titleWord).anyMatch(row ->
                row.partnershipTitle().contains(titleWord) && !row.text().contains(titleWord));
    }

    private static String words(Random random, int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", words);
    }

    /** The search as one statement with every condition, as it was before (it could use no index). */
    private static List<FoundLesson> searchAsBefore(String q, String department, Stage stage,
                                                           PartnershipKind kind, int limit) {
        String query = q == null || q.isBlank() ? null : q.strip();
        return jdbc.sql("""
                        SELECT l.lesson_id, l.partnership_id, s.title, s.department, s.kind, l.stage, l.text,
                               l.tags::text AS tags, l.effective_date, l.recorded_at,
                               CASE WHEN CAST(:q AS text) IS NULL THEN 0 ELSE ts_rank(
                                   to_tsvector('danish', l.text) || to_tsvector('english', l.text),
                                   websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q)) END AS rank
                        FROM partnership_lesson l JOIN lesson_partnership s ON s.id = l.partnership_id
                        WHERE (CAST(:q AS text) IS NULL
                               OR (to_tsvector('danish', l.text) || to_tsvector('english', l.text))
                                  @@ (websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q))
                               OR jsonb_exists(l.tags, lower(:q)))
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                          AND (CAST(:stage AS text) IS NULL OR l.stage = :stage)
                          AND (CAST(:kind AS text) IS NULL OR s.kind = :kind)
                        ORDER BY rank DESC, l.recorded_at DESC, l.lesson_id
                        LIMIT :limit""")
                .param("q", query).param("department", department)
                .param("stage", stage == null ? null : stage.name()).param("kind", kind == null ? null : kind.name())
                .param("limit", limit)
                .query((rs, row) -> LessonRows.found(rs, JSON)).list();
    }

    /** Similar lessons as one condition over a lesson's text and its partnership's title together, as before. */
    private static List<FoundLesson> similarAsBefore(String anyWord, String ownDepartment, int limit) {
        if (anyWord.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT l.lesson_id, l.partnership_id, s.title, s.department, s.kind, l.stage, l.text,
                               l.tags::text AS tags, l.effective_date, l.recorded_at,
                               ts_rank(to_tsvector('danish', l.text) || to_tsvector('english', l.text)
                                           || to_tsvector('danish', s.title),
                                       websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q)) AS rank
                        FROM partnership_lesson l JOIN lesson_partnership s ON s.id = l.partnership_id
                        WHERE (to_tsvector('danish', l.text) || to_tsvector('english', l.text)
                                   || to_tsvector('danish', s.title))
                              @@ (websearch_to_tsquery('danish', :q) || websearch_to_tsquery('english', :q))
                          AND (CAST(:department AS text) IS NULL OR s.department <> :department)
                        ORDER BY rank DESC, l.recorded_at DESC, l.lesson_id
                        LIMIT :limit""")
                .param("q", anyWord).param("department", ownDepartment).param("limit", limit)
                .query((rs, row) -> LessonRows.found(rs, JSON)).list();
    }
}
