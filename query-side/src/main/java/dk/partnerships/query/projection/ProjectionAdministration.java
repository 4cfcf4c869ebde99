package dk.partnerships.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/** Rebuilding projections and checking them, the operator endpoints for it, and the projection metrics. */
@Configuration(proxyBeanMethods = false)
@Import(ProjectionAdminController.class)
public class ProjectionAdministration {

    @Bean
    ProjectionMetrics projectionMetrics(MeterRegistry meters, Clock clock) {
        return new ProjectionMetrics(meters, clock);
    }

    /** Standalone: the projections' live feed is Axon's tracking processors over the local event store. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    LiveFeed axonLiveFeed(EventProcessingConfiguration processing, TokenStore tokens, List<EventProjection> projections,
                          DataSource dataSource, TransactionTemplate transaction) {
        return new AxonLiveFeed(processing, tokens, projections.stream().map(EventProjection::name).toList(),
                dataSource, transaction);
    }

    /** Standalone: a batch the projections cannot apply is retried, never skipped. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    ConfigurerModule projectionsRetryFailedBatches(List<EventProjection> projections) {
        return ProjectionErrorHandling.retryFailedBatches(projections.stream().map(EventProjection::name).toList());
    }

    @Bean(destroyMethod = "close")
    ProjectionRebuilds projectionRebuilds(DataSource dataSource, LiveFeed liveFeed, List<EventProjection> projections) {
        return new ProjectionRebuilds(dataSource, liveFeed, projections);
    }
}
