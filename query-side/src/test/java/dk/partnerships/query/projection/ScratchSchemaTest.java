package dk.partnerships.query.projection;

import dk.partnerships.query.lessons.LessonProjection;
import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.history.PartnershipHistoryProjector;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild's scratch copy is written without the write-ahead log, foreign keys and reader-only indexes; the live
 * tables keep all of them, and the indexes the projections' own statements need stay in the copy too.
 */
class ScratchSchemaTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcClient jdbc;
    private static List<EventProjection> projections;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        ReadModelMigrations.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        projections = List.of(new PartnershipSummaryProjector(jdbc, JsonMapper.builder().build()),
                new PartnershipHistoryProjector(jdbc), new LifecycleProjection(jdbc),
                new LessonProjection(jdbc, JsonMapper.builder().build()));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void the_scratch_copy_is_unlogged_without_foreign_keys_and_reader_indexes_while_the_live_tables_keep_them()
            throws Exception {
        List<String> tables = projections.stream().flatMap(p -> p.tables().stream()).toList();
        List<String> readerIndexes = projections.stream().flatMap(p -> p.readerIndexes().stream()).toList();
        assertThat(indexes("public")).as("every reader-only index named by a projection exists")
                .containsAll(readerIndexes);

        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_test")) {
            // The history log's writer only copies rows in: its table needs no key while it is filled.
            scratch.prepareForBulkWriting(tables, readerIndexes, List.of("partnership_event_log"));

            for (String table : tables) {
                assertThat(persistence("scratch_test", table)).as(table + " in the copy").isEqualTo("u");
                assertThat(persistence("public", table)).as(table + " live").isEqualTo("p");
            }
            assertThat(foreignKeys("scratch_test")).isZero();
            // summaries' children (readiness items, market contacts, benefits, follow-ups, advice requests), lessons
            assertThat(foreignKeys("public")).isEqualTo(7);
            assertThat(indexes("scratch_test")).doesNotContainAnyElementsOf(readerIndexes)
                    .contains("partnership_summary_pkey", "partnership_lesson_pkey", "partnership_stage_stay_pkey",
                            "figure_active_pkey").doesNotContain("partnership_event_log_pkey");
            assertThat(indexes("public")).contains("partnership_event_log_pkey");
            assertThat(indexes("public")).containsAll(readerIndexes);
            // A lesson's search vector is left for the live table to compute as the rows are copied in.
            assertThat(generated("scratch_test", "partnership_lesson", "search_vector")).isEmpty();
            assertThat(generated("public", "partnership_lesson", "search_vector")).isEqualTo("s");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'scratch_test'").query(Long.class)
                .single()).as("the copy is dropped when closed").isZero();
    }

    @Test
    void an_index_name_that_no_longer_exists_is_refused_rather_than_silently_kept() throws Exception {
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_stale")) {
            assertThatThrownBy(() -> scratch.prepareForBulkWriting(List.of("partnership_summary"),
                    List.of("partnership_summary_renamed_long_ago"), List.of()))
                    .hasMessageContaining("partnership_summary_renamed_long_ago");
        }
    }

    @Test
    void the_check_and_the_copy_into_the_live_tables_find_exactly_the_rows_that_differ_even_by_a_number_s_scale()
            throws Exception {
        summary("public", "same", "Unchanged", "{\"valueDkk\": 1500000.00}");
        summary("public", "scale", "Award value", "{\"valueDkk\": 1.5}");
        summary("public", "title", "Old title", null);
        summary("public", "stray", "Not in the events", null);
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_copy")) {
            // Without keys in the copy, as a rebuild's copying writers leave it: rows are matched by the live key.
            scratch.prepareForBulkWriting(List.of("partnership_summary"), List.of(), List.of("partnership_summary"));
            summary("scratch_copy", "same", "Unchanged", "{\"valueDkk\": 1500000.00}");
            summary("scratch_copy", "scale", "Award value", "{\"valueDkk\": 1.50}");
            summary("scratch_copy", "title", "New title", null);
            summary("scratch_copy", "missing", "Lost from the live table", null);

            // The consistency check sees the same differences the copy will repair, and nothing else.
            assertThat(scratch.differences("partnership_summary", 100).stream()
                    .map(row -> row.difference() + " " + row.row().get("id")).toList()).containsExactly(
                    "only-in-live scale", "only-in-live stray", "only-in-live title",
                    "only-in-rebuild missing", "only-in-rebuild scale", "only-in-rebuild title");

            List<ScratchSchema.CopyCount> counts = scratch.copyIntoLive(List.of("partnership_summary"));

            assertThat(counts).containsExactly(new ScratchSchema.CopyCount("partnership_summary", 1, 2, 1));
            assertThat(jdbc.sql("SELECT id || ' ' || title || ' ' || coalesce(award::text, '-') FROM partnership_summary"
                    + " ORDER BY id").query(String.class).list()).containsExactly(
                    "missing Lost from the live table -",
                    "same Unchanged {\"valueDkk\": 1500000.00}",
                    "scale Award value {\"valueDkk\": 1.50}",
                    "title New title -");
            assertThat(scratch.differences("partnership_summary", 100)).as("after the copy").isEmpty();
        } finally {
            jdbc.sql("DELETE FROM partnership_summary").update();
        }
    }

    private static void summary(String schema, String id, String title, String award) {
        jdbc.sql("INSERT INTO " + schema + ".partnership_summary (id, title, kind, department, owning_organisation, lead,"
                        + " need, stage, status, proposed_on, stage_entered_on, award, version, last_recorded_at)"
                        + " VALUES (:id, :title, 'OPI', 'TMF', 'Kommune', 'Lead', 'Need', 'IDEA', 'ACTIVE',"
                        + " DATE '2026-01-05', DATE '2026-01-05', CAST(:award AS jsonb), 1,"
                        + " TIMESTAMPTZ '2026-01-05 10:00:00+00')")
                .param("id", id).param("title", title).param("award", award).update();
    }

    /** How the column is generated: {@code s} stored, empty when it holds values of its own. */
    private static String generated(String schema, String table, String column) {
        return jdbc.sql("SELECT attgenerated::text FROM pg_attribute WHERE attname = :column"
                        + " AND attrelid = CAST(:table AS regclass)")
                .param("column", column).param("table", schema + "." + table).query(String.class).single();
    }

    private static String persistence(String schema, String table) {
        return jdbc.sql("SELECT c.relpersistence::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = :schema AND c.relname = :table")
                .param("schema", schema).param("table", table).query(String.class).single();
    }

    private static long foreignKeys(String schema) {
        return jdbc.sql("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                        + " AND connamespace = CAST(:schema AS regnamespace)")
                .param("schema", schema).query(Long.class).single();
    }

    private static List<String> indexes(String schema) {
        return jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = :schema")
                .param("schema", schema).query(String.class).list();
    }
}
