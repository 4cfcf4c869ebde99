package dk.partnerships.query.lessons;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The lesson search endpoint, and the lessons shown beside a new idea. */
@Configuration(proxyBeanMethods = false)
@Import(LessonSearchController.class)
public class LessonSearch {

    @Bean
    SimilarLessons similarLessons(JdbcClient jdbc, JsonMapper json, TransactionTemplate transaction) {
        return new SimilarLessons(jdbc, json, transaction);
    }
}
