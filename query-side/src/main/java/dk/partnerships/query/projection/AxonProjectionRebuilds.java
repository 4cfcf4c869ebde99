package dk.partnerships.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds a projection fed from the event store: stop its processor, reset its tokens (its reset handler empties
 * its tables), start it again; the processor replays the store in the background up to where it was.
 */
public class AxonProjectionRebuilds implements ProjectionRebuilds, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AxonProjectionRebuilds.class);

    private final EventProcessingConfiguration processing;
    private final Map<String, Instant> rebuildsStarted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService progressLog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rebuild-progress");
        thread.setDaemon(true);
        return thread;
    });

    public AxonProjectionRebuilds(EventProcessingConfiguration processing) {
        this.processing = processing;
        progressLog.scheduleAtFixedRate(this::logProgress, 5, 5, TimeUnit.SECONDS);
    }

    @Override
    public boolean rebuild(String name) {
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return false;
        }
        log.info("Rebuilding projection {} from the first event", name);
        StreamingEventProcessor p = processor.get();
        p.shutDown();
        p.resetTokens();
        rebuildsStarted.put(name, Instant.now());
        p.start();
        return true;
    }

    @Override
    public Map<String, Map<String, Object>> status() {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("source", "event-store");
                entry.put("running", streaming.isRunning());
                entry.put("replaying", streaming.isReplaying());
                long position = position(streaming, EventTrackerStatus::getCurrentPosition);
                entry.put("position", position);
                Instant started = rebuildsStarted.get(name);
                if (started != null) {
                    long total = position(streaming, EventTrackerStatus::getResetPosition);
                    entry.put("rebuild", progress(started, Math.min(position, total), total, streaming.isReplaying()));
                }
                status.put(name, entry);
            }
        });
        return status;
    }

    private static long position(StreamingEventProcessor processor,
                                 java.util.function.Function<EventTrackerStatus, OptionalLong> which) {
        return processor.processingStatus().values().stream().map(which)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(0);
    }

    static Map<String, Object> progress(Instant started, long done, long total, boolean running) {
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = done / seconds;
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", done);
        progress.put("total", total);
        progress.put("eventsPerSecond", Math.round(rate));
        progress.put("estimatedSecondsLeft", rate <= 0 ? null : Math.round((total - done) / rate));
        progress.put("finished", !running);
        return progress;
    }

    private void logProgress() {
        status().forEach((name, entry) -> {
            if (Boolean.TRUE.equals(entry.get("replaying")) && entry.get("rebuild") instanceof Map<?, ?> progress) {
                log.info("Rebuild of {}: {} of {} events, {} events/s, about {} s left", name, progress.get("done"),
                        progress.get("total"), progress.get("eventsPerSecond"), progress.get("estimatedSecondsLeft"));
            }
        });
    }

    @Override
    public void close() {
        progressLog.shutdownNow();
    }
}
