package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.ProjectionMetrics;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The lifecycle read model: where partnerships are, how long they stay, where they stall. Its projection, the
 * figures of the lifecycle dashboard and the implementation gap, their endpoints and pages.
 */
@Configuration(proxyBeanMethods = false)
@Import({DashboardController.class, DashboardPages.class})
public class LifecycleReadModel {

    /**
     * Depends on the read model's migration, so no event is projected into a table that does not exist yet; and
     * asks for a recount first when the quarterly figures changed since the tables were counted.
     */
    @Bean
    LifecycleProjection lifecycleProjection(JdbcClient jdbc, @Qualifier("readModelFlyway") Flyway migrated,
                                            TransactionTemplate transactions) {
        CountedFigures.requestRecountWhenChanged(jdbc, transactions);
        return LifecycleProjection.keepingRecentPartnerships(jdbc);
    }

    /** In-process feed from the event store (standalone); the query-side service is fed from Kafka instead. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    LifecycleFeed lifecycleFeed(LifecycleProjection projection, ProjectionMetrics metrics,
                                NamedParameterJdbcOperations batchJdbc) {
        return new LifecycleFeed(projection, metrics, batchJdbc);
    }

    @Bean
    LifecycleFigures lifecycleFigures(JdbcClient jdbc, Clock clock) {
        return new LifecycleFigures(jdbc, clock);
    }

    @Bean
    TimeToImplementationFigures timeToImplementationFigures(JdbcClient jdbc, Clock clock,
                                                            PlatformTransactionManager transactions) {
        return new TimeToImplementationFigures(jdbc, clock, transactions);
    }

    @Bean
    ImplementationGapFigures implementationGapFigures(JdbcClient jdbc, Clock clock, Environment environment) {
        return new ImplementationGapFigures(jdbc, clock, StallThresholds.from(environment));
    }
}
