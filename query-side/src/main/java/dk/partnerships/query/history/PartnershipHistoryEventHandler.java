package dk.partnerships.query.history;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Feeds the history log straight from the event store (standalone), in its own processing group. */
@ProcessingGroup(PartnershipHistoryProjector.NAME)
class PartnershipHistoryEventHandler extends EventStoreFeed {

    PartnershipHistoryEventHandler(PartnershipHistoryProjector projector, ProjectionMetrics metrics,
                                   NamedParameterJdbcOperations jdbc) {
        super(projector, metrics, jdbc);
    }
}
