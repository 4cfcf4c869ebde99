package dk.partnerships.standalone;

import dk.partnerships.standalone.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The implementation gap, each figure computed by hand from the demo data and three partnerships made here. */
@TestPropertySource(properties = "partnerships.demo-data.enabled=true")
class ImplementationGapTest extends StandaloneHttpTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));

    private String partnership(String title, String kind, String department, LocalDate proposedOn) {
        return http.post("/api/partnerships", proposal(title, kind, department, proposedOn.toString()))
                .json().get("id").asString();
    }

    private void post(String id, String action, Map<String, Object> body) {
        Http.Response answer = http.post("/api/partnerships/" + id + "/" + action, body);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
    }

    @Test
    void succeeded_pilots_and_awards_that_never_reached_operation_are_listed_oldest_first() {
        String stalled = partnership("Sensorer i plejeboliger", "OPI", "TMF", LocalDate.of(2024, 1, 1));
        post(stalled, "stage-transitions", Map.of("to", "PILOT", "reason", "Kendt løsning", "effectiveDate", "2024-01-05"));
        post(stalled, "pilot-outcome", Map.of("outcome", "SUCCEEDED", "findings", "Virker", "effectiveDate", "2024-01-10"));

        String abandoned = partnership("Grønne tage", "OPI", "TMF", LocalDate.of(2024, 1, 1));
        post(abandoned, "stage-transitions", Map.of("to", "PILOT", "reason", "Kendt løsning", "effectiveDate", "2024-01-05"));
        post(abandoned, "pilot-outcome", Map.of("outcome", "SUCCEEDED", "findings", "Virker", "effectiveDate", "2024-02-01"));
        post(abandoned, "abandon", Map.of("reason", "Ingen driftsbudget", "effectiveDate", "2024-03-01"));

        String awarded = partnership("Skolemælk", "INNOVATIVE_TENDER", "BUF", TODAY.minusDays(40));
        post(awarded, "stage-transitions", Map.of("to", "TENDER", "reason", "Kendt marked",
                "effectiveDate", TODAY.minusDays(35).toString()));
        post(awarded, "award", Map.of("supplier", "Mejeriet", "valueDkk", 100000,
                "effectiveDate", TODAY.minusDays(30).toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/partnerships/" + awarded + "/history").json().size() == 3
                && http.get("/api/partnerships/" + abandoned + "/history").json().size() == 4);
        awaitAllProjected();

        JsonNode gap = http.get("/api/dashboard/implementation-gap").json();
        assertThat(gap.get("days").asInt()).isEqualTo(90);
        JsonNode stalledRows = gap.get("stalledAfterPilot");
        assertThat(stalledRows.findValuesAsString("id")).containsExactly(stalled);
        assertThat(stalledRows.get(0).get("trigger").asString()).isEqualTo("pilot-succeeded");
        assertThat(stalledRows.get(0).get("waitingSince").asString()).isEqualTo("2024-01-10");
        assertThat(stalledRows.get(0).get("daysWaiting").asLong())
                .isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(2024, 1, 10), TODAY));

        // With a shorter patience the award without a pilot is late too, after the older one.
        JsonNode tenDays = http.get("/api/dashboard/implementation-gap?days=10").json().get("stalledAfterPilot");
        assertThat(tenDays.findValuesAsString("id")).containsExactly(stalled, awarded);
        assertThat(tenDays.get(1).get("trigger").asString()).isEqualTo("awarded-without-pilot");
        assertThat(tenDays.get(1).get("daysWaiting").asLong()).isEqualTo(30);
        // Long lists come oldest first, cut at `limit`, with their total.
        JsonNode oldestOnly = http.get("/api/dashboard/implementation-gap?days=10&limit=1").json();
        assertThat(oldestOnly.get("stalledAfterPilot").findValuesAsString("id")).containsExactly(stalled);
        assertThat(oldestOnly.get("stalledAfterPilotTotal").asLong()).isEqualTo(2);
        assertThat(gap.get("abandonedAfterSuccessfulPilotTotal").asLong()).isEqualTo(1);
        assertThat(http.get("/api/dashboard/implementation-gap?limit=0").code()).isEqualTo("invalid-parameter");

        JsonNode abandonedRows = gap.get("abandonedAfterSuccessfulPilot");
        assertThat(abandonedRows.findValuesAsString("id")).containsExactly(abandoned);
        assertThat(abandonedRows.get(0).get("reason").asString()).isEqualTo("Ingen driftsbudget");
        assertThat(abandonedRows.get(0).get("abandonedOn").asString()).isEqualTo("2024-03-01");

        // The seed's biological-light implementation waits for one competence since 1 September 2022.
        JsonNode items = gap.get("openReadinessItems");
        assertThat(items.findValuesAsString("partnershipId")).containsExactly(DemoData.idOf("biological-light"));
        assertThat(items.get(0).get("daysOpen").asLong()).isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(2022, 9, 1), TODAY));

        // SUF: biological light went from a successful pilot into operation; TMF: two successful pilots, none did.
        JsonNode rates = gap.get("pilotToImplementationRate");
        assertThat(rates.get("SUF").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(rates.get("TMF").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(rates.has("BUF")).isFalse();

        Http.Response negative = http.get("/api/dashboard/implementation-gap?days=-1");
        assertThat(negative.status()).as(negative.body()).isEqualTo(400);
        assertThat(negative.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void partnerships_stalled_in_any_stage_are_listed_furthest_past_the_threshold_and_those_on_hold_apart() {
        String young = partnership("Ung idé", "OPI", "KFF", TODAY.minusDays(100));
        String oldIdea = partnership("Gammel idé", "OPI", "KFF", TODAY.minusDays(200));
        String held = partnership("Sat i bero", "OPI", "KFF", TODAY.minusDays(400));
        post(held, "hold", Map.of("reason", "Afventer budget", "effectiveDate", TODAY.minusDays(50).toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/partnerships/" + held + "/history").json().size() == 2);
        awaitAllProjected();

        JsonNode gap = http.get("/api/dashboard/implementation-gap").json();
        assertThat(gap.get("stallThresholds").toString()).isEqualTo("""
                {"IDEA":180,"MARKET_DIALOGUE":180,"TENDER":240,"PILOT":365,"IMPLEMENTATION":365,"EVALUATION":180}""");
        JsonNode stalled = gap.get("stalledInStage");
        java.util.List<String> ids = stalled.findValuesAsString("id");
        String bikeData = DemoData.idOf("floating-bike-data");
        // The seed's floating bike data case has sat in market dialogue since 1 June 2023.
        JsonNode bike = stalled.get(ids.indexOf(bikeData));
        assertThat(bike.get("stage").asString()).isEqualTo("MARKET_DIALOGUE");
        assertThat(bike.get("department").asString()).isEqualTo("TMF");
        assertThat(bike.get("stageEnteredOn").asString()).isEqualTo("2023-06-01");
        assertThat(bike.get("daysInStage").asLong()).isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(2023, 6, 1), TODAY));
        assertThat(bike.get("thresholdDays").asInt()).isEqualTo(180);
        JsonNode idea = stalled.get(ids.indexOf(oldIdea));
        assertThat(idea.get("daysInStage").asInt()).isEqualTo(200);
        assertThat(idea.get("thresholdDays").asInt()).isEqualTo(180);
        assertThat(ids).as("100 days in an idea is within its 180; on hold is a decision, not a stall")
                .doesNotContain(young, held);
        assertThat(ids.indexOf(bikeData)).as("furthest past the threshold first").isLessThan(ids.indexOf(oldIdea));
        long previous = Long.MAX_VALUE;
        for (JsonNode row : stalled) {
            long past = row.get("daysInStage").asLong() - row.get("thresholdDays").asLong();
            assertThat(past).as(row.toString()).isPositive().isLessThanOrEqualTo(previous);
            previous = past;
        }
        assertThat(gap.get("stalledInStageTotal").asLong()).isEqualTo(ids.size());

        JsonNode onHold = gap.get("onHold");
        assertThat(onHold.findValuesAsString("id")).containsExactly(held);
        assertThat(onHold.get(0).get("stage").asString()).isEqualTo("IDEA");
        assertThat(onHold.get(0).get("daysInStage").asInt()).isEqualTo(400);
        assertThat(onHold.get(0).get("onHoldSince").asString()).isEqualTo(TODAY.minusDays(50).toString());
        assertThat(onHold.get(0).get("daysOnHold").asInt()).isEqualTo(50);
        assertThat(gap.get("onHoldTotal").asLong()).isEqualTo(1);

        // One department's view.
        JsonNode kff = http.get("/api/dashboard/implementation-gap?department=KFF").json();
        assertThat(kff.get("stalledInStage").findValuesAsString("department")).containsOnly("KFF");
        assertThat(kff.get("stalledInStage").findValuesAsString("id")).contains(oldIdea).doesNotContain(bikeData);
        assertThat(kff.get("onHold").findValuesAsString("id")).containsExactly(held);
        JsonNode tmf = http.get("/api/dashboard/implementation-gap?department=TMF").json();
        assertThat(tmf.get("stalledInStage").findValuesAsString("id")).contains(bikeData).doesNotContain(oldIdea);
        assertThat(tmf.get("onHoldTotal").asLong()).isZero();

        // The same lists as CSV.
        assertThat(http.get("/api/dashboard/implementation-gap?format=csv&table=stalledInStage&department=KFF").body()
                .lines().toList()).first().isEqualTo("\uFEFFid,title,department,stage,stageEnteredOn,daysInStage,thresholdDays");
        assertThat(http.get("/api/dashboard/implementation-gap?format=csv&table=stalledInStage&department=KFF").body())
                .contains(oldIdea + ",Gammel idé,KFF,IDEA," + TODAY.minusDays(200) + ",200,180");
        assertThat(http.get("/api/dashboard/implementation-gap?format=csv&table=onHold&department=KFF").body().lines().toList())
                .containsExactly("\uFEFFid,title,department,stage,daysInStage,onHoldSince,daysOnHold",
                        held + ",Sat i bero,KFF,IDEA,400," + TODAY.minusDays(50) + ",50");
    }
}
