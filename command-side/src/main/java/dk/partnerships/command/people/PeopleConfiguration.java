package dk.partnerships.command.people;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The person registry and its API. */
@Configuration(proxyBeanMethods = false)
@Import(PeopleController.class)
public class PeopleConfiguration {

    @Bean
    PersonRegistry personRegistry(JdbcClient jdbc, Clock clock) {
        return new PersonRegistry(jdbc, clock);
    }
}
