package dk.partnerships.query.gap;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Feeds the lifecycle read model straight from the event store (standalone), in its own processing group. */
@ProcessingGroup(PartnershipLifecycleProjector.NAME)
class PartnershipLifecycleEventHandler extends EventStoreFeed {

    PartnershipLifecycleEventHandler(PartnershipLifecycleProjector projector, ProjectionMetrics metrics,
                                   NamedParameterJdbcOperations jdbc) {
        super(projector, metrics, jdbc);
    }
}
