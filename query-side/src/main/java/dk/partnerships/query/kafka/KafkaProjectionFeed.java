package dk.partnerships.query.kafka;

import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The consumer loop of one query-side instance. Several instances may share one read database in one consumer
 * group: Kafka hands each its share of the partitions and moves a departed instance's partitions to the others.
 * <p>
 * Each polled batch is applied to every projection in one database transaction, which also records the positions
 * the batch reached ({@link FeedPositions}); an instance handed a partition starts from that recorded position, so a
 * batch is applied once even when its owner dies between the commit and Kafka's offset commit. Should a stalled
 * instance still commit a batch its successor already applied, the projections' (partnership id, sequence) guard
 * turns it into a no-op. While a rebuild holds the read database ({@link ReadDatabaseLocks}), a batch is not applied
 * but held back: the consumer seeks back to it, pauses and tries again shortly, polling all the while so it stays in
 * its group.
 */
public class KafkaProjectionFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaProjectionFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long a batch held back by a rebuild waits before the feed tries again. */
    private static final Duration HOLD_BACK = Duration.ofMillis(250);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Admin admin;
    private final NewTopic topic;
    private final List<EventProjection> projections;
    private final TransactionTemplate transaction;
    /** Writes through the same data source as {@link #transaction}, so the batches join its transaction. */
    private final NamedParameterJdbcOperations jdbc;
    private final ProjectionMetrics metrics;
    private final CloudEventReader reader = new CloudEventReader();

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Set<Integer> assigned = Set.of();
    private volatile boolean heldBack;
    private long retryAt;
    private Thread thread;

    public KafkaProjectionFeed(Supplier<Consumer<String, byte[]>> consumers, Admin admin, NewTopic topic,
                               List<EventProjection> projections, TransactionTemplate transaction,
                               NamedParameterJdbcOperations jdbc, ProjectionMetrics metrics) {
        this.jdbc = jdbc;
        this.consumers = consumers;
        this.admin = admin;
        this.topic = topic;
        this.projections = projections;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "kafka-projection-feed");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public String topic() {
        return topic.name();
    }

    /** The topic's partitions this instance applies now, in order. */
    public List<Integer> assignedPartitions() {
        return assigned.stream().sorted().toList();
    }

    /** Whether the last batch was held back because a rebuild holds the read database. */
    public boolean heldBackByRebuild() {
        return heldBack;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try (Consumer<String, byte[]> created = consumers.get()) {
                consumer = created;
                createTopic();
                created.subscribe(List.of(topic.name()), new StartFromRecordedPositions(created));
                backoff = Duration.ofMillis(100);
                while (running) {
                    retryHeldBackBatch(created);
                    ConsumerRecords<String, byte[]> records = created.poll(POLL);
                    if (!records.isEmpty()) {
                        apply(created, records);
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                // Nothing of the failed batch was committed; a new consumer resumes from the recorded positions.
                log.warn("Projection feed failed ({}); resuming from the recorded positions in {} ms", e.toString(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                consumer = null;
                assigned = Set.of();
            }
        }
    }

    private void apply(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        List<ProjectedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            read(record).ifPresent(events::add);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, record.offset() + 1);
        }
        Boolean applied = transaction.execute(status -> {
            JdbcClient client = JdbcClient.create(jdbc);
            if (!ReadDatabaseLocks.tryApplying(client)) {
                return false;
            }
            projections.forEach(projection -> ProjectionBatch.applyAll(jdbc, projection, events)
                    .forEach(projected -> metrics.projected(projection.name(), projected)));
            FeedPositions.advance(client, next);
            return true;
        });
        if (!Boolean.TRUE.equals(applied)) {
            first.forEach(consumer::seek);
            consumer.pause(consumer.assignment());
            heldBack = true;
            retryAt = System.nanoTime() + HOLD_BACK.toNanos();
            return;
        }
        heldBack = false;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        // For operators' tools (the group's lag); the recorded positions already hold the batch.
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                log.debug("Offset commit to Kafka failed ({}); the read database holds the positions", error.toString());
            }
        });
    }

    private void retryHeldBackBatch(Consumer<String, byte[]> consumer) {
        if (retryAt != 0 && System.nanoTime() - retryAt >= 0) {
            retryAt = 0;
            // Held back again by the next batch if the rebuild still runs; not if the partitions moved elsewhere.
            heldBack = false;
            consumer.resume(consumer.paused());
        }
    }

    /** Starts each partition this instance is handed where the read database says the read models stand. */
    private final class StartFromRecordedPositions implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> consumer;

        StartFromRecordedPositions(Consumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<Integer, Long> recorded = FeedPositions.read(JdbcClient.create(jdbc), topic.name());
            Set<Integer> now = new HashSet<>(assigned);
            for (TopicPartition partition : partitions) {
                Long position = recorded.get(partition.partition());
                // Never recorded: a partition no batch of this release applied yet starts at the group's offset.
                if (position != null) {
                    consumer.seek(partition, position);
                }
                now.add(partition.partition());
            }
            assigned = Set.copyOf(now);
            log.info("Applying partitions {} of {}", assignedPartitions(), topic.name());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> now = new HashSet<>(assigned);
            partitions.forEach(partition -> now.remove(partition.partition()));
            assigned = Set.copyOf(now);
        }
    }

    private Optional<ProjectedEvent> read(ConsumerRecord<String, byte[]> record) {
        try {
            Optional<ProjectedEvent> event = reader.read(record);
            if (event.isEmpty()) {
                log.warn("Skipping record {}-{}@{}: not a partnership event this version knows", record.topic(),
                        record.partition(), record.offset());
            }
            return event;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable event at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    private void createTopic() throws InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topic " + topic.name(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
