package dk.partnerships.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one JSON form of the events: the event store, Kafka and the frozen-format tests all use this mapper,
 * so what is stored is exactly what is published.
 */
public final class PartnershipEventJson {

    private static final Map<String, Class<? extends PartnershipEvent>> TYPES_BY_NAME =
            Arrays.stream(PartnershipEvent.class.getPermittedSubclasses())
                    .map(PartnershipEventJson::asEventClass)
                    .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private PartnershipEventJson() {
    }

    /**
     * A new mapper: ISO dates, amounts as plain decimals, nulls kept (a consumer sees every field), unknown fields tolerated so that an
     * older reader survives a newer, additive revision.
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    /** Every event type by its published name (the simple class name). */
    public static Map<String, Class<? extends PartnershipEvent>> eventTypes() {
        return TYPES_BY_NAME;
    }

    public static Optional<Class<? extends PartnershipEvent>> eventType(String name) {
        return Optional.ofNullable(TYPES_BY_NAME.get(name));
    }

    /** The published name of an event type: its simple class name, e.g. {@code StageAdvancedEvent}. */
    public static String typeName(Class<?> eventClass) {
        return eventClass.getSimpleName();
    }

    public static String revision(Class<?> eventClass) {
        Revision revision = eventClass.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends PartnershipEvent> asEventClass(Class<?> type) {
        return (Class<? extends PartnershipEvent>) type;
    }
}
