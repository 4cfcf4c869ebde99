package dk.partnerships.query.lessons;

import dk.partnerships.query.projection.EventStoreFeed;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.axonframework.config.ProcessingGroup;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The lessons read model: its projection, the search, the lessons shown beside a new idea, and the pages. */
@Configuration(proxyBeanMethods = false)
@Import({LessonSearchController.class, LessonPages.class})
public class LessonReadModel {

    /** Depends on the read model's migration, so no event is projected into a table that does not exist yet. */
    @Bean
    LessonProjection lessonProjection(JdbcClient jdbc, JsonMapper json, @Qualifier("readModelFlyway") Flyway migrated) {
        return new LessonProjection(jdbc, json);
    }

    /** In-process feed from the event store (standalone); the query-side service is fed from Kafka instead. */
    @Bean
    @ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "event-store", matchIfMissing = true)
    LessonFeed lessonFeed(LessonProjection projection, ProjectionMetrics metrics, NamedParameterJdbcOperations batchJdbc) {
        return new LessonFeed(projection, metrics, batchJdbc);
    }

    @Bean
    SimilarLessons similarLessons(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction) {
        return new SimilarLessons(jdbc, json, transaction);
    }

    @Bean
    LessonsOfPartnership lessonsOfPartnership(JdbcClient jdbc, JsonMapper json) {
        return new LessonsOfPartnership(jdbc, json);
    }

    /** Feeds the lessons read model straight from the event store (standalone), with every other read model's feed. */
    @ProcessingGroup(EventStoreFeed.PROCESSING_GROUP)
    static class LessonFeed extends EventStoreFeed {

        LessonFeed(LessonProjection projection, ProjectionMetrics metrics, NamedParameterJdbcOperations jdbc) {
            super(projection, metrics, jdbc);
        }
    }
}
