package dk.partnerships.query.summaries;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Feeds the summary projection straight from the event store (standalone). */
@ProcessingGroup(EventStoreFeed.PROCESSING_GROUP)
class PartnershipSummaryEventHandler extends EventStoreFeed {

    PartnershipSummaryEventHandler(PartnershipSummaryProjector projector, ProjectionMetrics metrics,
                                   NamedParameterJdbcOperations jdbc) {
        super(projector, metrics, jdbc);
    }
}
