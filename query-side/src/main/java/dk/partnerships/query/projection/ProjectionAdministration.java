package dk.partnerships.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Rebuilding projections, and the operator endpoints for it. */
@Configuration(proxyBeanMethods = false)
@Import(ProjectionAdminController.class)
public class ProjectionAdministration {

    @Bean
    ProjectionRebuilds projectionRebuilds(EventProcessingConfiguration processing) {
        return new ProjectionRebuilds(processing);
    }
}
