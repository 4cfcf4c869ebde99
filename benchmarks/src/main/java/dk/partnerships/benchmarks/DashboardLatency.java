package dk.partnerships.benchmarks;

import dk.partnerships.testsupport.ChildProcess;
import dk.partnerships.testsupport.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import com.zaxxer.hikari.HikariDataSource;
import dk.partnerships.testsupport.PooledDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency of the dashboard endpoints and pages with a portfolio of N/10 partnerships and N events (default
 * 100,000 and 1,000,000): load the store, let the standalone product project it, then time each endpoint one
 * request at a time (after a warm-up) and print p50/p95/max and the answer's size.
 */
final class DashboardLatency {

    private static final Path STANDALONE_JAR = BenchmarkStore.standaloneJar();
    private static final List<String> ENDPOINTS = List.of(
            "/api/dashboard/lifecycle",
            "/api/dashboard/lifecycle?department=TMF",
            "/api/dashboard/lifecycle?year=2022&kind=OPI",
            "/api/dashboard/implementation-gap",
            "/api/dashboard/implementation-gap?days=365",
            "/api/partnerships?limit=50",
            "/api/partnerships?stage=PILOT&department=SUF&limit=100",
            "/partnerships",
            "/api/lessons?q=borgerinddragelse&department=KFF&limit=20",
            "/api/lessons?q=borgerinddragelse&limit=20",
            "/api/lessons?q=12345",
            "/api/lessons?limit=20",
            "/lessons",
            "/partnerships/new/similar-lessons?title=cykeldata+og+trafiksensorer",
            "/dashboard",
            "/gap");

    private final Path directory;
    private final int events;
    private final int requests;

    DashboardLatency(Path directory, int events, int requests) {
        this.directory = directory;
        this.events = BenchmarkStore.wholePartnerships(events);
        this.requests = requests;
    }

    void run() throws Exception {
        Files.createDirectories(directory);
        // PostgreSQL logs every statement slower than 50 ms, so the run ends with where the time went.
        Path statementLog = directory.resolve("pg-log");
        try (EmbeddedPostgres postgres = BenchmarkStore.startPostgres(directory, statementLog, 50)) {
            List<String> args = BenchmarkStore.prepare(postgres, directory, STANDALONE_JAR);
            String url = BenchmarkStore.url(postgres);
            int port = BenchmarkStore.port(args);

            System.out.printf("%n== Dashboard latency ==%n");
            long loadStart = System.nanoTime();
            BenchmarkStore.load(url, events);
            System.out.printf("loaded %,d events (%,d partnerships) in %.1f s%n", events,
                    events / BenchmarkStore.EVENTS_PER_PARTNERSHIP, (System.nanoTime() - loadStart) / 1e9);

            ChildProcess standalone = ChildProcess.jar(directory.resolve("standalone-2.log"), STANDALONE_JAR,
                    List.of("-Xmx512m"), args);
            HikariDataSource pool = PooledDatabase.open(postgres, "partnerships");
            try {
                long projectStart = System.nanoTime();
                ChildProcess.awaitPort(port, Duration.ofSeconds(120), standalone);
                JdbcClient jdbc = JdbcClient.create(pool);
                BenchmarkStore.awaitProjected(jdbc, events);
                // Timed as a database in its steady state: a catch-up leaves dead row versions that autovacuum
                // removes within minutes, and a fast catch-up would otherwise be timed amid that clean-up.
                jdbc.sql("VACUUM (ANALYZE)").update();
                System.out.printf("projected in %.1f s; timing %d requests per endpoint, one at a time, after 5 warm-up requests%n",
                        (System.nanoTime() - projectStart) / 1e9, requests);

                Http http = new Http(port);
                printAnswers(http);
                System.out.printf("%-60s %9s %9s %9s %10s%n", "endpoint", "p50 ms", "p95 ms", "max ms", "answer KB");
                for (String endpoint : ENDPOINTS) {
                    int size = 0;
                    for (int i = 0; i < 5; i++) {
                        Http.Response answer = http.get(endpoint);
                        if (answer.status() != 200) {
                            throw new IllegalStateException(endpoint + " answered " + answer.status() + ": " + answer.body());
                        }
                        size = answer.body().length();
                    }
                    List<Double> millis = new ArrayList<>();
                    for (int i = 0; i < requests; i++) {
                        long start = System.nanoTime();
                        http.get(endpoint);
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                    millis.sort(null);
                    System.out.printf("%-60s %9.1f %9.1f %9.1f %10d%n", endpoint, Benchmarks.percentile(millis, 50),
                            Benchmarks.percentile(millis, 95), millis.get(millis.size() - 1), size / 1024);
                }
                afterEachChange(http, jdbc);
                System.out.printf("standalone JVM (-Xmx512m) peak resident memory: %,d MB%n",
                        standalone.peakResidentMegabytes());
                BenchmarkStore.slowestStatements(statementLog,
                        "statements over 50 ms, by total time (PostgreSQL's log, projection phase included):");
            } finally {
                pool.close();
                standalone.kill();
            }
        }
    }

    /** The figures' answers, each with a digest: two builds projecting the same events must print the same ones. */
    private static final List<String> ANSWERS = List.of("/api/dashboard/lifecycle",
            "/api/dashboard/lifecycle?department=SUF&kind=OPI", "/api/dashboard/lifecycle?year=2021",
            "/api/dashboard/implementation-gap?days=0&limit=10000", "/api/dashboard/implementation-gap?days=365",
            "/api/dashboard/implementation-gap?days=90&department=TMF",
            "/api/dashboard/lifecycle?format=csv&table=byDepartment",
            "/api/dashboard/implementation-gap?format=csv&table=stalledAfterPilot&days=0");

    private void printAnswers(Http http) throws Exception {
        System.out.println("answers (SHA-256 of each body; saved in " + directory.resolve("answers") + "):");
        Files.createDirectories(directory.resolve("answers"));
        for (int i = 0; i < ANSWERS.size(); i++) {
            String body = http.get(ANSWERS.get(i)).body();
            Files.writeString(directory.resolve("answers").resolve(i + ".txt"), body);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.printf("  %s  %,9d bytes  %s%n", java.util.HexFormat.of().formatHex(digest).substring(0, 16),
                    body.length(), ANSWERS.get(i));
        }
    }

    /**
     * The figures are shared between readers until the data they come from change (FiguresCache), so the timings
     * above are what readers see while nothing changes. This is the other case: the first read after a change that
     * makes every figure be computed again — the partnership put on hold and resumed in turn, which moves a counted
     * column (a lesson would leave the lifecycle figures cached: that case is timed last).
     */
    private void afterEachChange(Http http, JdbcClient jdbc) throws InterruptedException {
        String id = http.get("/api/partnerships?limit=1").json().get(0).get("id").asString();
        int rounds = Math.max(10, requests / 3);
        System.out.printf("first read after a change (put on hold or resumed, then projected), %d rounds each:%n", rounds);
        int change = 0;
        for (String endpoint : List.of("/api/dashboard/lifecycle", "/api/dashboard/implementation-gap", "/dashboard",
                "/gap")) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Http.Response answer = change++ % 2 == 0
                        ? http.post("/api/partnerships/" + id + "/hold", java.util.Map.of("reason", "Benchmark"))
                        : http.post("/api/partnerships/" + id + "/resume", java.util.Map.of());
                millis.add(timeReadAfter(http, jdbc, id, answer, endpoint));
            }
            print(endpoint + " (after a change)", millis);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Http.Response answer = http.post("/api/partnerships/" + id + "/lessons", java.util.Map.of("text", "Ændring " + i));
            millis.add(timeReadAfter(http, jdbc, id, answer, "/api/dashboard/lifecycle"));
        }
        print("/api/dashboard/lifecycle (after a lesson)", millis);
    }

    /** Waits until the change is projected, then times one read of the endpoint. */
    private static double timeReadAfter(Http http, JdbcClient jdbc, String id, Http.Response change, String endpoint)
            throws InterruptedException {
        if (change.status() >= 300) {
            throw new IllegalStateException("the change was refused: " + change.body());
        }
        long version = change.json().get("version").asLong();
        while (jdbc.sql("SELECT version FROM partnership_lifecycle WHERE partnership_id = :id").param("id", id)
                .query(Long.class).single() < version) {
            Thread.sleep(5);
        }
        long start = System.nanoTime();
        http.get(endpoint);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void print(String label, List<Double> millis) {
        millis.sort(null);
        System.out.printf("%-60s %9.1f %9.1f %9.1f%n", label, Benchmarks.percentile(millis, 50),
                Benchmarks.percentile(millis, 95), millis.get(millis.size() - 1));
    }

}
