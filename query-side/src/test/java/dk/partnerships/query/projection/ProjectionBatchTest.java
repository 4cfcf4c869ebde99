package dk.partnerships.query.projection;

import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.query.lessons.LessonProjection;
import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.history.PartnershipHistoryProjector;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batched projection (a rebuild, a Kafka poll) must leave exactly the rows that applying the same events one at a time
 * leaves, whatever the interleaving of partnerships, the batch boundaries and the redeliveries. Two databases of one
 * real PostgreSQL, a generated portfolio (seeded; {@code -Dprojection.seed} replays one), every row compared.
 */
class ProjectionBatchTest {

    private static final long SEED = Long.getLong("projection.seed", 20261130L);
    private static final LocalDate D0 = LocalDate.of(2023, 3, 1);
    private static final List<String> TABLES = List.of("partnership_summary", "partnership_readiness_item",
            "lesson_partnership", "partnership_lesson", "partnership_event_log", "partnership_lifecycle",
            "partnership_stage_stay", "lifecycle_readiness_item",
            "figure_active", "figure_conversion", "figure_quarter", "figure_stay_length", "figure_waiting",
            "figure_after_pilot", "read_model_change");

    private static EmbeddedPostgres postgres;
    private static Target oneByOne;
    private static Target batched;

    /** One database with every projection writing to it. */
    private record Target(DataSource dataSource, JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc,
                          TransactionTemplate transaction, List<EventProjection> projections) {

        static Target create(EmbeddedPostgres postgres, String database) {
            JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE " + database).update();
            // One connection kept open (as a pool would), not a new backend for every transaction.
            DataSource dataSource;
            try {
                dataSource = new SingleConnectionDataSource(postgres.getDatabase("postgres", database).getConnection(), true);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            ReadModelMigrations.migrate(dataSource);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            return new Target(dataSource, jdbc, new NamedParameterJdbcTemplate(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    List.of(new PartnershipSummaryProjector(jdbc, JsonMapper.builder().build()),
                            new PartnershipHistoryProjector(jdbc), new LifecycleProjection(jdbc),
                            new LessonProjection(jdbc, JsonMapper.builder().build())));
        }

        void clear() {
            projections.forEach(EventProjection::clear);
            jdbc.sql("UPDATE read_model_change SET changes = 0").update();
        }

        List<String> rows(String table) {
            return jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY 1").query(String.class).list();
        }
    }

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        oneByOne = Target.create(postgres, "one_by_one");
        batched = Target.create(postgres, "batched");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void empty() {
        oneByOne.clear();
        batched.clear();
    }

    @Test
    void batches_leave_the_same_rows_as_one_event_at_a_time_with_redeliveries_anywhere() {
        Random random = new Random(SEED);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 80), random);

        for (ProjectedEvent event : events) {
            oneByOne.transaction().executeWithoutResult(status -> oneByOne.projections()
                    .forEach(p -> ProjectionBatch.applyAll(oneByOne.batchJdbc(), p, List.of(event))));
        }
        List<ProjectedEvent> delivered = withRedeliveries(events, random);
        int applied = 0;
        for (int from = 0; from < delivered.size(); ) {
            List<ProjectedEvent> batch = delivered.subList(from, Math.min(delivered.size(), from + 1 + random.nextInt(250)));
            int[] changed = new int[1];
            batched.transaction().executeWithoutResult(status -> batched.projections().forEach(p ->
                    changed[0] += ProjectionBatch.applyAll(batched.batchJdbc(), p, batch).size()));
            applied += changed[0];
            from += batch.size();
        }
        assertThat(applied).as("each projection applied each event once, redeliveries not counted")
                .isEqualTo(4 * events.size());
        for (String table : TABLES.subList(0, TABLES.size() - 1)) {
            assertThat(batched.rows(table)).as(table + " (seed " + SEED + ")").isEqualTo(oneByOne.rows(table))
                    .isNotEmpty();
        }
        assertThat(batched.rows("read_model_change")).allSatisfy(row -> assertThat(row).doesNotContain("\"changes\": 0"));
    }

    @Test
    void an_event_before_its_predecessor_fails_the_whole_batch_and_leaves_nothing() {
        List<ProjectedEvent> withGap = List.of(
                at(0, new PartnershipProposedEvent("gap", "Hul", PartnershipKind.OPI, "TMF", "KK", null, "person-1",
                        "Behov", List.of(), null, D0)),
                at(1, new StageAdvancedEvent("gap", Stage.IDEA, Stage.MARKET_DIALOGUE, null, D0)),
                at(3, new StageAdvancedEvent("gap", Stage.TENDER, Stage.PILOT, null, D0)));
        for (EventProjection projection : batched.projections()) {
            if (projection instanceof PartnershipHistoryProjector) {
                continue; // the log keeps events in any order; the other two insist on order
            }
            assertThatThrownBy(() -> batched.transaction().executeWithoutResult(status ->
                    ProjectionBatch.applyAll(batched.batchJdbc(), projection, withGap)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its predecessor");
        }
        assertThat(batched.rows("partnership_summary")).isEmpty();
        assertThat(batched.rows("partnership_lifecycle")).isEmpty();
    }

    @Test
    void a_batch_of_events_already_applied_reports_nothing_changed_and_leaves_the_counter() {
        List<ProjectedEvent> stream = GeneratedPortfolio.portfolio(new Random(SEED + 1), 1).get(0);
        batched.transaction().executeWithoutResult(status -> batched.projections()
                .forEach(p -> assertThat(ProjectionBatch.applyAll(batched.batchJdbc(), p, stream)).hasSize(stream.size())));
        List<String> counters = batched.rows("read_model_change");
        List<String> summary = batched.rows("partnership_summary");

        batched.transaction().executeWithoutResult(status -> batched.projections()
                .forEach(p -> assertThat(ProjectionBatch.applyAll(batched.batchJdbc(), p, stream)).isEmpty()));

        assertThat(batched.rows("read_model_change")).isEqualTo(counters);
        assertThat(batched.rows("partnership_summary")).isEqualTo(summary);
    }

    private static ProjectedEvent at(long sequence, PartnershipEvent event) {
        return new ProjectedEvent(event, sequence, Instant.parse("2026-01-01T00:00:00Z"), Map.of());
    }

    /** About one delivery in ten repeated later (at least once delivery), sometimes right after, sometimes much later. */
    private static List<ProjectedEvent> withRedeliveries(List<ProjectedEvent> events, Random random) {
        List<ProjectedEvent> delivered = new ArrayList<>(events);
        for (int i = 0; i < events.size() / 10; i++) {
            int original = random.nextInt(events.size());
            ProjectedEvent again = events.get(original);
            int at = delivered.indexOf(again) + 1 + random.nextInt(Math.max(1, delivered.size() - delivered.indexOf(again)));
            delivered.add(Math.min(at, delivered.size()), again);
        }
        return delivered;
    }
}
