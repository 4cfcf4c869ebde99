package dk.partnerships.command.publication;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Publication to Kafka, on when {@code partnerships.publication.enabled=true}. */
@AutoConfiguration
@ConditionalOnProperty(name = "partnerships.publication.enabled", havingValue = "true")
@EnableConfigurationProperties(KafkaPublicationProperties.class)
public class KafkaPublicationConfiguration {

    private static Map<String, Object> connection(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** acks=all and idempotence: an acknowledged event is on every in-sync replica, and a retry never duplicates it. */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> partnershipEventProducer(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> config = connection(bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Fail fast while the broker is down; the publisher retries with backoff, in order.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "partnerships-command-side");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin partnershipKafkaAdmin(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> config = connection(bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    @Bean
    TopicCreator topicCreator(Admin admin, KafkaPublicationProperties properties) {
        return new TopicCreator(admin, properties.topic(), properties.partitions(), properties.replicationFactor());
    }

    @Bean
    KafkaEventPublisher kafkaEventPublisher(Producer<String, byte[]> producer, TopicCreator topics,
                                            KafkaPublicationProperties properties, MeterRegistry meters) {
        return new KafkaEventPublisher(producer, new CloudEventRecords(properties.topic(), properties.source()), topics,
                properties.maxRetryBackoff(), meters);
    }

    /**
     * A failed publication goes back to the processor instead of being logged and skipped (Axon's default), so
     * the token never moves past an event Kafka has not acknowledged.
     */
    @Bean
    ConfigurerModule kafkaPublisherErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                KafkaEventPublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin admin) {
        return () -> {
            try {
                String clusterId = admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
                return Health.up().withDetail("clusterId", clusterId).build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }
}
