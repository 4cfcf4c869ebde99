package dk.partnerships.query.benefits;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** Benefits realisation: its queries, endpoints and page (the rows are the partnership-summaries read model's). */
@Configuration(proxyBeanMethods = false)
@Import({BenefitsController.class, BenefitPages.class})
public class BenefitsReadModel {

    @Bean
    BenefitQueries benefitQueries(JdbcClient jdbc, Clock clock,
                                  @Value("${partnerships.benefits.follow-up-days}") int followUpDays) {
        return new BenefitQueries(jdbc, clock, followUpDays);
    }
}
