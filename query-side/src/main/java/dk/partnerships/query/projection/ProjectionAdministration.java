package dk.partnerships.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/** Rebuilding projections, and the operator endpoints for it. */
@Configuration(proxyBeanMethods = false)
@Import(ProjectionAdminController.class)
public class ProjectionAdministration {

    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    ProjectionRebuilds projectionRebuilds(EventProcessingConfiguration processing) {
        return new AxonProjectionRebuilds(processing);
    }

    @Bean
    ProjectionMetrics projectionMetrics(MeterRegistry meters, Clock clock) {
        return new ProjectionMetrics(meters, clock);
    }
}
