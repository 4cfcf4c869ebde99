package dk.partnerships.query.projection;

import dk.partnerships.events.PartnershipEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;

import java.time.Instant;

/**
 * Feeds one projection straight from the local event store (standalone). A subclass only names its processing group
 * ({@code @ProcessingGroup}, the projection's name): Axon's tracking processor then runs each batch in one database
 * transaction together with its token, so rows and position commit together.
 */
public abstract class EventStoreFeed {

    private final EventProjection projection;
    private final ProjectionMetrics metrics;

    protected EventStoreFeed(EventProjection projection, ProjectionMetrics metrics) {
        this.projection = projection;
        this.metrics = metrics;
    }

    @EventHandler
    void on(PartnershipEvent event, @SequenceNumber Long sequence, @Timestamp Instant recordedAt, MetaData metaData) {
        ProjectedEvent projected = new ProjectedEvent(event, sequence, recordedAt, metaData);
        if (projection.apply(projected)) {
            metrics.projected(projection.name(), projected);
        }
    }

    @ResetHandler
    void reset() {
        projection.clear();
    }
}
