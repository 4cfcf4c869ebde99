package dk.partnerships.standalone.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standalone product's own PostgreSQL on its locked data folder, kept running: a watchdog looks at the server
 * every few seconds ({@code partnerships.embedded-postgres.watchdog-seconds}, 2) and, when it has died under the running product (killed, crashed), starts it again on the same
 * folder and port. PostgreSQL replays its write-ahead log on start, so every acknowledged write is there; the
 * connection pool reconnects by itself. While it is down, requests are answered 503 and health reports {@code db}
 * DOWN.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final DataFolder folder;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    /** The postmaster this product started: the watchdog watches this process, not whatever a pid file names. */
    private volatile ProcessHandle postmaster;
    private final int port;
    private volatile boolean closed;

    private EmbeddedDatabase(DataFolder folder, EmbeddedPostgres postgres, int watchSeconds) {
        this.folder = folder;
        this.postgres = postgres;
        this.postmaster = DataFolder.postmaster(folder.path()).orElse(null);
        this.port = postgres.getPort();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        int every = Math.max(1, watchSeconds);
        watchdog.scheduleWithFixedDelay(this::restartWhenDead, every, every, TimeUnit.SECONDS);
    }

    /**
     * Starts PostgreSQL on the folder (already checked and locked), on {@code port}, or a free one when 0, and looks
     * at it every {@code watchSeconds}.
     */
    public static EmbeddedDatabase start(DataFolder folder, int port, int watchSeconds) {
        try {
            return new EmbeddedDatabase(folder, server(folder, port), watchSeconds);
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw new DataFolder.DataFolderException("PostgreSQL could not start on the data folder " + folder.path()
                    + ": " + rootMessage(e));
        }
    }

    static EmbeddedPostgres server(DataFolder folder, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(folder.path())
                .setCleanDataDirectory(false)
                .setServerConfig("timezone", "UTC")
                // zonky's builder turns synchronous_commit off (it is made for tests); a write this product
                // acknowledges must survive a crash, so commits wait for their WAL to be flushed, as by default.
                .setServerConfig("synchronous_commit", "on")
                // zonky starts the server with -F (no fsync, for tests); a later -c wins: flushed means on disk.
                .setServerConfig("fsync", "on")
                // Crash recovery replays the write-ahead log before the server answers; it may take a while.
                .setPGStartupWait(java.time.Duration.ofMinutes(5))
                // Stopped by the product (close), never by a JVM hook racing the product's own shutdown.
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return port;
    }

    public DataFolder folder() {
        return folder;
    }

    private synchronized void restartWhenDead() {
        if (closed || postmaster == null || postmaster.isAlive()) {
            return;
        }
        log.warn("PostgreSQL on {} stopped under the running product; starting it again on port {}", folder.path(), port);
        try {
            // The dead server's handle still holds the library's lock on the folder; closing it lets that go.
            postgres.close();
        } catch (IOException | RuntimeException alreadyGone) {
            // it is dead: nothing to stop
        }
        try {
            // A start that failed leaves the library's lock on its lock file held inside this JVM; a new file is
            // free of it. (The product's own lock, beside the folder, still keeps other products out.)
            java.nio.file.Files.deleteIfExists(folder.path().resolve("epg-lock"));
            postgres = server(folder, port);
            postmaster = DataFolder.postmaster(folder.path()).orElse(null);
            log.warn("PostgreSQL on {} is running again; the write-ahead log was replayed", folder.path());
        } catch (IOException | RuntimeException e) {
            // Its old processes may still be exiting (shared memory in use): the next look tries again.
            log.warn("PostgreSQL on {} could not start yet ({}); trying again", folder.path(), rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public synchronized void close() {
        closed = true;
        watchdog.shutdownNow();
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL on {} did not stop cleanly: {}", folder.path(), e.getMessage());
        } finally {
            folder.close();
        }
    }
}
