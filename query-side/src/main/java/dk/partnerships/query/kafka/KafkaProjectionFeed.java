package dk.partnerships.query.kafka;

import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ProjectionMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
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
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The consumer loop of the query-side service. Each polled batch is applied to every projection in one database
 * transaction; offsets are committed to Kafka after that transaction commits. A crash in between redelivers the
 * batch, and the projections' (partnership id, sequence) guard turns the redelivery into a no-op.
 */
public class KafkaProjectionFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaProjectionFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

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
    private volatile CompletableFuture<Void> pauseRequest;
    private volatile boolean resumeRequested;
    private volatile Consumer<String, byte[]> consumer;
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

    /**
     * Stops applying records between two batches, after the last batch's offsets were committed, and keeps the
     * consumer in its group (it goes on polling, paused, so no rebalance is triggered).
     */
    public void pause() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        pauseRequest = request;
        try {
            request.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("The projection feed did not pause", e);
        }
    }

    public void resume() {
        resumeRequested = true;
    }

    public String topic() {
        return topic.name();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try (Consumer<String, byte[]> created = consumers.get()) {
                consumer = created;
                createTopic();
                created.subscribe(List.of(topic.name()));
                backoff = Duration.ofMillis(100);
                while (running) {
                    handlePauseAndResume(created);
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
                // Nothing of the failed batch was committed; a new consumer resumes from the committed offsets.
                log.warn("Projection feed failed ({}); resuming from the committed offsets in {} ms", e.toString(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(Consumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        List<ProjectedEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            read(record).ifPresent(events::add);
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        transaction.executeWithoutResult(status -> projections.forEach(projection ->
                ProjectionBatch.applyAll(jdbc, projection, events)
                        .forEach(projected -> metrics.projected(projection.name(), projected))));
        consumer.commitSync(offsets);
    }

    private void handlePauseAndResume(Consumer<String, byte[]> consumer) {
        CompletableFuture<Void> request = pauseRequest;
        if (request != null) {
            pauseRequest = null;
            resumeRequested = false;
            consumer.pause(consumer.assignment());
            request.complete(null);
        }
        if (resumeRequested) {
            resumeRequested = false;
            consumer.resume(consumer.paused());
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
