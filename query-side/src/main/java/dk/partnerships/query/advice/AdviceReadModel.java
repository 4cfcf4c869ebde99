package dk.partnerships.query.advice;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** Advice from the central unit: its queries, endpoints and the advisors' page (rows of partnership-summaries). */
@Configuration(proxyBeanMethods = false)
@Import({AdviceController.class, AdvicePages.class})
public class AdviceReadModel {

    @Bean
    AdviceQueries adviceQueries(JdbcClient jdbc, Clock clock) {
        return new AdviceQueries(jdbc, clock);
    }
}
