package dk.partnerships.command.departments;

import dk.partnerships.command.http.CommandSideProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The department registry, seeded from {@code partnerships.departments} on the first start, and its API. */
@Configuration(proxyBeanMethods = false)
@Import(DepartmentsController.class)
public class DepartmentsConfiguration {

    @Bean
    DepartmentRegistry departmentRegistry(JdbcClient jdbc, Clock clock, CommandSideProperties properties,
                                          @org.springframework.beans.factory.annotation.Qualifier("eventStoreFlyway")
                                          org.flywaydb.core.Flyway migratedFirst) {
        DepartmentRegistry registry = new DepartmentRegistry(jdbc, clock);
        registry.seedIfEmpty(properties.departments());
        return registry;
    }
}
