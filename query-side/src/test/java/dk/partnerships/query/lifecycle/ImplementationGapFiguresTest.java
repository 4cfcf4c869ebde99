package dk.partnerships.query.lifecycle;

import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.GeneratedPortfolio;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ReadModelMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dk.partnerships.events.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implementation gap's queries read through partial indexes (migration V9) and count open readiness items
 * apart from listing them; what they answer must stay what the straightforward queries over every partnership
 * answered ({@link ImplementationGapFromRows}), for every threshold and list limit. A generated portfolio, seeded
 * ({@code -Dprojection.seed} replays one).
 */
class ImplementationGapFiguresTest {

    private static final long SEED = Long.getLong("projection.seed", 20261130L);
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-15T10:00:00Z"), ZoneId.of("Europe/Copenhagen"));

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = new SingleConnectionDataSource(postgres.getPostgresDatabase().getConnection(), true);
        ReadModelMigrations.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        NamedParameterJdbcTemplate batchJdbc = new NamedParameterJdbcTemplate(dataSource);
        List<EventProjection> projections = List.of(new PartnershipSummaryProjector(jdbc, JsonMapper.builder().build()),
                new LifecycleProjection(jdbc));
        Random random = new Random(SEED);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 400), random);
        projections.forEach(projection -> ProjectionBatch.applyAll(batchJdbc, projection, events));
        jdbc.sql("ANALYZE").update();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void the_gap_is_what_the_queries_over_every_partnership_said_for_every_threshold_and_limit() {
        // Shorter than the defaults, so the generated portfolio has partnerships stalled in every stage.
        StallThresholds thresholds = new StallThresholds(java.util.Map.of(Stage.IDEA, 30, Stage.MARKET_DIALOGUE, 60,
                Stage.TENDER, 90, Stage.PILOT, 120, Stage.IMPLEMENTATION, 150, Stage.EVALUATION, 20));
        ImplementationGapFigures figures = new ImplementationGapFigures(jdbc, TODAY, thresholds);
        ImplementationGapFromRows fromRows = new ImplementationGapFromRows(jdbc, TODAY, thresholds);
        ImplementationGap all = fromRows.compute(0, 10_000);
        assertThat(all.stalledInStage()).as("stalled in a stage in the generated portfolio")
                .extracting(ImplementationGap.StalledInStage::stage).contains(Stage.IDEA, Stage.PILOT);
        assertThat(all.onHoldTotal()).as("on hold in the generated portfolio").isPositive();
        assertThat(all.stalledAfterPilotTotal()).as("stalled partnerships in the generated portfolio").isPositive();
        assertThat(all.openReadinessItemsTotal()).as("open readiness items in the generated portfolio").isPositive();
        assertThat(all.abandonedAfterSuccessfulPilotTotal()).as("abandoned after a pilot in the generated portfolio")
                .isPositive();
        for (int days : new int[] {0, 30, 90, 365, 5000}) {
            for (int limit : new int[] {1, 7, 500}) {
                assertThat(figures.figures(days, limit)).as("days %d, limit %d (seed %d)", days, limit, SEED)
                        .isEqualTo(fromRows.compute(days, limit));
                for (String department : List.of("KFF", "SUF", "TMF", "XYZ")) {
                    assertThat(figures.figures(days, limit, department))
                            .as("days %d, limit %d, department %s (seed %d)", days, limit, department, SEED)
                            .isEqualTo(fromRows.compute(days, limit, department));
                }
            }
        }
    }
}
