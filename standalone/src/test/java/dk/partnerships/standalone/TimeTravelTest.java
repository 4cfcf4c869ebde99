package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor's questions on a back-filled history, each answer computed by hand: the state on a past effective
 * date (asOf), what the system showed before the back-filling (knownAt), the difference between two dates, and the
 * readable history.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class TimeTravelTest extends StandaloneHttpTest {

    @Test
    void as_of_and_known_at_answer_with_the_states_of_a_back_filled_history() {
        String id = http.post("/api/partnerships", proposal("Biologisk lys", "OPI", "SUF", "2023-01-10")).json().get("id").asString();
        String partnership = "/api/partnerships/" + id;
        assertThat(http.post(partnership + "/stage-transitions", Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2023-03-01"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(partnership + "/history").json().size() == 2);

        // What the system knew before the back-filling below.
        Instant beforeBackFilling = Instant.now();

        assertThat(http.post(partnership + "/stage-transitions", Map.of("to", "TENDER", "effectiveDate", "2023-06-01"))
                .status()).isEqualTo(200);
        assertThat(http.post(partnership + "/award", Map.of("supplier", "Konsortiet", "valueDkk", 150000000,
                "buyerCount", 8, "frameworkAgreement", true, "effectiveDate", "2023-09-01")).status()).isEqualTo(200);
        assertThat(http.post(partnership + "/stage-transitions", Map.of("to", "PILOT", "effectiveDate", "2024-01-15"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get(partnership + "/history").json().size() == 5);

        JsonNode february = http.get(partnership + "?asOf=2023-02-01").json();
        assertThat(february.get("stage").asString()).isEqualTo("IDEA");
        assertThat(february.get("version").asLong()).isEqualTo(1);
        assertThat(february.get("daysInStage").asLong()).isEqualTo(22);
        assertThat(february.get("award").isNull()).isTrue();

        JsonNode july = http.get(partnership + "?asOf=2023-07-01").json();
        assertThat(july.get("stage").asString()).isEqualTo("TENDER");
        assertThat(july.get("stageEnteredOn").asString()).isEqualTo("2023-06-01");
        assertThat(july.get("version").asLong()).isEqualTo(3);
        assertThat(july.get("award").isNull()).isTrue();

        JsonNode december = http.get(partnership + "?asOf=2023-12-31").json();
        assertThat(december.get("stage").asString()).isEqualTo("TENDER");
        assertThat(december.get("award").get("buyerCount").asInt()).isEqualTo(8);
        assertThat(december.get("version").asLong()).isEqualTo(4);

        Http.Response beforeProposal = http.get(partnership + "?asOf=2022-12-31");
        assertThat(beforeProposal.status()).isEqualTo(404);
        assertThat(beforeProposal.code()).isEqualTo("partnership-not-yet-proposed");

        // Today the partnership is in PILOT, but before the back-filling the system showed MARKET_DIALOGUE.
        assertThat(http.get(partnership).json().get("stage").asString()).isEqualTo("PILOT");
        JsonNode known = http.get(partnership + "?knownAt=" + beforeBackFilling).json();
        assertThat(known.get("stage").asString()).isEqualTo("MARKET_DIALOGUE");
        assertThat(known.get("version").asLong()).isEqualTo(2);
        JsonNode both = http.get(partnership + "?asOf=2023-02-01&knownAt=" + beforeBackFilling).json();
        assertThat(both.get("stage").asString()).isEqualTo("IDEA");
        // The moments asked for are echoed, the one not asked for as null; today's state has neither.
        assertThat(both.get("asOf").asString()).isEqualTo("2023-02-01");
        assertThat(Instant.parse(both.get("knownAt").asString())).isEqualTo(beforeBackFilling);
        assertThat(february.get("knownAt").isNull()).isTrue();
        assertThat(known.get("asOf").isNull()).isTrue();
        assertThat(http.get(partnership).json().has("asOf")).isFalse();
        JsonNode knownYesterday = http.get(partnership + "?knownAt=2020-01-01").json();
        assertThat(knownYesterday.path("code").asString()).isEqualTo("partnership-not-yet-proposed");
        assertThat(http.get(partnership + "?knownAt=soon").code()).isEqualTo("invalid-parameter");

        JsonNode diff = http.get(partnership + "/diff?from=2023-02-01&to=2023-12-31").json().get("changes");
        assertThat(diff.get("stage").get("from").asString()).isEqualTo("IDEA");
        assertThat(diff.get("stage").get("to").asString()).isEqualTo("TENDER");
        assertThat(diff.get("award").get("from").isNull()).isTrue();
        assertThat(diff.get("award").get("to").get("supplier").asString()).isEqualTo("Konsortiet");
        assertThat(diff.get("version").get("to").asLong()).isEqualTo(4);
        assertThat(diff.has("title")).isFalse();
        // From before the proposal: what the partnership came to have, never an empty field "changed" to empty.
        JsonNode sinceBefore = http.get(partnership + "/diff?from=2022-01-01&to=2023-02-01").json().get("changes");
        assertThat(sinceBefore.get("title").get("from").isNull()).isTrue();
        assertThat(sinceBefore.get("title").get("to").asString()).isEqualTo("Biologisk lys");
        assertThat(sinceBefore.get("version").get("from").asLong()).isZero();
        assertThat(sinceBefore.has("award")).isFalse();
        assertThat(sinceBefore.has("statusReason")).isFalse();
        assertThat(sinceBefore.has("readinessItems")).isFalse();

        JsonNode history = http.get(partnership + "/history").json();
        assertThat(history.findValuesAsString("type")).containsExactly("PartnershipProposedEvent",
                "StageAdvancedEvent", "StageAdvancedEvent", "AwardRecordedEvent", "StageAdvancedEvent");
        assertThat(history.get(2).get("summary").asString()).isEqualTo("Moved from MARKET_DIALOGUE to TENDER");
        assertThat(history.get(3).get("summary").asString())
                .isEqualTo("Awarded to Konsortiet (DKK 150.000.000, framework agreement for 8 buyers)");
        assertThat(history.get(1).get("recordedBy").asString()).isEqualTo("lead");
        assertThat(history.get(1).get("effectiveDate").asString()).isEqualTo("2023-03-01");
        assertThat(Instant.parse(history.get(1).get("recordedAt").asString())).isBefore(beforeBackFilling);
        assertThat(Instant.parse(history.get(2).get("recordedAt").asString())).isAfter(beforeBackFilling);
        assertThat(http.get("/api/partnerships/00000000-0000-0000-0000-000000000000/history").code())
                .isEqualTo("partnership-not-found");

        // The same answers on the auditor's page.
        Http.Response page = http.get("/partnerships/" + id + "/history?asOf=2023-07-01");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        // The story in Danish, the state on the date as the partnership page shows it, dates the Danish way.
        assertThat(page.body()).contains("Konsortiet (150.000.000 kr., rammeaftale for 8 købere)")
                .contains("data-stage=\"TENDER\">Udbud</td>").contains("1. mar. 2023");
        String diffPage = http.get("/partnerships/" + id + "/history?from=2023-02-01&to=2023-12-31").body();
        assertThat(diffPage).contains("<th scope=\"row\">Fase</th>").contains("<td>Idé</td>").contains("<td>Udbud</td>");
        // From after to is refused in words, not answered with a reversed comparison.
        assertThat(http.get("/partnerships/" + id + "/history?from=2023-12-31&to=2023-02-01").body())
                .contains("Fra-datoen skal ligge før til-datoen.").doesNotContain("id=\"changes\"");
        Http.Response knownPage = http.get("/partnerships/" + id + "/history?knownAt=2020-01-01");
        assertThat(knownPage.body()).contains("endnu ikke foreslået");
    }

    @Test
    void text_typed_by_users_is_shown_escaped_on_the_history_page() {
        Map<String, Object> proposal = proposal("<script>alert('x')</script>", "OPP", "KFF", null);
        proposal.put("lead", "<b>KFF</b>");
        String id = http.post("/api/partnerships", proposal).json().get("id").asString();
        http.post("/api/partnerships/" + id + "/hold", Map.of("reason", "<img src=x onerror=alert(1)>"));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/partnerships/" + id + "/history").json().size() == 2);
        String page = http.get("/partnerships/" + id + "/history").body();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
