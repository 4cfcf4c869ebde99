package dk.partnerships.query.gap;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.partnership.PartnershipSummaryProjector;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.GeneratedPortfolio;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ReadModelMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's lifecycle figures, and the implementation gap's totals and rates, come from counts the database
 * keeps as the read model changes (migrations V8, V10, V12).
 * They must equal, for every combination of filters, the figures aggregated straight from the rows
 * ({@link LifecycleFiguresFromRows}, the computation they replaced), whatever changed the rows: the projection one
 * event at a time or in batches, a projection emptied and filled again, rows deleted and changed by hand (as a
 * rebuild's copy does), and rows that were there before the migration. Generated portfolios, seeded
 * ({@code -Dprojection.seed} replays one).
 */
class LifecycleFiguresTest {

    private static final long SEED = Long.getLong("projection.seed", 20261130L);
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneId.of("Europe/Copenhagen"));
    private static final List<String> KEPT = List.of("partnership_summary", "partnership_readiness_item",
            "partnership_lifecycle", "partnership_stage_stay");

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcClient jdbc;
    private static NamedParameterJdbcTemplate batchJdbc;
    private static List<EventProjection> projections;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = database("figures");
        ReadModelMigrations.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        batchJdbc = new NamedParameterJdbcTemplate(dataSource);
        projections = List.of(new PartnershipSummaryProjector(jdbc, JsonMapper.builder().build()),
                new PartnershipLifecycleProjector(jdbc));
    }

    private static DataSource database(String name) throws SQLException {
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE " + name).update();
        // One connection kept open (autocommit), as a pool would.
        return new SingleConnectionDataSource(postgres.getDatabase("postgres", name).getConnection(), true);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void empty() {
        projections.forEach(EventProjection::clear);
    }

    @Test
    void kept_figures_equal_the_figures_aggregated_from_the_rows_for_every_filter() {
        Random random = new Random(SEED);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 150), random);
        // Half one event at a time, half in batches of up to 200.
        int half = events.size() / 2;
        events.subList(0, half).forEach(event -> apply(List.of(event)));
        for (int from = half; from < events.size(); from += 200) {
            apply(events.subList(from, Math.min(events.size(), from + 200)));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM partnership_stage_stay WHERE NOT first_in_quarter")
                .query(Long.class).single()).as("the portfolio re-enters a stage within a quarter").isPositive();

        assertEveryFilterAgrees("after projecting");
    }

    @Test
    void kept_figures_follow_rows_emptied_deleted_and_changed_by_other_statements() {
        Random random = new Random(SEED + 1);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 120), random);
        apply(events);

        // Emptied (a projection's clear before a rebuild) and filled again.
        projections.forEach(EventProjection::clear);
        assertThat(jdbc.sql("SELECT coalesce(sum(partnerships), 0) FROM figure_active").query(Long.class).single()).isZero();
        apply(events);
        assertEveryFilterAgrees("after emptying and projecting again");

        // What a rebuild's copy does to rows that differ: deleted, changed in place, several rows in one statement.
        jdbc.sql("DELETE FROM partnership_stage_stay WHERE partnership_id IN ('p-1', 'p-2', 'p-3')").update();
        jdbc.sql("DELETE FROM partnership_lifecycle WHERE partnership_id IN ('p-4', 'p-5')").update();
        jdbc.sql("DELETE FROM partnership_summary WHERE id = 'p-6'").update();
        jdbc.sql("UPDATE partnership_stage_stay SET left_on = entered_on + 7, first_in_quarter = NOT first_in_quarter"
                + " WHERE partnership_id IN ('p-10', 'p-11')").update();
        jdbc.sql("UPDATE partnership_lifecycle SET closed_on = DATE '2025-02-01', closed_as = 'ABANDONED',"
                + " furthest_stage = 5, reached_stages = 63 WHERE partnership_id IN ('p-12', 'p-13')").update();
        jdbc.sql("UPDATE partnership_summary SET status = 'ACTIVE', stage = 'TENDER', department = 'BUF'"
                + " WHERE id IN ('p-14', 'p-15', 'p-16')").update();
        jdbc.sql("UPDATE partnership_summary SET title = 'Kun titlen'").update();
        assertEveryFilterAgrees("after rows were deleted and changed by hand");

        // A bulk change with the triggers deferred (as a rebuild's copy does) leaves the counts behind until they
        // are counted again.
        Map<String, Object> before = figuresOf(jdbc).figures(null, null, null);
        jdbc.sql("SET partnerships.figures = 'deferred'").update();
        try {
            jdbc.sql("DELETE FROM partnership_stage_stay WHERE partnership_id IN ('p-20', 'p-21', 'p-22')").update();
            jdbc.sql("UPDATE partnership_lifecycle SET reached_stages = 1, furthest_stage = 0").update();
            jdbc.sql("DELETE FROM partnership_summary WHERE id IN ('p-23', 'p-24')").update();
            assertThat(figuresOf(jdbc).figures(null, null, null)).isEqualTo(before);
            jdbc.sql("SELECT refresh_active_figures()").query().singleRow();
            jdbc.sql("SELECT refresh_lifecycle_figures()").query().singleRow();
        } finally {
            jdbc.sql("RESET partnerships.figures").update();
        }
        assertEveryFilterAgrees("after a deferred bulk change and counting again");
    }

    /**
     * The counts move at commit (V10): a transaction's changes are noted as it makes them and summed once when it
     * commits. Whatever the transaction did on the way — several batches, emptying a table it had already changed,
     * a savepoint rolled back, counting again from the rows — the committed figures are the rows' figures, other
     * sessions see the old figures until the commit, and a transaction rolled back leaves them as they were.
     */
    @Test
    void kept_figures_count_what_a_transaction_committed_whatever_it_did_on_the_way() {
        Random random = new Random(SEED + 3);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 120), random);
        int third = events.size() / 3;
        apply(events.subList(0, third));
        Map<String, Object> committed = figuresOf(jdbc).figures(null, null, null);

        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(status -> {
            apply(events.subList(third, 2 * third));
            assertThat(figuresInAnotherSession()).as("another session, before the commit").isEqualTo(committed);
            // Emptied after being changed in this transaction, then filled again.
            projections.forEach(EventProjection::clear);
            apply(events.subList(0, 2 * third));
            Object savepoint = status.createSavepoint();
            apply(events.subList(2 * third, events.size()));
            jdbc.sql("DELETE FROM partnership_stage_stay WHERE partnership_id = 'p-7'").update();
            status.rollbackToSavepoint(savepoint);
            jdbc.sql("UPDATE partnership_summary SET status = 'ON_HOLD' WHERE id IN ('p-8', 'p-9')").update();
        });
        assertEveryFilterAgrees("after one transaction emptied, refilled and rolled back to a savepoint");

        transaction.executeWithoutResult(status -> {
            apply(events.subList(2 * third, events.size()));
            jdbc.sql("UPDATE partnership_lifecycle SET closed_on = DATE '2025-05-05', closed_as = 'COMPLETED'"
                    + " WHERE partnership_id = 'p-3'").update();
            jdbc.sql("SELECT refresh_lifecycle_figures()").query().singleRow();
            jdbc.sql("DELETE FROM partnership_summary WHERE id = 'p-4'").update();
            jdbc.sql("SELECT refresh_active_figures()").query().singleRow();
            jdbc.sql("UPDATE partnership_summary SET stage = 'PILOT' WHERE id = 'p-5'").update();
        });
        assertEveryFilterAgrees("after changes before and after counting again within one transaction");

        transaction.executeWithoutResult(status -> {
            // The transaction's first change, and with it the request to count at commit, rolled back.
            Object savepoint = status.createSavepoint();
            jdbc.sql("UPDATE partnership_summary SET stage = 'TENDER' WHERE id = 'p-10'").update();
            status.rollbackToSavepoint(savepoint);
            // Counted whatever p-11 was: active, and in a stage it was not in.
            jdbc.sql("UPDATE partnership_summary SET status = 'ACTIVE',"
                    + " stage = CASE WHEN stage = 'TENDER' THEN 'PILOT' ELSE 'TENDER' END WHERE id = 'p-11'").update();
        });
        assertEveryFilterAgrees("after a transaction whose first change was rolled back to a savepoint");

        Map<String, Object> before = figuresOf(jdbc).figures(null, null, null);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM partnership_stage_stay").update();
            jdbc.sql("UPDATE partnership_summary SET status = 'ACTIVE'").update();
            status.setRollbackOnly();
        });
        assertThat(figuresOf(jdbc).figures(null, null, null)).as("after a rollback").isEqualTo(before);
        assertEveryFilterAgrees("after a rollback");
    }

    /**
     * Readers share computed figures until a figure may have moved (V15's counter): a lesson leaves them in place,
     * and whatever moves a count — a projected stage move, emptying, counting again, a change by hand — makes the
     * next reader see the rows' figures, never the ones it kept.
     */
    @Test
    void shared_figures_are_computed_again_exactly_when_a_figure_may_have_moved() {
        Random random = new Random(SEED + 4);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 60), random);
        LifecycleFigures shared = figuresOf(jdbc);
        int half = events.size() / 2;
        apply(events.subList(0, half));
        assertThat(shared.figures(null, null, null)).isEqualTo(figuresOf(jdbc).figures(null, null, null));

        long before = figuresChanges();
        apply(events.subList(half, events.size()));
        assertThat(figuresChanges()).as("the rest of the portfolio moves figures").isGreaterThan(before);
        assertThat(shared.figures(null, null, null)).isEqualTo(figuresOf(jdbc).figures(null, null, null));

        before = figuresChanges();
        ProjectedEvent last = events.stream().filter(e -> e.partnershipId().equals("p-1"))
                .reduce((first, second) -> second).orElseThrow();
        apply(List.of(new ProjectedEvent(new dk.partnerships.events.LessonRecordedEvent("p-1", "lesson-shared",
                "Noget lært", List.of(), dk.partnerships.events.Stage.IDEA, java.time.LocalDate.of(2025, 1, 1)),
                last.sequence() + 1, java.time.Instant.parse("2026-01-01T00:00:00Z"), Map.of())));
        assertThat(jdbc.sql("SELECT count(*) FROM partnership_lesson WHERE lesson_id = 'lesson-shared'")
                .query(Long.class).single()).isOne();
        assertThat(figuresChanges()).as("a lesson moves no figure").isEqualTo(before);

        jdbc.sql("UPDATE partnership_summary SET stage = 'PILOT', status = 'ACTIVE' WHERE id IN ('p-2', 'p-3')").update();
        assertThat(shared.figures(null, null, null)).isEqualTo(figuresOf(jdbc).figures(null, null, null));
        jdbc.sql("SET partnerships.figures = 'deferred'").update();
        try {
            jdbc.sql("UPDATE partnership_lifecycle SET reached_stages = 1, furthest_stage = 0").update();
            jdbc.sql("SELECT refresh_lifecycle_figures()").query().singleRow();
        } finally {
            jdbc.sql("RESET partnerships.figures").update();
        }
        assertThat(shared.figures(null, null, null)).isEqualTo(figuresOf(jdbc).figures(null, null, null));
        projections.forEach(EventProjection::clear);
        assertThat(shared.figures(null, null, null)).isEqualTo(figuresOf(jdbc).figures(null, null, null));
        assertThat(jdbc.sql("SELECT coalesce(sum(partnerships), 0) FROM figure_active").query(Long.class).single()).isZero();
    }

    private static long figuresChanges() {
        return jdbc.sql("SELECT changes FROM read_model_change WHERE read_model = 'dashboard-figures'")
                .query(Long.class).single();
    }

    @Test
    void the_migration_counts_the_rows_that_were_there_before_it() throws SQLException {
        Random random = new Random(SEED + 2);
        apply(GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 100), random));
        Map<String, Object> kept = figuresOf(jdbc).figures(null, null, null);

        // A read model as it stood before V8: the same rows, migrated afterwards.
        DataSource older = database("before_v8");
        ReadModelMigrations.configure(older).target("7").load().migrate();
        JdbcClient olderJdbc = JdbcClient.create(older);
        for (String table : KEPT) {
            String rows = jdbc.sql("SELECT coalesce(json_agg(t), '[]')::text FROM " + table + " t").query(String.class).single();
            // Columns V7 does not have yet (first_in_quarter) are left out by json_populate_recordset.
            olderJdbc.sql("INSERT INTO " + table + " SELECT * FROM json_populate_recordset(NULL::" + table
                    + ", CAST(:rows AS json))").param("rows", rows).update();
        }
        ReadModelMigrations.migrate(older);

        assertThat(olderJdbc.sql("SELECT count(*) FROM partnership_stage_stay WHERE NOT first_in_quarter")
                .query(Long.class).single()).isEqualTo(jdbc.sql(
                        "SELECT count(*) FROM partnership_stage_stay WHERE NOT first_in_quarter").query(Long.class).single());
        assertThat(figuresOf(olderJdbc).figures(null, null, null)).isEqualTo(kept);
        assertThat(jdbc.sql("SELECT count(*) FROM partnership_readiness_item WHERE resolved_on IS NULL")
                .query(Long.class).single()).as("the portfolio has open readiness items").isPositive();
        assertGapTotalsAgree(olderJdbc, "after migrating rows that were there before V8");
        for (int days : GAP_THRESHOLDS) {
            assertThat(new ImplementationGapFigures(olderJdbc, TODAY).figures(days, 3))
                    .isEqualTo(new ImplementationGapFigures(jdbc, TODAY).figures(days, 3));
        }
        assertThat(figuresOf(olderJdbc).figures("TMF", PartnershipKind.values()[0], null))
                .isEqualTo(new LifecycleFiguresFromRows(olderJdbc, TODAY).compute("TMF", PartnershipKind.values()[0], null));
    }

    private static void apply(List<ProjectedEvent> events) {
        projections.forEach(projection -> ProjectionBatch.applyAll(batchJdbc, projection, events));
    }

    /** The figures as a reader on a connection of its own sees them (closed again afterwards). */
    private static Map<String, Object> figuresInAnotherSession() {
        try (java.sql.Connection connection = postgres.getDatabase("postgres", "figures").getConnection()) {
            return figuresOf(JdbcClient.create(new SingleConnectionDataSource(connection, true))).figures(null, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LifecycleFigures figuresOf(JdbcClient client) {
        return new LifecycleFigures(client, TODAY);
    }

    private static void assertEveryFilterAgrees(String when) {
        LifecycleFigures kept = figuresOf(jdbc);
        LifecycleFiguresFromRows fromRows = new LifecycleFiguresFromRows(jdbc, TODAY);
        List<String> departments = new ArrayList<>(Arrays.asList(null, "TMF", "KFF", "SUF", "BUF", "NONE"));
        List<PartnershipKind> kinds = new ArrayList<>(Arrays.asList(PartnershipKind.values()));
        kinds.add(null);
        List<Integer> years = Arrays.asList(null, 2023, 2024, 2025, 2030);
        for (String department : departments) {
            for (PartnershipKind kind : kinds) {
                for (Integer year : years) {
                    assertThat(kept.figures(department, kind, year))
                            .as("%s: department %s, kind %s, year %s (seed %d)", when, department, kind, year, SEED)
                            .isEqualTo(fromRows.compute(department, kind, year));
                }
            }
        }
        for (String table : List.of("figure_pending_summary", "figure_pending_lifecycle", "figure_pending_stay",
                "figure_fold_request")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
                    .as("%s: %s is empty between transactions", when, table).isZero();
        }
        assertGapTotalsAgree(jdbc, when);
        Map<String, Object> options = kept.filterOptions();
        assertThat(options.get("departments")).isEqualTo(jdbc.sql(
                "SELECT DISTINCT department FROM partnership_lifecycle ORDER BY department").query(String.class).list());
        assertThat(options.get("years")).isEqualTo(jdbc.sql("""
                SELECT DISTINCT CAST(extract(year FROM proposed_on) AS integer) FROM partnership_lifecycle ORDER BY 1 DESC""")
                .query(Integer.class).list());
    }

    private static final int[] GAP_THRESHOLDS = {0, 30, 90, 365, 5000};

    /**
     * The implementation gap's totals and rates, kept (V12), against the rows they count: open readiness items of
     * partnerships the summary calls active or on hold; not-closed partnerships waiting since a successful pilot (or
     * an award without a pilot) for at least the threshold and not implemented since; per department, partnerships
     * with a successful pilot and those implemented on or after it.
     */
    private static void assertGapTotalsAgree(JdbcClient client, String when) {
        LocalDate today = LocalDate.now(TODAY);
        for (int days : GAP_THRESHOLDS) {
            Map<String, Object> gap = new ImplementationGapFigures(client, TODAY).figures(days, 2);
            assertThat(gap.get("stalledAfterPilotTotal")).as("%s: stalled for %d days (seed %d)", when, days, SEED)
                    .isEqualTo(client.sql("""
                            SELECT count(*) FROM (
                                SELECT l.*, CASE WHEN pilot_succeeded_on IS NOT NULL THEN pilot_succeeded_on
                                                 WHEN NOT had_pilot THEN awarded_on END AS since
                                FROM partnership_lifecycle l WHERE closed_as IS NULL) waiting
                            WHERE since <= CAST(:today AS date) - CAST(:days AS integer)
                              AND (implemented_on IS NULL OR implemented_on < since)""")
                            .param("today", today).param("days", days).query(Long.class).single());
            assertThat(gap.get("openReadinessItemsTotal")).as("%s: open readiness items (seed %d)", when, SEED)
                    .isEqualTo(client.sql("""
                            SELECT count(*) FROM partnership_readiness_item i
                                JOIN partnership_summary s ON s.id = i.partnership_id
                            WHERE i.resolved_on IS NULL AND s.status IN ('ACTIVE', 'ON_HOLD')""")
                            .query(Long.class).single());
            Map<String, BigDecimal> rates = new LinkedHashMap<>();
            client.sql("""
                            SELECT department, count(*) AS succeeded,
                                   count(*) FILTER (WHERE implemented_on >= pilot_succeeded_on) AS implemented
                            FROM partnership_lifecycle WHERE pilot_succeeded_on IS NOT NULL
                            GROUP BY department ORDER BY department""")
                    .query((rs, row) -> rates.put(rs.getString("department"), BigDecimal.valueOf(rs.getLong("implemented"))
                            .divide(BigDecimal.valueOf(rs.getLong("succeeded")), 2, RoundingMode.HALF_UP)))
                    .list();
            assertThat(gap.get("pilotToImplementationRate")).as("%s: rates (seed %d)", when, SEED).isEqualTo(rates);
        }
    }
}
