package dk.partnerships.query.kafka;

import dk.partnerships.query.projection.EventReplay;
import dk.partnerships.query.projection.ProjectedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Reads each partition from its first offset up to (not including) a given offset, outside any consumer group. */
class KafkaReplay implements EventReplay {

    private final Map<String, Object> config;
    private final Map<TopicPartition, Long> upTo;
    private final CloudEventReader reader = new CloudEventReader();

    KafkaReplay(Map<String, Object> consumerConfig, Map<TopicPartition, Long> upTo) {
        this.config = new HashMap<>(consumerConfig);
        this.config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.upTo = withinTheLog(upTo);
    }

    /**
     * Positions past a partition's end (a topic deleted and created anew under the same name) are cut to its end,
     * so the replay ends; the read models then hold events the topic no longer has, which the log says.
     */
    private Map<TopicPartition, Long> withinTheLog(Map<TopicPartition, Long> positions) {
        if (positions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> within = new HashMap<>(positions);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.endOffsets(positions.keySet()).forEach((partition, end) -> {
                if (positions.get(partition) > end) {
                    org.slf4j.LoggerFactory.getLogger(KafkaReplay.class).warn("The read models stand at offset {} of"
                            + " {}, past its end {}: the topic was created anew; replaying up to its end", positions.get(partition),
                            partition, end);
                    within.put(partition, end);
                }
            });
        }
        return Map.copyOf(within);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public long total() {
        if (upTo.isEmpty()) {
            return 0;
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(upTo.keySet());
            return upTo.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - beginning.get(e.getKey()))).sum();
        }
    }

    @Override
    public long replay(Consumer<ProjectedEvent> sink) {
        if (upTo.isEmpty()) {
            return 0;
        }
        long delivered = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(upTo.keySet());
            consumer.seekToBeginning(upTo.keySet());
            while (upTo.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= upTo.get(partition)) {
                        continue;
                    }
                    try {
                        var event = reader.read(record);
                        if (event.isPresent()) {
                            sink.accept(event.get());
                            delivered++;
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException("Unreadable event at " + partition + "@" + record.offset(), e);
                    }
                }
            }
        }
        return delivered;
    }
}
