package dk.partnerships.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Locale;

/**
 * The one form of every refusal, on both sides: RFC 9457 problem+json with a stable {@code code}, its title and
 * detail in the request's language ({@link ProblemTexts}).
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:partnerships:problem:";

    private Problems() {
    }

    /** A problem with its code; {@code type} is {@code urn:partnerships:problem:<code>}, the detail the code's own. */
    public static ProblemDetail problem(HttpStatusCode status, String code, Object... arguments) {
        return problemWithDetail(status, code, code, arguments);
    }

    /** A problem whose detail is one of several texts of its code ({@code detailKey}, e.g. {@code invalid-parameter.type}). */
    public static ProblemDetail problemWithDetail(HttpStatusCode status, String code, String detailKey, Object... arguments) {
        Locale language = ProblemTexts.currentLanguage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ProblemTexts.detail(detailKey, language, arguments));
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(ProblemTexts.title(code, language));
        problem.setProperty("code", code);
        return problem;
    }

    /** The same, as a controller's answer. */
    public static ResponseEntity<ProblemDetail> answer(HttpStatus status, String code, Object... arguments) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, code, arguments));
    }

    /**
     * Whether a failure means the database cannot be reached (down, restarting, no connection to be had): the
     * request may succeed in a moment, so it is answered 503, not 500.
     */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exceptions; the server shutting down or starting
            }
        }
        return false;
    }

    /** The code of a refusal that has no more specific one: its status's name, e.g. {@code unsupported-media-type}. */
    public static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
