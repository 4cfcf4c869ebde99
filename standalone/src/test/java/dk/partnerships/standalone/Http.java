package dk.partnerships.standalone;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the tests: real requests over a socket, as any client of the product sends them, signed in
 * as one of the standalone product's demo accounts (password = user name; README, "Sign-in and roles").
 * <p>
 * API requests carry HTTP Basic, as a script would. Pages are reached as a browser does: the first page request
 * signs in through the login form (session cookie), and every form posted carries the session's CSRF token.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private final String base;
    private final String user;
    private String csrfToken;

    /** Signed in as {@code lead}, a project lead of every department. */
    Http(int port) {
        this(port, "lead");
    }

    /** Signed in as {@code user} (one of the demo accounts), or anonymous when {@code null}. */
    Http(int port, String user) {
        this.port = port;
        this.base = "http://localhost:" + port;
        this.user = user;
    }

    /** Another client on the same product, signed in as {@code user}. */
    Http as(String user) {
        return new Http(port, user);
    }

    Http anonymous() {
        return new Http(port, null);
    }

    record Response(int status, String body, HttpResponse<String> raw) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        String code() {
            return json().path("code").asString();
        }
    }

    /** An answer read as bytes (a file download). */
    record Binary(int status, byte[] bytes, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Binary getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, user));
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Binary(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String... headers) {
        return send(path, HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    /** A browser's form submission (application/x-www-form-urlencoded) with the session's CSRF token; redirects are not followed. */
    Response postForm(String path, Map<String, String> fields, String... headers) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (user != null && !withToken.containsKey("_csrf")) {
            signedInPages();
            withToken.put("_csrf", csrfToken);
        }
        return send(path, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(withToken))), headers);
    }

    Response post(String path, String body, String... headers) {
        return send(path, body, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    Response post(String path, Map<String, ?> body, String... headers) {
        return post(path, JSON.writeValueAsString(body), headers);
    }

    /** Any method with any body bytes (for malformed requests). */
    Response send(String method, String path, byte[] body, String... headers) {
        return send(path, new String(body, StandardCharsets.UTF_8), HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    private Response send(String path, HttpRequest.Builder request, String... headers) {
        return send(path, null, request, headers);
    }

    private Response send(String path, String body, HttpRequest.Builder request, String... headers) {
        boolean authorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            authorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (user != null && !authorization) {
            if (isApi(path)) {
                request.header("Authorization", basic(user, user));
            } else {
                signedInPages();
            }
        }
        return exchange(request, body);
    }

    static boolean isApi(String path) {
        return path.startsWith("/api") || path.startsWith("/actuator") || path.startsWith("/v3/");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs in through the login form once, as a browser does, and keeps the session's CSRF token. */
    private void signedInPages() {
        if (csrfToken != null) {
            return;
        }
        Response login = exchange(HttpRequest.newBuilder(URI.create(base + "/login")).GET());
        Response signedIn = exchange(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", user,
                        "_csrf", csrf(login.body()))))));
        if (signedIn.status() != 302 || String.valueOf(signedIn.header("Location")).contains("error")) {
            throw new IllegalStateException("Sign-in as " + user + " failed: " + signedIn.status() + " " + signedIn.header("Location"));
        }
        // Signing in issues a new CSRF token; every signed-in page carries it in its sign-out form.
        csrfToken = csrf(exchange(HttpRequest.newBuilder(URI.create(base + "/login")).GET()).body());
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return matcher.group(1);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Response exchange(HttpRequest.Builder request) {
        return exchange(request, null);
    }

    /** Every API exchange is also held to the published contract ({@link ApiContract}). */
    private Response exchange(HttpRequest.Builder request, String body) {
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = client.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(base, sent, body, response);
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
