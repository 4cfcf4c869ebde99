package dk.partnerships.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The JSON Schema of every event, published in the jar under {@code schemas/} for other municipal systems that
 * consume the Kafka topic. Derived from the records and frozen like their JSON: a change of shape fails here until
 * the schema is regenerated ({@code -Dfreeze-events=true}) and reviewed.
 */
class PublishedEventSchemaTest {

    private static final ObjectMapper MAPPER = PartnershipEventJson.newObjectMapper();
    /** Fields an event may carry as null: amounts not disclosed, notes that are optional. */
    private static final Map<Class<?>, Set<String>> NULLABLE = Map.of(
            PartnershipProposedEvent.class, Set.of("lead", "leadPersonId", "expectedValueDkk"),
            AwardRecordedEvent.class, Set.of("valueDkk"),
            StageAdvancedEvent.class, Set.of("reason"),
            PartnershipResumedEvent.class, Set.of("reason"),
            MarketContactRecordedEvent.class, Set.of("informationShared"),
            TenderProcedureChosenEvent.class, Set.of("reason"),
            BenefitDeclaredEvent.class, Set.of("unit", "expected"),
            BenefitFollowedUpEvent.class, Set.of("realised", "note"));

    static Stream<Class<? extends PartnershipEvent>> eventTypes() {
        return PartnershipEventJson.eventTypes().values().stream();
    }

    static ObjectNode schemaOf(Class<?> type) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:partnerships:schema:" + type.getSimpleName() + ":" + PartnershipEventJson.revision(type));
        schema.put("title", type.getSimpleName());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (RecordComponent component : type.getRecordComponents()) {
            ObjectNode property = typeOf(component.getGenericType());
            if (NULLABLE.getOrDefault(type, Set.of()).contains(component.getName())) {
                property = MAPPER.createObjectNode().set("anyOf", MAPPER.createArrayNode().add(property)
                        .add(MAPPER.createObjectNode().put("type", "null")));
            }
            properties.set(component.getName(), property);
            required.add(component.getName());
        }
        // Later revisions may add fields; readers must tolerate them.
        schema.put("additionalProperties", true);
        return schema;
    }

    private static ObjectNode typeOf(Type type) {
        ObjectNode node = MAPPER.createObjectNode();
        if (type == String.class) {
            node.put("type", "string");
        } else if (type == LocalDate.class) {
            node.put("type", "string").put("format", "date");
        } else if (type == BigDecimal.class) {
            node.put("type", "number");
        } else if (type == int.class || type == Integer.class || type == long.class) {
            node.put("type", "integer");
        } else if (type == boolean.class) {
            node.put("type", "boolean");
        } else if (type instanceof Class<?> enumType && enumType.isEnum()) {
            ArrayNode values = node.put("type", "string").putArray("enum");
            for (Object constant : enumType.getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            node.put("type", "array").set("items", typeOf(list.getActualTypeArguments()[0]));
        } else {
            throw new IllegalArgumentException("No JSON Schema mapping for " + type);
        }
        return node;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void the_published_schema_matches_the_record(Class<? extends PartnershipEvent> type) throws IOException {
        JsonNode derived = schemaOf(type);
        Path published = Path.of("src/main/resources/schemas", type.getSimpleName() + ".schema.json");
        if (Boolean.getBoolean("freeze-events")) {
            Files.writeString(published, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(derived) + "\n");
        }
        if (!Files.exists(published)) {
            fail("No published schema for " + type.getSimpleName() + "; run with -Dfreeze-events=true and commit " + published);
        }
        assertThat(derived).isEqualTo(MAPPER.readTree(published.toFile()));
    }

    @Test
    void every_event_type_has_a_schema_on_the_class_path() {
        eventTypes().forEach(type -> assertThat(PublishedEventSchemaTest.class.getResource(
                "/schemas/" + type.getSimpleName() + ".schema.json")).as(type.getSimpleName()).isNotNull());
    }
}
