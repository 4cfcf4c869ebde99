package dk.partnerships.query.kafka;

import dk.partnerships.query.projection.EventReplay;
import dk.partnerships.query.projection.LiveFeed;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The live feed of the query-side service: the consumer group, on every instance that shares the read database.
 * A rebuild claims the read database ({@link ReadDatabaseLocks}), which holds every instance's feed between two
 * batches; the replay then reads each partition from its first offset up to the position the read models reached.
 */
class KafkaLiveFeed implements LiveFeed {

    private final KafkaProjectionFeed feed;
    private final Admin admin;
    private final String groupId;
    private final Map<String, Object> consumerConfig;
    private final DataSource dataSource;
    /** The claim of the rebuild running on this instance, if any (rebuilds run one at a time, see ProjectionRebuilds). */
    private volatile ReadDatabaseLocks.Claim claim;

    KafkaLiveFeed(KafkaProjectionFeed feed, Admin admin, String groupId, Map<String, Object> consumerConfig,
                  DataSource dataSource) {
        this.feed = feed;
        this.admin = admin;
        this.groupId = groupId;
        this.consumerConfig = consumerConfig;
        this.dataSource = dataSource;
    }

    @Override
    public Optional<RebuildClaim> claimRebuild() {
        Optional<ReadDatabaseLocks.Claim> claimed = ReadDatabaseLocks.tryClaimRebuild(dataSource);
        claimed.ifPresent(held -> claim = held);
        return claimed.map(held -> () -> {
            claim = null;
            held.close();
        });
    }

    @Override
    public EventReplay pause() {
        ReadDatabaseLocks.Claim held = claim;
        if (held == null) {
            throw new IllegalStateException("Pausing the Kafka feed needs the rebuild claim");
        }
        held.holdFeeds();
        try {
            return new KafkaReplay(consumerConfig, positions());
        } catch (RuntimeException e) {
            held.releaseFeeds();
            throw e;
        }
    }

    @Override
    public void resume() {
        ReadDatabaseLocks.Claim held = claim;
        if (held != null) {
            held.releaseFeeds();
        }
    }

    /**
     * Where the read models stand per partition: the recorded position, or for a partition only an earlier release
     * applied, the group's offset in Kafka (that release committed it after its transaction, and nothing applies
     * batches now).
     */
    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> upTo = new HashMap<>();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            committed.forEach((partition, offset) -> {
                if (partition.topic().equals(feed.topic()) && offset != null) {
                    upTo.put(partition, offset.offset());
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the committed offsets of group " + groupId, e);
        }
        FeedPositions.read(JdbcClient.create(dataSource), feed.topic())
                .forEach((partition, next) -> upTo.put(new TopicPartition(feed.topic(), partition), next));
        return upTo;
    }
}
