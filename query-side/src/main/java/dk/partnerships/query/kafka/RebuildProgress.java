package dk.partnerships.query.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How far a rebuild from Kafka has come: events done out of the events that were on the topic when it started,
 * the rate so far and the time it will still take at that rate.
 */
public record RebuildProgress(Instant startedAt, long total, long done, Map<TopicPartition, Long> endOffsets) {

    static RebuildProgress start(Consumer<String, byte[]> consumer, String topic) {
        var partitions = consumer.assignment().stream().filter(tp -> tp.topic().equals(topic)).toList();
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long total = end.entrySet().stream().mapToLong(e -> e.getValue() - begin.getOrDefault(e.getKey(), 0L)).sum();
        return new RebuildProgress(Instant.now(), total, 0, Map.copyOf(end));
    }

    RebuildProgress advance(int records) {
        return new RebuildProgress(startedAt, total, Math.min(total, done + records), endOffsets);
    }

    public boolean finished() {
        return done >= total;
    }

    public double eventsPerSecond() {
        double seconds = Math.max(0.001, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        return done / seconds;
    }

    public Map<String, Object> describe() {
        return Map.of("done", done, "total", total, "eventsPerSecond", Math.round(eventsPerSecond()),
                "estimatedSecondsLeft", estimatedTimeLeft().toSeconds(), "finished", finished());
    }

    public Duration estimatedTimeLeft() {
        double rate = eventsPerSecond();
        return rate <= 0 ? Duration.ZERO : Duration.ofMillis((long) ((total - done) / rate * 1000));
    }
}
