package dk.partnerships.query.kafka;

import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectionRebuilds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds fed from Kafka. One consumer feeds every projection, so a rebuild replays the topic for all of them
 * (each projection's guard makes the replay a no-op where it was already complete).
 */
class KafkaProjectionRebuilds implements ProjectionRebuilds {

    private final KafkaProjectionFeed feed;
    private final List<EventProjection> projections;

    KafkaProjectionRebuilds(KafkaProjectionFeed feed, List<EventProjection> projections) {
        this.feed = feed;
        this.projections = projections;
    }

    @Override
    public boolean rebuild(String name) {
        if (projections.stream().noneMatch(projection -> projection.name().equals(name))) {
            return false;
        }
        feed.requestRebuild();
        return true;
    }

    @Override
    public Map<String, Map<String, Object>> status() {
        Map<String, Map<String, Object>> status = new LinkedHashMap<>();
        for (EventProjection projection : projections) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", "kafka");
            entry.put("running", feed.isRunning());
            feed.rebuildProgress().ifPresent(progress -> {
                entry.put("replaying", !progress.finished());
                entry.put("rebuild", progress.describe());
            });
            entry.putIfAbsent("replaying", false);
            status.put(projection.name(), entry);
        }
        return status;
    }
}
