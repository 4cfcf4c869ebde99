package dk.partnerships.query.web;

import dk.partnerships.security.Author;
import dk.partnerships.security.ProductTokens;
import org.springframework.core.env.Environment;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() {
    };

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
     * The answer to a write: {@code ok} with the body, or the problem+json the command side refused it with.
     *
     * @param status  the HTTP status
     * @param body    the JSON body (the problem on a refusal)
     * @param local   refused by the page itself before asking (its messages are already in the page's language)
     */
    public record Answer(int status, Map<String, Object> body, boolean local) {

        public Answer(int status, Map<String, Object> body) {
            this(status, body, false);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String code() {
            Object code = body.get("code");
            return code == null ? "unavailable" : code.toString();
        }

        public String detail() {
            Object detail = body.get("detail");
            return detail == null ? "" : detail.toString();
        }

        /** The field errors of a {@code validation-failed} problem: field → message. */
        @SuppressWarnings("unchecked")
        public Map<String, String> fieldErrors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (body.get("errors") instanceof List<?> list) {
                for (Object error : list) {
                    if (error instanceof Map<?, ?> map && map.get("field") != null) {
                        errors.putIfAbsent(map.get("field").toString(), String.valueOf(map.get("message")));
                    }
                }
            }
            Object field = body.get("field");
            if (field != null) {
                errors.putIfAbsent(field.toString(), detail());
            }
            return errors;
        }

        public long version() {
            Object version = body.get("version");
            return version instanceof Number number ? number.longValue() : 0;
        }
    }

    /**
     * Sends one write.
     *
     * @param ifMatch        the version the form was shown at; a change by someone else meanwhile answers 412
     * @param idempotencyKey one per rendered form, so a double submit appends once
     */
    public Answer post(String path, Map<String, Object> body, Long ifMatch, String idempotencyKey, Author author) {
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

    /** The persons among {@code ids} the command side knows: {@code id}, {@code name} (null when erased), {@code erased}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> people(List<String> ids, Author reader) {
        StringBuilder query = new StringBuilder();
        for (String id : ids) {
            query.append(query.isEmpty() ? "?" : "&").append("id=").append(java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/people" + query))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.issue(reader)).GET().build());
        if (answer.ok() && answer.body().get("people") instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return List.of();
    }

    /** The departments the command side accepts on proposals: code → name. */
    public Map<String, String> departments(Author author) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/departments"))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.issue(author)).GET().build());
        Map<String, String> departments = new LinkedHashMap<>();
        if (answer.ok() && answer.body().get("departments") instanceof List<?> list) {
            for (Object department : list) {
                if (department instanceof Map<?, ?> map && !Boolean.FALSE.equals(map.get("active"))) {
                    departments.put(String.valueOf(map.get("code")), String.valueOf(map.get("name")));
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
            Map<String, Object> body = text == null || text.isBlank() ? new LinkedHashMap<>()
                    : text.startsWith("[") ? Map.of("items", json.readValue(text, OBJECTS)) : json.readValue(text, OBJECT);
            return new Answer(response.statusCode(), body);
        } catch (IOException | RuntimeException e) {
            return unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private static Answer unavailable(String why) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("code", "command-side-unavailable");
        problem.put("detail", "The command side could not be reached: " + why);
        return new Answer(503, problem);
    }

    private String baseUrl() {
        if (!configuredUrl.isEmpty()) {
            return configuredUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
