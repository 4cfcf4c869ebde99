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
import dk.partnerships.testsupport.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills an empty event store (made by the product's own migrations) with a portfolio of partnerships of ten events
 * each, written as the product writes them (same JSON, metadata, table), in JDBC batches. Three in four partnerships
 * reach implementation with a readiness item and two lessons; one in four stays in its pilot after the outcome with
 * four lessons, so the implementation gap has rows. Proposals are spread over six years of effective dates and the
 * seven departments, so every quarter and department of the dashboard has figures.
 */
final class BenchmarkStore {

    static final int EVENTS_PER_PARTNERSHIP = 10;

    /** The standalone product's jar ({@code -Dstandalone.jar}); read when a benchmark needs it, not when loaded. */
    static Path standaloneJar() {
        return Path.of(System.getProperty("standalone.jar"));
    }

    /**
     * Settings added to the standalone product's command line ({@code -Dstandalone.args}, separated by spaces, e.g.
     * {@code --server.tomcat.threads.max=8}): to compare one setting against the default in interleaved runs.
     */
    static List<String> extraStandaloneArgs() {
        String args = System.getProperty("standalone.args", "").trim();
        return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
    }

    /** A store's size rounded down to whole partnerships of {@link #EVENTS_PER_PARTNERSHIP} events. */
    static int wholePartnerships(int events) {
        return events - events % EVENTS_PER_PARTNERSHIP;
    }

    private static final String[] TO_OPERATION = {"proposed", "dialogue", "tender", "award", "pilot", "outcome",
            "implementation", "readiness", "lesson", "lesson"};
    private static final String[] STAYS_IN_PILOT = {"proposed", "dialogue", "tender", "award", "pilot", "outcome",
            "lesson", "lesson", "lesson", "lesson"};
    private static final String[] DEPARTMENTS = {"OKF", "SUF", "TMF", "BUF", "KFF", "SOF", "BIF"};

    private BenchmarkStore() {
    }

    /**
     * Creates the database {@code partnerships} on the server and lets the standalone product's own migrations make
     * its schema (started once, then stopped).
     *
     * @return the arguments that start the product on that database, on a free port ({@link #port})
     */
    static List<String> prepare(EmbeddedPostgres postgres, Path directory, Path standaloneJar) throws Exception {
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE partnerships").update();
        int port = KafkaBroker.freePort();
        List<String> args = List.of("--server.port=" + port, "--spring.datasource.url=" + url(postgres),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--partnerships.demo-data.enabled=false");
        ChildProcess first = ChildProcess.jar(directory.resolve("standalone-1.log"), standaloneJar, List.of(), args);
        try {
            ChildProcess.awaitPort(port, Duration.ofSeconds(120), first);
        } finally {
            first.kill();
        }
        return args;
    }

    /**
     * A PostgreSQL for one benchmark, its data under {@code directory}, logging every statement slower than
     * {@code logStatementsOverMillis} into {@code statementLog} (see {@link #slowestStatements}).
     */
    static EmbeddedPostgres startPostgres(Path directory, Path statementLog, int logStatementsOverMillis)
            throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("max_wal_size", "4GB")
                .setServerConfig("logging_collector", "on").setServerConfig("log_directory", statementLog.toString())
                .setServerConfig("log_min_duration_statement", Integer.toString(logStatementsOverMillis)).start();
    }

    /** The statements that took the most time in total, from PostgreSQL's log (see {@link #startPostgres}). */
    static void slowestStatements(Path logDirectory, String title) throws java.io.IOException {
        java.util.Map<String, double[]> byStatement = new java.util.HashMap<>();
        java.util.regex.Pattern duration = java.util.regex.Pattern.compile("duration: ([0-9.]+) ms\\s+(?:execute [^:]*|statement): (.*)");
        try (var files = java.nio.file.Files.list(logDirectory)) {
            for (Path file : files.toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    java.util.regex.Matcher matcher = duration.matcher(lines.get(i));
                    if (matcher.find()) {
                        StringBuilder text = new StringBuilder(matcher.group(2));
                        while (i + 1 < lines.size() && lines.get(i + 1).startsWith("\t")) {
                            text.append(' ').append(lines.get(++i));
                        }
                        String statement = text.toString().replaceAll("\\s+", " ");
                        String key = statement.substring(0, Math.min(110, statement.length()));
                        double[] figures = byStatement.computeIfAbsent(key, k -> new double[2]);
                        figures[0] += Double.parseDouble(matcher.group(1));
                        figures[1]++;
                    }
                }
            }
        }
        System.out.println(title);
        byStatement.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(10)
                .forEach(entry -> System.out.printf("  %,9.0f ms total %6.0f x %7.1f ms  %s%n", entry.getValue()[0],
                        entry.getValue()[1], entry.getValue()[0] / entry.getValue()[1], entry.getKey()));
    }

    static String url(EmbeddedPostgres postgres) {
        return postgres.getJdbcUrl("postgres", "partnerships");
    }

    /** The port in arguments made by {@link #prepare}. */
    static int port(List<String> args) {
        return Integer.parseInt(args.get(0).substring("--server.port=".length()));
    }

    /** Waits until every read model (summaries, history, lifecycle and, where the build has it, lessons) holds all {@code events}. */
    static void awaitProjected(JdbcClient jdbc, long events) throws InterruptedException {
        // First the cheap test: every projection processor's token has passed the last event. Summing 100,000 versions
        // every half second instead cost PostgreSQL ~0.1 s a time, a tenth of the machine while it was measured.
        // A processor whose token was first stored after the events were loaded holds a replay token, its position
        // inside (currentToken). Builds differ in how many processors they run (one since the tenth round), so all
        // 'partnership-*' rows count.
        long last = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        while (jdbc.sql("""
                SELECT coalesce(count(*) >= 1 AND bool_and(coalesce(position, -1) >= :last), false) FROM (
                    SELECT coalesce(token -> 'currentToken' ->> 'index', token ->> 'index')::bigint AS position
                    FROM (SELECT convert_from(token, 'UTF8')::jsonb AS token FROM tokenentry
                          WHERE processorname LIKE 'partnership-%') t) p""")
                .param("last", last).query(Boolean.class).single() == Boolean.FALSE) {
            Thread.sleep(250);
        }
        while (jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary").query(Long.class).single() < events
                || jdbc.sql("SELECT count(*) FROM partnership_event_log").query(Long.class).single() < events
                || jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_lifecycle").query(Long.class).single() < events) {
            Thread.sleep(500);
        }
    }

    static void load(String url, int events) throws Exception {
        ObjectMapper json = PartnershipEventJson.newObjectMapper();
        try (Connection connection = java.sql.DriverManager.getConnection(url + "&reWriteBatchedInserts=true", "postgres", "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    VALUES (?, ?, 'Partnership', ?, ?, ?, '1', ?, ?)""")) {
                Instant recorded = Instant.parse("2025-01-01T00:00:00Z");
                for (int p = 0; p < events / EVENTS_PER_PARTNERSHIP; p++) {
                    String id = UUID.nameUUIDFromBytes(("bench-" + p).getBytes()).toString();
                    String department = DEPARTMENTS[p % DEPARTMENTS.length];
                    String[] lifecycle = p % 4 == 1 ? STAYS_IN_PILOT : TO_OPERATION;
                    LocalDate proposedOn = LocalDate.of(2019, 1, 1).plusDays(p % 2190);
                    for (int seq = 0; seq < lifecycle.length; seq++) {
                        PartnershipEvent event = event(lifecycle[seq], id, department, p,
                                proposedOn.plusDays(seq * (10L + p % 40)));
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
                    department, "Københavns Kommune", "Enhed " + department, null, "Behov nummer " + n, List.of("Leverandør " + n % 50),
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
            default -> new LessonRecordedEvent(id, UUID.randomUUID().toString(), "Erfaring " + n + " om borgerinddragelse",
                    List.of("benchmark"), n % 4 == 1 ? Stage.PILOT : Stage.IMPLEMENTATION, on);
        };
    }
}
