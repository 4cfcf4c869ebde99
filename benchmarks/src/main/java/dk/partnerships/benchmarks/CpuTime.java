package dk.partnerships.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system) spent by the product's JVM, per kind of thread, and by PostgreSQL's server processes,
 * read from Linux's {@code /proc}: where a command's CPU goes, the figure that explains throughput on a machine
 * whose cores are saturated. On systems without {@code /proc} every figure is empty.
 * <p>
 * PostgreSQL's share is the postmaster's own time, the time of its children that have ended (which it has reaped,
 * Linux's {@code cutime}/{@code cstime}) and that of its children still running: every server process, however
 * short-lived its connection.
 */
final class CpuTime {

    /** Linux's clock ticks per second for {@code /proc/<pid>/stat}; 100 on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** Seconds of CPU per group: the JVM's threads by kind, then {@code PostgreSQL}. */
    static Map<String, Double> read(long jvmPid, Path postgresDataDirectory) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : new String[]{"requests", "projections", "event store reader", "JIT compiler", "GC",
                "other JVM threads", "PostgreSQL"}) {
            seconds.put(group, 0.0);
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(jvmPid), "task"))) {
            for (Path thread : threads) {
                String name = readQuietly(thread.resolve("comm")).trim();
                seconds.merge(group(name), ticks(readQuietly(thread.resolve("stat"))) / TICKS_PER_SECOND, Double::sum);
            }
            seconds.put("PostgreSQL", postgresSeconds(postgresDataDirectory));
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return seconds;
    }

    /** Seconds of CPU PostgreSQL's server processes have spent since the server started; NaN without /proc. */
    static double postgresSeconds(Path postgresDataDirectory) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postgresDataDirectory.resolve("postmaster.pid")).get(0).trim());
            String[] own = fields(Files.readString(Path.of("/proc", String.valueOf(postmaster), "stat")));
            long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    String stat = readQuietly(process.resolve("stat"));
                    if (!stat.isEmpty() && Long.parseLong(fields(stat)[1]) == postmaster) {
                        ticks += ticks(stat);
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException notLinux) {
            return Double.NaN;
        }
    }

    /** Milliseconds per unit of work between two readings, per group. */
    static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        Map<String, Double> millis = new LinkedHashMap<>();
        if (units > 0) {
            after.forEach((group, seconds) -> millis.put(group, (seconds - before.getOrDefault(group, 0.0)) * 1000 / units));
        }
        return millis;
    }

    static String describe(Map<String, Double> millisPerUnit) {
        if (millisPerUnit.isEmpty()) {
            return "(no /proc here)";
        }
        StringBuilder text = new StringBuilder(String.format("%.2f ms in all: ",
                millisPerUnit.values().stream().mapToDouble(Double::doubleValue).sum()));
        millisPerUnit.forEach((group, millis) -> text.append(String.format("%s %.2f, ", group, millis)));
        return text.substring(0, text.length() - 2);
    }

    private static String group(String threadName) {
        // Linux keeps 15 characters of a thread's name: "http-nio-8080-exec-1" and its poller both start so.
        if (threadName.startsWith("http-nio")) {
            return "requests";
        }
        if (threadName.startsWith("EventProcessor")) {
            return "projections";
        }
        if (threadName.startsWith("EmbeddedEventSt")) {
            return "event store reader";
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "JIT compiler";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "GC";
        }
        return "other JVM threads";
    }

    /** utime + stime; the fields after the command name, which is in parentheses and may hold spaces. */
    private static long ticks(String stat) {
        if (stat.isEmpty()) {
            return 0;
        }
        String[] fields = fields(stat);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of {@code /proc/<pid>/stat} from the third (state) on: [1] parent, [11] utime ... [14] cstime. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** A thread or process may end while it is read; it then counts nothing. */
    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ended) {
            return "";
        }
    }
}
