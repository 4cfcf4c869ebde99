package dk.partnerships.command.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.CloudEventHeaders;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipEventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;

import java.nio.charset.StandardCharsets;

/** Turns a stored event into its Kafka record: CloudEvents binary mode, key = partnership id, value = the event's JSON. */
class CloudEventRecords {

    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();
    private final String topic;
    private final String source;

    CloudEventRecords(String topic, String source) {
        this.topic = topic;
        this.source = source;
    }

    ProducerRecord<String, byte[]> toRecord(DomainEventMessage<? extends PartnershipEvent> message) {
        PartnershipEvent event = message.getPayload();
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.ID, message.getIdentifier());
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        add(headers, CloudEventHeaders.TYPE, CloudEventHeaders.typeOf(event.getClass()));
        add(headers, CloudEventHeaders.SOURCE, source);
        add(headers, CloudEventHeaders.TIME, message.getTimestamp().toString());
        add(headers, CloudEventHeaders.SUBJECT, event.partnershipId());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        add(headers, CloudEventHeaders.REVISION, PartnershipEventJson.revision(event.getClass()));
        add(headers, CloudEventHeaders.SEQUENCE, Long.toString(message.getSequenceNumber()));
        CloudEventHeaders.METADATA_HEADERS.forEach((key, header) -> {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                add(headers, header, value.toString());
            }
        });
        try {
            return new ProducerRecord<>(topic, null, event.partnershipId(), json.writeValueAsBytes(event), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event that was stored as JSON can always be written as JSON", e);
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
