package dk.partnerships.command.publication;

import dk.partnerships.events.PartnershipEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox relay: a tracking processor over the event store hands every event here, in store order. A batch is
 * acknowledged by Kafka before the processor stores its token, so the token never passes an unpublished event.
 * At least once: a crash between Kafka's acknowledgement and the token update republishes that event, which the
 * query side recognises by (partnership id, sequence) and ignores.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";
    /** After this long unreachable, give the failure back to the processor, which releases its claim and backs off. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final CloudEventRecords records;
    private final TopicCreator topics;
    private final Duration maxBackoff;
    private final Counter published;

    KafkaEventPublisher(Producer<String, byte[]> producer, CloudEventRecords records, TopicCreator topics,
                        Duration maxBackoff, MeterRegistry meters) {
        this.producer = producer;
        this.records = records;
        this.topics = topics;
        this.maxBackoff = maxBackoff;
        this.published = Counter.builder("partnerships.events.published")
                .description("Events acknowledged by Kafka").register(meters);
    }

    /**
     * Sends without waiting, so a batch of events goes out in one burst (the idempotent producer keeps their order);
     * before the processor stores its token, {@link #awaitAcknowledged} waits until Kafka acknowledged every one.
     */
    @EventHandler
    void publish(PartnershipEvent event, DomainEventMessage<PartnershipEvent> message, UnitOfWork<?> unitOfWork) {
        ProducerRecord<String, byte[]> record = records.toRecord(message);
        List<Sent> batch = unitOfWork.root().getOrComputeResource(BATCH, key -> {
            List<Sent> sent = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(uow -> awaitAcknowledged(sent));
            return sent;
        });
        Future<RecordMetadata> acknowledgement;
        try {
            topics.ensureTopic();
            acknowledgement = producer.send(record);
        } catch (Exception e) {
            acknowledgement = CompletableFuture.failedFuture(e);
        }
        batch.add(new Sent(record, message, acknowledgement));
    }

    private record Sent(ProducerRecord<String, byte[]> record, DomainEventMessage<?> message,
                        Future<RecordMetadata> acknowledgement) {
    }

    /**
     * Waits for every acknowledgement of the batch, in order. From the first failure on, the rest of the batch is
     * sent again one by one, retried until Kafka is back (duplicates are harmless: consumers dedupe by sequence).
     */
    private void awaitAcknowledged(List<Sent> batch) {
        boolean failed = false;
        for (Sent sent : batch) {
            if (!failed) {
                try {
                    sent.acknowledgement().get(15, TimeUnit.SECONDS);
                    published.increment();
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while publishing", e);
                } catch (ExecutionException | TimeoutException e) {
                    failed = true;
                }
            }
            sendUntilAcknowledged(sent.record(), sent.message());
        }
    }

    private void sendUntilAcknowledged(ProducerRecord<String, byte[]> record, DomainEventMessage<?> message) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                topics.ensureTopic();
                producer.send(record).get(15, TimeUnit.SECONDS);
                published.increment();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka unreachable; event " + message.getIdentifier()
                            + " stays unpublished until it is back", e);
                }
                log.warn("Publishing {} #{} of {} failed ({}); retrying in {} ms", message.getPayloadType().getSimpleName(),
                        message.getSequenceNumber(), message.getAggregateIdentifier(), e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while publishing", interrupted);
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }
}
