package dk.partnerships.command.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets a bounded number of writes run at once; the others wait their turn, first come first served, up to a bound,
 * and are then refused with 503 {@code writes-busy}. Why: on a small machine the write side appends events faster
 * than the read side can project them, and every page would then fall behind the writes by seconds; held to what the
 * read models keep up with, the writes lose little throughput and the pages stay within a second of them
 * (docs/benchmarks.md, twelfth round). A write waits for its turn before it takes a database connection.
 */
public final class WriteAdmission {

    private final Semaphore turns;
    private final int concurrent;
    private final Duration longestWait;

    WriteAdmission(int concurrent, Duration longestWait) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("At least one write must be let through at a time, not " + concurrent);
        }
        this.turns = new Semaphore(concurrent, true);
        this.concurrent = concurrent;
        this.longestWait = longestWait;
    }

    /** Runs the write in its turn. */
    public <T> T admit(Supplier<T> write) {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(longestWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WritesBusyException(longestWait);
        }
        if (!admitted) {
            throw new WritesBusyException(longestWait);
        }
        try {
            return write.get();
        } finally {
            turns.release();
        }
    }

    /** Writes running now. */
    int running() {
        return concurrent - turns.availablePermits();
    }

    /** Writes waiting for their turn now (an estimate, as the semaphore gives it). */
    int waiting() {
        return turns.getQueueLength();
    }

    /** A write that did not get its turn within the longest wait; nothing of it was written. */
    static final class WritesBusyException extends RuntimeException {

        private final Duration waited;

        WritesBusyException(Duration waited) {
            super("No turn for the write within " + waited);
            this.waited = waited;
        }

        Duration waited() {
            return waited;
        }
    }
}
