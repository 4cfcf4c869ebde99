package dk.partnerships.query.kafka;

import dk.partnerships.events.CloudEventHeaders;
import dk.partnerships.query.QuerySideConfiguration;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectionMetrics;
import dk.partnerships.query.projection.LiveFeed;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The query side fed from Kafka: on when {@code partnerships.projection.source=kafka}. */
@AutoConfiguration(after = QuerySideConfiguration.class)
@ConditionalOnProperty(name = "partnerships.projection.source", havingValue = "kafka")
public class KafkaFeedConfiguration {

    @Bean(destroyMethod = "close")
    Admin projectionKafkaAdmin(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    /** The consumer settings of the group that feeds the read models. */
    record ConsumerSettings(Map<String, Object> config) {
        String groupId() {
            return (String) config.get(ConsumerConfig.GROUP_ID_CONFIG);
        }
    }

    @Bean
    ConsumerSettings projectionConsumerSettings(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                                 @Value("${partnerships.projection.kafka.group-id:partnership-read-models}") String groupId,
                                                 @Value("${partnerships.projection.kafka.session-timeout:45s}") Duration sessionTimeout,
                                                 @Value("${partnerships.projection.kafka.linger:20ms}") Duration linger) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // A new consumer group starts from the first event, not from whatever arrives after it joined.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // The linger: the broker holds a fetch until 512 KiB are there (some 500 events of about 1 KiB) or this long
        // has passed, so under load a batch (one transaction) carries many events, while alone an event waits at
        // most this long. Zero: Kafka's defaults (answer as soon as anything is there).
        if (!linger.isZero()) {
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) linger.toMillis());
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 512 * 1024);
        }
        // How long the group waits for an instance that stopped answering before its partitions go to the others.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 10));
        return new ConsumerSettings(Map.copyOf(config));
    }

    @Bean
    KafkaProjectionFeed kafkaProjectionFeed(ConsumerSettings settings,
                                            @Value("${partnerships.publication.topic:" + CloudEventHeaders.TOPIC + "}") String topic,
                                            @Value("${partnerships.publication.partitions:6}") int partitions,
                                            @Value("${partnerships.publication.replication-factor:1}") short replication,
                                            Admin admin, List<EventProjection> projections,
                                            TransactionTemplate transaction, NamedParameterJdbcTemplate jdbc,
                                            ProjectionMetrics metrics) {
        return new KafkaProjectionFeed(
                () -> new KafkaConsumer<>(settings.config(), new StringDeserializer(), new ByteArrayDeserializer()),
                admin, new NewTopic(topic, partitions, replication), projections, transaction, jdbc, metrics);
    }

    @Bean
    LiveFeed kafkaLiveFeed(KafkaProjectionFeed feed, Admin admin, ConsumerSettings settings, DataSource dataSource) {
        return new KafkaLiveFeed(feed, admin, settings.groupId(), settings.config(), dataSource);
    }

    /** Which of the topic's partitions this instance applies, and whether a rebuild holds its feed back. */
    @Bean
    HealthIndicator readModelFeedHealthIndicator(KafkaProjectionFeed feed) {
        return () -> (feed.isRunning() ? Health.up() : Health.down())
                .withDetail("topic", feed.topic())
                .withDetail("assignedPartitions", feed.assignedPartitions())
                .withDetail("heldBackByRebuild", feed.heldBackByRebuild())
                .build();
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
