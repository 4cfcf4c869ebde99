package dk.partnerships.query.history;

import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;

import java.time.Instant;

/** Feeds the history log straight from the event store (standalone), in its own processing group. */
@ProcessingGroup(PartnershipHistoryProjector.NAME)
class PartnershipHistoryEventHandler {

    private final PartnershipHistoryProjector projector;
    private final ProjectionMetrics metrics;

    PartnershipHistoryEventHandler(PartnershipHistoryProjector projector, ProjectionMetrics metrics) {
        this.projector = projector;
        this.metrics = metrics;
    }

    @EventHandler
    void on(PartnershipEvent event, @SequenceNumber Long sequence, @Timestamp Instant recordedAt, MetaData metaData) {
        ProjectedEvent projected = new ProjectedEvent(event, sequence, recordedAt, metaData);
        if (projector.apply(projected)) {
            metrics.projected(PartnershipHistoryProjector.NAME, projected);
        }
    }

    @ResetHandler
    void reset() {
        projector.clear();
    }
}
