package dk.partnerships.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dk.partnerships.events.CloudEventHeaders;
import dk.partnerships.testsupport.Http;
import dk.partnerships.testsupport.Services;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Command side and query side as two {@code java -jar} processes joined by a real Kafka broker, on a real
 * PostgreSQL: what one accepts, the other shows; nothing is lost or applied twice when the broker or the query
 * side goes down; and the topic is readable by any consumer with no code of ours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedServicesTest {

    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    private Services services;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        services = new Services(directory);
        services.startCommandSide();
        services.startQuerySide();
    }

    @AfterAll
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    private String propose(String title) {
        Http.Response created = services.commands().post("/api/partnerships", Map.of("title", title, "kind", "OPI",
                "department", "TMF", "lead", "Mobilitet, TMF", "need", "Forebyg cykeltyveri",
                "effectiveDate", "2024-01-15"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Http.Response lesson(String id, String text) {
        return services.commands().post("/api/partnerships/" + id + "/lessons", Map.of("text", text));
    }

    /** Every stored event projected exactly once: same partnerships, same versions, one lesson row per lesson event. */
    private void awaitReadModelMatchesEventStore() {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(services.projectedVersions()).as(services.logs()).isEqualTo(services.storedEventCounts()));
        long lessonEvents = services.commandDatabase.sql(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%LessonRecordedEvent'")
                .query(Long.class).single();
        long lessonRows = services.queryDatabase.sql("SELECT count(*) FROM partnership_lesson").query(Long.class).single();
        assertThat(lessonRows).isEqualTo(lessonEvents);
    }

    @Test
    void a_command_accepted_by_the_command_side_becomes_visible_on_the_query_side() {
        String id = propose("Synlig på læsesiden");
        Http.Response moved = services.commands().post("/api/partnerships/" + id + "/stage-transitions",
                Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-03-01"));
        assertThat(moved.status()).isEqualTo(200);
        long version = moved.json().get("version").asLong();

        Http.Response read = services.reads().get("/api/partnerships/" + id + "?minVersion=" + version);
        await().atMost(CONVERGENCE).until(() -> services.reads().get("/api/partnerships/" + id + "?minVersion=" + version)
                .status() == 200);
        read = services.reads().get("/api/partnerships/" + id + "?minVersion=" + version);
        assertThat(read.json().get("stage").asString()).isEqualTo("MARKET_DIALOGUE");
        assertThat(read.json().get("version").asLong()).isEqualTo(version);
        assertThat(read.json().get("title").asString()).isEqualTo("Synlig på læsesiden");
        // The lead's name is not in the event: the query side asks the command side's person registry for it,
        // on behalf of the signed-in reader.
        assertThat(read.json().get("lead").asString()).isEqualTo("Mobilitet, TMF");
        assertThat(read.json().get("leadErased").asBoolean()).isFalse();
    }

    @Test
    void commands_are_accepted_while_kafka_is_down_and_projected_exactly_once_when_it_returns() throws Exception {
        String id = propose("Kafka nede");
        awaitReadModelMatchesEventStore();

        services.kafka.stop();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Http.Response answer = lesson(id, "Lektie skrevet mens Kafka var nede " + i);
            assertThat(answer.status()).as("a write while Kafka is down is still accepted: %s", answer.body())
                    .isEqualTo(201);
            accepted.add(answer.json().get("lessonId").asString());
        }
        String another = propose("Foreslået mens Kafka var nede");
        assertThat(services.storedEventCounts().get(id)).isEqualTo(21);
        assertThat(services.projectedVersions().get(another)).isNull();
        assertThat(services.commands().get("/actuator/health").json().path("components").path("kafka").path("status")
                .asString()).isEqualTo("DOWN");

        services.kafka.start();
        awaitReadModelMatchesEventStore();
        assertThat(services.queryDatabase.sql("SELECT count(*) FROM partnership_lesson WHERE partnership_id = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(accepted.size());
    }

    @Test
    void a_query_side_killed_mid_stream_loses_nothing_and_applies_nothing_twice() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(propose("Strøm " + i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get() && n < 400) {
                Http.Response answer = lesson(ids.get(n % ids.size()), "Lektie " + n);
                if (answer.status() == 201) {
                    written.incrementAndGet();
                }
                n++;
            }
        });
        writer.start();
        // Kill the query side while events keep streaming in and it is partway through them.
        await().atMost(CONVERGENCE).until(() -> services.queryDatabase.sql("SELECT count(*) FROM partnership_lesson")
                .query(Long.class).single() > 0 && written.get() > 50);
        services.killQuerySide();
        await().atMost(CONVERGENCE).until(() -> written.get() > 150);
        services.startQuerySide();
        writer.join(CONVERGENCE.toMillis());
        writing.set(false);

        awaitReadModelMatchesEventStore();
        assertThat(written.get()).isGreaterThan(150);
    }

    @Test
    void the_topic_is_readable_by_a_plain_kafka_consumer() throws Exception {
        String id = propose("Læsbar for alle");
        services.commands().post("/api/partnerships/" + id + "/stage-transitions",
                Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-03-01"));
        lesson(id, "Del erfaringerne");
        Map<Long, String> eventIds = new HashMap<>();
        services.commandDatabase.sql("SELECT sequence_number, event_identifier FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query((rs, row) -> eventIds.put(rs.getLong(1), rs.getString(2))).list();

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "plain-consumer-" + Instant.now().toEpochMilli(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("partnership-events"));
            await().atMost(CONVERGENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (id.equals(record.key())) {
                        mine.add(record);
                    }
                });
                return mine.size() >= 3;
            });
        }

        ObjectMapper json = new ObjectMapper();
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (int sequence = 0; sequence < 3; sequence++) {
            ConsumerRecord<String, byte[]> record = mine.get(sequence);
            assertThat(record.key()).isEqualTo(id);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(eventIds.get((long) sequence));
            assertThat(header(record, "ce_subject")).isEqualTo(id);
            assertThat(header(record, "ce_source")).isNotBlank();
            assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now());
            assertThat(header(record, "ce_sequence")).isEqualTo(Integer.toString(sequence));
            String eventType = header(record, "ce_type");
            assertThat(header(record, "ce_revision")).isEqualTo(dk.partnerships.events.PartnershipEventJson.revision(
                    dk.partnerships.events.PartnershipEventJson.eventType(eventType.substring(eventType.lastIndexOf('.') + 1))
                            .orElseThrow()));
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            // The signed-in account, never a client's header: id, display name and the role acted in.
            assertThat(header(record, "ce_userid")).isEqualTo("tester");
            assertThat(header(record, "ce_username")).isEqualTo("Test Testesen");
            assertThat(header(record, "ce_userrole")).isEqualTo("PROJECT_LEAD");
            String type = header(record, "ce_type");
            assertThat(type).startsWith("dk.partnerships.events.");
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            try (InputStream schemaFile = CloudEventHeaders.class.getResourceAsStream("/schemas/" + simpleName + ".schema.json")) {
                assertThat(schemaFile).as("published schema of %s", simpleName).isNotNull();
                JsonSchema schema = schemas.getSchema(schemaFile);
                Set<ValidationMessage> errors = schema.validate(json.readTree(record.value()));
                assertThat(errors).as("%s against its schema", simpleName).isEmpty();
            }
        }
        assertThat(List.of(header(mine.get(0), "ce_type"), header(mine.get(1), "ce_type"), header(mine.get(2), "ce_type")))
                .containsExactly("dk.partnerships.events.PartnershipProposedEvent",
                        "dk.partnerships.events.StageAdvancedEvent", "dk.partnerships.events.LessonRecordedEvent");
    }

    private List<Map<String, Object>> readRows() {
        return services.queryDatabase.sql("""
                SELECT s.*, (SELECT count(*) FROM partnership_lesson l WHERE l.partnership_id = s.id) AS lessons
                FROM partnership_summary s ORDER BY s.id""").query().listOfRows();
    }

    @Test
    void the_query_side_rebuilds_its_read_model_from_kafka_while_reads_go_on() {
        String id = propose("Genopbygget fra Kafka");
        lesson(id, "Noget at huske");
        awaitReadModelMatchesEventStore();
        List<Map<String, Object>> live = readRows();
        services.queryDatabase.sql("UPDATE partnership_summary SET title = 'tampered' WHERE id = :id").param("id", id).update();
        assertThat(services.reads().post("/api/admin/projections/consistency-check", Map.of()).json()
                .get("consistent").asBoolean()).isFalse();

        Http.Response rebuild = services.reads().post("/api/admin/projections/partnership-summaries/rebuild", Map.of());
        assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(202);
        assertThat(services.reads().get("/api/partnerships").status()).isEqualTo(200);
        await().atMost(CONVERGENCE).until(() -> "finished".equals(services.reads().get("/api/admin/projections").json()
                .path("partnership-summaries").path("rebuild").path("state").asString()));

        assertThat(readRows()).isEqualTo(live);
        assertThat(services.reads().post("/api/admin/projections/consistency-check", Map.of()).json()
                .get("consistent").asBoolean()).isTrue();
        // The feed resumed after the rebuild.
        String after = propose("Efter genopbygningen");
        awaitReadModelMatchesEventStore();
        assertThat(services.projectedVersions()).containsKey(after);
    }

    @Test
    void both_services_report_health_and_expose_metrics_for_prometheus() {
        String id = propose("Målt");
        awaitReadModelMatchesEventStore();
        assertThat(services.commands().get("/actuator/health").json().path("components").path("db").path("status")
                .asString()).isEqualTo("UP");
        await().atMost(CONVERGENCE).until(() -> "UP".equals(services.reads().get("/actuator/health").json()
                .path("components").path("kafka").path("status").asString()));
        assertThat(services.reads().get("/actuator/health").json().path("components").path("db").path("status")
                .asString()).isEqualTo("UP");

        String published = services.commands().get("/actuator/prometheus").body();
        assertThat(published).contains("partnerships_events_published_total");
        String projected = services.reads().get("/actuator/prometheus").body();
        assertThat(projected).contains("partnerships_events_projected_total{projection=\"partnership-summaries\"")
                .contains("partnerships_projection_lag_seconds");
        assertThat(id).isNotBlank();
    }

    /** Each service's API document covers what that process serves: the writes on one, the reads on the other. */
    @Test
    void each_service_publishes_the_api_document_of_what_it_serves() {
        var commandDocument = services.commands().get("/v3/api-docs").json();
        var queryDocument = services.reads().get("/v3/api-docs").json();
        assertThat(commandDocument.path("paths").path("/api/partnerships").has("post")).isTrue();
        assertThat(commandDocument.path("paths").path("/api/partnerships/{id}/stage-transitions").has("post")).isTrue();
        assertThat(commandDocument.path("paths").path("/api/partnerships/{id}/verification").has("get")).isTrue();
        assertThat(commandDocument.path("paths").has("/api/dashboard/lifecycle")).isFalse();
        assertThat(commandDocument.path("paths").path("/api/partnerships").has("get")).isFalse();
        assertThat(queryDocument.path("paths").path("/api/partnerships").has("get")).isTrue();
        assertThat(queryDocument.path("paths").has("/api/dashboard/lifecycle")).isTrue();
        assertThat(queryDocument.path("paths").path("/api/partnerships").has("post")).isFalse();
        for (var document : java.util.List.of(commandDocument, queryDocument)) {
            assertThat(document.path("components").path("securitySchemes").has("basicAuth")).isTrue();
            assertThat(document.path("components").path("schemas").path("Problem").path("properties")
                    .path("code").path("enum").toString()).contains("stale-version").contains("partnership-not-found");
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
