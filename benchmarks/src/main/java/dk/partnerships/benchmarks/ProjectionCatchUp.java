package dk.partnerships.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.history.PartnershipHistoryProjector;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.EventStoreReplay;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.testsupport.PooledDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Catching up from the first event, one read model at a time: each projection alone applies the whole store into
 * its emptied live tables (triggers, indexes and foreign keys as in production) in transactions of 200 events, as a
 * tracking processor does. Prints each tenth's time as well as the total, because what goes wrong here grows with
 * the tables: a plan made while a table was small, dead rows piling up between autovacuums. (Both were found this
 * way: the first tenths fast, the later ones several times slower.) The replay alone, reading and parsing the
 * events without projecting them, is the baseline.
 */
final class ProjectionCatchUp {

    private static final Path STANDALONE_JAR = BenchmarkStore.standaloneJar();

    /** The tracking processors' batch size (application.yml, axon.eventhandling.processors.*.batch-size). */
    private static final int BATCH = 200;

    private final Path directory;
    private final int events;

    ProjectionCatchUp(Path directory, int events) {
        this.directory = directory;
        this.events = BenchmarkStore.wholePartnerships(events);
    }

    void run() throws Exception {
        Files.createDirectories(directory);
        Path statementLog = directory.resolve("pg-log");
        try (EmbeddedPostgres postgres = BenchmarkStore.startPostgres(directory, statementLog, 1000)) {
            // The schema comes from the product's own migrations.
            BenchmarkStore.prepare(postgres, directory, STANDALONE_JAR);
            BenchmarkStore.load(BenchmarkStore.url(postgres), events);
            System.out.printf("%n== Catching up from the first event, one read model at a time ==%n"
                    + "%,d events (%,d partnerships), transactions of %d events%n", events,
                    events / BenchmarkStore.EVENTS_PER_PARTNERSHIP, BATCH);
            try (HikariDataSource pool = PooledDatabase.open(postgres, "partnerships")) {
                JdbcClient jdbc = JdbcClient.create(pool);
                long last = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
                catchUp(pool, last, "replay only (read and parse)", null);
                catchUp(pool, last, "summaries", client -> new PartnershipSummaryProjector(client, JsonMapper.builder().build()));
                catchUp(pool, last, "lifecycle", LifecycleProjection::new);
                catchUp(pool, last, "history", PartnershipHistoryProjector::new);
            }
            BenchmarkStore.slowestStatements(statementLog, "statements over 1 s, by total time (the bulk load included):");
        }
    }

    private void catchUp(HikariDataSource pool, long last, String label, Function<JdbcClient, EventProjection> projector) {
        JdbcClient jdbc = JdbcClient.create(pool);
        EventProjection projection = projector == null ? null : projector.apply(jdbc);
        if (projection != null) {
            // Emptied as a projection is before it starts again (TRUNCATE: no statistics, like a new table).
            projection.clear();
        }
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
        TransactionTemplate reading = new TransactionTemplate(transactions);
        // Each batch commits on its own, beside the replay's reading transaction (its cursor stays open).
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        NamedParameterJdbcTemplate batchJdbc = new NamedParameterJdbcTemplate(pool);
        List<Double> tenths = new ArrayList<>();
        long start = System.nanoTime();
        long[] tenthStart = {start};
        long[] applied = {0};
        List<ProjectedEvent> batch = new ArrayList<>(BATCH);
        Runnable apply = () -> {
            if (projection != null && !batch.isEmpty()) {
                transaction.executeWithoutResult(status -> ProjectionBatch.applyAll(batchJdbc, projection, batch));
            }
            applied[0] += batch.size();
            batch.clear();
            if (applied[0] * 10 / events > tenths.size()) {
                long now = System.nanoTime();
                tenths.add((now - tenthStart[0]) / 1e9);
                tenthStart[0] = now;
            }
        };
        new EventStoreReplay(pool, reading, last).replay(event -> {
            batch.add(event);
            if (batch.size() == BATCH) {
                apply.run();
            }
        });
        apply.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-29s %,d events in %6.1f s, %,7.0f events/s; each tenth: %s s%n", label + ":", applied[0],
                seconds, applied[0] / seconds, String.join(" ", tenths.stream().map(s -> String.format("%.1f", s)).toList()));
    }
}
