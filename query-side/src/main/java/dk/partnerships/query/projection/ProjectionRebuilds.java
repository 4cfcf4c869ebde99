package dk.partnerships.query.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the read models from the first event without stopping reads: the live feed pauses at a position, the
 * events up to it are written into a scratch schema by each read model's {@link ScratchWriter} (most fold the events
 * in memory and copy their rows in at the end), and the scratch rows replace the live rows in one transaction; then
 * the live feed resumes. Readers see the old rows until that commit, then the
 * rebuilt ones. The same scratch build, compared instead of copied, is the consistency check.
 */
public class ProjectionRebuilds implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final int BATCH = 1000;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final LiveFeed liveFeed;
    private final List<EventProjection> projections;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Progress> progress = new AtomicReference<>();

    public ProjectionRebuilds(DataSource dataSource, LiveFeed liveFeed, List<EventProjection> projections) {
        this.dataSource = dataSource;
        this.liveFeed = liveFeed;
        this.projections = List.copyOf(projections);
    }

    /**
     * How far the current or last rebuild came; once finished, how many live rows it had to change.
     *
     * @param busyNanos per read model, how long its lane spent applying batches (its statements in PostgreSQL and
     *                  the round trips): the lane with the most bounds the replay, the sum is the work it takes
     */
    public record Progress(RebuildState state, Instant startedAt, long total, AtomicLong done, String error,
                           List<ScratchSchema.CopyCount> changed, Map<String, AtomicLong> busyNanos) {

        RebuildProgress describe() {
            long finished = done.get();
            double seconds = Math.max(0.001, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
            double rate = finished / seconds;
            Map<String, Double> busy = new LinkedHashMap<>();
            busyNanos.forEach((name, nanos) -> busy.put(name, Math.round(nanos.get() / 1e6) / 1000.0));
            Map<String, RebuildProgress.RowsChanged> rows = null;
            if (changed != null) {
                rows = new LinkedHashMap<>();
                for (ScratchSchema.CopyCount count : changed) {
                    rows.put(count.table(), new RebuildProgress.RowsChanged(count.deleted(), count.updated(),
                            count.inserted()));
                }
            }
            return new RebuildProgress(state.label(), startedAt.toString(), finished, total, Math.round(rate),
                    rate <= 0 ? null : Math.round((total - finished) / rate), error, busy, rows);
        }

        Progress with(RebuildState newState, String newError) {
            return new Progress(newState, startedAt, total, done, newError, changed, busyNanos);
        }

        Progress finished(List<ScratchSchema.CopyCount> rowsChanged) {
            return new Progress(RebuildState.FINISHED, startedAt, total, done, null, rowsChanged, busyNanos);
        }
    }

    public List<String> names() {
        return projections.stream().map(EventProjection::name).toList();
    }

    /** How a rebuild request ended: started, or why not (running here, or on another instance of the read database). */
    public enum RebuildStart { STARTED, UNKNOWN_PROJECTION, ALREADY_RUNNING, RUNNING_ELSEWHERE }

    /**
     * Starts rebuilding the read models in the background. One replay feeds every projection, so naming any one of
     * them rebuilds them all; projections that were already right end up unchanged.
     */
    public synchronized RebuildStart rebuild(String name) {
        if (!names().contains(name)) {
            return RebuildStart.UNKNOWN_PROJECTION;
        }
        if (isRunning()) {
            return RebuildStart.ALREADY_RUNNING;
        }
        Optional<LiveFeed.RebuildClaim> claim = liveFeed.claimRebuild();
        if (claim.isEmpty()) {
            return RebuildStart.RUNNING_ELSEWHERE;
        }
        progress.set(new Progress(RebuildState.STARTING, Instant.now(), 0, new AtomicLong(), null, null, Map.of()));
        try {
            submit(claim.get());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            claim.get().close(); // shutting down
            progress.updateAndGet(p -> p.with(RebuildState.FAILED, e.toString()));
            throw e;
        }
        return RebuildStart.STARTED;
    }

    private void submit(LiveFeed.RebuildClaim claim) {
        worker.submit(() -> {
            try {
                Progress done;
                try (LiveFeed.RebuildClaim held = claim) {
                    done = replaceLive();
                }
                // Finished only once the claim is given up, so a request that follows finds the read database free.
                progress.set(done);
            } catch (Exception e) {
                log.error("Rebuild failed; the live read models are unchanged", e);
                progress.updateAndGet(p -> p.with(RebuildState.FAILED, e.toString()));
            }
        });
    }

    /**
     * Rebuilds into a scratch schema, compares with the live tables and reports every differing row; empty when
     * another instance of the read database is rebuilding or checking.
     */
    public Optional<ConsistencyReport> checkConsistency() throws Exception {
        Optional<LiveFeed.RebuildClaim> claim = liveFeed.claimRebuild();
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        Future<ConsistencyReport> report;
        try {
            report = worker.submit(() -> {
                try (LiveFeed.RebuildClaim held = claim.get()) {
                    return compareWithLive();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            claim.get().close(); // shutting down
            throw e;
        }
        return Optional.of(report.get());
    }

    public boolean isRunning() {
        Progress current = progress.get();
        return current != null && !current.state().isOver();
    }

    /** Per read model, by name: whether it is being rebuilt, and the current or last rebuild's progress. */
    public Map<String, ReadModelStatus> status() {
        Map<String, ReadModelStatus> status = new LinkedHashMap<>();
        Progress current = progress.get();
        for (EventProjection projection : projections) {
            status.put(projection.name(), new ReadModelStatus(isRunning(), current == null ? null : current.describe()));
        }
        return status;
    }

    /** The consistency check's answer: per table, up to 100 rows where the live read model differs from the events. */
    public record ConsistencyReport(boolean consistent, long eventsReplayed,
                                    Map<String, List<ScratchSchema.DifferingRow>> differences) {
    }

    /** One read model as the admin API shows it. */
    public record ReadModelStatus(boolean rebuilding,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) RebuildProgress rebuild) {
    }

    /** Where a rebuild is; shown as its lower-case label. */
    public enum RebuildState {
        STARTING, REPLAYING, COPYING, FINISHED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean isOver() {
            return this == FINISHED || this == FAILED;
        }
    }

    /** Step one, then two: the events into a fresh schema, then the live tables made equal to it. */
    private Progress replaceLive() throws Exception {
        EventReplay replay = liveFeed.pause();
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "read_model_rebuild")) {
            Progress replayed = replayInto(scratch, replay, true);
            progress.set(replayed.with(RebuildState.COPYING, null));
            List<ScratchSchema.CopyCount> copied = scratch.copyIntoLive(tables());
            projections.forEach(EventProjection::liveRowsReplaced);
            Progress done = replayed.finished(copied);
            log.info("Rebuild finished: {} events in {} s; live rows deleted/updated/inserted: {}", done.done().get(),
                    Duration.between(done.startedAt(), Instant.now()).toSeconds(), copied.stream()
                            .map(c -> c.table() + " " + c.deleted() + "/" + c.updated() + "/" + c.inserted()).toList());
            return done;
        } finally {
            liveFeed.resume();
        }
    }

    /** Step one, then a comparison instead of the copy: every row where the live tables differ from the events. */
    private ConsistencyReport compareWithLive() throws Exception {
        EventReplay replay = liveFeed.pause();
        try (ScratchSchema scratch = new ScratchSchema(dataSource, "read_model_check")) {
            Progress replayed = replayInto(scratch, replay, false);
            Map<String, List<ScratchSchema.DifferingRow>> differences = scratch.differences(tables(), 100);
            return new ConsistencyReport(differences.isEmpty(), replayed.done().get(), differences);
        } finally {
            liveFeed.resume();
        }
    }

    private List<String> tables() {
        return projections.stream().flatMap(p -> p.tables().stream()).toList();
    }

    /**
     * Replays every event up to the paused live feed's position into the scratch schema, one lane per read model,
     * each writing through the read model's {@link ScratchWriter}.
     *
     * @param shown whether the progress is the one {@code GET /api/admin/projections} shows (a rebuild's)
     */
    private Progress replayInto(ScratchSchema scratch, EventReplay replay, boolean shown) throws Exception {
        Map<String, AtomicLong> busy = new LinkedHashMap<>();
        projections.forEach(projection -> busy.put(projection.name(), new AtomicLong()));
        Progress started = new Progress(RebuildState.REPLAYING, Instant.now(), replay.total(), new AtomicLong(), null,
                null, java.util.Collections.unmodifiableMap(busy));
        if (shown) {
            progress.set(started);
        }
        log.info("{}: replaying {} events into schema {}", shown ? "Rebuild" : "Consistency check", started.total(),
                scratch.name());
        try (ParallelLanes lanes = new ParallelLanes(scratch, projections, started.busyNanos())) {
            scratch.prepareForBulkWriting(tables(), projections.stream().flatMap(p -> p.readerIndexes().stream())
                    .toList(), lanes.keylessTables());
            AtomicReference<List<ProjectedEvent>> batch = new AtomicReference<>(new ArrayList<>(BATCH));
            Instant[] lastLog = {Instant.now()};
            replay.replay(event -> {
                batch.get().add(event);
                if (batch.get().size() == BATCH) {
                    lanes.apply(batch.getAndSet(new ArrayList<>(BATCH)), started.done());
                    if (Duration.between(lastLog[0], Instant.now()).compareTo(LOG_EVERY) > 0) {
                        lastLog[0] = Instant.now();
                        RebuildProgress p = started.describe();
                        log.info("Rebuild: {} of {} events, {} events/s, about {} s left", p.done(), p.total(),
                                p.eventsPerSecond(), p.estimatedSecondsLeft());
                    }
                }
            });
            lanes.apply(batch.get(), started.done());
            lanes.finish(started.done());
        }
        return started;
    }

    /**
     * One lane per projection, each with its own connection into the scratch schema and its own thread, writing
     * through the projection's {@link ScratchWriter}: the read models are written in parallel while the replay reads
     * and deserialises the next batch. A lane applies its batches in order; at most {@link #IN_FLIGHT} batches wait per lane, so a
     * slow lane holds the replay back instead of filling the memory.
     */
    private static final class ParallelLanes implements AutoCloseable {

        private static final int IN_FLIGHT = 2;

        private final List<ScratchWriter> writers = new ArrayList<>();
        private final List<String> keylessTables = new ArrayList<>();
        private final List<AtomicLong> busyNanos = new ArrayList<>();
        private final List<ExecutorService> threads = new ArrayList<>();
        private final java.util.Deque<Dispatched> inFlight = new java.util.ArrayDeque<>();

        private record Dispatched(int events, List<Future<?>> lanes) {
        }

        ParallelLanes(ScratchSchema scratch, List<EventProjection> projections, Map<String, AtomicLong> busy)
                throws java.sql.SQLException {
            for (EventProjection projection : projections) {
                busyNanos.add(busy.get(projection.name()));
                ScratchWriter writer = projection.scratchWriter(scratch.openSession());
                writers.add(writer);
                if (!writer.usesKeys()) {
                    keylessTables.addAll(projection.tables());
                }
                threads.add(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "projection-rebuild-" + projection.name());
                    thread.setDaemon(true);
                    return thread;
                }));
            }
        }

        /** The tables whose writers need no keys while they write (see {@link ScratchWriter#usesKeys()}). */
        List<String> keylessTables() {
            return keylessTables;
        }

        /** Hands the batch to every lane; counts a batch as done when every lane has committed it. */
        void apply(List<ProjectedEvent> batch, AtomicLong done) {
            if (batch.isEmpty()) {
                return;
            }
            while (inFlight.size() >= IN_FLIGHT) {
                await(inFlight.removeFirst(), done);
            }
            List<Future<?>> lanes = new ArrayList<>();
            for (int i = 0; i < writers.size(); i++) {
                ScratchWriter writer = writers.get(i);
                lanes.add(onLane(i, () -> writer.write(batch)));
            }
            inFlight.addLast(new Dispatched(batch.size(), lanes));
        }

        /** Waits for the batches still in flight, then has every lane write what it kept in memory. */
        void finish(AtomicLong done) {
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst(), done);
            }
            List<Future<?>> lanes = new ArrayList<>();
            for (int i = 0; i < writers.size(); i++) {
                lanes.add(onLane(i, writers.get(i)::finish));
            }
            await(new Dispatched(0, lanes), done);
        }

        private Future<?> onLane(int lane, Runnable work) {
            AtomicLong busy = busyNanos.get(lane);
            return threads.get(lane).submit(() -> {
                long start = System.nanoTime();
                try {
                    work.run();
                } finally {
                    busy.addAndGet(System.nanoTime() - start);
                }
            });
        }

        private static void await(Dispatched dispatched, AtomicLong done) {
            for (Future<?> lane : dispatched.lanes()) {
                try {
                    lane.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Rebuild interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("Rebuild failed", e.getCause());
                }
            }
            done.addAndGet(dispatched.events());
        }

        @Override
        public void close() {
            // After a failure the other lanes' queued batches are dropped (their transactions roll back), and the
            // sessions are idle before the scratch schema closes them.
            threads.forEach(ExecutorService::shutdownNow);
            for (ExecutorService thread : threads) {
                try {
                    thread.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
