package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/** Feeds the lifecycle read model straight from the event store (standalone), in its own processing group. */
@ProcessingGroup(LifecycleProjection.NAME)
class LifecycleFeed extends EventStoreFeed {

    LifecycleFeed(LifecycleProjection projection, ProjectionMetrics metrics, NamedParameterJdbcOperations jdbc) {
        super(projection, metrics, jdbc);
    }
}
