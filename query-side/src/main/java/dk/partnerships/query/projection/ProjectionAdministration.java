package dk.partnerships.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
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
        return new AxonLiveFeed(processing, tokens, List.of(EventStoreFeed.PROCESSING_GROUP), dataSource, transaction);
    }

    /**
     * Standalone: a projection that cannot apply an event (its predecessor is missing, the database refuses) must not
     * skip it. Axon's default for event handlers logs the error and moves the token on, which would leave the read
     * model behind its events for good; propagating it rolls the batch back with its token, and the tracking
     * processor releases its claim and retries with growing pauses until the cause is gone.
     */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    ConfigurerModule projectionsRetryFailedBatches() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                EventStoreFeed.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Before the processor starts: a store whose read models were fed one processor each continues from their tokens. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    SingleFeedTakeover singleFeedTakeover(DataSource dataSource, TransactionTemplate transaction,
                                          List<EventProjection> projections,
                                          @org.springframework.beans.factory.annotation.Qualifier("readModelFlyway")
                                          org.flywaydb.core.Flyway tokenTableMigrated) {
        SingleFeedTakeover takeover = new SingleFeedTakeover(JdbcClient.create(dataSource), transaction,
                projections.stream().map(EventProjection::name).toList());
        takeover.run();
        return takeover;
    }

    @Bean(destroyMethod = "close")
    ProjectionRebuilds projectionRebuilds(DataSource dataSource, LiveFeed liveFeed, List<EventProjection> projections) {
        return new ProjectionRebuilds(dataSource, liveFeed, projections);
    }

    @Bean
    ReadYourWrites readYourWrites(List<EventProjection> projections) {
        return new ReadYourWrites(projections);
    }

    @Bean
    ReadModelUpgrade readModelUpgrade(DataSource dataSource, ProjectionRebuilds rebuilds) {
        return new ReadModelUpgrade(JdbcClient.create(dataSource), rebuilds);
    }
}
