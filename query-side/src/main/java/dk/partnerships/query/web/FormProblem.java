package dk.partnerships.query.web;

import java.util.Map;

/**
 * A refused form as its page shows it: the refusal's stable {@code code}, a {@code message} in the page's language,
 * and per field what is wrong with it in words.
 */
public record FormProblem(String code, String message, Map<String, String> fields) {
}
