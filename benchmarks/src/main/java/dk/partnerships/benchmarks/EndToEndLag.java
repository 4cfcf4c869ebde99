package dk.partnerships.benchmarks;

import dk.partnerships.testsupport.Http;
import dk.partnerships.testsupport.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end lag at a steady command rate: each command's moment of acceptance (the command side's HTTP answer)
 * against the moment its version is visible in the query side's read table (polled every 2 ms). Runs the
 * distributed product: command side and query side as java -jar processes, Kafka in a child JVM, PostgreSQL.
 */
final class EndToEndLag {

    private record Accepted(String partnershipId, long version, long acceptedNanos) {
    }

    private final Path directory;
    private final int rate;
    private final int seconds;

    EndToEndLag(Path directory, int rate, int seconds) {
        this.directory = directory;
        this.rate = rate;
        this.seconds = seconds;
    }

    void run() throws Exception {
        Files.createDirectories(directory);
        try (Services services = new Services(directory)) {
            services.startCommandSide();
            services.startQuerySide();
            Http commands = services.commands();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(commands.post("/api/partnerships", Map.of("title", "Lag " + i, "kind", "OPI", "department",
                        "TMF", "lead", "TMF", "need", "Benchmark")).json().get("id").asString());
            }
            // Warm up both JVMs and the pipeline before measuring.
            for (int i = 0; i < 200; i++) {
                commands.post("/api/partnerships/" + ids.get(i % ids.size()) + "/lessons", Map.of("text", "warm-up " + i));
            }
            waitUntilProjected(services, ids.size() + 200);

            // A first phase at the same rate warms the JVMs' compilers and pools for concurrent load (JMH's warm-up
            // iterations, in effect); its figures are printed too, so the start-up cost stays visible.
            int warmUpSeconds = Math.min(15, seconds);
            Phase warmUp = atRate(services, commands, ids, warmUpSeconds, false);
            Phase measured = atRate(services, commands, ids, seconds, true);
            System.out.printf("%n== End-to-end lag (command side -> Kafka -> query side) ==%n");
            warmUp.print("warm-up", rate, warmUpSeconds);
            measured.print("measured", rate, seconds);
        }
    }

    private record Phase(int sent, int failed, int invisible, List<Double> sortedLags, double elapsedSeconds,
                         double machineBusyPercent) {

        void print(String name, int rate, int seconds) {
            System.out.printf("%s: target rate %d commands/s for %d s; sent %d (%.1f/s), accepted %d, refused or failed %d, "
                    + "still invisible %d%n", name, rate, seconds, sent, sent / (double) seconds,
                    sortedLags.size() + invisible, failed, invisible);
            System.out.printf("%s: lag p50 %.1f ms, p99 %.1f ms, max %.1f ms (over %d commands, %.1f s)%n", name,
                    Benchmarks.percentile(sortedLags, 50), Benchmarks.percentile(sortedLags, 99),
                    sortedLags.isEmpty() ? Double.NaN : sortedLags.get(sortedLags.size() - 1), sortedLags.size(),
                    elapsedSeconds);
            System.out.printf("%s: the machine's cores were %.0f%% busy (every process: services, Kafka, PostgreSQL, this "
                    + "benchmark)%n", name, machineBusyPercent);
        }
    }

    /** Records lessons at the steady rate for the given time and notes when each became visible on the query side. */
    private Phase atRate(Services services, Http commands, List<String> ids, int phaseSeconds, boolean printPipeline)
            throws InterruptedException {
        ConcurrentLinkedQueue<Accepted> pending = new ConcurrentLinkedQueue<>();
        List<Double> lagsMillis = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        // The clock only dispatches; senders run in a pool, so a slow answer never lowers the rate.
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.ExecutorService load = Executors.newFixedThreadPool(16);
        long periodMicros = 1_000_000L / rate;
        long[] cpuBefore = cpuTicks();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> load.submit(() -> {
            int n = sent.getAndIncrement();
            String id = ids.get(n % ids.size());
            Http.Response answer = commands.post("/api/partnerships/" + id + "/lessons", Map.of("text", "lektie " + n));
            if (answer.status() == 201) {
                pending.add(new Accepted(id, answer.json().get("version").asLong(), System.nanoTime()));
            } else {
                failed.incrementAndGet();
            }
        }), 0, periodMicros, TimeUnit.MICROSECONDS);

        long end = start + TimeUnit.SECONDS.toNanos(phaseSeconds);
        long nextSample = start;
        boolean sending = true;
        while (sending || !pending.isEmpty()) {
            if (sending && System.nanoTime() >= end) {
                clock.shutdownNow();
                load.shutdown();
                load.awaitTermination(30, TimeUnit.SECONDS);
                sending = false;
            }
            Map<String, Long> versions = new HashMap<>();
            services.queryDatabase.sql("SELECT id, version FROM partnership_summary")
                    .query((rs, row) -> versions.put(rs.getString(1), rs.getLong(2))).list();
            long now = System.nanoTime();
            if (printPipeline && now >= nextSample) {
                nextSample = now + TimeUnit.SECONDS.toNanos(5);
                printPipeline(services, (now - start) / 1e9);
            }
            pending.removeIf(accepted -> {
                if (versions.getOrDefault(accepted.partnershipId(), 0L) >= accepted.version()) {
                    lagsMillis.add((now - accepted.acceptedNanos()) / 1e6);
                    return true;
                }
                return false;
            });
            if (System.nanoTime() > end + TimeUnit.SECONDS.toNanos(60)) {
                break;
            }
            Thread.sleep(2);
        }
        long[] cpuAfter = cpuTicks();
        List<Double> sorted = new ArrayList<>(lagsMillis);
        Collections.sort(sorted);
        double total = cpuAfter[0] - cpuBefore[0];
        double busy = total <= 0 ? Double.NaN : 100 * (1 - (cpuAfter[1] - cpuBefore[1]) / total);
        return new Phase(sent.get(), failed.get(), pending.size(), sorted, (System.nanoTime() - start) / 1e9, busy);
    }

    /** All and idle (incl. I/O wait) CPU ticks of the machine so far, from Linux's /proc/stat. */
    private static long[] cpuTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < fields.length; i++) {
                all += Long.parseLong(fields[i]);
            }
            return new long[]{all, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[]{0, 0}; // not Linux: the figure is printed as NaN
        }
    }

    /** Where events are: stored, published (the outbox processor's position), projected. */
    private static void printPipeline(Services services, double atSeconds) {
        long stored = services.commandDatabase.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class).single();
        Long published = services.commandDatabase.sql("""
                SELECT (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint FROM tokenentry
                WHERE processorname = 'kafka-publisher'""").query(Long.class).optional().orElse(0L);
        long projected = services.queryDatabase.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary")
                .query(Long.class).single();
        System.out.printf("  t=%5.1f s  stored %d, published up to %d, projected %d%n", atSeconds, stored, published,
                projected);
    }

    private static void waitUntilProjected(Services services, long events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Long projected = services.queryDatabase.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary")
                    .query(Long.class).single();
            if (projected >= events) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Warm-up events were not projected within 120 s:\n" + services.logs());
    }
}
