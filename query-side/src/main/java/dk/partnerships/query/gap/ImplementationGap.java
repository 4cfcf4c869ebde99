package dk.partnerships.query.gap;

import dk.partnerships.query.projection.ProjectionMetrics;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The lifecycle read model, the dashboard figures drawn from it (lifecycle and implementation gap), their endpoints. */
@Configuration(proxyBeanMethods = false)
@Import(DashboardController.class)
public class ImplementationGap {

    /** Depends on the read model's migration, so no event is projected into a table that does not exist yet. */
    @Bean
    PartnershipLifecycleProjector partnershipLifecycleProjector(JdbcClient jdbc,
                                                                @Qualifier("readModelFlyway") Flyway migrated) {
        return new PartnershipLifecycleProjector(jdbc);
    }

    /** In-process feed from the event store (standalone); the query-side service is fed from Kafka instead. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    PartnershipLifecycleEventHandler partnershipLifecycleEventHandler(PartnershipLifecycleProjector projector,
                                                                      ProjectionMetrics metrics,
                                                                      NamedParameterJdbcOperations batchJdbc) {
        return new PartnershipLifecycleEventHandler(projector, metrics, batchJdbc);
    }

    @Bean
    LifecycleFigures lifecycleFigures(JdbcClient jdbc, Clock clock) {
        return new LifecycleFigures(jdbc, clock);
    }

    @Bean
    ImplementationGapFigures implementationGapFigures(JdbcClient jdbc, Clock clock) {
        return new ImplementationGapFigures(jdbc, clock);
    }
}
