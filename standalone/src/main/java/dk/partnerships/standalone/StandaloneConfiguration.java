package dk.partnerships.standalone;

import dk.partnerships.command.people.PersonRegistry;
import dk.partnerships.query.people.PersonNames;
import dk.partnerships.command.http.CommandSideProperties;
import dk.partnerships.standalone.demo.DemoData;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class StandaloneConfiguration {

    @Bean
    @ConditionalOnProperty(name = "partnerships.demo-data.enabled", havingValue = "true", matchIfMissing = true)
    DemoData demoData(CommandGateway commands, JdbcClient jdbc, Clock clock, CommandSideProperties properties,
                      PersonRegistry people) {
        return new DemoData(commands, jdbc, clock, properties.owningOrganisation(), people);
    }

    /** Standalone, the read side finds leads' names in the same process, without a round trip over HTTP. */
    @Bean
    PersonNames personNames(PersonRegistry people) {
        return ids -> {
            java.util.Map<String, PersonNames.Name> names = new java.util.HashMap<>();
            people.find(ids).forEach((id, person) -> names.put(id, new PersonNames.Name(person.name(), person.erased())));
            return names;
        };
    }
}
