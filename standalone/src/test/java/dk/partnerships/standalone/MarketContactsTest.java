package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Market dialogue on the record: contacts with organisations, what was shared with them, and where they may not go. */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class MarketContactsTest extends StandaloneHttpTest {

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static Map<String, Object> contact(String organisation, String form, String shared, String on) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisation);
        body.put("form", form);
        body.put("summary", "Test af cykeldata på Nørrebrogade");
        if (shared != null) {
            body.put("informationShared", shared);
        }
        body.put("effectiveDate", on);
        return body;
    }

    @Test
    void contacts_in_market_dialogue_are_recorded_listed_oldest_first_and_refused_after_the_tender() {
        String id = http.post("/api/partnerships", proposal("Cykeldata", "OPI", "TMF", "2024-01-10")).json().get("id").asString();
        http.post("/api/partnerships/" + id + "/stage-transitions", Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-02-01"));

        Http.Response second = http.post("/api/partnerships/" + id + "/market-contacts",
                contact("Cykeldata ApS", "PRODUCT_TEST", "Kommunens tællepunkter", "2024-03-01"));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("contactId").asString()).isNotBlank();
        assertThat(second.json().get("version").asLong()).isEqualTo(3);
        Http.Response first = http.post("/api/partnerships/" + id + "/market-contacts",
                contact("Sensorfirmaet A/S", "MEETING", null, "2024-02-15"));
        assertThat(first.status()).as("an earlier date than the last event is refused").isEqualTo(409);
        Http.Response third = http.post("/api/partnerships/" + id + "/market-contacts",
                contact("Sensorfirmaet A/S", "WRITTEN_QUESTIONS", null, "2024-03-05"));
        assertThat(third.status()).as(third.body()).isEqualTo(201);

        JsonNode contacts = http.get("/api/partnerships/" + id + "/market-contacts?minVersion=4&partnership=" + id).json();
        assertThat(contacts.findValuesAsString("organisation")).containsExactly("Cykeldata ApS", "Sensorfirmaet A/S");
        assertThat(contacts.get(0).get("contactId").asString()).isEqualTo(second.json().get("contactId").asString());
        assertThat(contacts.get(0).get("form").asString()).isEqualTo("PRODUCT_TEST");
        assertThat(contacts.get(0).get("informationShared").asString()).isEqualTo("Kommunens tællepunkter");
        assertThat(contacts.get(0).get("effectiveDate").asString()).isEqualTo("2024-03-01");
        assertThat(contacts.get(1).get("informationShared").isNull()).isTrue();
        // In the history and the timeline too.
        assertThat(http.get("/api/partnerships/" + id + "/history").json().findValuesAsString("type"))
                .contains("MarketContactRecordedEvent");

        // Bad input: a clear answer, nothing appended.
        long before = events();
        Http.Response missing = http.post("/api/partnerships/" + id + "/market-contacts",
                Map.of("form", "MEETING", "summary", "Møde"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Http.Response unknownForm = http.post("/api/partnerships/" + id + "/market-contacts",
                Map.of("organisation", "X", "form", "LUNCH", "summary", "Møde"));
        assertThat(unknownForm.status()).isEqualTo(400);
        assertThat(events()).isEqualTo(before);

        // After the tender, dialogue is contract management: refused with its own code, in the language asked for.
        http.post("/api/partnerships/" + id + "/stage-transitions", Map.of("to", "TENDER", "effectiveDate", "2024-04-01"));
        http.post("/api/partnerships/" + id + "/award", Map.of("supplier", "Cykeldata ApS", "valueDkk", 100000,
                "effectiveDate", "2024-05-01"));
        http.post("/api/partnerships/" + id + "/stage-transitions", Map.of("to", "PILOT", "effectiveDate", "2024-06-01"));
        before = events();
        Http.Response late = http.post("/api/partnerships/" + id + "/market-contacts",
                contact("Tredje A/S", "MEETING", null, "2024-07-01"), "Accept-Language", "en");
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.code()).isEqualTo("market-contact-wrong-stage");
        assertThat(late.json().get("type").asString()).isEqualTo("urn:partnerships:problem:market-contact-wrong-stage");
        assertThat(late.json().get("title").asString()).isEqualTo("Not in market dialogue");
        assertThat(events()).as("nothing appended").isEqualTo(before);

        assertThat(http.get("/api/partnerships/no-such-partnership/market-contacts").status()).isEqualTo(404);
    }

    @Test
    void information_shared_in_dialogue_and_not_published_with_the_tender_is_flagged_for_the_central_unit() {
        String id = http.post("/api/partnerships", proposal("Trafiksensorer", "OPI", "KFF", "2024-01-10")).json().get("id").asString();
        String p = "/api/partnerships/" + id;
        http.post(p + "/stage-transitions", Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-02-01"));
        String told = http.post(p + "/market-contacts", contact("Sensor A/S", "MEETING", "Budgetrammen", "2024-03-01"))
                .json().get("contactId").asString();
        String alsoTold = http.post(p + "/market-contacts", contact("Måler ApS", "WORKSHOP", "Antal kryds", "2024-03-10"))
                .json().get("contactId").asString();
        http.post(p + "/market-contacts", contact("Tavs A/S", "MEETING", null, "2024-03-15"));

        JsonNode before = http.get(p + "/equal-treatment?minVersion=5").json();
        assertThat(before.get("tenderEnteredOn").isNull()).isTrue();
        assertThat(before.get("notYetDue").findValuesAsString("contactId")).containsExactly(told, alsoTold);
        assertThat(before.get("flagged")).isEmpty();

        // Refusals first: no procedure without a reason, a contact that is not this partnership's; nothing appended.
        long events = events();
        Http.Response none = http.post(p + "/stage-transitions", Map.of("to", "TENDER", "procedure", "NONE",
                "effectiveDate", "2024-04-01"));
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.code()).isEqualTo("procedure-none-needs-reason");
        Http.Response unknown = http.post(p + "/stage-transitions", Map.of("to", "TENDER", "procedure", "OPEN",
                "publishedContacts", java.util.List.of("not-a-contact"), "effectiveDate", "2024-04-01"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("market-contact-not-found");
        assertThat(events()).isEqualTo(events);

        Http.Response tender = http.post(p + "/stage-transitions", Map.of("to", "TENDER", "procedure",
                "INNOVATION_PARTNERSHIP", "publishedContacts", java.util.List.of(told), "effectiveDate", "2024-04-01"));
        assertThat(tender.status()).as(tender.body()).isEqualTo(200);
        assertThat(tender.json().get("version").asLong()).as("the move and its procedure: two events").isEqualTo(7);

        // Questions answered while the tender is out are not checked against it (they are not flagged).
        assertThat(http.post(p + "/market-contacts", contact("Spørger ApS", "WRITTEN_QUESTIONS", "Svar om tidsplanen",
                "2024-04-10")).status()).isEqualTo(201);

        JsonNode after = http.get(p + "/equal-treatment?minVersion=8").json();
        assertThat(after.get("notYetDue").findValuesAsString("organisation")).containsExactly("Spørger ApS");
        assertThat(after.get("tenderEnteredOn").asString()).isEqualTo("2024-04-01");
        assertThat(after.get("procedure").asString()).isEqualTo("INNOVATION_PARTNERSHIP");
        assertThat(after.get("published").findValuesAsString("contactId")).containsExactly(told);
        assertThat(after.get("flagged").findValuesAsString("organisation")).containsExactly("Måler ApS");
        assertThat(after.get("flagged").get(0).get("informationShared").asString()).isEqualTo("Antal kryds");

        // A tender that names no procedure, as clients of before send it, is listed for the central unit.
        String older = http.post("/api/partnerships", proposal("Gadelys", "OPI", "KFF", "2024-01-10")).json().get("id").asString();
        http.post("/api/partnerships/" + older + "/stage-transitions", Map.of("to", "TENDER", "reason", "Kendt marked",
                "effectiveDate", "2024-02-01"));
        awaitAllProjected();
        String gap = http.get("/gap?department=KFF").body();
        assertThat(gap).contains("Måler ApS").contains("Antal kryds").contains("Gadelys");
        assertThat(http.get("/api/partnerships/" + older + "/equal-treatment").json().get("procedure").isNull()).isTrue();
        assertThat(http.get("/api/partnerships/nope/equal-treatment").status()).isEqualTo(404);
    }
}
