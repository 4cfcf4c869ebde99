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
import java.util.Map;

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

    @Test
    void an_emptied_read_model_is_replaced_by_tables_built_like_its_own_and_one_still_filled_is_copied_into()
            throws Exception {
        List<String> tables = List.of("partnership_summary", "partnership_readiness_item", "partnership_market_contact",
                "lesson_partnership", "partnership_lesson", "partnership_event_log");
        jdbc.sql("DROP ROLE IF EXISTS lessons_reader").update();
        jdbc.sql("CREATE ROLE lessons_reader").update();
        jdbc.sql("GRANT SELECT ON partnership_lesson TO lessons_reader").update();
        Map<String, List<String>> definitions = new java.util.HashMap<>();
        Map<String, Long> tablesBefore = new java.util.HashMap<>();
        tables.forEach(table -> {
            definitions.put(table, definition(table));
            tablesBefore.put(table, relationId(table));
        });
        // The summaries keep a row but lost one, and all their readiness items; market contacts there were none.
        // The lessons and the history log are empty, as in a new read database.
        summary("public", "kept", "Kept", null);
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_replace")) {
            scratch.prepareForBulkWriting(tables, List.of(), List.of("partnership_event_log"));
            summary("scratch_replace", "kept", "Kept", null);
            summary("scratch_replace", "added", "Added", null);
            jdbc.sql("""
                    INSERT INTO scratch_replace.partnership_readiness_item (partnership_id, item_id, type, description,
                        owner, added_on) VALUES ('added', 'i1', 'COMPETENCE', 'Jurist', 'Lead', DATE '2026-01-06')""")
                    .update();
            jdbc.sql("""
                    INSERT INTO scratch_replace.lesson_partnership (id, title, department, kind, version)
                    VALUES ('kept', 'Kept', 'TMF', 'OPI', 3)""").update();
            jdbc.sql("""
                    INSERT INTO scratch_replace.partnership_lesson (lesson_id, partnership_id, text, stage,
                        effective_date, recorded_at) VALUES ('l1', 'kept', 'Borgerinddragelse tidligt i piloten', 'PILOT',
                        DATE '2026-02-01', TIMESTAMPTZ '2026-02-01 09:00:00+00')""").update();
            jdbc.sql("""
                    INSERT INTO scratch_replace.partnership_event_log (partnership_id, sequence, type, effective_date,
                        recorded_at, data) VALUES ('kept', 0, 'PartnershipProposedEvent', DATE '2026-01-05',
                        TIMESTAMPTZ '2026-01-05 10:00:00+00', '{}')""").update();

            List<ScratchSchema.CopyCount> counts = scratch.copyIntoLive(tables);

            assertThat(counts).containsExactly(new ScratchSchema.CopyCount("partnership_summary", 0, 0, 1),
                    new ScratchSchema.CopyCount("partnership_readiness_item", 0, 0, 1),
                    new ScratchSchema.CopyCount("partnership_market_contact", 0, 0, 0),
                    new ScratchSchema.CopyCount("lesson_partnership", 0, 0, 1),
                    new ScratchSchema.CopyCount("partnership_lesson", 0, 0, 1),
                    new ScratchSchema.CopyCount("partnership_event_log", 0, 0, 1));
            // Replaced: the tables empty with rows in the copy whose parents were replaced too. The readiness items'
            // parent still has rows (one it lacked is inserted in the copy's transaction): they are copied into, and
            // the market contacts, empty and right, are left alone.
            assertThat(tables.stream().filter(table -> !relationId(table).equals(tablesBefore.get(table))).toList())
                    .containsExactly("lesson_partnership", "partnership_lesson", "partnership_event_log");
            // Columns, generated columns, keys, indexes, foreign keys and grants as the migrations made them, by name.
            tables.forEach(table -> assertThat(definition(table)).as(table).isEqualTo(definitions.get(table)));
            assertThat(scratch.differences(tables, 10)).isEmpty();
            assertThat(jdbc.sql("SELECT lesson_id FROM partnership_lesson WHERE search_vector @@"
                    + " plainto_tsquery('danish', 'borgerinddragelse')").query(String.class).list()).containsExactly("l1");
            // The replacement's key points at the new parent: a lesson of an unknown partnership is refused, a
            // lesson of the partnership whose row was swapped in is taken, and deleting that row takes its lessons.
            assertThatThrownBy(() -> lesson("l2", "nobody")).hasMessageContaining("partnership_lesson_partnership_id_fkey");
            lesson("l3", "kept");
            jdbc.sql("DELETE FROM lesson_partnership WHERE id = 'kept'").update();
            assertThat(jdbc.sql("SELECT count(*) FROM partnership_lesson").query(Long.class).single()).isZero();
        } finally {
            // Children first.
            List.of("partnership_event_log", "partnership_lesson", "lesson_partnership", "partnership_market_contact",
                    "partnership_readiness_item", "partnership_summary")
                    .forEach(table -> jdbc.sql("DELETE FROM " + table).update());
            jdbc.sql("REVOKE ALL ON partnership_lesson FROM lessons_reader").update();
            jdbc.sql("DROP ROLE lessons_reader").update();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = :schema")
                .param("schema", ReplacementTables.SCHEMA).query(Long.class).single()).isZero();
    }

    @Test
    void a_read_model_emptied_whole_is_replaced_whole_its_rightly_empty_tables_with_it() throws Exception {
        List<String> tables = new PartnershipSummaryProjector(jdbc, JsonMapper.builder().build()).tables();
        Map<String, Long> tablesBefore = new java.util.HashMap<>();
        tables.forEach(table -> tablesBefore.put(table, relationId(table)));
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_whole")) {
            scratch.prepareForBulkWriting(tables, List.of(), List.of());
            summary("scratch_whole", "only", "Only", null);

            List<ScratchSchema.CopyCount> counts = scratch.copyIntoLive(tables);

            assertThat(counts.get(0)).isEqualTo(new ScratchSchema.CopyCount("partnership_summary", 0, 0, 1));
            // Every child had to go with its parent: a live child's key would keep the empty parent from being dropped.
            assertThat(tables.stream().filter(table -> relationId(table).equals(tablesBefore.get(table))).toList())
                    .as("tables not replaced").isEmpty();
            assertThat(jdbc.sql("SELECT id FROM partnership_summary").query(String.class).list()).containsExactly("only");
        } finally {
            jdbc.sql("DELETE FROM partnership_summary").update();
        }
    }

    @Test
    void the_swap_lets_other_readers_pass_while_a_long_read_holds_an_emptied_table_and_swaps_once_it_is_done()
            throws Exception {
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "scratch_reader");
             java.sql.Connection longRead = dataSource.getConnection();
             java.sql.Connection shortRead = dataSource.getConnection()) {
            scratch.prepareForBulkWriting(List.of("partnership_event_log"), List.of(), List.of("partnership_event_log"));
            jdbc.sql("""
                    INSERT INTO scratch_reader.partnership_event_log (partnership_id, sequence, type, effective_date,
                        recorded_at, data) VALUES ('p', 0, 'PartnershipProposedEvent', DATE '2026-01-05', now(), '{}')""")
                    .update();
            // A long read (an export, say) holds the live table.
            longRead.setAutoCommit(false);
            try (java.sql.Statement statement = longRead.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM partnership_event_log").close();
            }
            java.util.concurrent.CompletableFuture<List<ScratchSchema.CopyCount>> copy =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return scratch.copyIntoLive(List.of("partnership_event_log"));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            // Until the swap asks for the table (the comparison and the build come first).
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(20))
                    .failFast("the copy ended before its swap waited", copy::isDone)
                    .until(() -> jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND mode = 'AccessExclusiveLock'
                                AND relation = CAST('public.partnership_event_log' AS regclass))""")
                            .query(Boolean.class).single());

            // The swap waits for the long read; a short read that comes now is not stuck behind it until the long
            // read ends (which is only after this one): the swap gives way, and the short read sees the old table.
            try (java.sql.Statement statement = shortRead.createStatement()) {
                statement.execute("SET statement_timeout = '30s'");
                try (java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM partnership_event_log")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isZero();
                }
            }
            longRead.commit();

            assertThat(copy.join()).containsExactly(new ScratchSchema.CopyCount("partnership_event_log", 0, 0, 1));
            assertThat(jdbc.sql("SELECT partnership_id FROM partnership_event_log").query(String.class).list())
                    .containsExactly("p");
        } finally {
            jdbc.sql("DELETE FROM partnership_event_log").update();
        }
    }

    private static void lesson(String id, String partnership) {
        jdbc.sql("""
                INSERT INTO partnership_lesson (lesson_id, partnership_id, text, stage, effective_date, recorded_at)
                VALUES (:id, :partnership, 'x', 'PILOT', DATE '2026-02-01', now())""")
                .param("id", id).param("partnership", partnership).update();
    }

    /** The table as the catalog describes it, with every name: columns, constraints, indexes, grants, persistence. */
    private static List<String> definition(String table) {
        List<String> definition = new java.util.ArrayList<>(jdbc.sql("""
                        SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' '
                               || a.attgenerated::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
                        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                        WHERE a.attrelid = CAST(:table AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
                        ORDER BY a.attnum""").param("table", "public." + table).query(String.class).list());
        definition.addAll(jdbc.sql("""
                        SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = CAST(:table AS regclass) ORDER BY conname""")
                .param("table", "public." + table).query(String.class).list());
        definition.addAll(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = :table"
                + " ORDER BY indexname").param("table", table).query(String.class).list());
        definition.add(jdbc.sql("SELECT relpersistence::text || ' ' || coalesce(relacl::text, '-') FROM pg_class"
                + " WHERE oid = CAST(:table AS regclass)").param("table", "public." + table).query(String.class).single());
        return definition;
    }

    private static Long relationId(String table) {
        return jdbc.sql("SELECT CAST(CAST(:table AS regclass) AS oid)").param("table", "public." + table)
                .query(Long.class).single();
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
