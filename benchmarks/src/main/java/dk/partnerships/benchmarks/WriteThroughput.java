package dk.partnerships.benchmarks;

import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.Http;
import dk.partnerships.testsupport.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes against the physical limit, in one run on one PostgreSQL:
 * <ol>
 *   <li>the ceiling: single-row INSERT transactions per second into a table shaped like the event store (same
 *       columns, keys and unique constraints, an event-sized payload), plain JDBC, at 1, 4 and 16 clients;</li>
 *   <li>the event-sourced ceiling: the minimal event-sourced command in plain JDBC on the product's own event store
 *       schema (its migrations, so the same keys and the same hash-chain trigger): in one transaction read the
 *       aggregate's last sequence number, append the next event, commit; each client cycles through aggregates of
 *       its own, as the product's clients do, at the same concurrencies;</li>
 *   <li>stage-transition commands per second over HTTP against the standalone product at the same concurrencies
 *       (each client moves its own partnerships forward and back, so no two clients touch one aggregate), with
 *       p50/p95/p99 latency and the ratio to (1) and to (2);</li>
 *   <li>the standalone JVM's peak resident memory (Linux VmHWM) over the run.</li>
 * </ol>
 */
final class WriteThroughput {

    private static final Path STANDALONE_JAR = BenchmarkStore.standaloneJar();
    private static final int[] CLIENTS = {1, 4, 16};
    /**
     * Each client cycles through this many partnerships of its own. Real partnerships carry tens of events, not
     * hundreds; with 40 per client a 20-second step ends with streams of about the length a long-running
     * partnership reaches (the benchmark prints the figure), since every command replays its aggregate's stream.
     */
    private static final int PARTNERSHIPS_PER_CLIENT = 40;
    private static final byte[] PAYLOAD = ("{\"partnershipId\":\"00000000-0000-0000-0000-000000000000\",\"from\":\"IDEA\","
            + "\"to\":\"MARKET_DIALOGUE\",\"reason\":null,\"effectiveDate\":\"2026-11-30\"}").getBytes();
    private static final byte[] METADATA = ("{\"userId\":\"benchmark\",\"effectiveDate\":\"2026-11-30\",\"recordedAt\":"
            + "\"2026-11-30T10:00:00Z\",\"commandId\":\"00000000-0000-0000-0000-000000000000\",\"correlationId\":"
            + "\"00000000-0000-0000-0000-000000000000\"}").getBytes();

    private final Path directory;
    private final int seconds;

    /** With {@code profile=1}: a JFR recording of the standalone JVM over the whole run (settings "profile"). */
    private final boolean profile;

    /** At most this many warm-up rounds at 16 clients; fewer once the JIT settles. */
    private final int warmUpRounds;
    private static final int WARM_UP_SECONDS = 10;
    /** A round that compiles fewer methods than this counts as settled (a steady JIT still compiles a few). */
    private static final int SETTLED_COMPILATIONS = 100;

    WriteThroughput(Path directory, int seconds, boolean profile, int warmUpRounds) {
        this.directory = directory;
        this.seconds = seconds;
        this.profile = profile;
        this.warmUpRounds = warmUpRounds;
    }

    void run() throws Exception {
        Files.createDirectories(directory);
        // Durable commits, as the product runs them (zonky's builder would turn synchronous_commit off).
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("synchronous_commit", "on").start()) {
            JdbcClient admin = JdbcClient.create(postgres.getPostgresDatabase());
            admin.sql("CREATE DATABASE ceiling").update();
            admin.sql("CREATE DATABASE event_sourced_ceiling").update();
            admin.sql("CREATE DATABASE partnerships").update();
            System.out.printf("%n== Writes: the ceiling and the product (%d s per step) ==%n", seconds);

            double[] ceiling = new double[CLIENTS.length];
            String ceilingUrl = postgres.getJdbcUrl("postgres", "ceiling");
            JdbcClient.create(postgres.getDatabase("postgres", "ceiling")).sql("""
                    CREATE TABLE event_ceiling (
                        global_index BIGSERIAL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL UNIQUE,
                        meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),
                        payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                        UNIQUE (aggregate_identifier, sequence_number))""").update();
            for (int i = 0; i < CLIENTS.length; i++) {
                double postgresBefore = CpuTime.postgresSeconds(directory.resolve("postgres"));
                ceiling[i] = ceiling(ceilingUrl, CLIENTS[i]);
                // The clients' server processes count once they have ended (and been reaped).
                while (admin.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'ceiling'")
                        .query(Long.class).single() > 0) {
                    Thread.sleep(50);
                }
                double postgresMillis = (CpuTime.postgresSeconds(directory.resolve("postgres")) - postgresBefore) * 1000
                        / (ceiling[i] * seconds);
                System.out.printf("ceiling, plain JDBC single-row INSERT transactions, %2d clients: %,8.0f tx/s"
                        + " (PostgreSQL CPU %.3f ms per transaction)%n", CLIENTS[i], ceiling[i], postgresMillis);
            }

            double[] eventSourced = new double[CLIENTS.length];
            String eventSourcedUrl = postgres.getJdbcUrl("postgres", "event_sourced_ceiling");
            org.flywaydb.core.Flyway.configure().dataSource(postgres.getDatabase("postgres", "event_sourced_ceiling"))
                    .locations("classpath:db/eventstore").table("flyway_history_event_store").load().migrate();
            for (int i = 0; i < CLIENTS.length; i++) {
                double postgresBefore = CpuTime.postgresSeconds(directory.resolve("postgres"));
                eventSourced[i] = eventSourcedCeiling(eventSourcedUrl, CLIENTS[i]);
                while (admin.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'event_sourced_ceiling'")
                        .query(Long.class).single() > 0) {
                    Thread.sleep(50);
                }
                double postgresMillis = (CpuTime.postgresSeconds(directory.resolve("postgres")) - postgresBefore) * 1000
                        / (eventSourced[i] * seconds);
                System.out.printf("event-sourced ceiling, plain JDBC read-last-sequence + append with the hash chain,"
                        + " %2d clients: %,8.0f commands/s (PostgreSQL CPU %.3f ms per command)%n", CLIENTS[i],
                        eventSourced[i], postgresMillis);
            }

            int port = KafkaBroker.freePort();
            Path recording = directory.resolve("standalone.jfr");
            List<String> jvm = profile
                    ? List.of("-Xmx512m", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording)
                    : List.of("-Xmx512m");
            List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "partnerships"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=",
                    "--partnerships.demo-data.enabled=false",
                    // The read models' lag histogram, read per step (standalone exposes only health and info).
                    "--management.endpoints.web.exposure.include=health,info,prometheus"));
            List<String> extraArgs = BenchmarkStore.extraStandaloneArgs();
            args.addAll(extraArgs);
            if (!extraArgs.isEmpty()) {
                System.out.printf("standalone product started with %s%n", extraArgs);
            }
            ChildProcess standalone = ChildProcess.jar(directory.resolve("standalone.log"), STANDALONE_JAR, jvm, args);
            try {
                ChildProcess.awaitPort(port, Duration.ofSeconds(120), standalone);
                Http http = new Http(port);
                warmUp(http);
                Supplier<Map<String, Double>> cpu = () -> CpuTime.read(standalone.pid(), directory.resolve("postgres"));
                java.util.function.LongSupplier compilations = () -> jitCompilations(standalone.pid());
                JdbcClient store = JdbcClient.create(postgres.getDatabase("postgres", "partnerships"));
                // Until the JIT settles: the steps below then measure compiled code, not the compiler.
                for (int round = 1; round <= warmUpRounds; round++) {
                    Result warm = commands(http, 16, cpu, store, compilations, port, WARM_UP_SECONDS);
                    System.out.printf("warm-up round %d (16 clients, %d s): %,.0f commands/s, %,d JIT compilations%n",
                            round, WARM_UP_SECONDS, warm.perSecond(), warm.jitCompilations());
                    if (warm.jitCompilations() >= 0 && warm.jitCompilations() < SETTLED_COMPILATIONS) {
                        break;
                    }
                }
                System.out.printf("%-8s %12s %12s %12s %9s %9s %9s %9s %9s %8s %14s%n", "clients", "ceiling/s",
                        "es-ceiling/s", "commands/s", "ratio", "ratio es", "p50 ms", "p95 ms", "p99 ms", "refused",
                        "events/stream");
                List<String> cpuLines = new ArrayList<>();
                List<String> stepLines = new ArrayList<>();
                for (int i = 0; i < CLIENTS.length; i++) {
                    Result result = commands(http, CLIENTS[i], cpu, store, compilations, port, seconds);
                    cpuLines.add(String.format("%2d clients: %s", CLIENTS[i], CpuTime.describe(result.cpuPerCommand())));
                    stepLines.add(String.format("%2d clients: %,d JIT compilations during the step; %.1f events per read-model"
                                    + " transaction (%d processor token%s); read-model lag p50 <= %.0f ms, p99 <= %.0f ms;"
                                    + " %s",
                            CLIENTS[i], result.jitCompilations(), result.eventsPerTransaction(), result.processors(),
                            result.processors() == 1 ? "" : "s", result.lagP50Millis(), result.lagP99Millis(),
                            floor(result)));
                    System.out.printf("%-8d %,12.0f %,12.0f %,12.0f %8.1f%% %8.1f%% %9.1f %9.1f %9.1f %8d %14.0f%n",
                            CLIENTS[i], ceiling[i], eventSourced[i], result.perSecond(),
                            100 * result.perSecond() / ceiling[i], 100 * result.perSecond() / eventSourced[i],
                            result.p(50), result.p(95), result.p(99), result.refused(), result.eventsPerStream());
                }
                System.out.println("CPU per accepted command (ms; the product's JVM by thread, and PostgreSQL):");
                cpuLines.forEach(line -> System.out.println("  " + line));
                System.out.println("The JIT and the read models' batches per step (the JIT still compiling means the step was not yet"
                        + " steady; a processor's transactions are counted by its token's updates), and how long the step's"
                        + " events waited until every read model held them (recorded -> projected, the product's histogram;"
                        + " the upper bound of the bucket each percentile falls in, so up to a third high):");
                stepLines.forEach(line -> System.out.println("  " + line));
                System.out.printf("standalone JVM (-Xmx512m) peak resident memory: %,d MB%n",
                        standalone.peakResidentMegabytes());
            } finally {
                if (profile) {
                    standalone.stop(); // a graceful exit writes the recording
                    System.out.printf("JFR recording of the standalone JVM: %s (jfr print --events jdk.ExecutionSample ...)%n",
                            recording);
                } else {
                    standalone.kill();
                }
            }
        }
    }

    /** One client's work until {@code end} (System.nanoTime): how many operations it completed. */
    private interface ClientLoop {
        long run(Connection connection, long end) throws Exception;
    }

    /** Operations per second of {@code clients} threads, each with a connection of its own, for {@code seconds}. */
    private double perSecond(String url, int clients, ClientLoop loop) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                try (Connection connection = java.sql.DriverManager.getConnection(url, "postgres", "")) {
                    done.addAndGet(loop.run(connection, end));
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The minimal event-sourced command: read the aggregate's last sequence number, append the next event (the
     * hash-chain trigger computes its link and moves the chain head), commit. Each client cycles through
     * {@link #PARTNERSHIPS_PER_CLIENT} aggregates of its own, so clients never contend for one.
     */
    private double eventSourcedCeiling(String url, int clients) throws Exception {
        return perSecond(url, clients, (connection, end) -> {
            try (PreparedStatement last = connection.prepareStatement(
                         "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?");
                 PreparedStatement append = connection.prepareStatement(INSERT_EVENT.formatted("domain_event_entry"))) {
                connection.setAutoCommit(false);
                List<String> aggregates = new ArrayList<>();
                for (int a = 0; a < PARTNERSHIPS_PER_CLIENT; a++) {
                    aggregates.add(UUID.randomUUID().toString());
                }
                long appended = 0;
                while (System.nanoTime() < end) {
                    String aggregate = aggregates.get((int) (appended % aggregates.size()));
                    last.setString(1, aggregate);
                    long next;
                    try (java.sql.ResultSet rs = last.executeQuery()) {
                        rs.next();
                        long current = rs.getLong(1);
                        next = rs.wasNull() ? 0 : current + 1;
                    }
                    bindEvent(append, aggregate, next);
                    append.executeUpdate();
                    connection.commit();
                    appended++;
                }
                return appended;
            }
        });
    }

    /** Single-row INSERT transactions (autocommit) into the event-shaped table, one aggregate per client. */
    private double ceiling(String url, int clients) throws Exception {
        return perSecond(url, clients, (connection, end) -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT.formatted("event_ceiling"))) {
                connection.setAutoCommit(true);
                String aggregate = UUID.randomUUID().toString();
                long sequence = 0;
                while (System.nanoTime() < end) {
                    bindEvent(insert, aggregate, sequence++);
                    insert.executeUpdate();
                }
                return sequence;
            }
        });
    }

    /** An event row, in the event store's columns (%s: the table). */
    private static final String INSERT_EVENT = """
            INSERT INTO %s (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                payload_revision, payload_type, time_stamp)
            VALUES (?, ?, 'Partnership', ?, ?, ?, '1', 'dk.partnerships.events.StageAdvancedEvent', ?)""";

    private static void bindEvent(PreparedStatement insert, String aggregate, long sequence) throws java.sql.SQLException {
        insert.setString(1, aggregate);
        insert.setLong(2, sequence);
        insert.setString(3, UUID.randomUUID().toString());
        insert.setBytes(4, METADATA);
        insert.setBytes(5, PAYLOAD);
        insert.setString(6, java.time.Instant.now().toString());
    }

    private static void warmUp(Http http) {
        String id = propose(http, "warm-up");
        for (int i = 0; i < 300; i++) {
            http.post("/api/partnerships/" + id + "/stage-transitions", i % 2 == 0
                    ? Map.of("to", "MARKET_DIALOGUE") : Map.of("to", "IDEA", "reason", "benchmark"));
        }
    }

    private static String propose(Http http, String title) {
        Http.Response created = http.post("/api/partnerships", Map.of("title", title, "kind", "OPI",
                "department", "TMF", "lead", "Benchmark", "need", "Throughput"));
        if (created.status() != 201) {
            throw new IllegalStateException("Proposal refused: " + created.body());
        }
        return created.json().get("id").asString();
    }

    /** Each client owns its partnerships and moves them IDEA → MARKET_DIALOGUE → IDEA (with a reason) in turn. */
    private Result commands(Http http, int clients, Supplier<Map<String, Double>> cpu, JdbcClient store,
                            java.util.function.LongSupplier compilations, int port, int stepSeconds) throws Exception {
        List<List<String>> owned = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<String> ids = new ArrayList<>();
            for (int p = 0; p < PARTNERSHIPS_PER_CLIENT; p++) {
                ids.add(propose(http, "Benchmark " + clients + "-" + c + "-" + p));
            }
            owned.add(ids);
        }
        // The step's proposals are projected before it starts, so the lag below is the step's commands' alone.
        BenchmarkStore.awaitProjected(store, store.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single());
        ProjectionLagHistogram lagBefore = ProjectionLagHistogram.scrape(port);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(stepSeconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        Map<String, Double> cpuBefore = cpu.get();
        long compilationsBefore = compilations.getAsLong();
        long tokenUpdatesBefore = tokenUpdates(store);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            List<String> ids = owned.get(c);
            running.add(pool.submit(() -> {
                boolean[] advanced = new boolean[ids.size()];
                int next = 0;
                while (System.nanoTime() < end) {
                    int p = next++ % ids.size();
                    long sent = System.nanoTime();
                    Http.Response answer = http.post("/api/partnerships/" + ids.get(p) + "/stage-transitions",
                            advanced[p] ? Map.of("to", "IDEA", "reason", "benchmark") : Map.of("to", "MARKET_DIALOGUE"));
                    latencies.add((System.nanoTime() - sent) / 1e6);
                    if (answer.status() == 200) {
                        advanced[p] = !advanced[p];
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        long accepted = sorted.size() - refused.get();
        // The projections' work on the step's last events belongs to these commands.
        BenchmarkStore.awaitProjected(store, store.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single());
        double untilProjected = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = cpu.get();
        ProjectionLagHistogram lagAfter = ProjectionLagHistogram.scrape(port);
        long compiled = compilations.getAsLong() - compilationsBefore;
        Thread.sleep(1_500); // PostgreSQL publishes its table statistics at most once a second
        int processors = store.sql("SELECT count(*) FROM tokenentry WHERE processorname LIKE 'partnership-%'")
                .query(Integer.class).single();
        double transactions = (double) (tokenUpdates(store) - tokenUpdatesBefore) / Math.max(1, processors);
        return new Result(accepted / elapsed, sorted, refused.get(),
                1 + (double) accepted / (clients * PARTNERSHIPS_PER_CLIENT),
                CpuTime.perUnit(cpuBefore, cpuAfter, accepted), compiled,
                transactions == 0 ? 0 : accepted / transactions, processors, lagAfter.percentileSince(lagBefore, 50),
                lagAfter.percentileSince(lagBefore, 99), accepted / untilProjected, untilProjected - elapsed);
    }

    /**
     * What held the read models back in the step: the rate they applied the step's commands at (from its start until
     * every read model held them), against the rate its CPU allowed for writing and projecting together (from the
     * CPU per command, measured over the same time). Where the first is below the step's rate and the second above
     * it, the CPU was not used up: the one processor, a serial pipeline (read, apply, commit) among the request
     * threads and their database sessions, got too small a share of it.
     */
    private static String floor(Result result) {
        String applied = String.format("the read models applied %,.0f commands/s (%.1f s behind when the step ended)",
                result.projectedPerSecond(), result.secondsBehindAtEnd());
        double millis = result.cpuPerCommand().values().stream().mapToDouble(Double::doubleValue).sum();
        if (result.cpuPerCommand().isEmpty() || !(millis > 0)) {
            return applied;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return applied + String.format("; written and projected, %.2f ms of CPU per command, room for %,.0f commands/s"
                + " on %d cores", millis, cores * 1000 / millis, cores);
    }

    /** Rows updated in the token table so far: each read-model transaction moves its processor's token once. */
    private static long tokenUpdates(JdbcClient store) {
        return store.sql("SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'tokenentry'")
                .query(Long.class).single();
    }

    /** The JVM's JIT compilations so far ({@code jcmd PerfCounter.print}, sun.ci.totalCompiles); -1 when unreadable. */
    private static long jitCompilations(long pid) {
        try {
            Process jcmd = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor();
            return out.lines().filter(line -> line.startsWith("sun.ci.totalCompiles="))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf('=') + 1).trim())).findFirst().orElse(-1);
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * @param eventsPerStream the mean length of the partnerships' event streams at the end of the step
     * @param cpuPerCommand   milliseconds of CPU per accepted command, per group of threads and processes
     * @param jitCompilations methods the product's JIT compiled during the step
     * @param eventsPerTransaction the step's events per read-model transaction (per processor)
     * @param lagP50Millis         how long the step's events waited until every read model held them, median
     */
    private record Result(double perSecond, List<Double> sortedMillis, long refused, double eventsPerStream,
                          Map<String, Double> cpuPerCommand, long jitCompilations, double eventsPerTransaction,
                          int processors, double lagP50Millis, double lagP99Millis, double projectedPerSecond,
                          double secondsBehindAtEnd) {
        double p(double percentile) {
            return Benchmarks.percentile(sortedMillis, percentile);
        }
    }
}
