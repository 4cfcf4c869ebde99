package dk.partnerships.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM started by a test: a broker, or one of the services as a plain {@code java -jar}. Output goes to a file. */
public final class ChildProcess {

    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A main class from the test's own class path. */
    public static ChildProcess java(Path log, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(command, log);
    }

    /**
     * A runnable jar, started exactly as the README tells an operator to start it. It runs from a copy beside its
     * log, so a rebuild of the project while it runs cannot pull classes out from under it.
     */
    public static ChildProcess jar(Path log, Path jar, List<String> jvmOptions, List<String> args) throws IOException {
        Files.createDirectories(log.getParent());
        Path copy = log.getParent().resolve(jar.getFileName());
        if (!Files.exists(copy)) {
            Files.copy(jar, copy);
        }
        jar = copy;
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return start(command, log);
    }

    private static ChildProcess start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildProcess(process, log);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The peak resident memory of the process so far, in MB, from Linux's {@code /proc/<pid>/status} (VmHWM);
     * -1 where that is not available.
     */
    public long peakResidentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
        return -1;
    }

    /** The operating system's process id (for reading its CPU time from {@code /proc}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: shutdown hooks run (a JFR recording is written, Spring closes); SIGKILL after a minute. */
    public void stop() {
        process.destroy();
        waitFor(Duration.ofSeconds(60)); // kills forcibly when the minute is up
    }

    /** SIGKILL: no shutdown hook, no graceful close, as a crashed machine. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Waits until something listens on the port; fails early, with the child's output, when the child died. */
    public static void awaitPort(int port, Duration timeout, ChildProcess child) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException("Process exited early:\n" + tail(child.output()));
            }
            try (Socket ignored = new Socket("localhost", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("Nothing listened on port " + port + " within " + timeout + ":\n"
                + tail(child.output()));
    }

    public static String tail(String output) {
        return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
    }
}
