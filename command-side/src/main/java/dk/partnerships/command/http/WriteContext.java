package dk.partnerships.command.http;

import dk.partnerships.security.Author;
import dk.partnerships.security.Role;
import jakarta.servlet.http.HttpServletRequest;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who sends a write and under which request: the signed-in author (never a header), and the request's headers,
 * read once, checked, then carried into the command's metadata.
 *
 * @param author          the signed-in user, as Spring Security verified them
 * @param correlationId   {@code X-Correlation-Id} when given, else a new id
 * @param expectedVersion the version from {@code If-Match}, or {@code null}
 * @param idempotencyKey  the {@code Idempotency-Key}, or {@code null}
 * @param role            the role the author writes in: a project lead's, or an advisor's for an answer
 */
record WriteContext(Author author, String correlationId, Long expectedVersion, String idempotencyKey, Role role) {

    /** Printable ASCII without quotes or spaces: safe in logs, metadata and headers. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x7E]{1,100}");
    private static final Pattern ETAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");

    static WriteContext from(HttpServletRequest request) {
        // The security filters let only signed-in project leads (and advisors, to answer) reach a write; no author here is a wiring fault.
        Author author = Author.current().orElseThrow(() -> new IllegalStateException("A write reached the controller unsigned"));
        String correlationId = header(request, "X-Correlation-Id", UUID.randomUUID().toString());
        String key = header(request, "Idempotency-Key", null);
        return new WriteContext(author, correlationId, expectedVersion(request.getHeader("If-Match")), key,
                Role.PROJECT_LEAD);
    }

    /** The same request, written in another role (the security filters checked the author holds it). */
    WriteContext actingAs(Role other) {
        return new WriteContext(author, correlationId, expectedVersion, idempotencyKey, other);
    }

    private static String header(HttpServletRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        value = value.strip();
        if (!TOKEN.matcher(value).matches()) {
            throw new InvalidHeaderException(name, "invalid-header.token");
        }
        return value;
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        var matcher = ETAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new InvalidHeaderException("If-Match", "invalid-header.if-match");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** The command id: the idempotency key when given, so a retried command keeps its id. */
    String commandId() {
        return idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    }

    static final class InvalidHeaderException extends RuntimeException {
        private final String header;
        private final String detailKey;

        InvalidHeaderException(String header, String detailKey) {
            super("Invalid header " + header);
            this.header = header;
            this.detailKey = detailKey;
        }

        String header() {
            return header;
        }

        /** Which text of {@code invalid-header} says what the header must be. */
        String detailKey() {
            return detailKey;
        }
    }
}
