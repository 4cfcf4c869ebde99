package dk.partnerships.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over real HTTP: every write endpoint refused without sign-in (401), for a role that does not
 * write (403), for a project lead of another department (403) and for an auditor (403), each time as
 * problem+json and with the event store unchanged. Also: bearer JWTs of an identity provider (here: a key pair made
 * for the test, configured by properties only), forged tokens, maintenance for administrators only, CSRF on pages.
 */
class AccessControlTest extends StandaloneHttpTest {

    private static final KeyPair IDENTITY_PROVIDER = TestKeys.rsa();
    private static final KeyPair FORGER = TestKeys.rsa();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) throws IOException {
        Path key = Files.createTempFile("identity-provider", ".pem");
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(IDENTITY_PROVIDER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + key);
    }

    /** A SUF partnership in the tender with one open readiness item, so every endpoint has something to act on. */
    private String id;

    @BeforeEach
    void partnershipOfSuf() {
        if (id != null) {
            return;
        }
        Http.Response proposed = http.post("/api/partnerships", proposal("Adgang", "OPI", "SUF", "2024-01-10"));
        assertThat(proposed.status()).isEqualTo(201);
        id = proposed.json().get("id").asString();
        awaitAllProjected();
    }

    record Write(String name, String path, Map<String, Object> body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Write> writes() {
        String item = UUID.randomUUID().toString();
        return Stream.of(
                new Write("propose", "", proposal("Ny idé", "OPP", "SUF", "2024-02-01")),
                new Write("stage transition", "/{id}/stage-transitions", Map.of("to", "MARKET_DIALOGUE")),
                new Write("award", "/{id}/award", Map.of("supplier", "Leverandør A/S", "valueDkk", 1000)),
                new Write("pilot outcome", "/{id}/pilot-outcome", Map.of("outcome", "SUCCEEDED", "findings", "Virker")),
                new Write("readiness item", "/{id}/readiness-items",
                        Map.of("type", "COMPETENCE", "description", "Kursus", "owner", "Driften")),
                new Write("resolution", "/{id}/readiness-items/" + item + "/resolution", Map.of("note", "Klaret")),
                new Write("evaluation", "/{id}/evaluation",
                        Map.of("summary", "God", "benefitsExpected", "Mere", "benefitsRealised", "Mere")),
                new Write("complete", "/{id}/complete", Map.of()),
                new Write("lesson", "/{id}/lessons", Map.of("text", "Tal med driften")),
                new Write("market contact", "/{id}/market-contacts",
                        Map.of("organisation", "Leverandør A/S", "form", "MEETING", "summary", "Første møde")),
                new Write("benefit", "/{id}/benefits", Map.of("category", "CLIMATE", "description", "Mindre CO2")),
                new Write("benefit follow-up", "/{id}/benefits/" + item + "/follow-ups", Map.of("assessment", "ACHIEVED")),
                new Write("advice request", "/{id}/advice-requests", Map.of("topic", "LEGAL", "question", "Må vi?")),
                new Write("hold", "/{id}/hold", Map.of("reason", "Budget")),
                new Write("resume", "/{id}/resume", Map.of()),
                new Write("abandon", "/{id}/abandon", Map.of("reason", "Ingen leverandør")));
    }

    private String path(Write write) {
        return "/api/partnerships" + write.path().replace("{id}", id);
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private void refused(Http.Response answer, int status, String code, long eventsBefore) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(events()).as("nothing appended").isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void every_write_is_refused_to_whoever_may_not_make_it_and_appends_nothing(Write write) {
        long before = events();
        Http.Response anonymous = http.anonymous().post(path(write), write.body());
        refused(anonymous, 401, "authentication-required", before);
        assertThat(anonymous.raw().headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("Basic"))
                .anyMatch(h -> h.startsWith("Bearer"));
        refused(http.post(path(write), write.body(), "Authorization", Http.basic("lead", "wrong")), 401,
                "authentication-failed", before);
        refused(http.as("manager").post(path(write), write.body()), 403, "access-denied", before);
        refused(http.as("auditor").post(path(write), write.body()), 403, "access-denied", before);
        refused(http.as("admin").post(path(write), write.body()), 403, "access-denied", before);
        // The central unit's advisors read everything and answer advice requests; they record nothing else.
        refused(http.as("advisor").post(path(write), write.body()), 403, "access-denied", before);
        refused(http.as("lead-tmf").post(path(write), write.body()), 403, "department-not-permitted", before);
        // A header naming someone else changes nothing: the signed-in account is who acts.
        refused(http.as("lead-tmf").post(path(write), write.body(), "X-User", "lead"), 403, "department-not-permitted", before);
    }

    @Test
    void only_an_advisor_answers_an_advice_request_whatever_their_department() {
        long before = events();
        String answer = "/api/partnerships/" + id + "/advice-requests/" + UUID.randomUUID() + "/answer";
        Map<String, Object> body = Map.of("answer", "Ja");
        refused(http.anonymous().post(answer, body), 401, "authentication-required", before);
        for (String user : List.of("lead", "lead-tmf", "manager", "auditor", "admin")) {
            refused(http.as(user).post(answer, body), 403, "access-denied", before);
        }
        // Past the filters, the advisor meets the write side's rules like anyone else.
        refused(http.as("advisor").post(answer, body), 404, "advice-request-not-found", before);
    }

    @Test
    void reads_need_a_sign_in_of_any_role_and_health_does_not() {
        for (String path : List.of("/api/partnerships", "/api/partnerships/" + id, "/api/partnerships/" + id + "/history",
                "/api/dashboard/lifecycle", "/api/lessons", "/api/partnerships/" + id + "/verification",
                "/api/partnerships/" + id + "/history/export", "/api/exports/ocds", "/api/departments",
                "/api/partnerships/" + id + "/benefits", "/api/dashboard/benefits", "/api/advice-requests",
                "/api/partnerships/" + id + "/advice-requests", "/api/dashboard/advice")) {
            refused(http.anonymous().get(path), 401, "authentication-required", events());
            for (String user : List.of("lead", "lead-tmf", "manager", "auditor", "admin", "advisor")) {
                assertThat(http.as(user).get(path).status()).as(user + " " + path).isEqualTo(200);
            }
        }
        assertThat(http.anonymous().get("/actuator/health").status()).isEqualTo(200);
        // A browser is sent to the login form; a script may read pages with HTTP Basic.
        assertThat(http.anonymous().get("/dashboard", "Accept", "text/html").header("Location")).endsWith("/login");
        assertThat(http.anonymous().get("/dashboard", "Authorization", Http.basic("manager", "manager")).status()).isEqualTo(200);
        assertThat(http.anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        refused(http.as("manager").get("/actuator/metrics"), 403, "access-denied", events());
    }

    @Test
    void maintenance_is_for_administrators() {
        long before = events();
        refused(http.as("lead").post("/api/admin/projections/consistency-check", ""), 403, "access-denied", before);
        refused(http.as("auditor").post("/api/admin/projections/partnership-summaries/rebuild", ""), 403, "access-denied", before);
        refused(http.anonymous().get("/api/admin/projections"), 401, "authentication-required", before);
        refused(http.anonymous().send("DELETE", "/api/people/" + UUID.randomUUID(), new byte[0]), 401,
                "authentication-required", before);
        refused(http.as("manager").send("DELETE", "/api/people/" + UUID.randomUUID(), new byte[0]), 403, "access-denied", before);
        assertThat(http.as("admin").get("/api/admin/projections").status()).isEqualTo(200);
    }

    @Test
    void an_identity_providers_token_signs_in_with_the_roles_and_departments_it_carries() throws JOSEException {
        long before = events();
        String kari = token(IDENTITY_PROVIDER, Map.of("sub", "9f1c", "preferred_username", "kari@kk.dk",
                "name", "Kari Nordmann", "roles", List.of("PROJECT_LEAD", "SomeOtherAppRole"), "departments", List.of("SUF")));
        Http.Response moved = http.anonymous().post("/api/partnerships/" + id + "/lessons",
                Map.of("text", "Med token"), "Authorization", "Bearer " + kari);
        assertThat(moved.status()).as(moved.body()).isEqualTo(201);
        awaitAllProjected();
        var last = http.get("/api/partnerships/" + id + "/history").json();
        var entry = last.get(last.size() - 1);
        assertThat(entry.get("recordedBy").asString()).isEqualTo("kari@kk.dk");
        assertThat(entry.get("recordedByName").asString()).isEqualTo("Kari Nordmann");
        assertThat(entry.get("recordedAs").asString()).isEqualTo("PROJECT_LEAD");
        assertThat(events()).isEqualTo(before + 1);

        // The same person for another department's partnership, a reader's token, a forged and an expired one.
        String tmf = token(IDENTITY_PROVIDER, Map.of("sub", "9f1c", "roles", List.of("PROJECT_LEAD"), "departments", List.of("TMF")));
        refused(http.anonymous().post("/api/partnerships/" + id + "/lessons", Map.of("text", "x"), "Authorization", "Bearer " + tmf),
                403, "department-not-permitted", before + 1);
        String reader = token(IDENTITY_PROVIDER, Map.of("sub", "m1", "roles", "MANAGEMENT"));
        assertThat(http.anonymous().get("/api/partnerships/" + id, "Authorization", "Bearer " + reader).status()).isEqualTo(200);
        refused(http.anonymous().post("/api/partnerships/" + id + "/lessons", Map.of("text", "x"), "Authorization", "Bearer " + reader),
                403, "access-denied", before + 1);
        String forged = token(FORGER, Map.of("sub", "9f1c", "roles", List.of("PROJECT_LEAD"), "departments", List.of("SUF")));
        refused(http.anonymous().post("/api/partnerships/" + id + "/lessons", Map.of("text", "x"), "Authorization", "Bearer " + forged),
                401, "authentication-failed", before + 1);
        Map<String, Object> expiredClaims = new LinkedHashMap<>(Map.of("sub", "9f1c", "roles", List.of("PROJECT_LEAD"),
                "departments", List.of("SUF")));
        expiredClaims.put("exp", Date.from(Instant.now().minusSeconds(3600)));
        refused(http.anonymous().post("/api/partnerships/" + id + "/lessons", Map.of("text", "x"),
                "Authorization", "Bearer " + token(IDENTITY_PROVIDER, expiredClaims)), 401, "authentication-failed", before + 1);
        refused(http.anonymous().get("/api/partnerships", "Authorization", "Bearer not-a-token"), 401,
                "authentication-failed", before + 1);
    }

    @Test
    void the_pages_own_tokens_cannot_be_made_without_the_secret() throws JOSEException {
        long before = events();
        // Claims exactly as the pages issue them, signed with a guessed secret.
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("urn:partnerships:pages").subject("lead")
                .claim("roles", List.of("PROJECT_LEAD")).claim("departments", List.of("SUF"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
        SignedJWT guessed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        guessed.sign(new MACSigner("a-guessed-secret-of-at-least-32-bytes!!"));
        refused(http.anonymous().post("/api/partnerships/" + id + "/lessons", Map.of("text", "x"),
                "Authorization", "Bearer " + guessed.serialize()), 401, "authentication-failed", before);
    }

    @Test
    void a_form_without_the_sessions_csrf_token_is_refused() {
        long before = events();
        Http.Response forged = http.postForm("/partnerships/" + id, Map.of("_csrf", "forged", "action", "lesson",
                "text", "Fra en fremmed side", "requestKey", UUID.randomUUID().toString()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(events()).isEqualTo(before);
        Http.Response notSignedIn = http.anonymous().postForm("/partnerships/" + id, Map.of("action", "lesson", "text", "x"));
        assertThat(notSignedIn.status()).isIn(302, 403);
        assertThat(events()).isEqualTo(before);
        // A manager signed in to the pages cannot post a form either.
        Http.Response manager = http.as("manager").postForm("/partnerships/" + id, Map.of("action", "lesson", "text", "x",
                "requestKey", UUID.randomUUID().toString()));
        assertThat(manager.status()).isEqualTo(403);
        assertThat(events()).isEqualTo(before);
    }

    private static String token(KeyPair key, Map<String, Object> claims) throws JOSEException {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    /**
     * The security rules send any method they do not name to Spring MVC (to be answered 405 with Allow), so a write
     * endpoint added without its own rule would be open to every role. This walks every mapping the product has:
     * each API endpoint that is not a read refuses the read-only roles before anything else happens.
     */
    @Test
    void no_read_only_role_reaches_any_write_endpoint_the_product_has() {
        List<String> writes = new java.util.ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> mapping.getMethodsCondition().getMethods().stream()
                        .filter(method -> method != org.springframework.web.bind.annotation.RequestMethod.GET)
                        .forEach(method -> writes.add(method + " " + pattern))));
        assertThat(writes).hasSizeGreaterThan(12).anyMatch(write -> write.startsWith("POST /api/partnerships/{id}/"));
        long before = events();
        for (String write : writes) {
            String method = write.substring(0, write.indexOf(' '));
            String path = write.substring(write.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (String role : List.of("manager", "auditor")) {
                Http.Response answer = http.as(role).send(method, path, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "Content-Type", "application/json");
                assertThat(answer.status()).as(role + " " + write).isEqualTo(403);
                assertThat(answer.code()).as(role + " " + write).isEqualTo("access-denied");
            }
        }
        assertThat(events()).isEqualTo(before);
    }
}
