package dk.partnerships.query.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.CloudEventHeaders;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.query.projection.ProjectedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a CloudEvents binary-mode record back into the envelope the projections take. */
class CloudEventReader {

    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    /** @return empty for a record that is not a partnership event this version knows (logged by the caller) */
    Optional<ProjectedEvent> read(ConsumerRecord<String, byte[]> record) throws IOException {
        String type = header(record, CloudEventHeaders.TYPE);
        String sequence = header(record, CloudEventHeaders.SEQUENCE);
        if (type == null || sequence == null || record.value() == null) {
            return Optional.empty();
        }
        String simpleName = type.substring(type.lastIndexOf('.') + 1);
        Optional<Class<? extends PartnershipEvent>> eventType = PartnershipEventJson.eventType(simpleName);
        if (eventType.isEmpty()) {
            return Optional.empty();
        }
        PartnershipEvent event = json.readValue(record.value(), eventType.get());
        String time = header(record, CloudEventHeaders.TIME);
        Map<String, Object> metadata = new HashMap<>();
        CloudEventHeaders.METADATA_HEADERS.forEach((key, header) -> {
            String value = header(record, header);
            if (value != null) {
                metadata.put(key, value);
            }
        });
        return Optional.of(new ProjectedEvent(event, Long.parseLong(sequence),
                time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time), metadata));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
