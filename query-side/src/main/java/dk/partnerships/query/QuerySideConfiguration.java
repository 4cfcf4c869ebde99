package dk.partnerships.query;

import dk.partnerships.query.history.HistoryReadModel;
import dk.partnerships.query.lessons.LessonReadModel;
import dk.partnerships.query.summaries.SummaryReadModel;
import dk.partnerships.query.projection.ProjectionAdministration;
import dk.partnerships.query.projection.ReadModelMigrations;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The read side: its schema, its projections and its read API. Ordered after Spring Boot's DataSource and
 * transaction manager, and before Axon's configuration (see the command side's EventStoreConfiguration for why).
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {AxonAutoConfiguration.class, TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class},
        // The pages' own locale resolver and message source replace Spring Boot's defaults (see WebPages).
        beforeName = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
                "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration"})
@Import({SummaryReadModel.class, HistoryReadModel.class, LessonReadModel.class,
        dk.partnerships.query.lifecycle.LifecycleReadModel.class, dk.partnerships.query.benefits.BenefitsWeb.class,
        dk.partnerships.query.advice.AdviceWeb.class,
        ProjectionAdministration.class, dk.partnerships.query.web.WebPages.class,
        ReadProblems.class})
public class QuerySideConfiguration {

    /** Names behind person ids from the command side's API; standalone puts an in-process lookup in its place. */
    @org.springframework.context.annotation.Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
    dk.partnerships.query.people.PersonNames personNames(dk.partnerships.query.web.CommandApi commandSide) {
        return new dk.partnerships.query.people.RemotePersonNames(commandSide);
    }

    /** The read tables, migrated with their own history table, apart from the event store's. */
    /** The read models' answers (built as maps), for the query side's API document (ApiDocument). */
    @Bean
    dk.partnerships.security.ApiSchemas readSideSchemas() {
        return new dk.partnerships.security.ApiSchemas("openapi/read-side.yaml", java.util.List.of(
                dk.partnerships.events.Stage.class, dk.partnerships.events.PartnershipStatus.class,
                dk.partnerships.events.PartnershipKind.class, dk.partnerships.events.PilotOutcome.class,
                dk.partnerships.events.ReadinessType.class, dk.partnerships.events.BenefitCategory.class,
                dk.partnerships.events.BenefitAssessment.class, dk.partnerships.events.AdviceTopic.class));
    }

    /** The read tables, migrated; beans that use them depend on this one. */
    @Bean
    Flyway readModelFlyway(DataSource dataSource) {
        // In standalone the event store's tables are already there: the read schema's history starts empty beside them.
        org.flywaydb.core.api.configuration.FluentConfiguration configuration = ReadModelMigrations.configure(dataSource)
                .baselineOnMigrate(true).baselineVersion("0");
        ReadModelMigrations.migrate(dataSource, configuration);
        return configuration.load();
    }

    /** Axon's units of work in Spring transactions: a projection's rows and its token commit together. */
    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    CsvDialects csvDialects(org.springframework.context.MessageSource messages) {
        return new CsvDialects(messages);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${partnerships.time-zone:Europe/Copenhagen}") ZoneId zone) {
        return Clock.system(zone);
    }
}
