package dk.partnerships.query.projection;

import dk.partnerships.events.PartnershipEvent;

import java.time.Instant;
import java.util.Map;

/**
 * One event as a projection sees it, whatever delivered it.
 *
 * @param sequence   the event's position in its partnership's stream, from 0; projections apply each exactly once
 * @param recordedAt when the event was stored
 * @param metadata   who, when and which request (see {@link dk.partnerships.events.EventMetadata})
 */
public record ProjectedEvent(PartnershipEvent payload, long sequence, Instant recordedAt, Map<String, ?> metadata) {

    public String partnershipId() {
        return payload.partnershipId();
    }

    public String metadataValue(String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }
}
