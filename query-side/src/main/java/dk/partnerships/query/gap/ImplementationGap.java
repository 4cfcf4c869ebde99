package dk.partnerships.query.gap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The dashboards drawn from the lifecycle read model (lifecycle and implementation gap) and their endpoints. */
@Configuration(proxyBeanMethods = false)
@Import(DashboardController.class)
public class ImplementationGap {

    @Bean
    LifecycleFigures lifecycleFigures(JdbcClient jdbc, Clock clock) {
        return new LifecycleFigures(jdbc, clock);
    }

    @Bean
    ImplementationGapFigures implementationGapFigures(JdbcClient jdbc, Clock clock) {
        return new ImplementationGapFigures(jdbc, clock);
    }
}
