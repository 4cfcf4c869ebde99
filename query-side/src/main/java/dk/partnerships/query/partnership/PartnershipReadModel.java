package dk.partnerships.query.partnership;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The partnership-summaries read model: projection, event handler, queries and endpoints. */
@Configuration(proxyBeanMethods = false)
@Import(PartnershipReadController.class)
public class PartnershipReadModel {

    /** Depends on the read model's migration, so no event is projected into a table that does not exist yet. */
    @Bean
    PartnershipSummaryProjector partnershipSummaryProjector(JdbcClient jdbc, JsonMapper json,
                                                            @Qualifier("readModelFlyway") Flyway migrated) {
        return new PartnershipSummaryProjector(jdbc, json);
    }

    @Bean
    PartnershipSummaryEventHandler partnershipSummaryEventHandler(PartnershipSummaryProjector projector) {
        return new PartnershipSummaryEventHandler(projector);
    }

    @Bean
    PartnershipReadRepository partnershipReadRepository(JdbcClient jdbc, JsonMapper json, Clock clock) {
        return new PartnershipReadRepository(jdbc, json, clock);
    }

    @Bean
    PartnershipReadController.ReadYourWrites readYourWrites() {
        return new PartnershipReadController.ReadYourWrites();
    }
}
