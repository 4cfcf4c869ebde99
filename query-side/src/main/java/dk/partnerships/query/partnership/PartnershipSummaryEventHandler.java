package dk.partnerships.query.partnership;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;

/** Feeds the summary projection straight from the event store (standalone). */
@ProcessingGroup(PartnershipSummaryProjector.NAME)
class PartnershipSummaryEventHandler extends EventStoreFeed {

    PartnershipSummaryEventHandler(PartnershipSummaryProjector projector, ProjectionMetrics metrics) {
        super(projector, metrics);
    }
}
