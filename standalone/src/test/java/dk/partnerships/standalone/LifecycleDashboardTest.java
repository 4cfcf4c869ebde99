package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lifecycle dashboard's figures on a small history, each computed by hand. */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class LifecycleDashboardTest extends StandaloneHttpTest {

    private void post(String id, String action, Map<String, Object> body) {
        Http.Response answer = http.post("/api/partnerships/" + id + "/" + action, body);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    private void move(String id, String to, String on) {
        post(id, "stage-transitions", Map.of("to", to, "effectiveDate", on));
    }

    @Test
    void counts_conversion_and_time_in_stage_match_the_hand_computed_figures() {
        // P1: IDEA 10 days, MARKET_DIALOGUE 20, TENDER 30, PILOT 60, now in IMPLEMENTATION.
        String p1 = http.post("/api/partnerships", proposal("P1", "OPI", "SUF", "2023-01-01")).json().get("id").asString();
        move(p1, "MARKET_DIALOGUE", "2023-01-11");
        move(p1, "TENDER", "2023-01-31");
        post(p1, "award", Map.of("supplier", "A/S", "valueDkk", 1000, "effectiveDate", "2023-02-15"));
        move(p1, "PILOT", "2023-03-02");
        post(p1, "pilot-outcome", Map.of("outcome", "SUCCEEDED", "findings", "ok", "effectiveDate", "2023-04-01"));
        move(p1, "IMPLEMENTATION", "2023-05-01");
        // P2: IDEA 20 days, MARKET_DIALOGUE 10 days, then abandoned.
        String p2 = http.post("/api/partnerships", proposal("P2", "OPI", "SUF", "2023-02-01")).json().get("id").asString();
        move(p2, "MARKET_DIALOGUE", "2023-02-21");
        post(p2, "abandon", Map.of("reason", "Ingen leverandører", "effectiveDate", "2023-03-03"));
        // P3: proposed in 2024, still an idea.
        String p3 = http.post("/api/partnerships", proposal("P3", "STRATEGIC_PARTNERSHIP", "TMF", "2024-01-01"))
                .json().get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/partnerships/" + p1 + "/history").json().size() == 7
                && http.get("/api/partnerships/" + p2 + "/history").json().size() == 3
                && http.get("/api/partnerships/" + p3 + "/history").json().size() == 1);

        JsonNode all = http.get("/api/dashboard/lifecycle").json();
        assertThat(all.get("byStage").get("IMPLEMENTATION").asLong()).isEqualTo(1);
        assertThat(all.get("byStage").get("IDEA").asLong()).isEqualTo(1);
        assertThat(all.get("byStage").get("MARKET_DIALOGUE").asLong()).isZero();
        assertThat(all.get("byDepartment").get("SUF").get("IMPLEMENTATION").asLong()).isEqualTo(1);
        assertThat(all.get("byDepartment").get("TMF").get("IDEA").asLong()).isEqualTo(1);

        JsonNode conversion = all.get("conversion");
        assertThat(conversion.get("IDEA").decimalValue()).isEqualByComparingTo("0.67");
        assertThat(conversion.get("MARKET_DIALOGUE").decimalValue()).isEqualByComparingTo("0.50");
        assertThat(conversion.get("TENDER").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(conversion.get("PILOT").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(conversion.get("IMPLEMENTATION").decimalValue()).isEqualByComparingTo("0.00");

        JsonNode time = all.get("timeInStage");
        assertThat(time.get("IDEA").get("medianDays").asDouble()).isEqualTo(15.0);
        assertThat(time.get("IDEA").get("p90Days").asDouble()).isEqualTo(19.0);
        assertThat(time.get("MARKET_DIALOGUE").get("medianDays").asDouble()).isEqualTo(15.0);
        assertThat(time.get("TENDER").get("medianDays").asDouble()).isEqualTo(30.0);
        assertThat(time.get("PILOT").get("p90Days").asDouble()).isEqualTo(60.0);
        assertThat(time.has("IMPLEMENTATION")).isFalse();

        JsonNode suf = http.get("/api/dashboard/lifecycle?department=SUF").json();
        assertThat(suf.get("byStage").get("IDEA").asLong()).isZero();
        assertThat(suf.get("conversion").get("IDEA").decimalValue()).isEqualByComparingTo("1.00");
        JsonNode in2024 = http.get("/api/dashboard/lifecycle?year=2024").json();
        assertThat(in2024.get("byStage").get("IDEA").asLong()).isEqualTo(1);
        assertThat(in2024.get("conversion").get("IDEA").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(http.get("/api/dashboard/lifecycle?kind=OPI").json().get("byStage").get("IDEA").asLong()).isZero();
        assertThat(http.get("/api/dashboard/lifecycle?kind=PPP").code()).isEqualTo("invalid-parameter");
    }
}
