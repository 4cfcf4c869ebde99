package dk.partnerships.command.publication;

import dk.partnerships.events.CloudEventHeaders;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code partnerships.publication.*}; the broker itself is Spring Boot's {@code spring.kafka.bootstrap-servers}.
 *
 * @param enabled           publish to Kafka at all (the command-side service does; standalone does not by default)
 * @param topic             the topic of partnership events
 * @param partitions        partitions when the topic is created (one partnership always maps to one partition)
 * @param replicationFactor replicas when the topic is created
 * @param source            the CloudEvents {@code source} of every event
 * @param maxRetryBackoff   the longest pause between two attempts while the broker is unreachable
 */
@ConfigurationProperties(prefix = "partnerships.publication")
public record KafkaPublicationProperties(boolean enabled, String topic, Integer partitions, Short replicationFactor,
                                         String source, Duration maxRetryBackoff) {

    public KafkaPublicationProperties {
        topic = topic == null || topic.isBlank() ? CloudEventHeaders.TOPIC : topic;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        source = source == null || source.isBlank() ? "urn:partnerships:command-side" : source;
        maxRetryBackoff = maxRetryBackoff == null ? Duration.ofSeconds(2) : maxRetryBackoff;
    }
}
