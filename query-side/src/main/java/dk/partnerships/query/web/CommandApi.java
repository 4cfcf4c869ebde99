package dk.partnerships.query.web;

import dk.partnerships.security.Author;
import dk.partnerships.security.ProductTokens;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages' client of the command side's public write API. Standalone, the command side is this very process
 * (no URL configured: {@code http://localhost:<our port>}); deployed, {@code partnerships.web.command-side-url}.
 */
public class CommandApi {

    private final String configuredUrl;
    private final Environment environment;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ProductTokens tokens;

    CommandApi(String configuredUrl, Environment environment, JsonMapper json, ProductTokens tokens) {
        this.tokens = tokens;
        this.configuredUrl = configuredUrl == null ? "" : configuredUrl.replaceAll("/+$", "");
        this.environment = environment;
        this.json = json;
    }

    /**
     * The answer to a write or a read: {@code ok} with the body, or the problem+json the command side refused it with.
     *
     * @param status the HTTP status
     * @param body   the JSON body (the problem on a refusal; an empty object when there was none)
     */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String code() {
            return body.path("code").asString("unavailable");
        }

        public String detail() {
            return body.path("detail").asString("");
        }

        /** The field errors of a {@code validation-failed} problem: field → message. */
        public Map<String, String> fieldErrors() {
            Map<String, String> errors = new LinkedHashMap<>();
            for (JsonNode error : body.path("errors").values()) {
                if (error.hasNonNull("field")) {
                    errors.putIfAbsent(error.get("field").asString(), error.path("message").asString(""));
                }
            }
            if (body.hasNonNull("field")) {
                errors.putIfAbsent(body.get("field").asString(), detail());
            }
            return errors;
        }

        public long version() {
            return body.path("version").asLong(0);
        }
    }

    /** A person as the command side names them: {@code name} null once erased. */
    public record Person(String id, String name, boolean erased) {
    }

    /**
     * Sends one write.
     *
     * @param ifMatch        the version the form was shown at; a change by someone else meanwhile answers 412
     * @param idempotencyKey one per rendered form, so a double submit appends once
     */
    public Answer post(String path, JsonNode body, Long ifMatch, String idempotencyKey, Author author) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                // A refusal the page shows as the command side worded it comes in the page's language.
                .header("Accept-Language", org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        if (idempotencyKey != null && idempotencyKey.matches("[A-Za-z0-9-]{8,64}")) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        // The signed-in person, in a token only the two sides can sign (see ProductTokens).
        request.header("Authorization", "Bearer " + tokens.issue(author));
        return send(request.build());
    }

    /** The persons among {@code ids} the command side knows; none when it cannot answer. */
    public List<Person> people(List<String> ids, Author reader) {
        StringBuilder query = new StringBuilder();
        for (String id : ids) {
            query.append(query.isEmpty() ? "?" : "&").append("id=").append(java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/people" + query))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.issue(reader)).GET().build());
        if (!answer.ok()) {
            return List.of();
        }
        return answer.body().path("people").values().stream()
                .map(person -> new Person(person.path("id").asString(), person.hasNonNull("name") ? person.get("name").asString() : null,
                        person.path("erased").asBoolean(false)))
                .toList();
    }

    /** The departments the command side accepts on proposals: code → name. */
    public Map<String, String> departments(Author author) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/departments"))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.issue(author)).GET().build());
        Map<String, String> departments = new LinkedHashMap<>();
        if (answer.ok()) {
            for (JsonNode department : answer.body().path("departments").values()) {
                if (department.path("active").asBoolean(true)) {
                    departments.put(department.path("code").asString(), department.path("name").asString());
                }
            }
        }
        return departments;
    }

    /** A read of the command side's JSON API on behalf of the signed-in person (e.g. a chain's verification). */
    public Answer get(String path, Author reader) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofMinutes(10))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + tokens.issue(reader)).GET().build());
    }

    /**
     * A file from the command side, as it sent it.
     *
     * @param contentType its media type
     * @param disposition its {@code Content-Disposition} (the file name), or null
     */
    public record Download(int status, String contentType, String disposition, byte[] body) {
    }

    /** A file of the command side's API (e.g. a history export) fetched for the signed-in person. */
    public Download download(String path, Author reader) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + tokens.issue(reader)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                    response.headers().firstValue("Content-Disposition").orElse(null), response.body());
        } catch (IOException e) {
            return new Download(503, "text/plain", null, new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Download(503, "text/plain", null, new byte[0]);
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
            return new Answer(response.statusCode(), body);
        } catch (IOException | RuntimeException e) {
            return unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private static Answer unavailable(String why) {
        return new Answer(503, JsonNodeFactory.instance.objectNode().put("code", "command-side-unavailable")
                .put("detail", "The command side could not be reached: " + why));
    }

    private String baseUrl() {
        if (!configuredUrl.isEmpty()) {
            return configuredUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
