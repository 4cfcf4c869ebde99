package dk.partnerships.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in for the pages, configured by properties only, against an identity provider played by a
 * small HTTP server in this test (token and key endpoints, an RS256-signed ID token): the login page offers it, the
 * authorization-code flow signs the person in with the roles and departments of their ID token, and what they
 * record from the pages carries their identity.
 */
class OpenIdConnectSignInTest extends StandaloneHttpTest {

    private static final KeyPair KEY = TestKeys.rsa();
    private static final HttpServer IDENTITY_PROVIDER = identityProvider();
    private static final String ISSUER = "http://localhost:" + IDENTITY_PROVIDER.getAddress().getPort();
    /** The nonce of the authorization request under way; the provider puts it into the ID token it issues. */
    private static volatile String nonce;

    @DynamicPropertySource
    static void openIdConnect(DynamicPropertyRegistry registry) {
        String registration = "spring.security.oauth2.client.registration.test-idp.";
        String provider = "spring.security.oauth2.client.provider.test-idp.";
        registry.add(registration + "client-id", () -> "partnerships");
        registry.add(registration + "client-secret", () -> "secret");
        registry.add(registration + "client-name", () -> "Kommunens IdP");
        registry.add(registration + "scope", () -> "openid,profile");
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(provider + "authorization-uri", () -> ISSUER + "/authorize");
        registry.add(provider + "token-uri", () -> ISSUER + "/token");
        registry.add(provider + "jwk-set-uri", () -> ISSUER + "/jwks");
        registry.add(provider + "user-name-attribute", () -> "preferred_username");
    }

    @AfterAll
    static void stopIdentityProvider() {
        IDENTITY_PROVIDER.stop(0);
    }

    @Test
    void a_person_signs_in_with_the_identity_provider_and_records_under_their_own_name() {
        String id = http.post("/api/partnerships", proposal("Borgerrådgivning med chatbot", "OPI", "SUF", "2024-02-01"))
                .json().get("id").asString();
        awaitAllProjected();
        Http browser = http.anonymous();

        // The login page offers the configured provider beside the local accounts.
        assertThat(browser.get("/dashboard", "Accept", "text/html").header("Location")).endsWith("/login");
        String login = browser.get("/login").body();
        assertThat(login).contains("Log ind med Kommunens IdP").contains("/oauth2/authorization/test-idp");

        // The authorization request goes to the provider with our client id, a state and a nonce ...
        String authorize = browser.get("/oauth2/authorization/test-idp").header("Location");
        assertThat(authorize).startsWith(ISSUER + "/authorize");
        Map<String, List<String>> parameters = UriComponentsBuilder.fromUriString(authorize).build(true).getQueryParams();
        assertThat(parameters.get("client_id")).containsExactly("partnerships");
        assertThat(parameters.get("response_type")).containsExactly("code");
        nonce = parameters.get("nonce").get(0);
        String state = parameters.get("state").get(0);

        // ... which signs the person in and sends the browser back with a code; the product redeems it.
        Http.Response callback = browser.get("/login/oauth2/code/test-idp?code=" + UUID.randomUUID() + "&state=" + state);
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.header("Location")).doesNotContain("error");
        String page = browser.get("/partnerships/" + id).body();
        assertThat(page).contains("id=\"signed-in-as\">Kari Nordmann<").contains("id=\"form-lesson\"");

        // A lesson from the page is recorded with the identity the provider vouched for.
        Http.Response recorded = browser.postForm("/partnerships/" + id, Map.of("_csrf", csrf(page), "action", "lesson",
                "text", "Chatbotten skal kunne sige 'det ved jeg ikke'", "requestKey", UUID.randomUUID().toString(),
                "version", "1", "effectiveDate", "2024-03-01"));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);
        String metadata = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND sequence_number = 1""").param("id", id).query(String.class).single();
        assertThat(metadata).contains("\"userId\":\"kari@kk.dk\"").contains("\"userName\":\"Kari Nordmann\"")
                .contains("\"userRole\":\"PROJECT_LEAD\"");

        // Her ID token names SUF only: a TMF partnership's page offers her no forms.
        String tmf = http.post("/api/partnerships", proposal("Trafikdata", "OPI", "TMF", "2024-02-01")).json().get("id").asString();
        awaitAllProjected();
        assertThat(browser.get("/partnerships/" + tmf).body()).contains("id=\"read-only\"").doesNotContain("id=\"form-lesson\"");
    }

    private static String csrf(String page) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static HttpServer identityProvider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/jwks", exchange -> respond(exchange, new JWKSet(new RSAKey.Builder((RSAPublicKey) KEY.getPublic())
                    .keyID("test-key").build()).toString()));
            server.createContext("/token", exchange -> {
                exchange.getRequestBody().readAllBytes();
                try {
                    respond(exchange, "{\"access_token\":\"" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":300,\"scope\":\"openid profile\",\"id_token\":\"" + idToken() + "\"}");
                } catch (JOSEException e) {
                    throw new IOException(e);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idToken() throws JOSEException {
        String issuer = "http://localhost:" + IDENTITY_PROVIDER.getAddress().getPort();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("0b7e-kari").audience("partnerships")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("nonce", nonce).claim("preferred_username", "kari@kk.dk").claim("name", "Kari Nordmann")
                .claim("roles", List.of("PROJECT_LEAD")).claim("departments", List.of("SUF")).build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), claims);
        token.sign(new RSASSASigner(KEY.getPrivate()));
        return token.serialize();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
