package dk.partnerships.query.summaries;

import dk.partnerships.query.projection.ProjectionMetrics;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * The partnership-summaries read model: one row per partnership with what belongs to it (readiness items, market
 * contacts, benefits and their follow-ups, advice requests), its projection, queries, endpoints and pages. The
 * benefits and advice pages ask it through {@link BenefitQueries} and {@link AdviceQueries}.
 */
@Configuration(proxyBeanMethods = false)
@Import({PartnershipReadController.class, PartnershipPages.class, PartnershipForms.class})
public class SummaryReadModel {

    /** Depends on the read model's migration, so no event is projected into a table that does not exist yet. */
    @Bean
    PartnershipSummaryProjector partnershipSummaryProjector(JdbcClient jdbc, JsonMapper json,
                                                            @Qualifier("readModelFlyway") Flyway migrated) {
        return new PartnershipSummaryProjector(jdbc, json);
    }

    /** In-process feed from the event store (standalone); the query-side service is fed from Kafka instead. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    PartnershipSummaryEventHandler partnershipSummaryEventHandler(PartnershipSummaryProjector projector,
                                                                  ProjectionMetrics metrics,
                                                                  NamedParameterJdbcOperations batchJdbc) {
        return new PartnershipSummaryEventHandler(projector, metrics, batchJdbc);
    }

    @Bean
    EqualTreatmentQueries equalTreatmentQueries(JdbcClient jdbc) {
        return new EqualTreatmentQueries(jdbc);
    }

    @Bean
    BenefitQueries benefitQueries(JdbcClient jdbc, Clock clock,
                                  @org.springframework.beans.factory.annotation.Value("${partnerships.benefits.follow-up-days}") int followUpDays) {
        return new BenefitQueries(jdbc, clock, followUpDays);
    }

    @Bean
    AdviceQueries adviceQueries(JdbcClient jdbc, Clock clock) {
        return new AdviceQueries(jdbc, clock);
    }

    @Bean
    PartnershipReadRepository partnershipReadRepository(JdbcClient jdbc, JsonMapper json, Clock clock,
                                                        dk.partnerships.query.people.PersonNames people,
                                                        dk.partnerships.query.lessons.LessonsOfPartnership lessons) {
        return new PartnershipReadRepository(jdbc, json, clock, people, lessons);
    }
}
