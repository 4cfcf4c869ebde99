package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.ProjectionMetrics;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lifecycle read model: its projection and, in standalone, its feed from the event store. */
@Configuration(proxyBeanMethods = false)
public class LifecycleReadModel {

    /** Depends on the read model's migration, so no event is projected into a table that does not exist yet. */
    @Bean
    LifecycleProjection lifecycleProjection(JdbcClient jdbc, @Qualifier("readModelFlyway") Flyway migrated) {
        return new LifecycleProjection(jdbc);
    }

    /** In-process feed from the event store (standalone); the query-side service is fed from Kafka instead. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    LifecycleFeed lifecycleFeed(LifecycleProjection projection, ProjectionMetrics metrics,
                                NamedParameterJdbcOperations batchJdbc) {
        return new LifecycleFeed(projection, metrics, batchJdbc);
    }
}
