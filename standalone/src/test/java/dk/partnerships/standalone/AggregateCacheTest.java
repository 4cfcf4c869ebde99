package dk.partnerships.standalone;

import dk.partnerships.command.partnership.BoundedAggregateCache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write side keeps partnerships in memory between commands: it must hit, and stay right under concurrent
 * commands on one partnership, after a refused command and after a write whose transaction did not commit.
 */
@TestPropertySource(properties = {"partnerships.demo-data.enabled=false", "partnerships.aggregate-cache-size=100"})
class AggregateCacheTest extends StandaloneHttpTest {

    @Autowired
    BoundedAggregateCache cache;

    @Test
    void concurrent_commands_on_one_partnership_each_get_their_own_version_and_the_stream_has_no_gap() throws Exception {
        String id = http.post("/api/partnerships", proposal("Cache", "OPI", "TMF", "2024-01-10")).json().get("id").asString();
        String p = "/api/partnerships/" + id;
        long hitsBefore = cache.hits();

        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int lesson = i;
            answers.add(clients.submit(() -> http.post(p + "/lessons", Map.of("text", "Erfaring " + lesson)).status()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(201);
        }
        clients.shutdown();
        assertThat(jdbc.sql("SELECT array_agg(sequence_number ORDER BY sequence_number) = "
                        + "array(SELECT generate_series(0, 40)::bigint) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Boolean.class).single()).as("sequence numbers 0 to 40, none missing").isTrue();
        assertThat(cache.hits() - hitsBefore).as("the partnership came from memory").isGreaterThanOrEqualTo(35);

        // A refused command leaves the cached partnership as it was: the next write sees version 41.
        Http.Response unchanged = http.post(p + "/stage-transitions", Map.of("to", "IDEA"));
        assertThat(unchanged.code()).isEqualTo("stage-unchanged");
        Http.Response next = http.post(p + "/stage-transitions", Map.of("to", "MARKET_DIALOGUE"),
                "If-Match", "\"41\"");
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        assertThat(next.json().get("version").asLong()).isEqualTo(42);

        // A write with an idempotency key runs the command inside a longer transaction (BoundedAggregateCacheTest drops
        // an entry whose transaction does not commit); its retry answers the first answer, and the partnership in
        // memory stays at the version the store holds.
        Http.Response first = http.post(p + "/lessons", Map.of("text", "Med nøgle"), "Idempotency-Key", "cache-key-1");
        Http.Response again = http.post(p + "/lessons", Map.of("text", "Med nøgle"), "Idempotency-Key", "cache-key-1");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(http.post(p + "/lessons", Map.of("text", "Efter"), "If-Match", "\"43\"").status()).isEqualTo(201);
    }
}
