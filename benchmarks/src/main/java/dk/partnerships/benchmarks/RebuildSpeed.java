package dk.partnerships.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.Http;
import dk.partnerships.testsupport.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuild speed on a store of N events (default 1,000,000: 100,000 partnerships of 10 events each), against the
 * plain JDBC sequential read of the same table, in one run: (1) bulk-load the store, (2) read it with plain JDBC,
 * (3) start the standalone product on it and time its projection catching up from zero, (4) rebuild through the
 * operator endpoint and time it.
 */
final class RebuildSpeed {

    private static final Path STANDALONE_JAR = Path.of(System.getProperty("standalone.jar"));
    private static final String[] LIFECYCLE = {"proposed", "dialogue", "tender", "award", "pilot", "outcome",
            "implementation", "readiness", "lesson", "lesson"};

    private final Path directory;
    private final int events;
    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    RebuildSpeed(Path directory, int events) {
        this.directory = directory;
        this.events = events - events % LIFECYCLE.length;
    }

    void run() throws Exception {
        Files.createDirectories(directory);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("max_wal_size", "4GB").start()) {
            JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE partnerships").update();
            String url = postgres.getJdbcUrl("postgres", "partnerships");
            int port = KafkaBroker.freePort();
            List<String> args = List.of("--server.port=" + port, "--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--partnerships.demo-data.enabled=false");

            // The schema comes from the product's own migrations.
            ChildProcess first = ChildProcess.jar(directory.resolve("standalone-1.log"), STANDALONE_JAR, List.of(), args);
            ChildProcess.awaitPort(port, Duration.ofSeconds(120), first);
            first.kill();

            long loadStart = System.nanoTime();
            load(url);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf("%n== Rebuild speed ==%nloaded %,d events (%,d partnerships) in %.1f s: %,.0f events/s%n",
                    events, events / LIFECYCLE.length, loadSeconds, events / loadSeconds);

            double plainRead = plainSequentialRead(url);
            System.out.printf("plain JDBC sequential read of domain_event_entry: %,.0f rows/s%n", plainRead);

            ChildProcess standalone = ChildProcess.jar(directory.resolve("standalone-2.log"), STANDALONE_JAR,
                    List.of("-Xmx512m"), args);
            long catchUpStart = System.nanoTime();
            ChildProcess.awaitPort(port, Duration.ofSeconds(120), standalone);
            JdbcClient jdbc = JdbcClient.create(postgres.getDatabase("postgres", "partnerships"));
            // Both projections, the summaries and the history log, have applied every event.
            while (jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary").query(Long.class).single() < events
                    || jdbc.sql("SELECT count(*) FROM partnership_event_log").query(Long.class).single() < events) {
                Thread.sleep(500);
            }
            double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
            System.out.printf("live projections from zero (two tracking processors, incl. JVM start): %.1f s, %,.0f events/s (%.0f%% of plain read)%n",
                    catchUpSeconds, events / catchUpSeconds, 100 * events / catchUpSeconds / plainRead);

            Http http = new Http(port);
            long rebuildStart = System.nanoTime();
            Http.Response started = http.post("/api/admin/projections/partnership-summaries/rebuild", Map.of());
            if (started.status() != 202) {
                throw new IllegalStateException("Rebuild refused: " + started.body());
            }
            var progress = http.get("/api/admin/projections").json().get("partnership-summaries").path("rebuild");
            while (!"finished".equals(progress.path("state").asString())) {
                if ("failed".equals(progress.path("state").asString())) {
                    throw new IllegalStateException("Rebuild failed: " + progress);
                }
                Thread.sleep(500);
                progress = http.get("/api/admin/projections").json().get("partnership-summaries").path("rebuild");
            }
            double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
            System.out.printf("rebuild of both read models through the operator endpoint (scratch schema, then swap): "
                    + "%,d events in %.1f s, %,.0f events/s (%.0f%% of plain read)%n", progress.path("done").asLong(),
                    rebuildSeconds, events / rebuildSeconds, 100 * events / rebuildSeconds / plainRead);
            long projected = jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary").query(Long.class).single();
            if (projected != events) {
                throw new IllegalStateException("After the rebuild the summaries hold " + projected + " of " + events + " events");
            }
            standalone.kill();
        }
    }

    private void load(String url) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(url + "&reWriteBatchedInserts=true", "postgres", "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    VALUES (?, ?, 'Partnership', ?, ?, ?, '1', ?, ?)""")) {
                LocalDate day = LocalDate.of(2020, 1, 1);
                Instant recorded = Instant.parse("2025-01-01T00:00:00Z");
                String[] departments = {"OKF", "SUF", "TMF", "BUF", "KFF", "SOF", "BIF"};
                for (int p = 0; p < events / LIFECYCLE.length; p++) {
                    String id = UUID.nameUUIDFromBytes(("bench-" + p).getBytes()).toString();
                    String department = departments[p % departments.length];
                    for (int seq = 0; seq < LIFECYCLE.length; seq++) {
                        PartnershipEvent event = event(LIFECYCLE[seq], id, department, p, day.plusDays(seq * 30L));
                        Map<String, Object> metadata = Map.of("userId", "benchmark", "effectiveDate",
                                event.effectiveDate().toString(), "recordedAt", recorded.toString(),
                                "commandId", UUID.randomUUID().toString(), "correlationId", "benchmark");
                        insert.setString(1, id);
                        insert.setLong(2, seq);
                        insert.setString(3, UUID.randomUUID().toString());
                        insert.setBytes(4, json.writeValueAsBytes(metadata));
                        insert.setBytes(5, json.writeValueAsBytes(event));
                        insert.setString(6, event.getClass().getName());
                        insert.setString(7, recorded.plusSeconds(p * 10L + seq).toString());
                        insert.addBatch();
                    }
                    if (p % 100 == 99) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
    }

    private static PartnershipEvent event(String step, String id, String department, int n, LocalDate on) {
        return switch (step) {
            case "proposed" -> new PartnershipProposedEvent(id, "Partnerskab " + n, PartnershipKind.values()[n % 4],
                    department, "Københavns Kommune", "Enhed " + department, "Behov nummer " + n, List.of("Leverandør " + n % 50),
                    new BigDecimal(100_000 + n), on);
            case "dialogue" -> new StageAdvancedEvent(id, Stage.IDEA, Stage.MARKET_DIALOGUE, null, on);
            case "tender" -> new StageAdvancedEvent(id, Stage.MARKET_DIALOGUE, Stage.TENDER, null, on);
            case "award" -> new AwardRecordedEvent(id, "Leverandør " + n % 50, new BigDecimal(500_000), List.of("KK"), 1,
                    n % 3 == 0, on);
            case "pilot" -> new StageAdvancedEvent(id, Stage.TENDER, Stage.PILOT, null, on);
            case "outcome" -> new PilotOutcomeRecordedEvent(id, PilotOutcome.values()[n % 3], "Fund " + n, on);
            case "implementation" -> new StageAdvancedEvent(id, Stage.PILOT, Stage.IMPLEMENTATION, "videre", on);
            case "readiness" -> new ReadinessItemAddedEvent(id, "item-" + n, ReadinessType.COMPETENCE, "Kompetence " + n,
                    "Drift", on);
            default -> new LessonRecordedEvent(id, UUID.randomUUID().toString(), "Erfaring " + n, List.of("benchmark"),
                    Stage.IMPLEMENTATION, on);
        };
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
