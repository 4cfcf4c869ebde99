package dk.partnerships.benchmarks;

import dk.partnerships.query.history.PartnershipHistoryProjector;
import dk.partnerships.query.lessons.LessonProjection;
import dk.partnerships.query.lifecycle.LifecycleProjection;
import dk.partnerships.query.summaries.PartnershipSummaryProjector;
import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import dk.partnerships.testsupport.PooledDatabase;
import dk.partnerships.query.projection.EventStoreReplay;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

/**
 * Rebuild speed on a store of N events (default 1,000,000: 100,000 partnerships of 10 events each), against the
 * plain JDBC sequential read of the same table, in one run: (1) bulk-load the store, (2) read it with plain JDBC,
 * (3) start the standalone product on it and time its projection catching up from zero, (4) rebuild through the
 * operator endpoint and time it.
 */
final class RebuildSpeed {

    private static final Path STANDALONE_JAR = BenchmarkStore.standaloneJar();

    private final Path directory;
    private final int events;

    /** With {@code profile=1}: a JFR recording of the standalone JVM while it projects and rebuilds. */
    private final boolean profile;

    RebuildSpeed(Path directory, int events, boolean profile) {
        this.directory = directory;
        this.profile = profile;
        this.events = BenchmarkStore.wholePartnerships(events);
    }

    void run() throws Exception {
        Files.createDirectories(directory);
        // PostgreSQL logs every statement slower than a second: where the rebuild's copy spends its time.
        Path statementLog = directory.resolve("pg-log");
        try (EmbeddedPostgres postgres = BenchmarkStore.startPostgres(directory, statementLog, 1000)) {
            // The schema comes from the product's own migrations.
            List<String> args = BenchmarkStore.prepare(postgres, directory, STANDALONE_JAR);
            String url = BenchmarkStore.url(postgres);
            int port = BenchmarkStore.port(args);

            long loadStart = System.nanoTime();
            BenchmarkStore.load(url, events);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf("%n== Rebuild speed ==%nloaded %,d events (%,d partnerships) in %.1f s: %,.0f events/s%n",
                    events, events / BenchmarkStore.EVENTS_PER_PARTNERSHIP, loadSeconds, events / loadSeconds);

            double plainRead = plainSequentialRead(url);
            System.out.printf("plain JDBC sequential read of domain_event_entry: %,.0f rows/s%n", plainRead);
            // The floor of a rebuild's replay: the product's own replay code, every event read and parsed, nothing
            // written. Twice, since the first pass also compiles the code (the product's JVM is warm by then).
            try (HikariDataSource replayPool = PooledDatabase.open(postgres, "partnerships")) {
                for (String pass : List.of("first pass", "second pass")) {
                    double replayAlone = replayAlone(replayPool);
                    System.out.printf("the rebuild's replay alone (read and parse, no read model written), %s: %,.0f events/s"
                            + " (%.0f%% of plain read)%n", pass, replayAlone, 100 * replayAlone / plainRead);
                }
            }
            System.out.printf("issue 7's target, 25%% of the plain read: %,.0f events/s, %.1f s for these events%n",
                    plainRead / 4, events / (plainRead / 4));

            Path recording = directory.resolve("standalone.jfr");
            ChildProcess standalone = ChildProcess.jar(directory.resolve("standalone-2.log"), STANDALONE_JAR, profile
                    ? List.of("-Xmx512m", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording)
                    : List.of("-Xmx512m"), args);
            HikariDataSource pool = PooledDatabase.open(postgres, "partnerships");
            try {
                long catchUpStart = System.nanoTime();
                ChildProcess.awaitPort(port, Duration.ofSeconds(120), standalone);
                JdbcClient jdbc = JdbcClient.create(pool);
                // Every read model has applied every event.
                BenchmarkStore.awaitProjected(jdbc, events);
                double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
                System.out.printf("live projections from zero (every tracking processor, incl. JVM start): %.1f s, %,.0f events/s (%.0f%% of plain read)%n",
                        catchUpSeconds, events / catchUpSeconds, 100 * events / catchUpSeconds / plainRead);

                Http http = new Http(port, "admin", "admin"); // maintenance is the administrator's
                // Over read models that are right: the rebuild replays everything and finds nothing to change.
                timedRebuild(http, jdbc, "over correct read models", plainRead);
                timedConsistencyCheck(http);
                // Over emptied read models (as after losing them): every row is written into the live tables.
                // Every read table of this build's read models that the measured build has (an older one has fewer).
                List<String> readTables = Stream.of(new PartnershipSummaryProjector(null, null),
                                new PartnershipHistoryProjector(null), new LessonProjection(null, null),
                                new LifecycleProjection(null))
                        .flatMap(readModel -> readModel.tables().stream())
                        .filter(table -> jdbc.sql("SELECT to_regclass(:table) IS NOT NULL").param("table", table)
                                .query(Boolean.class).single())
                        .toList();
                jdbc.sql("TRUNCATE " + String.join(", ", readTables)).update();
                timedRebuild(http, jdbc, "over emptied read models", plainRead);
                BenchmarkStore.slowestStatements(statementLog,
                        "statements over 1 s, by total time (PostgreSQL's log, the bulk load included):");
                System.out.printf("standalone JVM (-Xmx512m) peak resident memory: %,d MB%n", standalone.peakResidentMegabytes());
            } finally {
                pool.close();
                if (profile) {
                    standalone.stop(); // a graceful exit writes the recording
                    System.out.printf("JFR recording of the standalone JVM: %s%n", recording);
                } else {
                    standalone.kill();
                }
            }
        }
    }

    /** Starts a rebuild through the operator endpoint, follows its progress and prints its two phases. */
    private void timedRebuild(Http http, JdbcClient jdbc, String label, double plainRead) throws Exception {
        long start = System.nanoTime();
        Http.Response started = http.post("/api/admin/projections/partnership-summaries/rebuild", Map.of());
        if (started.status() != 202) {
            throw new IllegalStateException("Rebuild refused: " + started.body());
        }
        long copyStart = 0;
        var progress = http.get("/api/admin/projections").json().get("partnership-summaries").path("rebuild");
        while (!"finished".equals(progress.path("state").asString())) {
            if ("failed".equals(progress.path("state").asString())) {
                throw new IllegalStateException("Rebuild failed: " + progress);
            }
            if (copyStart == 0 && "copying".equals(progress.path("state").asString())) {
                copyStart = System.nanoTime();
            }
            Thread.sleep(200);
            progress = http.get("/api/admin/projections").json().get("partnership-summaries").path("rebuild");
        }
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double copySeconds = copyStart == 0 ? 0 : (end - copyStart) / 1e9;
        System.out.printf("rebuild %s (scratch schema, then the differences into the live tables): "
                        + "%,d events in %.1f s, %,.0f events/s (%.0f%% of plain read); replay %.1f s, copy %.1f s%n",
                label, progress.path("done").asLong(), seconds, events / seconds, 100 * events / seconds / plainRead,
                seconds - copySeconds, copySeconds);
        System.out.printf("  live rows changed (deleted/updated/inserted): %s%n", progress.path("liveRowsChanged"));
        System.out.printf("  replay: seconds each read model's lane spent applying batches: %s%n",
                progress.path("busySecondsPerReadModel"));
        long projected = jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary").query(Long.class).single();
        if (projected != events) {
            throw new IllegalStateException("After the rebuild the summaries hold " + projected + " of " + events + " events");
        }
    }

    /** The auditors' check over read models that are right: the same replay, then every row compared. */
    private void timedConsistencyCheck(Http http) {
        long start = System.nanoTime();
        Http.Response report = http.post("/api/admin/projections/consistency-check", Map.of(), Duration.ofMinutes(15));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.status() != 200 || !report.json().path("consistent").asBoolean()) {
            throw new IllegalStateException("Consistency check over correct read models: " + report.status() + " "
                    + report.body().substring(0, Math.min(2000, report.body().length())));
        }
        System.out.printf("consistency check over correct read models (replay, then every row compared): %.1f s%n",
                seconds);
    }

    private double replayAlone(HikariDataSource pool) {
        long last = JdbcClient.create(pool).sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        long[] parsed = {0};
        long start = System.nanoTime();
        new EventStoreReplay(pool, new TransactionTemplate(new DataSourceTransactionManager(pool)), last)
                .replay(event -> parsed[0] += event.sequence() >= 0 ? 1 : 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (parsed[0] != events) {
            throw new IllegalStateException("The replay delivered " + parsed[0] + " of " + events + " events");
        }
        return parsed[0] / seconds;
    }

    private double plainSequentialRead(String url) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(url, "postgres", "")) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            long bytes = 0;
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1000);
                try (ResultSet rs = statement.executeQuery("""
                        SELECT aggregate_identifier, sequence_number, payload_type, payload, meta_data, time_stamp
                        FROM domain_event_entry ORDER BY global_index""")) {
                    while (rs.next()) {
                        rows++;
                        bytes += rs.getBytes(4).length + rs.getBytes(5).length + rs.getString(1).length();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  (%,d rows, %,d MB in %.1f s)%n", rows, bytes >> 20, seconds);
            return rows / seconds;
        }
    }
}
