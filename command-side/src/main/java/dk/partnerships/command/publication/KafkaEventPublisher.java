package dk.partnerships.command.publication;

import dk.partnerships.events.PartnershipEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox relay: a tracking processor over the event store hands every event here, in store order. The send is
 * synchronous and retried until Kafka acknowledges, so the processor's token never passes an unpublished event.
 * At least once: a crash between Kafka's acknowledgement and the token update republishes that event, which the
 * query side recognises by (partnership id, sequence) and ignores.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
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

    @EventHandler
    void publish(PartnershipEvent event, DomainEventMessage<PartnershipEvent> message) throws InterruptedException {
        ProducerRecord<String, byte[]> record = records.toRecord(message);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                topics.ensureTopic();
                producer.send(record).get(15, TimeUnit.SECONDS);
                published.increment();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka unreachable; event " + message.getIdentifier()
                            + " stays unpublished until it is back", e);
                }
                log.warn("Publishing {} #{} of {} failed ({}); retrying in {} ms", message.getPayloadType().getSimpleName(),
                        message.getSequenceNumber(), event.partnershipId(), e.getMessage(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }
}
