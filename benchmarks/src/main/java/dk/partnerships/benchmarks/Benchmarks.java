package dk.partnerships.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The single entry point: runs the named benchmarks in one process, on this machine, and prints their figures.
 * <pre>
 *   writes    single-row INSERT ceiling vs stage-transition commands over HTTP at 1, 4, 16 clients; peak RSS
 *   lag       end-to-end lag (command accepted on the command side, visible on the query side via Kafka)
 *   rebuild   rebuild speed of the read models from a store of 1,000,000 events, against a plain JDBC read
 *   dashboard p50/p95 latency of the dashboard endpoints and pages with 100,000 partnerships and 1,000,000 events
 *   catchup   each read model alone catching up from the first event, time per tenth (not in the default set)
 * </pre>
 * Settings as arguments beside the names: {@code lag rebuild dashboard events=1000000 rate=50 seconds=30 requests=50}
 * ({@code warmup}: at most this many 10-second rounds at 16 clients before the writes are measured, fewer once the
 * JIT settles; 0 for none).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<String> names = new java.util.ArrayList<>();
        java.util.Map<String, Integer> settings = new java.util.HashMap<>(java.util.Map.of(
                "rate", 50, "seconds", 30, "events", 1_000_000, "requests", 50, "profile", 0, "warmup", 8));
        for (String arg : args) {
            if (arg.contains("=")) {
                settings.put(arg.substring(0, arg.indexOf('=')), Integer.parseInt(arg.substring(arg.indexOf('=') + 1)));
            } else if (!arg.isBlank()) {
                names.add(arg);
            }
        }
        if (names.isEmpty()) {
            names = List.of("writes", "lag", "rebuild", "dashboard");
        }
        Path work = Files.createTempDirectory("partnership-benchmarks");
        System.out.printf("Benchmarks %s with %s on %d cores, %d MB max heap, Java %s; work directory %s%n", names, settings,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), work);
        for (String name : names) {
            switch (name) {
                case "writes" -> new WriteThroughput(work.resolve("writes"), settings.get("seconds"),
                        settings.get("profile") == 1, settings.get("warmup")).run();
                case "lag" -> new EndToEndLag(work.resolve("lag"), settings.get("rate"), settings.get("seconds")).run();
                case "rebuild" -> new RebuildSpeed(work.resolve("rebuild"), settings.get("events"),
                        settings.get("profile") == 1).run();
                case "dashboard" -> new DashboardLatency(work.resolve("dashboard"), settings.get("events"),
                        settings.get("requests")).run();
                case "catchup" -> new ProjectionCatchUp(work.resolve("catchup"), settings.get("events")).run();
                default -> throw new IllegalArgumentException("Unknown benchmark " + name
                        + "; known: writes, lag, rebuild, dashboard, catchup");
            }
        }
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
