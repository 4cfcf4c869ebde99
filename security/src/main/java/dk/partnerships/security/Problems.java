package dk.partnerships.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Locale;

/** The one form of every refusal, on both sides: RFC 9457 problem+json with a stable {@code code}. */
public final class Problems {

    private Problems() {
    }

    /** A problem with its code; {@code type} is {@code urn:partnerships:problem:<code>}. */
    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:partnerships:problem:" + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    /** The same, as a controller's answer. */
    public static ResponseEntity<ProblemDetail> answer(HttpStatus status, String code, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, code, title, detail));
    }

    /** The code of a refusal that has no more specific one: its status's name, e.g. {@code unsupported-media-type}. */
    public static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
