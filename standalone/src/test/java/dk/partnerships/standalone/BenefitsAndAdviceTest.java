package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What partnerships deliver and whether anyone followed it up, and the central unit's advice, over real HTTP: the
 * rules of each write with their refusals (problem+json, nothing appended), the lists, the dashboards' figures
 * checked by hand and their CSV tables.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class BenefitsAndAdviceTest extends StandaloneHttpTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private void refused(Http.Response answer, int status, String code, long eventsBefore) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(events()).as("nothing appended").isEqualTo(eventsBefore);
    }

    @Test
    void benefits_are_declared_followed_up_after_completion_and_overdue_ones_are_listed() {
        String id = http.post("/api/partnerships", proposal("Elektriske skraldebiler", "OPI", "BIF", "2023-01-10"))
                .json().get("id").asString();
        String p = "/api/partnerships/" + id;
        Http.Response climate = http.post(p + "/benefits", body("category", "CLIMATE", "description", "Mindre CO2 fra kørslen",
                "unit", "t CO2 pr. år", "expected", 120, "effectiveDate", "2023-01-10"));
        assertThat(climate.status()).as(climate.body()).isEqualTo(201);
        assertThat(climate.header("Location")).endsWith(p + "/benefits");
        String climateId = climate.json().get("benefitId").asString();
        String relationsId = http.post(p + "/benefits", body("category", "RELATIONSHIPS",
                "description", "Samarbejde mellem renovation og indkøb", "effectiveDate", "2023-01-10")).json().get("benefitId").asString();

        // Bad input and broken rules: a clear answer, nothing appended.
        long before = events();
        refused(http.post(p + "/benefits", body("category", "ECONOMY", "description", "Besparelse", "expected", 5)),
                400, "benefit-expected-needs-unit", before);
        refused(http.post(p + "/benefits", body("category", "HAPPINESS", "description", "Glæde")), 400, "invalid-value", before);
        refused(http.post(p + "/benefits", body("category", "ECONOMY")), 400, "validation-failed", before);
        Http.Response early = http.post(p + "/benefits/" + climateId + "/follow-ups", body("assessment", "TOO_EARLY"),
                "Accept-Language", "en");
        refused(early, 409, "benefit-follow-up-wrong-stage", before);
        assertThat(early.json().get("title").asString()).isEqualTo("Too early for a follow-up");

        http.post(p + "/stage-transitions", body("to", "PILOT", "reason", "Direkte tildeling af en pilot",
                "effectiveDate", "2023-03-01"));
        Http.Response piloted = http.post(p + "/benefits/" + climateId + "/follow-ups", body("assessment", "PARTLY_ACHIEVED",
                "realised", 40, "note", "To biler i drift", "effectiveDate", "2023-06-01"));
        assertThat(piloted.status()).as(piloted.body()).isEqualTo(201);
        assertThat(piloted.json().get("followUpId").asString()).isNotBlank();
        before = events();
        refused(http.post(p + "/benefits/" + relationsId + "/follow-ups", body("assessment", "ACHIEVED", "realised", 3)),
                400, "benefit-realised-without-unit", before);
        refused(http.post(p + "/benefits/" + java.util.UUID.randomUUID() + "/follow-ups", body("assessment", "ACHIEVED")),
                404, "benefit-not-found", before);

        // In operation since 2023-09-01; the last follow-up was before: overdue a year after going into operation.
        http.post(p + "/pilot-outcome", body("outcome", "SUCCEEDED", "findings", "Rækkevidden holder", "effectiveDate", "2023-08-01"));
        http.post(p + "/stage-transitions", body("to", "IMPLEMENTATION", "effectiveDate", "2023-09-01"));
        JsonNode listed = http.get(p + "/benefits?minVersion=7").json();
        assertThat(listed.findValuesAsString("benefitId")).containsExactly(climateId, relationsId);
        assertThat(listed.get(0).get("expected").decimalValue()).isEqualByComparingTo("120");
        assertThat(listed.get(0).get("unit").asString()).isEqualTo("t CO2 pr. år");
        assertThat(listed.get(0).get("assessment").asString()).isEqualTo("PARTLY_ACHIEVED");
        assertThat(listed.get(0).get("realised").decimalValue()).isEqualByComparingTo("40");
        assertThat(listed.get(0).get("followUps").get(0).get("note").asString()).isEqualTo("To biler i drift");
        assertThat(listed.get(1).get("assessment").isNull()).isTrue();
        assertThat(listed.get(1).get("followUps")).isEmpty();

        JsonNode figures = http.get("/api/dashboard/benefits?department=BIF").json();
        assertThat(figures.get("followUpDays").asInt()).isEqualTo(365);
        assertThat(figures.get("categories")).hasSize(8);
        JsonNode climateFigures = category(figures, "CLIMATE");
        assertThat(climateFigures.get("declared").asLong()).isEqualTo(1);
        assertThat(climateFigures.get("followedUp").asLong()).isEqualTo(1);
        assertThat(climateFigures.get("partlyAchieved").asLong()).isEqualTo(1);
        assertThat(climateFigures.get("achieved").asLong()).isZero();
        assertThat(category(figures, "RELATIONSHIPS").get("followedUp").asLong()).isZero();
        assertThat(category(figures, "ECONOMY").get("declared").asLong()).isZero();
        JsonNode overdue = figures.get("followUpsOverdue").get(0);
        assertThat(overdue.get("id").asString()).isEqualTo(id);
        assertThat(overdue.get("inOperationSince").asString()).isEqualTo("2023-09-01");
        assertThat(overdue.get("lastFollowUpOn").asString()).isEqualTo("2023-06-01");
        assertThat(overdue.get("dueOn").asString()).isEqualTo("2024-08-31");
        assertThat(overdue.get("daysOverdue").asLong()).isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(2024, 8, 31), TODAY));
        assertThat(figures.get("followUpsOverdueTotal").asLong()).isEqualTo(1);
        assertThat(http.get("/api/dashboard/benefits?department=BIF&kind=OPP").json().get("followUpsOverdueTotal").asLong()).isZero();
        assertThat(http.get("/api/dashboard/benefits?department=BIF&year=2022").json().get("followUpsOverdue")).isEmpty();

        // A follow-up today ends the wait.
        http.post(p + "/benefits/" + relationsId + "/follow-ups", body("assessment", "ACHIEVED", "note", "Fælles styregruppe"));
        assertThat(http.get("/api/dashboard/benefits?department=BIF&partnership=" + id + "&minVersion=8").json()
                .get("followUpsOverdue")).isEmpty();

        // Completed, a benefit is still followed up: benefits show after the project ends.
        http.post(p + "/stage-transitions", body("to", "EVALUATION"));
        http.post(p + "/evaluation", body("summary", "I drift", "benefitsExpected", "CO2", "benefitsRealised", "CO2"));
        assertThat(http.post(p + "/complete", "").status()).isEqualTo(200);
        Http.Response after = http.post(p + "/benefits/" + climateId + "/follow-ups", body("assessment", "ACHIEVED", "realised", 130));
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        JsonNode done = http.get(p + "/benefits?minVersion=12").json();
        assertThat(done.get(0).get("assessment").asString()).isEqualTo("ACHIEVED");
        assertThat(done.get(0).get("followUps")).hasSize(2);
        assertThat(http.get(p + "/history").json().findValuesAsString("type"))
                .contains("BenefitDeclaredEvent", "BenefitFollowedUpEvent");

        // Each table as CSV; a table that does not exist is named in the refusal.
        String rows = http.get("/api/dashboard/benefits?department=BIF&format=csv&table=benefits").body();
        assertThat(rows.lines().findFirst().orElseThrow()).contains("partnershipId,title,department");
        assertThat(rows).contains("Mindre CO2 fra kørslen").contains("ACHIEVED").contains("130");
        assertThat(http.get("/api/dashboard/benefits?department=BIF&format=csv&lang=da").body())
                .contains("Kategori;Forventede;Fulgt op").contains("Klima;1;1;1");
        assertThat(http.get("/api/dashboard/benefits?format=csv&table=nope").code()).isEqualTo("invalid-parameter");

        // Never after abandonment.
        String stopped = http.post("/api/partnerships", proposal("Droner", "OPI", "BIF", "2024-01-10")).json().get("id").asString();
        String benefit = http.post("/api/partnerships/" + stopped + "/benefits", body("category", "KNOWLEDGE",
                "description", "Viden om droner", "effectiveDate", "2024-01-10")).json().get("benefitId").asString();
        http.post("/api/partnerships/" + stopped + "/stage-transitions", body("to", "PILOT", "reason", "Test", "effectiveDate", "2024-02-01"));
        http.post("/api/partnerships/" + stopped + "/abandon", body("reason", "Lovgivningen tillod det ikke", "effectiveDate", "2024-03-01"));
        before = events();
        refused(http.post("/api/partnerships/" + stopped + "/benefits/" + benefit + "/follow-ups", body("assessment", "NOT_ACHIEVED")),
                409, "benefit-follow-up-after-abandonment", before);
        assertThat(http.get("/api/partnerships/nope/benefits").status()).isEqualTo(404);
        assertRebuildsTheSame();
    }

    /** Replayed from the events, the benefit and advice rows come out as the live projection wrote them. */
    private void assertRebuildsTheSame() {
        awaitAllProjected();
        JsonNode check = http.as("admin").post("/api/admin/projections/consistency-check", "").json();
        assertThat(check.get("consistent").asBoolean()).as(check.toString()).isTrue();
    }

    private static JsonNode category(JsonNode figures, String category) {
        for (JsonNode row : figures.get("categories")) {
            if (row.get("category").asString().equals(category)) {
                return row;
            }
        }
        throw new AssertionError("no " + category + " in " + figures);
    }

    @Test
    void a_lead_asks_the_central_unit_an_advisor_answers_and_answer_times_are_counted_per_topic() {
        String id = http.post("/api/partnerships", proposal("Sensorer i kloakken", "OPP", "SOF", "2024-01-10"))
                .json().get("id").asString();
        String p = "/api/partnerships/" + id;
        Http advisor = http.as("advisor");
        String[] asked = new String[3];
        for (int i = 0; i < 3; i++) {
            Http.Response request = http.post(p + "/advice-requests", body("topic", "FUNDING",
                    "question", "Spørgsmål " + (i + 1), "effectiveDate", LocalDate.of(2024, 2, 1 + i).toString()));
            assertThat(request.status()).as(request.body()).isEqualTo(201);
            assertThat(request.header("Location")).endsWith(p + "/advice-requests");
            asked[i] = request.json().get("requestId").asString();
        }
        http.get(p + "/advice-requests?minVersion=4");
        JsonNode open = http.get("/api/advice-requests?topic=FUNDING").json();
        assertThat(open.findValuesAsString("requestId")).as("oldest first").containsExactly(asked);
        assertThat(open.get(0).get("askedBy").asString()).isEqualTo("Demo-projektleder (alle forvaltninger)");
        assertThat(open.get(0).get("title").asString()).isEqualTo("Sensorer i kloakken");
        assertThat(open.get(0).get("answer").isNull()).isTrue();

        long before = events();
        refused(advisor.post(p + "/advice-requests/" + asked[0] + "/answer", body("answer", " ")), 400, "validation-failed", before);
        refused(http.post(p + "/advice-requests", body("topic", "GOSSIP", "question", "?")), 400, "invalid-value", before);
        // Answered after 2, 4 and 10 days.
        int[] answeredOn = {3, 6, 13};
        for (int i = 0; i < 3; i++) {
            Http.Response answer = advisor.post(p + "/advice-requests/" + asked[i] + "/answer", body("answer", "Svar " + (i + 1),
                    "effectiveDate", LocalDate.of(2024, 2, answeredOn[i]).toString()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        before = events();
        Http.Response again = advisor.post(p + "/advice-requests/" + asked[0] + "/answer", body("answer", "Igen"),
                "Accept-Language", "en");
        refused(again, 409, "advice-request-already-answered", before);
        assertThat(again.json().get("title").asString()).isEqualTo("Already answered");

        JsonNode answered = http.get(p + "/advice-requests?minVersion=7").json();
        assertThat(answered.findValuesAsString("answer")).containsExactly("Svar 1", "Svar 2", "Svar 3");
        assertThat(answered.get(0).get("answeredBy").asString()).isEqualTo("Demo-rådgiver, central udbuds- og juraenhed");
        assertThat(answered.findValuesAsString("days")).containsExactly("2", "4", "10");
        assertThat(http.get("/api/advice-requests?topic=FUNDING").json()).isEmpty();
        JsonNode history = http.get(p + "/history").json();
        JsonNode given = history.get(history.size() - 1);
        assertThat(given.get("type").asString()).isEqualTo("AdviceGivenEvent");
        assertThat(given.get("recordedAs").asString()).isEqualTo("ADVISOR");

        // Nearest rank over 2, 4, 10 days: the median is 4, nine in ten were answered within 10.
        JsonNode funding = null;
        for (JsonNode topic : http.get("/api/dashboard/advice").json().get("topics")) {
            if (topic.get("topic").asString().equals("FUNDING")) {
                funding = topic;
            }
        }
        assertThat(funding.get("answered").asLong()).isEqualTo(3);
        assertThat(funding.get("open").asLong()).isZero();
        assertThat(funding.get("oldestOpenDays").isNull()).isTrue();
        assertThat(funding.get("medianAnswerDays").asLong()).isEqualTo(4);
        assertThat(funding.get("p90AnswerDays").asLong()).isEqualTo(10);

        // On hold is when advice is needed most; closed, there is nothing left to ask about.
        http.post(p + "/hold", body("reason", "Afventer finansiering"));
        Http.Response onHold = http.post(p + "/advice-requests", body("topic", "LEGAL", "question", "Må vi forlænge?"));
        assertThat(onHold.status()).as(onHold.body()).isEqualTo(201);
        JsonNode legal = http.get("/api/dashboard/advice?partnership=" + id + "&minVersion="
                + onHold.json().get("version").asLong()).json().get("topics").get(0);
        assertThat(legal.get("topic").asString()).isEqualTo("LEGAL");
        assertThat(legal.get("open").asLong()).isEqualTo(1);
        assertThat(legal.get("oldestOpenDays").asLong()).isZero();
        http.post(p + "/abandon", body("reason", "Ingen finansiering"));
        before = events();
        refused(http.post(p + "/advice-requests", body("topic", "LEGAL", "question", "Og nu?")), 409, "partnership-closed", before);
        // An open question is still answered after the partnership closed.
        String last = onHold.json().get("requestId").asString();
        assertThat(advisor.post(p + "/advice-requests/" + last + "/answer", body("answer", "Ja, inden for rammen")).status())
                .isEqualTo(200);
        assertThat(http.get("/api/partnerships/nope/advice-requests").status()).isEqualTo(404);
        assertRebuildsTheSame();
    }
}
