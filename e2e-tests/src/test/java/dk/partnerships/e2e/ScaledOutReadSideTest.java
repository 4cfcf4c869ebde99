package dk.partnerships.e2e;

import dk.partnerships.testsupport.Http;
import dk.partnerships.testsupport.Services;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side scaled out on Kafka's own mechanism: two query-side instances in one consumer group share the
 * topic's partitions and one read database. One is killed mid-stream and the other takes its partitions over,
 * losing nothing and applying nothing twice; a rebuild holds both instances' feeds and runs on one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaledOutReadSideTest {

    private static final Duration CONVERGENCE = Duration.ofSeconds(120);
    private static final int PARTITIONS = 6;
    /** The group notices a killed instance after this long (Kafka's default is 45 s). */
    private static final List<String> QUICK_TAKEOVER = List.of("--partnerships.projection.kafka.session-timeout=10s");
    /** The lock keys of ReadDatabaseLocks: "rebuild" and "applying" in ASCII. */
    private static final long REBUILDING = 0x72656275696c64L;
    private static final long APPLYING = 0x6170706c79696e67L;

    private Services services;
    private final List<String> partnerships = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        services = new Services(directory);
        services.startCommandSide();
        services.startQuerySide(QUICK_TAKEOVER);
        services.startQuerySide(1, QUICK_TAKEOVER);
    }

    @AfterAll
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    private static Set<Integer> assignedPartitions(Http reads) {
        Set<Integer> partitions = new HashSet<>();
        try {
            reads.get("/actuator/health").json().path("components").path("readModelFeed").path("details")
                    .path("assignedPartitions").forEach(partition -> partitions.add(partition.asInt()));
        } catch (RuntimeException e) {
            // not answering (yet)
        }
        return partitions;
    }

    private static boolean heldBack(Http reads) {
        return reads.get("/actuator/health").json().path("components").path("readModelFeed").path("details")
                .path("heldBackByRebuild").asBoolean();
    }

    private String propose(String title) {
        Http.Response created = services.commands().post("/api/partnerships", Map.of("title", title, "kind", "OPI",
                "department", "TMF", "lead", "Mobilitet, TMF", "need", "Del arbejdet", "effectiveDate", "2024-01-15"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Http.Response lesson(String id, String text) {
        return services.commands().post("/api/partnerships/" + id + "/lessons", Map.of("text", text));
    }

    /** Lessons recorded on the partnerships round-robin from another thread until stopped or {@code limit} are written. */
    private final class Writer implements AutoCloseable {
        final AtomicBoolean writing = new AtomicBoolean(true);
        final AtomicInteger written = new AtomicInteger();
        private final Thread thread;

        Writer(int limit) {
            thread = new Thread(() -> {
                for (int n = 0; writing.get() && n < limit; n++) {
                    if (lesson(partnerships.get(n % partnerships.size()), "Lektie " + n).status() == 201) {
                        written.incrementAndGet();
                    }
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            writing.set(false);
            thread.join(CONVERGENCE.toMillis());
        }
    }

    private Map<String, Long> stored() {
        Map<String, Long> counts = new HashMap<>();
        services.commandDatabase.sql("SELECT aggregate_identifier, count(*) FROM domain_event_entry GROUP BY 1")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    private Map<String, Long> projected() {
        Map<String, Long> versions = new HashMap<>();
        services.queryDatabase.sql("SELECT id, version FROM partnership_summary")
                .query((rs, row) -> versions.put(rs.getString(1), rs.getLong(2))).list();
        return versions;
    }

    private long count(String sql) {
        return services.queryDatabase.sql(sql).query(Long.class).single();
    }

    /**
     * Every stored event projected exactly once: each summary at its partnership's event count (its guard refuses a
     * second application), one history row per event and one lesson row per lesson event (a second application
     * would add rows), and the recorded positions at the end of every partition (nothing skipped).
     */
    private void awaitReadModelsMatchEventStore() {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(projected()).as(services.logs()).isEqualTo(stored()));
        long events = services.commandDatabase.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        long lessonEvents = services.commandDatabase.sql(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%LessonRecordedEvent'")
                .query(Long.class).single();
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM partnership_event_log")).isEqualTo(events);
            assertThat(count("SELECT count(*) FROM partnership_lesson")).isEqualTo(lessonEvents);
            assertThat(recordedPositions()).isEqualTo(endOffsets());
        });
    }

    private Map<Integer, Long> recordedPositions() {
        Map<Integer, Long> positions = new HashMap<>();
        services.queryDatabase.sql("SELECT kafka_partition, next_offset FROM projection_offset")
                .query((rs, row) -> positions.put(rs.getInt(1), rs.getLong(2))).list();
        return positions;
    }

    private Map<Integer, Long> endOffsets() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition("partnership-events", p))
                    .toList()).forEach((partition, end) -> {
                        if (end > 0) {
                            ends.put(partition.partition(), end);
                        }
                    });
            return ends;
        }
    }

    private void awaitBothShareEveryPartition() {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Set<Integer> first = assignedPartitions(services.reads());
            Set<Integer> second = assignedPartitions(services.reads(1));
            assertThat(first).as("instance 0 has a share").isNotEmpty();
            assertThat(second).as("instance 1 has a share").isNotEmpty();
            assertThat(first).doesNotContainAnyElementsOf(second);
            Set<Integer> all = new HashSet<>(first);
            all.addAll(second);
            assertThat(all).hasSize(PARTITIONS);
        });
    }

    @Test
    @Order(1)
    void two_instances_share_the_partitions_and_one_takes_over_when_the_other_is_killed() throws Exception {
        awaitBothShareEveryPartition();
        for (int i = 0; i < 12; i++) {
            partnerships.add(propose("Delt læseside " + i));
        }
        try (Writer writer = new Writer(300)) {
            // Kill instance 0 while events stream in and both instances are partway through them.
            await().atMost(CONVERGENCE).until(() -> count("SELECT count(*) FROM partnership_lesson") > 20
                    && writer.written.get() > 60);
            await().atMost(CONVERGENCE).untilAsserted(() -> {
                Set<Integer> applied = recordedPositions().keySet();
                assertThat(applied).as("instance 0 applied some of its partitions")
                        .containsAnyElementsOf(assignedPartitions(services.reads()));
                assertThat(applied).as("instance 1 applied some of its partitions")
                        .containsAnyElementsOf(assignedPartitions(services.reads(1)));
            });
            services.killQuerySide();
            await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(assignedPartitions(services.reads(1))).as(services.logs()).hasSize(PARTITIONS));
            await().atMost(CONVERGENCE).until(() -> writer.written.get() >= 300);
        }
        awaitReadModelsMatchEventStore();

        String id = partnerships.get(0);
        long version = stored().get(id);
        Http.Response read = services.reads(1).get("/api/partnerships/" + id + "?minVersion=" + version);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(version);
    }

    @Test
    @Order(2)
    void a_rebuild_runs_on_one_instance_at_a_time_and_holds_every_instance_s_feed() throws Exception {
        if (partnerships.isEmpty()) {
            partnerships.add(propose("Genopbygget af én"));
        }
        services.startQuerySide(QUICK_TAKEOVER);
        awaitBothShareEveryPartition();
        awaitReadModelsMatchEventStore();

        try (Connection other = services.postgres.getDatabase("postgres", "query_side").getConnection();
             Statement statement = other.createStatement()) {
            // Another instance's rebuild, as it claims the read database: neither instance starts one of its own.
            statement.execute("SELECT pg_advisory_lock(" + REBUILDING + ")");
            for (Http reads : List.of(services.reads(), services.reads(1))) {
                Http.Response refused = reads.post("/api/admin/projections/partnership-summaries/rebuild", Map.of());
                assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                assertThat(refused.json().get("code").asString()).isEqualTo("rebuild-already-running");
                assertThat(reads.post("/api/admin/projections/consistency-check", Map.of()).status()).isEqualTo(409);
            }
            statement.execute("SELECT pg_advisory_unlock(" + REBUILDING + ")");

            // ... and as it replays: every instance holds its batches back until it is done.
            statement.execute("SELECT pg_advisory_lock(" + APPLYING + ")");
            String held = propose("Venter på genopbygningen");
            await().atMost(CONVERGENCE).until(() -> heldBack(services.reads()) || heldBack(services.reads(1)));
            assertThat(projected()).doesNotContainKey(held);
            statement.execute("SELECT pg_advisory_unlock(" + APPLYING + ")");
            await().atMost(CONVERGENCE).until(() -> projected().containsKey(held));
        }

        // A real rebuild on instance 1 while writes go on and instance 0 keeps applying its partitions.
        String tampered = partnerships.get(0);
        String title = services.queryDatabase.sql("SELECT title FROM partnership_summary WHERE id = :id")
                .param("id", tampered).query(String.class).single();
        services.queryDatabase.sql("UPDATE partnership_summary SET title = 'tampered' WHERE id = :id")
                .param("id", tampered).update();
        try (Writer writer = new Writer(200)) {
            await().atMost(CONVERGENCE).until(() -> writer.written.get() > 20);
            Http.Response rebuild = services.reads(1).post("/api/admin/projections/partnership-summaries/rebuild",
                    Map.of());
            assertThat(rebuild.status()).as(rebuild.body()).isEqualTo(202);
            await().atMost(CONVERGENCE).until(() -> "finished".equals(services.reads(1).get("/api/admin/projections")
                    .json().path("partnership-summaries").path("rebuild").path("state").asString()));
            await().atMost(CONVERGENCE).until(() -> writer.written.get() >= 200);
        }
        awaitReadModelsMatchEventStore();
        assertThat(services.queryDatabase.sql("SELECT title FROM partnership_summary WHERE id = :id")
                .param("id", tampered).query(String.class).single()).isEqualTo(title);
        Http.Response check = services.reads().post("/api/admin/projections/consistency-check", Map.of());
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().get("consistent").asBoolean()).as(check.body()).isTrue();
    }
}
