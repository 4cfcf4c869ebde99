package dk.partnerships.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rebuilds a projection from the first event: stop its processor, reset its tokens (its reset handler empties its
 * tables), start it again. The processor then replays the whole store in the background.
 */
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final EventProcessingConfiguration processing;

    public ProjectionRebuilds(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** @return {@code false} when there is no such projection */
    public boolean rebuild(String name) {
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return false;
        }
        log.info("Rebuilding projection {} from the first event", name);
        StreamingEventProcessor p = processor.get();
        p.shutDown();
        p.resetTokens();
        p.start();
        return true;
    }

    /** Each projection's processor: running, replaying, and the global index it has reached. */
    public Map<String, Map<String, Object>> status() {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("running", streaming.isRunning());
                entry.put("replaying", streaming.isReplaying());
                entry.put("position", streaming.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(-1));
                status.put(name, entry);
            }
        });
        return status;
    }
}
