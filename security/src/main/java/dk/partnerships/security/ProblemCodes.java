package dk.partnerships.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import java.util.Locale;

/** The code of a refusal that has no more specific one: its status's name, e.g. {@code unsupported-media-type}. */
public final class ProblemCodes {

    private ProblemCodes() {
    }

    public static String of(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
