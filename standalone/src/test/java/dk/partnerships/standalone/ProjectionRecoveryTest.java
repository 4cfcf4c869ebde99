package dk.partnerships.standalone;

import dk.partnerships.query.projection.EventProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event the read side cannot apply for a while is retried until it can, never skipped: the write is accepted
 * (the event store is the truth), the lesson is missing while the read table is unavailable, and it appears once the
 * table is back — with every later event after it.
 */
class ProjectionRecoveryTest extends StandaloneHttpTest {

    private long lessons(String id) {
        return jdbc.sql("SELECT count(*) FROM partnership_lesson WHERE partnership_id = :id").param("id", id)
                .query(Long.class).single();
    }

    /** How many of the partnership's events the lessons read model holds. */
    private long lessonsVersion(String id) {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM lesson_partnership WHERE id = :id").param("id", id)
                .query(Long.class).single();
    }

    @Autowired
    List<EventProjection> readModels;

    @Autowired
    Environment environment;

    /**
     * A tracking processor without a batch size commits one transaction per event: a read model added without one
     * caught up with a million events at a third of the others' speed. Every read model's feed is one processor now.
     */
    @Test
    void every_read_model_catches_up_in_batches_of_events() {
        assertThat(readModels).hasSizeGreaterThanOrEqualTo(4);
        assertThat(environment.getProperty("axon.eventhandling.processors."
                + dk.partnerships.query.projection.EventStoreFeed.PROCESSING_GROUP + ".batch-size", Integer.class))
                .isNotNull().isGreaterThanOrEqualTo(100);
        // One processor feeds them all, so one token says how far they are.
        assertThat(jdbc.sql("SELECT processorname FROM tokenentry WHERE processorname LIKE 'partnership-%'")
                .query(String.class).list()).containsExactly(dk.partnerships.query.projection.EventStoreFeed.PROCESSING_GROUP);
    }

    @Test
    void a_batch_the_read_database_refuses_is_retried_not_skipped() {
        Http.Response created = http.post("/api/partnerships", Map.of("title", "Robust projektion", "kind", "OPI",
                "department", "TMF", "lead", "TMF", "need", "Intet må gå tabt"));
        String id = created.json().get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> lessonsVersion(id) == 1);

        jdbc.sql("ALTER TABLE partnership_lesson RENAME TO partnership_lesson_away").update();
        try {
            assertThat(http.post("/api/partnerships/" + id + "/lessons", Map.of("text", "Første lektie")).status())
                    .isEqualTo(201);
            assertThat(http.post("/api/partnerships/" + id + "/stage-transitions",
                    Map.of("to", "MARKET_DIALOGUE")).status()).isEqualTo(200);
            // The lessons projection cannot insert the lesson, so neither it nor the move after it is applied.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> lessonsVersion(id) == 1);
        } finally {
            jdbc.sql("ALTER TABLE partnership_lesson_away RENAME TO partnership_lesson").update();
        }

        // Axon's processor retries the failed batch with growing pauses (1 s, 2 s, 4 s ...).
        await().atMost(Duration.ofSeconds(60)).until(() -> lessonsVersion(id) == 3);
        assertThat(lessons(id)).isEqualTo(1);
        assertThat(http.get("/api/partnerships/" + id).json().get("stage").asString()).isEqualTo("MARKET_DIALOGUE");
    }
}
