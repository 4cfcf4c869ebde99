package dk.partnerships.query.kafka;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the read models stand in each partition of the topic ({@code projection_offset}): the next offset to apply,
 * written in the transaction that applied the rows before it. Kafka's own committed offsets follow a moment later
 * (for operators' tools); this table is the one an instance starts from and a rebuild replays up to.
 */
final class FeedPositions {

    private FeedPositions() {
    }

    /** Per partition of the topic, the next offset to apply; partitions never applied are absent. */
    static Map<Integer, Long> read(JdbcClient jdbc, String topic) {
        Map<Integer, Long> positions = new HashMap<>();
        jdbc.sql("SELECT kafka_partition, next_offset FROM projection_offset WHERE topic = :topic")
                .param("topic", topic)
                .query((rs, row) -> positions.put(rs.getInt(1), rs.getLong(2))).list();
        return positions;
    }

    /**
     * Records the positions a batch reached, in the caller's transaction. A position never moves back: an instance
     * that lost its partition while stalled may still commit a batch the new owner already went past.
     */
    static void advance(JdbcClient jdbc, Map<TopicPartition, Long> nextOffsets) {
        for (Map.Entry<TopicPartition, Long> position : nextOffsets.entrySet()) {
            jdbc.sql("""
                            INSERT INTO projection_offset (topic, kafka_partition, next_offset)
                            VALUES (:topic, :partition, :next)
                            ON CONFLICT (topic, kafka_partition)
                            DO UPDATE SET next_offset = greatest(projection_offset.next_offset, excluded.next_offset)""")
                    .param("topic", position.getKey().topic()).param("partition", position.getKey().partition())
                    .param("next", position.getValue()).update();
        }
    }
}
