package dk.partnerships.query.history;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Feeds the history log straight from the event store (standalone), with every other read model's feed. */
@ProcessingGroup(EventStoreFeed.PROCESSING_GROUP)
class PartnershipHistoryEventHandler extends EventStoreFeed {

    PartnershipHistoryEventHandler(PartnershipHistoryProjector projector, ProjectionMetrics metrics,
                                   NamedParameterJdbcOperations jdbc) {
        super(projector, metrics, jdbc);
    }
}
