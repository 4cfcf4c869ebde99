package dk.partnerships.query.lifecycle;

import dk.partnerships.query.lessons.LessonProjection;

import dk.partnerships.events.PartnershipKind;

import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.GeneratedPortfolio;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ReadModelMigrations;
import dk.partnerships.query.projection.ReadModelUpgrade;
import dk.partnerships.query.projection.ScratchSchema;
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
 * The dashboard's lifecycle figures, and the implementation gap's totals and rates, come from counts the lifecycle
 * projection keeps as it changes the rows. They must equal, for every combination of filters, the figures aggregated
 * straight from the rows ({@link LifecycleFiguresFromRows}, written independently of the Java rules), however the
 * events arrived: one at a time or in batches, redelivered, into a read model emptied and filled again, within
 * transactions committed or rolled back. Generated portfolios, seeded ({@code -Dprojection.seed} replays one).
 */
class LifecycleFiguresTest {

    private static final long SEED = Long.getLong("projection.seed", 20261130L);
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneId.of("Europe/Copenhagen"));

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
                new LifecycleProjection(jdbc), new LessonProjection(jdbc, JsonMapper.builder().build()));
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
    void kept_figures_follow_a_read_model_emptied_and_filled_again_and_a_rebuild_finds_nothing_to_repair()
            throws SQLException {
        Random random = new Random(SEED + 1);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 120), random);
        apply(events);

        // Emptied (a projection's clear before a rebuild) and filled again.
        projections.forEach(EventProjection::clear);
        assertThat(jdbc.sql("SELECT coalesce(sum(partnerships), 0) FROM figure_active").query(Long.class).single()).isZero();
        apply(events.subList(0, events.size() / 2));
        apply(events);
        assertEveryFilterAgrees("after emptying and projecting again");

        // The same events replayed in batches of a rebuild into a scratch schema leave the same rows and cells: no
        // cell a count fell to zero in is left behind, none is missing.
        try (ScratchSchema scratch = new ScratchSchema(postgres.getDatabase("postgres", "figures"), "figures_rebuilt")) {
            ScratchSchema.Session session = scratch.openSession();
            EventProjection lifecycle = new LifecycleProjection(session.jdbc());
            for (int from = 0; from < events.size(); from += 1000) {
                List<ProjectedEvent> batch = events.subList(from, Math.min(events.size(), from + 1000));
                session.transaction().executeWithoutResult(status -> lifecycle.apply(session.batchJdbc(), batch));
            }
            for (String table : lifecycle.tables()) {
                assertThat(scratch.differences(table, 10)).as(table).isEmpty();
            }
        }
    }

    /**
     * The figures move in the transaction that moves the rows: other sessions see the old figures until it commits,
     * a savepoint rolled back takes its moves with it, and a transaction rolled back leaves them as they were.
     */
    @Test
    void kept_figures_count_what_a_transaction_committed() {
        Random random = new Random(SEED + 3);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 120), random);
        int third = events.size() / 3;
        apply(events.subList(0, third));
        LifecycleDashboard committed = figuresOf(jdbc).figures(null, null, null);

        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(status -> {
            apply(events.subList(third, 2 * third));
            assertThat(figuresInAnotherSession()).as("another session, before the commit").isEqualTo(committed);
            // Emptied after being changed in this transaction, then filled again.
            projections.forEach(EventProjection::clear);
            apply(events.subList(0, 2 * third));
            Object savepoint = status.createSavepoint();
            apply(events.subList(2 * third, events.size()));
            status.rollbackToSavepoint(savepoint);
        });
        assertEveryFilterAgrees("after one transaction emptied, refilled and rolled back to a savepoint");

        LifecycleDashboard before = figuresOf(jdbc).figures(null, null, null);
        transaction.executeWithoutResult(status -> {
            apply(events.subList(2 * third, events.size()));
            status.setRollbackOnly();
        });
        assertThat(figuresOf(jdbc).figures(null, null, null)).as("after a rollback").isEqualTo(before);
        assertEveryFilterAgrees("after a rollback");

        apply(events.subList(2 * third, events.size()));
        assertEveryFilterAgrees("after the rest committed");
    }

    /**
     * Readers share computed figures until a figure may have moved (the figures' own change counter): a lesson
     * leaves them in place, and whatever moves a count — a projected stage move, emptying — makes the next reader
     * see the rows' figures, never the ones it kept.
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

        // A new partnership starts a journey; putting it on hold moves the dashboard's figures but not the time to
        // implementation; abandoning it ends its journey.
        java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
        long journeys = changes(LifecycleProjection.JOURNEYS);
        apply(List.of(new ProjectedEvent(new dk.partnerships.events.PartnershipProposedEvent("p-journey", "Ny",
                dk.partnerships.events.PartnershipKind.OPI, "TMF", "KK", null, "lead", "Behov", List.of(), null,
                java.time.LocalDate.of(2025, 1, 1)), 0, at, Map.of())));
        assertThat(changes(LifecycleProjection.JOURNEYS)).as("a proposal starts a journey").isGreaterThan(journeys);
        journeys = changes(LifecycleProjection.JOURNEYS);
        before = figuresChanges();
        apply(List.of(new ProjectedEvent(new dk.partnerships.events.PartnershipPutOnHoldEvent("p-journey", "Budget",
                java.time.LocalDate.of(2025, 1, 2)), 1, at, Map.of())));
        assertThat(figuresChanges()).as("on hold leaves the stalled-in-stage cells").isGreaterThan(before);
        assertThat(changes(LifecycleProjection.JOURNEYS)).as("but no journey").isEqualTo(journeys);
        apply(List.of(new ProjectedEvent(new dk.partnerships.events.PartnershipAbandonedEvent("p-journey",
                dk.partnerships.events.Stage.IDEA, "Stop", java.time.LocalDate.of(2025, 1, 3)), 2, at, Map.of())));
        assertThat(changes(LifecycleProjection.JOURNEYS)).as("abandoning ends a journey").isGreaterThan(journeys);
        before = figuresChanges();

        projections.forEach(EventProjection::clear);
        assertThat(figuresChanges()).as("emptying moves every figure").isGreaterThan(before);
        assertThat(shared.figures(null, null, null)).isEqualTo(figuresOf(jdbc).figures(null, null, null));
        assertThat(jdbc.sql("SELECT coalesce(sum(partnerships), 0) FROM figure_active").query(Long.class).single()).isZero();
    }

    @Test
    void a_quarterly_figure_added_or_removed_in_the_code_has_the_read_model_recounted_from_the_events() {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        CountedFigures.requestRecountWhenChanged(jdbc, transaction);
        assertThat(upgrade().requests()).as("counted with the figures the code defines").isEmpty();

        // As if the tables were counted by a release that had PILOTS_FAILED and not yet ABANDONED.
        jdbc.sql("DELETE FROM figure_quarter_counted WHERE figure = 'ABANDONED'").update();
        jdbc.sql("INSERT INTO figure_quarter_counted (figure) VALUES ('PILOTS_FAILED')").update();
        try {
            CountedFigures.requestRecountWhenChanged(jdbc, transaction);
            CountedFigures.requestRecountWhenChanged(jdbc, transaction);

            assertThat(upgrade().requests()).containsExactly(new ReadModelUpgrade.RebuildRequest(
                    LifecycleProjection.NAME, "quarterly figures changed: added [ABANDONED], removed [PILOTS_FAILED]"));
            assertThat(jdbc.sql("SELECT figure FROM figure_quarter_counted ORDER BY figure").query(String.class).list())
                    .containsExactlyElementsOf(Arrays.stream(QuarterFigure.values()).map(Enum::name).sorted().toList());
        } finally {
            jdbc.sql("DELETE FROM read_model_rebuild_request").update();
        }
    }

    private static ReadModelUpgrade upgrade() {
        return new ReadModelUpgrade(jdbc, null);
    }

    private static long changes(String counter) {
        return jdbc.sql("SELECT changes FROM read_model_change WHERE read_model = :name").param("name", counter)
                .query(Long.class).single();
    }

    private static long figuresChanges() {
        return jdbc.sql("SELECT changes FROM read_model_change WHERE read_model = 'dashboard-figures'")
                .query(Long.class).single();
    }

    private static void apply(List<ProjectedEvent> events) {
        projections.forEach(projection -> ProjectionBatch.applyAll(batchJdbc, projection, events));
    }

    /** The figures as a reader on a connection of its own sees them (closed again afterwards). */
    private static LifecycleDashboard figuresInAnotherSession() {
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
        assertGapTotalsAgree(jdbc, when);
        assertTimeToImplementationAgrees(when);
        LifecycleDashboard.FilterOptions options = kept.filterOptions();
        assertThat(options.departments()).isEqualTo(jdbc.sql(
                "SELECT DISTINCT department FROM partnership_lifecycle ORDER BY department").query(String.class).list());
        assertThat(options.years()).isEqualTo(jdbc.sql("""
                SELECT DISTINCT CAST(extract(year FROM proposed_on) AS integer) FROM partnership_lifecycle ORDER BY 1 DESC""")
                .query(Integer.class).list());
    }

    /**
     * The time-to-implementation curves from the kept counts against the same estimate over every partnership's row
     * and stays: the first entry into IMPLEMENTATION or EVALUATION, else abandoned or completed on the day it closed,
     * else followed up to today.
     */
    private static void assertTimeToImplementationAgrees(String when) {
        TimeToImplementationFigures kept = new TimeToImplementationFigures(jdbc, TODAY, new DataSourceTransactionManager(dataSource));
        LocalDate today = LocalDate.now(TODAY);
        for (TimeToImplementation.By by : TimeToImplementation.By.values()) {
            for (String department : Arrays.asList(null, "TMF", "NONE")) {
                for (PartnershipKind kind : Arrays.asList(null, PartnershipKind.OPI)) {
                    for (Integer year : Arrays.asList(null, 2024)) {
                        Map<String, List<AalenJohansen.Observation>> observations = new java.util.TreeMap<>(
                                by == TimeToImplementation.By.KIND
                                        ? java.util.Comparator.comparing(PartnershipKind::valueOf)
                                        : java.util.Comparator.<String>naturalOrder());
                        Map<String, long[]> counts = new LinkedHashMap<>();
                        jdbc.sql("""
                                        SELECT l.department, l.kind, l.status, l.proposed_on, l.closed_on,
                                               (SELECT min(s.entered_on) FROM partnership_stage_stay s
                                                WHERE s.partnership_id = l.partnership_id
                                                  AND s.stage IN ('IMPLEMENTATION', 'EVALUATION')) AS implemented_on
                                        FROM partnership_lifecycle l
                                        WHERE (CAST(:department AS text) IS NULL OR l.department = :department)
                                          AND (CAST(:kind AS text) IS NULL OR l.kind = :kind)
                                          AND (CAST(:year AS integer) IS NULL OR extract(year FROM l.proposed_on) = :year)""")
                                .param("department", department).param("kind", kind == null ? null : kind.name())
                                .param("year", year)
                                .query((rs, row) -> {
                                    String key = rs.getString(by == TimeToImplementation.By.KIND ? "kind" : "department");
                                    LocalDate proposed = rs.getObject("proposed_on", LocalDate.class);
                                    LocalDate implemented = rs.getObject("implemented_on", LocalDate.class);
                                    LocalDate closed = rs.getObject("closed_on", LocalDate.class);
                                    long[] c = counts.computeIfAbsent(key, k -> new long[4]);
                                    c[0]++;
                                    AalenJohansen.Observation observed;
                                    if (implemented != null) {
                                        c[1]++;
                                        observed = new AalenJohansen.Observation(days(proposed, implemented), 1, 0, 0);
                                    } else if ("ABANDONED".equals(rs.getString("status"))) {
                                        c[2]++;
                                        observed = new AalenJohansen.Observation(days(proposed, closed), 0, 1, 0);
                                    } else if ("COMPLETED".equals(rs.getString("status"))) {
                                        observed = new AalenJohansen.Observation(days(proposed, closed), 0, 0, 1);
                                    } else {
                                        c[3]++;
                                        observed = new AalenJohansen.Observation(days(proposed, today), 0, 0, 1);
                                    }
                                    observations.computeIfAbsent(key, k -> new ArrayList<>()).add(observed);
                                    return row;
                                }).list();
                        List<TimeToImplementation.Group> groups = new ArrayList<>();
                        observations.forEach((key, observed) -> {
                            List<AalenJohansen.Point> curve = AalenJohansen.curve(observed);
                            long[] c = counts.get(key);
                            groups.add(new TimeToImplementation.Group(key, c[0], c[1], c[2], c[3],
                                    TimeToImplementationFigures.rounded(curve), AalenJohansen.median(curve)));
                        });
                        if (department == null && kind == null && year == null && !counts.isEmpty()) {
                            assertThat(counts.values()).as("%s: every outcome in the portfolio", when)
                                    .anySatisfy(c -> assertThat(c[1]).isPositive())
                                    .anySatisfy(c -> assertThat(c[2]).isPositive())
                                    .anySatisfy(c -> assertThat(c[3]).isPositive());
                        }
                        assertThat(kept.figures(by, department, kind, year))
                                .as("%s: time to implementation by %s, %s, %s, %s (seed %d)", when, by, department,
                                        kind, year, SEED)
                                .isEqualTo(new TimeToImplementation(by.parameter(), today, groups));
                    }
                }
            }
        }
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(from, to));
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
            ImplementationGap gap = new ImplementationGapFigures(client, TODAY, new StallThresholds(java.util.Arrays.stream(
                    dk.partnerships.events.Stage.values()).collect(java.util.stream.Collectors.toMap(stage -> stage, stage -> 180)))).figures(days, 2);
            assertThat(gap.stalledAfterPilotTotal()).as("%s: stalled for %d days (seed %d)", when, days, SEED)
                    .isEqualTo(client.sql("""
                            SELECT count(*) FROM (
                                SELECT l.*, CASE WHEN pilot_succeeded_on IS NOT NULL THEN pilot_succeeded_on
                                                 WHEN NOT had_pilot THEN awarded_on END AS since
                                FROM partnership_lifecycle l WHERE status IN ('ACTIVE', 'ON_HOLD')) waiting
                            WHERE since <= CAST(:today AS date) - CAST(:days AS integer)
                              AND (implemented_on IS NULL OR implemented_on < since)""")
                            .param("today", today).param("days", days).query(Long.class).single());
            assertThat(gap.openReadinessItemsTotal()).as("%s: open readiness items (seed %d)", when, SEED)
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
            assertThat(gap.pilotToImplementationRate()).as("%s: rates (seed %d)", when, SEED).isEqualTo(rates);
        }
    }
}
