package dk.partnerships.query.kafka;

import dk.partnerships.query.projection.EventReplay;
import dk.partnerships.query.projection.LiveFeed;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live feed of the query-side service: the Kafka consumer group. Pausing it fixes the group's committed offsets,
 * and the replay reads every partition from its first offset up to those.
 * <p>
 * Meant for one query-side instance per read database: other instances of the group would keep applying records
 * while this one rebuilds, and the copy into the live tables would undo their work.
 */
class KafkaLiveFeed implements LiveFeed {

    private final KafkaProjectionFeed feed;
    private final Admin admin;
    private final String groupId;
    private final Map<String, Object> consumerConfig;

    KafkaLiveFeed(KafkaProjectionFeed feed, Admin admin, String groupId, Map<String, Object> consumerConfig) {
        this.feed = feed;
        this.admin = admin;
        this.groupId = groupId;
        this.consumerConfig = consumerConfig;
    }

    @Override
    public EventReplay pause() {
        feed.pause();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> upTo = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (partition.topic().equals(feed.topic()) && offset != null) {
                    upTo.put(partition, offset.offset());
                }
            });
            return new KafkaReplay(consumerConfig, upTo);
        } catch (Exception e) {
            feed.resume();
            throw new IllegalStateException("Cannot read the committed offsets of group " + groupId, e);
        }
    }

    @Override
    public void resume() {
        feed.resume();
    }
}
