package dk.partnerships.standalone;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract test: every API request a test sends and every answer it gets are checked against the OpenAPI
 * document the product under test serves ({@code /v3/api-docs}), with Atlassian's swagger-request-validator. An
 * answer the document does not describe (a status, a content type, a body of another shape) fails the test that
 * met it; so does a request the product accepted (2xx) that the document calls invalid. Requests the product
 * refused are not held to the document: the tests send them on purpose.
 */
final class ApiContract {

    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private ApiContract() {
    }

    static void check(String base, HttpRequest request, String requestBody, HttpResponse<String> response) {
        String path = request.uri().getRawPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        boolean accepted = response.statusCode() < 300;
        if (java.util.Arrays.stream(Request.Method.values()).noneMatch(method -> method.name().equals(request.method()))) {
            return; // a method no OpenAPI document can name
        }
        // A refused request is not checked itself (the tests send hostile ones on purpose, and checking a 300 KB body
        // against the document's patterns costs seconds); its answer is.
        ValidationReport report = accepted
                ? validator(base).validate(request(request, requestBody), response(response))
                : validator(base).validateResponse(path, Request.Method.valueOf(request.method()), response(response));
        List<ValidationReport.Message> broken = report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                // An address or a method the API does not have: nothing in the document to hold the answer to.
                .filter(message -> !message.getKey().endsWith(".path.missing")
                        && !message.getKey().endsWith(".operation.notAllowed"))
                .toList();
        if (!broken.isEmpty()) {
            throw new AssertionError("The API left its published contract (/v3/api-docs) at " + request.method() + " "
                    + request.uri() + " -> " + response.statusCode() + ":\n" + broken.stream()
                    .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                    .collect(Collectors.joining("\n")) + "\nAnswer: " + abbreviated(response.body()));
        }
    }

    private static OpenApiInteractionValidator validator(String base) {
        return VALIDATORS.computeIfAbsent(base, url -> OpenApiInteractionValidator
                .createForSpecificationUrl(url + "/v3/api-docs").build());
    }

    private static Request request(HttpRequest request, String body) {
        URI uri = request.uri();
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                builder.withQueryParam(name, value);
            }
        }
        request.headers().map().forEach(builder::withHeader);
        if (body != null && !body.isEmpty()) {
            // JSON readers may ignore a byte-order mark (RFC 8259, 8.1) and the product does; the validator's parser
            // does not, so the body is checked without it.
            builder.withBody(body.startsWith("\uFEFF") ? body.substring(1) : body);
        }
        return builder.build();
    }

    private static com.atlassian.oai.validator.model.Response response(HttpResponse<String> response) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach(builder::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
