package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Feeds the lifecycle read model straight from the event store (standalone), with every other read model's feed. */
@ProcessingGroup(EventStoreFeed.PROCESSING_GROUP)
class LifecycleFeed extends EventStoreFeed {

    LifecycleFeed(LifecycleProjection projection, ProjectionMetrics metrics, NamedParameterJdbcOperations jdbc) {
        super(projection, metrics, jdbc);
    }
}
