package dk.partnerships.query.history;

import dk.partnerships.query.projection.ProjectionMetrics;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The partnership-history read model: every event, its projection, the state on any date, OCDS, endpoints and pages. */
@Configuration(proxyBeanMethods = false)
@Import({PartnershipHistoryController.class, OcdsExportController.class, HistoryPages.class})
public class HistoryReadModel {

    @Bean
    PartnershipHistoryProjector partnershipHistoryProjector(JdbcClient jdbc, @Qualifier("readModelFlyway") Flyway migrated) {
        return new PartnershipHistoryProjector(jdbc);
    }

    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    PartnershipHistoryEventHandler partnershipHistoryEventHandler(PartnershipHistoryProjector projector,
                                                                  ProjectionMetrics metrics,
                                                                  NamedParameterJdbcOperations batchJdbc) {
        return new PartnershipHistoryEventHandler(projector, metrics, batchJdbc);
    }

    @Bean
    PartnershipHistoryRepository partnershipHistoryRepository(JdbcClient jdbc) {
        return new PartnershipHistoryRepository(jdbc);
    }
}
