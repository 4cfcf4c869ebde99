package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone product over real HTTP, on an embedded PostgreSQL: a partnership from idea to completed, and
 * every kind of refusal answered with problem+json while appending nothing.
 */
@TestPropertySource(properties = "partnerships.demo-data.enabled=false")
class PartnershipHttpTest extends StandaloneHttpTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private long events(String partnershipId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", partnershipId).query(Long.class).single();
    }

    private static Map<String, Object> proposal(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("kind", "OPI");
        body.put("department", "SUF");
        body.put("lead", "Innovationsenheden, SUF");
        body.put("need", "Bedre søvn for beboere på plejehjem");
        body.put("partners", List.of("Aarhus Kommune"));
        body.put("expectedValueDkk", 2500000);
        body.put("effectiveDate", "2024-01-10");
        return body;
    }

    private String propose(String title) {
        Http.Response created = http.post("/api/partnerships", proposal(title));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Http.Response transition(String id, String to, String reason, String date, String... headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to);
        body.put("effectiveDate", date);
        if (reason != null) {
            body.put("reason", reason);
        }
        return http.post("/api/partnerships/" + id + "/stage-transitions", body, headers);
    }

    private static void assertProblem(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("type").asString()).isNotBlank();
    }

    @Test
    void a_partnership_walks_from_idea_to_completed() {
        Http.Response created = http.post("/api/partnerships", proposal("Biologisk lys"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/partnerships/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        // A skip without a reason is refused with its code, and nothing is appended.
        Http.Response refused = transition(id, "TENDER", null, "2024-02-01");
        assertProblem(refused, 409, "stage-skip-needs-reason");
        assertThat(events(id)).isEqualTo(1);

        Http.Response skipped = transition(id, "TENDER", "Markedet er kendt fra Aarhus' dialog", "2024-02-01");
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.json().get("stage").asString()).isEqualTo("TENDER");
        assertThat(skipped.json().get("version").asLong()).isEqualTo(2);
        assertThat(skipped.header("ETag")).isEqualTo("\"2\"");

        assertThat(http.post("/api/partnerships/" + id + "/award", Map.of("supplier", "Dansk-svensk konsortium",
                "valueDkk", 150000000, "buyers", List.of("Københavns Kommune", "Aarhus Kommune"), "buyerCount", 8,
                "frameworkAgreement", true, "effectiveDate", "2024-05-01")).status()).isEqualTo(200);
        assertThat(transition(id, "PILOT", null, "2024-06-01").status()).isEqualTo(200);
        assertThat(http.post("/api/partnerships/" + id + "/pilot-outcome", Map.of("outcome", "SUCCEEDED",
                "findings", "Bedre søvn på tre plejehjem", "effectiveDate", "2024-12-01")).status()).isEqualTo(200);
        Http.Response item = http.post("/api/partnerships/" + id + "/readiness-items", Map.of("type", "COMPETENCE",
                "description", "Personalet skal kunne lysprotokollen", "owner", "Plejehjemsledelsen",
                "effectiveDate", "2024-12-01"));
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        String itemId = item.json().get("itemId").asString();
        assertThat(transition(id, "IMPLEMENTATION", null, "2025-01-15").status()).isEqualTo(200);
        assertProblem(transition(id, "EVALUATION", null, "2025-03-01"), 409, "open-readiness-items-need-reason");
        assertThat(http.post("/api/partnerships/" + id + "/readiness-items/" + itemId + "/resolution",
                Map.of("note", "Kursus gennemført", "effectiveDate", "2025-02-01")).status()).isEqualTo(200);
        assertThat(transition(id, "EVALUATION", null, "2025-06-01").status()).isEqualTo(200);
        assertProblem(http.post("/api/partnerships/" + id + "/complete", Map.of("effectiveDate", "2025-06-02")),
                409, "evaluation-missing");
        assertThat(http.post("/api/partnerships/" + id + "/evaluation", Map.of("summary", "Lamperne bruges dagligt",
                "benefitsExpected", "Bedre søvn", "benefitsRealised", "Bedre søvn og arbejdsmiljø",
                "effectiveDate", "2025-09-01")).status()).isEqualTo(200);
        Http.Response lesson = http.post("/api/partnerships/" + id + "/lessons",
                Map.of("text", "Inddrag personalet fra første dag", "tags", List.of("implementering")));
        assertThat(lesson.status()).isEqualTo(201);
        Http.Response completed = http.post("/api/partnerships/" + id + "/complete", Map.of("effectiveDate", TODAY.toString()));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");
        long version = completed.json().get("version").asLong();
        assertThat(version).isEqualTo(events(id)).isEqualTo(12);

        // The read side shows the whole story once it has caught up with that version.
        Http.Response read = http.get("/api/partnerships/" + id + "?minVersion=" + version);
        assertThat(read.status()).isEqualTo(200);
        JsonNode partnership = read.json();
        assertThat(partnership.get("version").asLong()).isEqualTo(version);
        assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(partnership.get("stage").asString()).isEqualTo("EVALUATION");
        assertThat(partnership.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(partnership.get("award").get("buyerCount").asInt()).isEqualTo(8);
        assertThat(partnership.get("award").get("valueDkk").decimalValue()).isEqualByComparingTo("150000000");
        assertThat(partnership.get("pilotOutcome").get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(partnership.get("readinessItems").get(0).get("resolved").asBoolean()).isTrue();
        assertThat(partnership.get("readinessItems").get(0).get("daysOpen").asInt()).isEqualTo(62);
        assertThat(partnership.get("lessons").get(0).get("stage").asString()).isEqualTo("EVALUATION");
        assertThat(partnership.get("partners").get(0).asString()).isEqualTo("Aarhus Kommune");
    }

    @Autowired
    org.axonframework.common.transaction.TransactionManager axonTransactionManager;

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStorageEngine eventStorageEngine;

    @Test
    void axon_writes_in_spring_transactions_to_the_jdbc_event_store() {
        // Guards the auto-configuration order: otherwise Axon silently uses a no-op transaction manager.
        assertThat(axonTransactionManager)
                .isInstanceOf(org.axonframework.spring.messaging.unitofwork.SpringTransactionManager.class);
        assertThat(eventStorageEngine)
                .isInstanceOf(org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.class);
    }

    @Test
    void every_event_carries_who_when_and_which_request() {
        String id = propose("Metadata");
        // A client cannot name another author: the header is ignored, the signed-in account is recorded.
        transition(id, "MARKET_DIALOGUE", null, "2024-02-01", "X-User", "lead-42", "X-Correlation-Id", "corr-7");
        String metadata = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND sequence_number = 1""")
                .param("id", id).query(String.class).single();
        JsonNode meta = Http.JSON.readTree(metadata);
        assertThat(meta.get("userId").asString()).isEqualTo("lead");
        assertThat(meta.get("userName").asString()).isEqualTo("Demo-projektleder (alle forvaltninger)");
        assertThat(meta.get("userRole").asString()).isEqualTo("PROJECT_LEAD");
        assertThat(meta.has("authorDepartments")).as("the departments check the command, they are not recorded").isFalse();
        assertThat(meta.get("correlationId").asString()).isEqualTo("corr-7");
        assertThat(meta.get("effectiveDate").asString()).isEqualTo("2024-02-01");
        assertThat(meta.get("commandId").asString()).isNotBlank();
        assertThat(meta.get("recordedAt").asString()).startsWith(TODAY.getYear() + "-");

        String firstUser = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'userId' FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND sequence_number = 0""")
                .param("id", id).query(String.class).single();
        assertThat(firstUser).isEqualTo("lead");
    }

    @Test
    void a_stale_if_match_is_refused_with_412_and_appends_nothing() {
        String id = propose("If-Match");
        assertThat(transition(id, "MARKET_DIALOGUE", null, "2024-02-01", "If-Match", "\"1\"").status()).isEqualTo(200);
        Http.Response stale = transition(id, "TENDER", null, "2024-03-01", "If-Match", "\"1\"");
        assertProblem(stale, 412, "stale-version");
        assertThat(events(id)).isEqualTo(2);
        assertThat(transition(id, "TENDER", null, "2024-03-01", "If-Match", "\"2\"").status()).isEqualTo(200);
        assertProblem(transition(id, "PILOT", null, "2024-03-01", "If-Match", "three"), 400, "invalid-header");
    }

    @Test
    void a_replayed_idempotency_key_returns_the_first_answer_and_appends_one_event() {
        String id = propose("Idempotens");
        Map<String, Object> body = Map.of("to", "MARKET_DIALOGUE", "effectiveDate", "2024-02-01");
        Http.Response first = http.post("/api/partnerships/" + id + "/stage-transitions", body, "Idempotency-Key", "key-1");
        Http.Response again = http.post("/api/partnerships/" + id + "/stage-transitions", body, "Idempotency-Key", "key-1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events(id)).isEqualTo(2);

        Http.Response different = http.post("/api/partnerships/" + id + "/stage-transitions",
                Map.of("to", "TENDER", "effectiveDate", "2024-02-01", "reason", "x"), "Idempotency-Key", "key-1");
        assertProblem(different, 422, "idempotency-key-reused");
        assertThat(events(id)).isEqualTo(2);
    }

    @Test
    void a_replayed_proposal_creates_one_partnership() {
        long before = events();
        Http.Response first = http.post("/api/partnerships", proposal("Én gang"), "Idempotency-Key", "proposal-1");
        Http.Response again = http.post("/api/partnerships", proposal("Én gang"), "Idempotency-Key", "proposal-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(events()).isEqualTo(before + 1);
    }

    @Test
    void a_refused_command_is_not_remembered_under_its_idempotency_key() {
        String id = propose("Afvist først");
        Http.Response refused = transition(id, "PILOT", null, "2024-02-01", "Idempotency-Key", "key-r");
        assertProblem(refused, 409, "stage-skip-needs-reason");
        Http.Response retried = transition(id, "PILOT", null, "2024-02-01", "Idempotency-Key", "key-r");
        assertProblem(retried, 409, "stage-skip-needs-reason");
        assertThat(events(id)).isEqualTo(1);
    }

    /**
     * An optional body may be left out or sent as the JSON null a generated client sends for it; the API document
     * says so (every exchange here is checked against it; HostileInputTest found the document saying otherwise).
     */
    @Test
    void an_optional_body_may_be_the_json_null() {
        String id = propose("I bero");
        assertThat(http.post("/api/partnerships/" + id + "/hold", Map.of("reason", "Budget")).status()).isEqualTo(200);
        Http.Response resumed = http.post("/api/partnerships/" + id + "/resume", "null");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void bad_input_gets_a_400_problem_and_appends_nothing() {
        String id = propose("Dårligt input");
        long before = events();

        assertProblem(http.post("/api/partnerships", "{\"title\": \"x\","), 400, "malformed-json");
        assertProblem(http.post("/api/partnerships/" + id + "/stage-transitions", "{\"to\": }"), 400, "malformed-json");

        Http.Response unknownEnum = transition(id, "LAUNCH", null, "2024-02-01");
        assertProblem(unknownEnum, 400, "invalid-value");
        assertThat(unknownEnum.json().get("field").asString()).isEqualTo("to");
        assertThat(unknownEnum.json().get("allowed").toString()).contains("MARKET_DIALOGUE");

        Map<String, Object> badKind = proposal("Forkert type");
        badKind.put("kind", "PPP");
        assertProblem(http.post("/api/partnerships", badKind), 400, "invalid-value");

        Map<String, Object> typo = proposal("Stavefejl");
        typo.put("efectiveDate", "2024-01-01");
        Http.Response unknownField = http.post("/api/partnerships", typo);
        assertProblem(unknownField, 400, "unknown-field");
        assertThat(unknownField.json().get("field").asString()).isEqualTo("efectiveDate");

        Map<String, Object> badDate = proposal("Dato");
        badDate.put("effectiveDate", "2024-13-45");
        assertProblem(http.post("/api/partnerships", badDate), 400, "invalid-value");

        Map<String, Object> wrongType = proposal("Type");
        wrongType.put("partners", "Aarhus Kommune");
        assertProblem(http.post("/api/partnerships", wrongType), 400, "invalid-value");

        Map<String, Object> blank = proposal(" ");
        blank.remove("need");
        Http.Response invalid = http.post("/api/partnerships", blank);
        assertProblem(invalid, 400, "validation-failed");
        assertThat(invalid.json().get("errors").toString()).contains("title").contains("need");

        Map<String, Object> unknownDepartment = proposal("Afdeling");
        unknownDepartment.put("department", "XYZ");
        Http.Response department = http.post("/api/partnerships", unknownDepartment);
        assertProblem(department, 400, "validation-failed");
        assertThat(department.json().get("errors").get(0).get("field").asString()).isEqualTo("department");

        Map<String, Object> future = proposal("Fremtid");
        future.put("effectiveDate", TODAY.plusDays(1).toString());
        assertProblem(http.post("/api/partnerships", future), 400, "effective-date-in-future");

        assertProblem(transition(id, "MARKET_DIALOGUE", null, "2023-01-01"), 409, "effective-date-before-previous-event");
        assertProblem(http.post("/api/partnerships/" + id + "/hold", Map.of("reason", "")), 400, "validation-failed");
        assertProblem(http.post("/api/partnerships/" + id + "/stage-transitions", ""), 400, "body-missing");

        assertThat(events()).isEqualTo(before);
    }

    @Test
    void writes_to_an_unknown_partnership_are_404() {
        long before = events();
        assertProblem(transition("00000000-0000-0000-0000-000000000000", "TENDER", "x", "2024-01-01"), 404,
                "partnership-not-found");
        assertProblem(transition("not-an-id", "TENDER", "x", "2024-01-01"), 404, "partnership-not-found");
        String id = propose("Ukendt punkt");
        assertProblem(http.post("/api/partnerships/" + id + "/readiness-items/00000000-0000-0000-0000-000000000000/resolution",
                Map.of("note", "x")), 404, "readiness-item-not-found");
        assertThat(events()).isEqualTo(before + 1);
    }

    @Test
    void concurrent_writes_to_one_partnership_lose_nothing() throws Exception {
        String id = propose("Samtidige skrivninger");
        int writers = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Http.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                answers.add(pool.submit(() -> http.post("/api/partnerships/" + id + "/lessons",
                        Map.of("text", "Lektie " + n))));
            }
            List<Long> versions = new java.util.ArrayList<>();
            for (var answer : answers) {
                Http.Response response = answer.get();
                if (response.status() == 201) {
                    versions.add(response.json().get("version").asLong());
                } else {
                    assertProblem(response, 409, "concurrent-modification");
                }
            }
            // Every accepted write is in the store, each under its own version; a refused one left no trace.
            assertThat(versions).doesNotHaveDuplicates();
            assertThat(events(id)).isEqualTo(1 + versions.size());
            assertThat(versions).hasSizeGreaterThan(0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_openapi_document_describes_the_write_and_read_endpoints() {
        Http.Response openApi = http.get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").propertyNames())
                .contains("/api/partnerships", "/api/partnerships/{id}", "/api/partnerships/{id}/stage-transitions",
                        "/api/partnerships/{id}/readiness-items/{itemId}/resolution");
    }

    @Test
    void reads_are_filtered_and_bad_filters_are_refused() {
        String id = propose("Filtreret");
        transition(id, "MARKET_DIALOGUE", null, "2024-02-01");
        http.get("/api/partnerships/" + id + "?minVersion=2");

        JsonNode inDialogue = http.get("/api/partnerships?stage=MARKET_DIALOGUE&department=SUF").json();
        assertThat(inDialogue.findValuesAsString("id")).contains(id);
        assertThat(inDialogue.findValuesAsString("stage")).containsOnly("MARKET_DIALOGUE");
        JsonNode inTender = http.get("/api/partnerships?stage=TENDER").json();
        assertThat(inTender.findValuesAsString("id")).doesNotContain(id);

        JsonNode row = null;
        for (JsonNode candidate : inDialogue) {
            if (candidate.get("id").asString().equals(id)) {
                row = candidate;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("stageEnteredOn").asString()).isEqualTo("2024-02-01");
        assertThat(row.get("daysInStage").asLong())
                .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2024, 2, 1), TODAY));

        assertProblem(http.get("/api/partnerships?stage=LAUNCH"), 400, "invalid-parameter");
        assertProblem(http.get("/api/partnerships?limit=0"), 400, "invalid-parameter");
        assertProblem(http.get("/api/partnerships?department=" + "x".repeat(30)), 400, "invalid-parameter");
        assertProblem(http.get("/api/partnerships/00000000-0000-0000-0000-000000000000"), 404, "partnership-not-found");
    }
}
