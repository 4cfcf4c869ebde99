package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read model rebuilt from the first event equals the live one, row for row. */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
class ProjectionRebuildTest extends StandaloneHttpTest {

    private List<Map<String, Object>> readModel() {
        return jdbc.sql("""
                SELECT s.*, (SELECT json_agg(i ORDER BY i.item_id) FROM partnership_readiness_item i
                             WHERE i.partnership_id = s.id)::text AS items,
                            (SELECT json_agg(l ORDER BY l.lesson_id) FROM partnership_lesson l
                             WHERE l.partnership_id = s.id)::text AS lessons
                FROM partnership_summary s ORDER BY s.id""").query().listOfRows();
    }

    private List<String> lessonsFound(String word) {
        return http.get("/api/lessons?q=" + word).json().findValuesAsString("lessonId");
    }

    private long eventsInStore() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private long versionsProjected() {
        return jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary").query(Long.class).single();
    }

    @Test
    void a_rebuilt_read_model_equals_the_live_one() {
        Http admin = http.as("admin");
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsInStore() > 0 && versionsProjected() == eventsInStore());
        List<Map<String, Object>> live = readModel();
        assertThat(live).hasSize(5);
        String figures = http.get("/api/dashboard/lifecycle").body();
        // Damage the read model by hand: only a real rebuild from the events can bring the row back.
        assertThat(jdbc.sql("UPDATE partnership_summary SET title = 'tampered' WHERE stage = 'MARKET_DIALOGUE'").update())
                .isEqualTo(2);
        Map<String, Object> aLesson = jdbc.sql("SELECT lesson_id, text FROM partnership_lesson ORDER BY lesson_id LIMIT 1")
                .query().singleRow();
        // Its longest word written in a-z only (a plain query string).
        String word = java.util.Arrays.stream(aLesson.get("text").toString().toLowerCase(java.util.Locale.ROOT)
                        .split("[^\\p{L}]+")).filter(w -> w.matches("[a-z]+"))
                .max(java.util.Comparator.comparingInt(String::length)).orElseThrow();
        assertThat(lessonsFound(word)).contains(aLesson.get("lesson_id").toString());
        // All lessons but one: the rebuild adds the missing rows to a table that still has some.
        int lessons = jdbc.sql("""
                DELETE FROM partnership_lesson WHERE lesson_id <> (SELECT max(lesson_id) FROM partnership_lesson)""")
                .update();
        assertThat(lessons).isPositive();
        assertThat(lessonsFound(word)).doesNotContain(aLesson.get("lesson_id").toString());
        jdbc.sql("""
                INSERT INTO partnership_readiness_item (partnership_id, item_id, type, description, owner, added_on)
                SELECT id, 'invented-by-hand', 'COMPETENCE', 'Not in any event', 'Nobody', DATE '2026-01-01'
                FROM partnership_summary ORDER BY id LIMIT 1""").update();
        // The whole history log lost, as in a new read database: the rebuild builds the table anew and swaps it in.
        String audited = jdbc.sql("SELECT partnership_id FROM partnership_event_log ORDER BY partnership_id LIMIT 1")
                .query(String.class).single();
        assertThat(http.get("/api/partnerships/" + audited + "/history").json().size()).isPositive();
        jdbc.sql("DELETE FROM partnership_event_log").update();
        // The lifecycle read model too, and a kept figure: the dashboard shows the damaged count...
        jdbc.sql("UPDATE partnership_lifecycle SET reached_stages = '{IDEA}', furthest_stage = 'IDEA'").update();
        assertThat(jdbc.sql("UPDATE figure_conversion SET entered = entered + 5 WHERE stage = 'IDEA'").update()).isPositive();
        // (A change by hand does not bump the change counters the shared figures are keyed by; a projection does.)
        jdbc.sql("UPDATE read_model_change SET changes = changes + 1").update();
        assertThat(http.get("/api/dashboard/lifecycle").body()).isNotEqualTo(figures);
        assertThat(readModel()).isNotEqualTo(live);

        // The consistency check finds exactly what was altered by hand.
        Http.Response check = admin.post("/api/admin/projections/consistency-check", "");
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("consistent").asBoolean()).isFalse();
        assertThat(check.json().get("differences").propertyNames())
                .containsExactlyInAnyOrder("partnership_summary", "partnership_lesson", "partnership_readiness_item",
                        "partnership_lifecycle", "figure_conversion", "partnership_event_log");
        assertThat(check.json().get("differences").get("partnership_summary").findValuesAsString("title"))
                .contains("tampered", "Floating bike data", "Aflåst cykelparkering");

        Http.Response rebuild = admin.post("/api/admin/projections/partnership-summaries/rebuild", "");
        assertThat(rebuild.status()).isEqualTo(202);
        // Reads keep answering during the rebuild.
        assertThat(http.get("/api/partnerships").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "finished".equals(admin.get("/api/admin/projections").json()
                .get("partnership-summaries").path("rebuild").path("state").asString()));

        assertThat(readModel()).isEqualTo(live);
        JsonNode progress = admin.get("/api/admin/projections").json().get("partnership-summaries").get("rebuild");
        assertThat(progress.get("done").asLong()).isEqualTo(progress.get("total").asLong()).isEqualTo(eventsInStore());
        // Where the replay spent its time, per read model (each lane applied every batch, so each took some).
        JsonNode busy = progress.get("busySecondsPerReadModel");
        assertThat(busy.propertyNames()).containsExactlyInAnyOrder("partnership-summaries", "partnership-history",
                "partnership-lessons", "partnership-lifecycle");
        busy.properties().forEach(lane -> assertThat(lane.getValue().asDouble()).as(lane.getKey()).isPositive());
        // The rebuild wrote exactly the repairs: the tampered rows, the lost lessons, the invented item; nothing else.
        JsonNode changed = progress.get("liveRowsChanged");
        assertThat(changed.get("partnership_summary").toString()).isEqualTo("{\"deleted\":0,\"updated\":2,\"inserted\":0}");
        assertThat(changed.get("partnership_lesson").get("inserted").asInt()).isEqualTo(lessons);
        // The lessons are searchable again: the live table computed their search vectors as they were copied.
        assertThat(lessonsFound(word)).contains(aLesson.get("lesson_id").toString());
        assertThat(changed.get("partnership_readiness_item").toString())
                .isEqualTo("{\"deleted\":1,\"updated\":0,\"inserted\":0}");
        // ...and the rebuilt rows and figures replace the damaged ones: the figures are the ones before the damage.
        assertThat(changed.get("partnership_lifecycle").get("updated").asInt()).isPositive();
        assertThat(changed.get("figure_conversion").get("updated").asInt()).isPositive();
        assertThat(http.get("/api/dashboard/lifecycle").body()).isEqualTo(figures);
        assertThat(changed.get("partnership_event_log").get("inserted").asLong()).isEqualTo(eventsInStore());
        assertThat(http.get("/api/partnerships/" + audited + "/history").json().size()).isPositive();
        assertThat(admin.post("/api/admin/projections/consistency-check", "").json().get("consistent").asBoolean()).isTrue();
        assertThat(admin.post("/api/admin/projections/nope/rebuild", "").code()).isEqualTo("projection-not-found");

        // The live feed resumed: a new write is projected as before.
        Http.Response created = http.post("/api/partnerships", java.util.Map.of("title", "Efter genopbygning",
                "kind", "OPP", "department", "SOF", "lead", "SOF", "need", "Noget nyt"));
        String id = created.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/partnerships/" + id).status() == 200);
        // ...into the history log swapped in too.
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/partnerships/" + id + "/history").status() == 200
                && http.get("/api/partnerships/" + id + "/history").json().size() == 1);
    }
}
