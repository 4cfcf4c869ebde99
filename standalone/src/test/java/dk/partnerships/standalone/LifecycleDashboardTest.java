package dk.partnerships.standalone;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lifecycle dashboard's figures on a small history, each computed by hand. */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the figures of the first test count every partnership there is
class LifecycleDashboardTest extends StandaloneHttpTest {

    private void post(String id, String action, Map<String, Object> body) {
        Http.Response answer = http.post("/api/partnerships/" + id + "/" + action, body);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    private void move(String id, String to, String on) {
        post(id, "stage-transitions", Map.of("to", to, "effectiveDate", on));
    }

    @Test
    @Order(1)
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
        awaitAllProjected();

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

        // Quarterly trend: 2023-Q1 saw P1 and P2 proposed, P1's pilot start and P2 abandoned; 2023-Q2 P1's
        // implementation; 2024-Q1 P3 proposed; every quarter in between and up to today's is there with zeros.
        JsonNode trend = all.get("quarterlyTrend");
        assertThat(trend.get(0).toString()).isEqualTo("""
                {"quarter":"2023-Q1","proposed":2,"pilotsStarted":1,"implementationsStarted":0,"completed":0,"abandoned":1}""");
        assertThat(trend.get(1).toString()).isEqualTo("""
                {"quarter":"2023-Q2","proposed":0,"pilotsStarted":0,"implementationsStarted":1,"completed":0,"abandoned":0}""");
        assertThat(trend.get(2).get("quarter").asString()).isEqualTo("2023-Q3");
        assertThat(trend.get(4).toString()).isEqualTo("""
                {"quarter":"2024-Q1","proposed":1,"pilotsStarted":0,"implementationsStarted":0,"completed":0,"abandoned":0}""");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen"));
        assertThat(trend.get(trend.size() - 1).get("quarter").asString())
                .isEqualTo(today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1));
        assertThat(suf.get("quarterlyTrend").get(4).get("proposed").asLong()).as("P3 is TMF's").isZero();
        // Every quarterly figure the answer has is documented for integrators, and required (a figure added in the
        // code fails here until the OpenAPI document describes it).
        JsonNode quarterSchema = http.get("/v3/api-docs").json().get("components").get("schemas")
                .get("LifecycleDashboard").get("properties").get("quarterlyTrend").get("items");
        assertThat(quarterSchema.get("properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(trend.get(0).propertyNames());
        assertThat(quarterSchema.get("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(trend.get(0).propertyNames());

        // The same tables as CSV for spreadsheets.
        Http.Response csv = http.get("/api/dashboard/lifecycle?format=csv&table=quarterlyTrend");
        assertThat(csv.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.raw().headers().firstValue("Content-Disposition").orElseThrow())
                .contains("lifecycle-quarterlyTrend.csv");
        assertThat(csv.body().lines().limit(3).toList()).containsExactly(
                "\uFEFFquarter,proposed,pilotsStarted,implementationsStarted,completed,abandoned",
                "2023-Q1,2,1,0,0,1", "2023-Q2,0,0,1,0,0");
        assertThat(http.get("/api/dashboard/lifecycle?format=csv&table=byDepartment").body().lines().toList())
                .containsExactly("\uFEFFdepartment,IDEA,MARKET_DIALOGUE,TENDER,PILOT,IMPLEMENTATION,EVALUATION",
                        "SUF,0,0,0,0,1,0", "TMF,1,0,0,0,0,0");
        assertThat(http.get("/api/dashboard/lifecycle?format=csv&table=timeInStage").body().lines().toList())
                .contains("IDEA,15.0,19.0,2");
        assertThat(http.get("/api/dashboard/lifecycle?format=csv&table=nonsense").code()).isEqualTo("invalid-parameter");
        assertThat(http.get("/api/partnerships?format=csv").body().lines().toList()).hasSize(4)
                .first().isEqualTo("\uFEFFid,title,kind,department,stage,status,lead,stageEnteredOn,daysInStage,version");
    }

    @Test
    @Order(2)
    void a_dashboard_read_given_a_writes_version_includes_that_write() {
        String id = http.post("/api/partnerships", proposal("Ventende", "OPI", "KFF", "2024-06-01"))
                .json().get("id").asString();
        Http.Response moved = http.post("/api/partnerships/" + id + "/stage-transitions",
                Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-07-01"));
        long version = moved.json().get("version").asLong();

        JsonNode figures = http.get("/api/dashboard/lifecycle?department=KFF&partnership=" + id + "&minVersion=" + version).json();
        assertThat(figures.get("byStage").get("MARKET_DIALOGUE").asLong()).isEqualTo(1);
        assertThat(figures.get("timeInStage").get("IDEA").get("medianDays").asDouble()).isEqualTo(30.0);
        assertThat(http.get("/api/dashboard/implementation-gap?partnership=" + id + "&minVersion=" + version).status())
                .isEqualTo(200);
        assertThat(http.get("/api/dashboard/lifecycle?minVersion=2").code()).as("minVersion needs its partnership")
                .isEqualTo("invalid-parameter");
    }

    /** Figures are shared between readers until the data change; a change is seen by the next read, not later. */
    @Test
    @Order(3)
    void figures_follow_every_change_even_when_shared_between_readers() {
        awaitAllProjected();
        long ideas = http.get("/api/dashboard/lifecycle").json().get("byStage").get("IDEA").asLong();
        assertThat(http.as("manager").get("/api/dashboard/lifecycle").json().get("byStage").get("IDEA").asLong()).isEqualTo(ideas);
        long stalled = http.get("/api/dashboard/implementation-gap").json().get("stalledAfterPilotTotal").asLong();

        assertThat(http.post("/api/partnerships", proposal("Endnu en idé", "OPP", "KFF", "2024-05-01")).status()).isEqualTo(201);
        awaitAllProjected();
        // No minVersion: the plain next read already counts the new idea.
        assertThat(http.as("manager").get("/api/dashboard/lifecycle").json().get("byStage").get("IDEA").asLong())
                .isEqualTo(ideas + 1);
        assertThat(http.get("/api/dashboard/lifecycle?department=KFF").json().get("byStage").get("IDEA").asLong()).isEqualTo(1);
        assertThat(http.get("/api/dashboard/implementation-gap").json().get("stalledAfterPilotTotal").asLong()).isEqualTo(stalled);
    }
}
