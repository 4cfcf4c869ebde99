package dk.partnerships.standalone;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals that used to leave the contract (found by an integrator's property-based tester): each now answers
 * problem+json with type, title, status, detail and a stable code, in the language asked for, and stores nothing.
 */
class RefusalsInContractTest extends StandaloneHttpTest {

    private static void isProblem(Http.Response answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asString()).isEqualTo("urn:partnerships:problem:" + code);
        assertThat(answer.json().path("code").asString()).isEqualTo(code);
        assertThat(answer.json().path("title").asString()).isNotBlank();
        assertThat(answer.json().path("detail").asString()).isNotBlank().doesNotContain("{0}");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
    }

    private String aPartnership() {
        return http.post("/api/partnerships", proposal("Kontrakt", "OPI", "TMF", "2024-01-10")).json().path("id").asString();
    }

    @Test
    void trace_is_refused_with_405_and_allow_everywhere() {
        for (String path : new String[]{"/api/partnerships", "/api/nope", "/actuator/health"}) {
            Http.Response answer = http.send("TRACE", path, new byte[0]);
            isProblem(answer, 405, "method-not-allowed");
            assertThat(answer.header("Allow")).contains("GET").doesNotContain("TRACE");
        }
        Http.Response page = http.send("TRACE", "/dashboard", new byte[0]);
        assertThat(page.status()).isEqualTo(405);
        assertThat(page.body()).doesNotContain("Authorization");
    }

    @Test
    void methods_no_endpoint_has_are_405_with_allow_for_every_role() {
        for (String user : new String[]{"admin", "manager", "lead"}) {
            for (String method : new String[]{"DELETE", "PUT", "PATCH"}) {
                Http.Response answer = http.as(user).send(method, "/api/partnerships", "{}".getBytes(StandardCharsets.UTF_8),
                        "Content-Type", "application/json");
                isProblem(answer, 405, "method-not-allowed");
                assertThat(answer.header("Allow")).contains("GET").contains("POST");
            }
        }
    }

    @Test
    void unreadable_and_over_long_addresses_are_problems_not_server_pages() {
        isProblem(http.get("/api/partnerships?=x"), 400, "invalid-query");
        isProblem(http.get("/api/partnerships?q=" + "a".repeat(9000)), 414, "uri-too-long");
        isProblem(http.get("/api/nope"), 404, "not-found");
    }

    @Test
    void missing_and_empty_parameters_say_which_and_never_call_an_optional_one_required() {
        String id = aPartnership();
        Http.Response missing = http.get("/api/partnerships/" + id + "/diff?from=2024-01-01", "Accept-Language", "en");
        isProblem(missing, 400, "missing-parameter");
        assertThat(missing.json().path("parameter").asString()).isEqualTo("to");
        assertThat(missing.json().path("detail").asString()).isEqualTo("The parameter to is required.");

        Http.Response empty = http.get("/api/partnerships/" + id + "?asOf=&knownAt=", "Accept-Language", "en");
        isProblem(empty, 400, "invalid-parameter");
        assertThat(empty.json().path("parameter").asString()).isEqualTo("asOf");
        assertThat(empty.json().path("detail").asString()).doesNotContain("equired");

        assertThat(http.get("/api/partnerships/" + id + "?minVersion=1").status()).isEqualTo(200);
        assertThat(http.get("/api/partnerships/" + id + "?minVersion=0").status()).isEqualTo(200); // reached long ago
    }

    @Test
    void a_refusal_is_wholly_in_the_language_asked_for() {
        Map<String, Object> blank = proposal("", "OPI", "TMF", null);
        Http.Response english = http.post("/api/partnerships", blank, "Accept-Language", "en-GB,en;q=0.9");
        isProblem(english, 400, "validation-failed");
        assertThat(english.json().path("title").asString()).isEqualTo("The request is invalid");
        assertThat(english.json().path("errors").get(0).path("message").asString()).isEqualTo("must not be blank");
        assertThat(english.json().path("detail").asString()).contains("must not be blank").doesNotContain("må");

        Http.Response danish = http.post("/api/partnerships", blank);
        isProblem(danish, 400, "validation-failed");
        assertThat(danish.json().path("title").asString()).isEqualTo("Forespørgslen er ugyldig");
        assertThat(danish.json().path("errors").get(0).path("message").asString()).isEqualTo("må ikke være blank");

        Http.Response anonymous = http.anonymous().get("/api/partnerships", "Accept-Language", "en");
        isProblem(anonymous, 401, "authentication-required");
        assertThat(anonymous.json().path("title").asString()).isEqualTo("Sign-in required");
    }

    @Test
    void csv_is_given_to_a_client_that_asks_for_it() {
        String id = aPartnership();
        assertThat(http.get("/api/partnerships/" + id + "?minVersion=1").status()).isEqualTo(200); // projected
        Http.Response csv = http.get("/api/partnerships", "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("Kontrakt");
        isProblem(http.get("/api/dashboard/lifecycle", "Accept", "application/xml"), 406, "not-acceptable");
    }

    @Test
    void a_date_time_where_a_date_belongs_is_refused_and_nothing_is_stored() {
        long before = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        Http.Response answer = http.post("/api/partnerships", proposal("Tid", "OPI", "TMF", "2024-02-01T10:00:00Z"));
        isProblem(answer, 400, "invalid-value");
        assertThat(answer.json().path("field").asString()).isEqualTo("effectiveDate");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isEqualTo(before);
    }
}
