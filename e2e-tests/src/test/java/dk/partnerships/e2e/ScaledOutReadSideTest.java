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

    private static String rebuildState(Http reads) {
        return reads.get("/api/admin/projections").json().path("partnership-summaries").path("rebuild").path("state")
                .asString();
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

    /** Lessons recorded on the partnerships round-robin from another thread until closed or {@code limit} are sent. */
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
                .untilAsserted(() -> assertThat(services.projectedVersions()).as(services.logs()).isEqualTo(services.storedEventCounts()));
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

    /** The partition Kafka's default partitioner puts a partnership's events in (keyed by its id). */
    private static int partition(String partnershipId) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                partnershipId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
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
        try (Writer writer = new Writer(5_000)) {
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
            int writtenAtKill = writer.written.get();
            await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(assignedPartitions(services.reads(1))).as(services.logs()).hasSize(PARTITIONS));
            // Writes go on after the takeover too.
            int writtenAtTakeover = writer.written.get();
            await().atMost(CONVERGENCE).until(() -> writer.written.get() > writtenAtTakeover + 50);
            assertThat(writtenAtTakeover).as("events kept coming while instance 0 was gone").isGreaterThan(writtenAtKill);
        }
        awaitReadModelsMatchEventStore();

        String id = partnerships.get(0);
        long version = services.storedEventCounts().get(id);
        Http.Response read = services.reads(1).get("/api/partnerships/" + id + "?minVersion=" + version);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(version);
    }

    /**
     * Kafka's own offsets are only for operators' tools: with the group's offsets gone, an instance still starts
     * each partition where the read database says the read models stand, not from the topic's first event. A
     * partnership whose row was deleted stays deleted (only a replay from the first event would bring it back).
     */
    @Test
    @Order(2)
    void an_instance_starts_where_the_read_database_stands_not_where_kafka_says() throws Exception {
        // A partnership of its own, which no later write touches (a write to a partnership without its row would
        // be refused as out of order until a rebuild).
        String gone = propose("Slettet fra læsemodellen");
        await().atMost(CONVERGENCE).until(() -> services.projectedVersions().containsKey(gone));
        services.killQuerySide(1);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka.bootstrapServers()))) {
            // The killed members leave the group once their sessions expire; then it can be deleted.
            await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                admin.deleteConsumerGroups(List.of("partnership-read-models")).all().get();
                return true;
            });
        }
        services.queryDatabase.sql("DELETE FROM partnership_summary WHERE id = :id").param("id", gone).update();
        services.startQuerySide(QUICK_TAKEOVER);
        // A later event in the same partition: once it is applied, a feed that read the partition from its first
        // event would have applied the deleted partnership's proposal before it (a partition keeps its order).
        String neighbour = partnerships.stream().filter(id -> partition(id) == partition(gone)).findFirst()
                .orElseGet(() -> {
                    String proposed;
                    do {
                        proposed = propose("Nabo i samme partition");
                    } while (partition(proposed) != partition(gone));
                    return proposed;
                });
        long version = lesson(neighbour, "Efter gruppen blev slettet").json().get("version").asLong();
        await().atMost(CONVERGENCE).until(() -> services.projectedVersions().getOrDefault(neighbour, 0L) >= version);
        assertThat(services.projectedVersions()).as("no event before the recorded positions was read again").doesNotContainKey(gone);
    }

    @Test
    @Order(3)
    void a_rebuild_runs_on_one_instance_at_a_time_and_holds_every_instance_s_feed() throws Exception {
        services.startQuerySide(1, QUICK_TAKEOVER);
        awaitBothShareEveryPartition();

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
            assertThat(services.projectedVersions()).doesNotContainKey(held);
            statement.execute("SELECT pg_advisory_unlock(" + APPLYING + ")");
            await().atMost(CONVERGENCE).until(() -> services.projectedVersions().containsKey(held));
        }

        // A real rebuild on instance 1 while writes go on and instance 0 keeps applying its partitions; it also
        // brings back the row the test before deleted.
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
            await().atMost(CONVERGENCE).until(() -> List.of("finished", "failed").contains(rebuildState(services.reads(1))));
            assertThat(rebuildState(services.reads(1))).as(services.logs()).isEqualTo("finished");
        }
        awaitReadModelsMatchEventStore();
        assertThat(services.queryDatabase.sql("SELECT title FROM partnership_summary WHERE id = :id")
                .param("id", tampered).query(String.class).single()).isEqualTo(title);
        Http.Response check = services.reads().post("/api/admin/projections/consistency-check", Map.of());
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().get("consistent").asBoolean()).as(check.body()).isTrue();
    }
}
