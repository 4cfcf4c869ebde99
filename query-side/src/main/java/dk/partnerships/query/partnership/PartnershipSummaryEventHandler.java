package dk.partnerships.query.partnership;

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

/**
 * Feeds the summary projection straight from the event store (standalone). Axon's tracking processor runs each
 * batch in one database transaction together with its token, so rows and position commit together.
 */
@ProcessingGroup(PartnershipSummaryEventHandler.PROCESSING_GROUP)
class PartnershipSummaryEventHandler {

    static final String PROCESSING_GROUP = PartnershipSummaryProjector.NAME;

    private final PartnershipSummaryProjector projector;
    private final ProjectionMetrics metrics;

    PartnershipSummaryEventHandler(PartnershipSummaryProjector projector, ProjectionMetrics metrics) {
        this.projector = projector;
        this.metrics = metrics;
    }

    @EventHandler
    void on(PartnershipEvent event, @SequenceNumber Long sequence, @Timestamp Instant recordedAt, MetaData metaData) {
        ProjectedEvent projected = new ProjectedEvent(event, sequence, recordedAt, metaData);
        if (projector.apply(projected)) {
            metrics.projected(PROCESSING_GROUP, projected);
        }
    }

    @ResetHandler
    void reset() {
        projector.clear();
    }
}
