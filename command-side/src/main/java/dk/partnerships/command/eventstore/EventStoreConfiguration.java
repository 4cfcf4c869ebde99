package dk.partnerships.command.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.PartnershipEventJson;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * Wires Axon's JDBC event store to PostgreSQL. An auto-configuration (not a plain configuration) so that it runs
 * before Axon's own and its beans replace Axon's defaults whichever side, or both, are on the class path.
 * <p>
 * It also runs after Spring Boot's DataSource and transaction manager: Axon 4.13 names their Spring Boot 3 classes
 * in its ordering, which Spring Boot 4 renamed, so without this Axon may look for them too early, find no
 * DataSource for its JDBC event store and fall back to a no-op transaction manager.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class, ObjectMapperAutoConfiguration.class,
                TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class})
public class EventStoreConfiguration {

    /** Axon's units of work in Spring transactions: events, tokens and read-model rows commit together. */
    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Flyway owns the schema; its own history table keeps it apart from the read side's migrations. */
    @Bean(initMethod = "migrate")
    Flyway eventStoreFlyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventstore")
                .table("flyway_history_event_store")
                // The read side may have migrated the same database first; a version-0 baseline keeps V1 runnable.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    /** snake_case names, so auditors can read the store with plain SQL. */
    @Bean
    EventSchema eventSchema(@Qualifier("eventStoreFlyway") Flyway migratedFirst) {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's Jackson 2 mapper, the same JSON form the events module freezes and Kafka consumers read
     * (Axon's default would write dates as arrays of numbers).
     */
    @Bean("defaultAxonObjectMapper")
    @ConditionalOnMissingBean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return PartnershipEventJson.newObjectMapper();
    }

    /** Copies who, when and which request from each command's metadata into the metadata of its events. */
    @Bean
    CorrelationDataProvider partnershipMetadataProvider() {
        return new SimpleCorrelationDataProvider(
                EventMetadata.USER_ID,
                EventMetadata.USER_NAME,
                EventMetadata.USER_ROLE,
                EventMetadata.RECORDED_AT,
                EventMetadata.EFFECTIVE_DATE,
                EventMetadata.COMMAND_ID,
                EventMetadata.CORRELATION_ID);
    }
}
