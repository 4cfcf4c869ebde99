package dk.partnerships.standalone;

import dk.partnerships.command.http.WriteAdmission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write that finds every turn taken waits for one; one that waits longer than {@code partnerships.write-wait} is
 * refused with 503 {@code writes-busy} in the language asked for, and nothing of it is recorded.
 */
@TestPropertySource(properties = {"partnerships.demo-data.enabled=false", "partnerships.concurrent-writes=1",
        "partnerships.write-wait=300ms"})
class WritesBusyTest extends StandaloneHttpTest {

    @Autowired
    WriteAdmission admission;

    @Test
    void a_write_that_gets_no_turn_in_time_is_refused_with_503_and_appends_nothing() {
        String id = http.post("/api/partnerships", proposal("Travlt", "OPI", "TMF", "2024-01-10")).json().get("id").asString();
        String lessons = "/api/partnerships/" + id + "/lessons";
        long eventsBefore = events(id);

        // The only turn is held here while the writes arrive.
        Http.Response[] refused = admission.admit(() -> new Http.Response[]{
                http.post(lessons, Map.of("text", "Venter"), "Accept-Language", "da"),
                http.post(lessons, Map.of("text", "Waiting"), "Accept-Language", "en")});

        assertThat(refused[0].status()).isEqualTo(503);
        assertThat(refused[0].contentType()).startsWith("application/problem+json");
        assertThat(refused[0].code()).isEqualTo("writes-busy");
        assertThat(refused[0].header("Retry-After")).isEqualTo("1");
        assertThat(refused[0].json().get("type").asString()).endsWith("writes-busy");
        assertThat(refused[0].json().get("title").asString()).isEqualTo("For mange registreringer lige nu");
        assertThat(refused[1].json().get("title").asString()).isEqualTo("Too many writes right now");
        assertThat(events(id)).as("nothing recorded").isEqualTo(eventsBefore);

        // Once the turn is free the same write goes through.
        assertThat(http.post(lessons, Map.of("text", "Nu")).status()).isEqualTo(201);
        assertThat(events(id)).isEqualTo(eventsBefore + 1);
    }

    private long events(String id) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?").param(id)
                .query(Long.class).single();
    }
}
