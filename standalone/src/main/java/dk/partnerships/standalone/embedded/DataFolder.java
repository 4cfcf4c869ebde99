package dk.partnerships.standalone.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The standalone product's data folder, made safe to start on: checked (a folder this product can use), locked (one
 * product per folder, for as long as the product runs), and freed of a PostgreSQL a crashed product left running on
 * it. The lock is an operating-system file lock on {@code <folder>.lock} beside the folder, so it is released by
 * the kernel when the product dies, however it dies; the file also names the product's process id.
 */
public final class DataFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataFolder.class);

    /** Below this, PostgreSQL cannot even write its first checkpoint safely. */
    public static final long MINIMUM_FREE_MEGABYTES = 64;

    private final Path folder;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataFolder(Path folder, FileChannel lockChannel, FileLock lock) {
        this.folder = folder;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public Path path() {
        return folder;
    }

    /**
     * Checks the folder, takes the lock, and stops a PostgreSQL still running on it from a product that is gone.
     *
     * @throws DataFolderException with a one-line reason when the product cannot start on this folder
     */
    public static DataFolder open(Path requested) {
        return open(requested, MINIMUM_FREE_MEGABYTES);
    }

    /** As {@link #open(Path)}, refusing a disk with less than {@code minimumFreeMegabytes} free. */
    public static DataFolder open(Path requested, long minimumFreeMegabytes) {
        Path folder = requested.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new DataFolderException("The data folder " + folder + " is a file, not a folder.");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DataFolderException("Cannot create the data folder " + folder + ": " + reason(e) + ".");
        }
        Path lockFile = folder.resolveSibling(folder.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new DataFolderException("Cannot create the lock file " + lockFile + " beside the data folder: "
                    + reason(e) + ".");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(lockFile);
            close(channel);
            throw new DataFolderException("The data folder " + folder + " is in use by another running product"
                    + holder + "; stop that one first, or start this one on another folder"
                    + " (--partnerships.embedded-postgres.data-directory=...).");
        }
        try {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
        } catch (IOException e) {
            log.warn("Could not write this product's process id into {}: {}", lockFile, reason(e));
        }
        DataFolder opened = new DataFolder(folder, channel, lock);
        try {
            check(folder, minimumFreeMegabytes * 1024 * 1024);
        } catch (DataFolderException e) {
            opened.close();
            throw e;
        }
        opened.stopOrphanedPostgres();
        return opened;
    }

    /** Run with the lock held: a folder another product uses is never touched. */
    private static void check(Path folder, long minimumFreeBytes) {
        // Asked of the file system, not of the permission bits: root may write where the bits say no, and a
        // read-only mount refuses whatever they say.
        try {
            Path inside = Files.createTempFile(folder, ".write-test", "");
            Files.delete(inside);
        } catch (IOException e) {
            throw new DataFolderException("The data folder " + folder + " is not writable: " + reason(e) + ".");
        }
        try {
            FileStore store = Files.getFileStore(folder);
            if (store.getUsableSpace() < minimumFreeBytes) {
                throw new DataFolderException("The disk holding the data folder " + folder + " is full ("
                        + store.getUsableSpace() / (1024 * 1024) + " MB free, at least "
                        + minimumFreeBytes / (1024 * 1024) + " MB needed); free some space and start again.");
            }
        } catch (IOException e) {
            log.warn("Could not read the free space of {}: {}", folder, reason(e));
        }
        try (var entries = Files.list(folder)) {
            // epg-lock: the embedded PostgreSQL library's own lock, written before the folder is initialised.
            List<String> names = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.equals("epg-lock")).toList();
            if (!names.isEmpty() && !names.contains("PG_VERSION")) {
                throw new DataFolderException("The folder " + folder + " is not a data folder of this product (it holds "
                        + names.size() + " other files and no PostgreSQL data); start on an empty or new folder.");
            }
        } catch (IOException e) {
            throw new DataFolderException("Cannot read the data folder " + folder + ": " + reason(e) + ".");
        }
    }

    /** A postmaster whose product died with it still running (kill -9, the OOM killer): stop it, cleanly if it will. */
    private void stopOrphanedPostgres() {
        Optional<ProcessHandle> postmaster = postmaster(folder);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        // SIGTERM is PostgreSQL's "smart" shutdown: it waits for clients, and the dead product's are gone.
        process.destroy();
        boolean stopped = waitFor(process, Duration.ofSeconds(30));
        if (!stopped) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
        log.warn("Found PostgreSQL (pid {}) still running on {} from a product that is gone; {} it, starting afresh "
                + "(every committed write is in its write-ahead log).", process.pid(), folder, stopped ? "stopped" : "killed");
    }

    /** The PostgreSQL server running on {@code folder}, according to its postmaster.pid and the process table. */
    public static Optional<ProcessHandle> postmaster(Path folder) {
        Path pidFile = folder.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).strip());
            // Line 3 is the server's start time (epoch seconds): a pid reused after a reboot does not match it.
            long startedAt = Long.parseLong(lines.get(2).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false))
                    .filter(process -> process.info().startInstant()
                            .map(start -> Math.abs(start.getEpochSecond() - startedAt) <= 5).orElse(false));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // a stale or half-written file: PostgreSQL judges it itself when it starts
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return !process.isAlive();
        }
    }

    private static String holder(Path lockFile) {
        try {
            String pid = Files.readString(lockFile).strip();
            return pid.isEmpty() ? "" : " (process " + pid + ")";
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return message;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the kernel releases it with the process anyway
        }
        close(lockChannel);
    }

    /** Why the product cannot start on a data folder, in one line for the person who started it. */
    public static final class DataFolderException extends RuntimeException {
        public DataFolderException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
