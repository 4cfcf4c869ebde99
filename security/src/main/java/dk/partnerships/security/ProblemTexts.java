package dk.partnerships.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of every refusal, in Danish (the default) and English: {@code problems.properties} next to this class
 * holds the Danish texts, {@code problems_en.properties} the English ones, keyed {@code <code>.title} and
 * {@code <detail key>.detail}. The API's language is the request's {@code Accept-Language}, never the server's.
 */
public final class ProblemTexts {

    public static final Locale DANISH = Locale.forLanguageTag("da");
    public static final List<Locale> LANGUAGES = List.of(DANISH, Locale.ENGLISH);

    private static final String BUNDLE = "dk.partnerships.security.problems";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemTexts() {
    }

    /** Danish or English, by {@code Accept-Language}; Danish when the header is absent, unreadable or asks for neither. */
    public static Locale language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DANISH;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return chosen == null ? DANISH : chosen;
        } catch (IllegalArgumentException unreadable) {
            return DANISH;
        }
    }

    /** The language of the request being answered on this thread (Danish outside a request). */
    public static Locale currentLanguage() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return language(attributes.getRequest());
        }
        return DANISH;
    }

    public static Locale language(HttpServletRequest request) {
        return language(request.getHeader("Accept-Language"));
    }

    public static String title(String code, Locale language) {
        return text(code + ".title", language).replace("''", "'");
    }

    /**
     * The detail under {@code key}, its {@code {0}}, {@code {1}}, ... filled with {@code arguments}. Numbers are
     * written as they are (a version, a byte count), never with a thousands separator a client might copy.
     */
    public static String detail(String key, Locale language, Object... arguments) {
        String pattern = text(key + ".detail", language);
        if (arguments.length == 0) {
            return pattern.replace("''", "'");
        }
        Object[] written = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            written[i] = arguments[i] instanceof Number number ? number.toString() : arguments[i];
        }
        return new MessageFormat(pattern, language).format(written);
    }

    /** Whether the code's own detail names nothing, so it can answer for a status without knowing more. */
    public static boolean knowsWithoutArguments(String code) {
        return knows(code) && bundle(DANISH).containsKey(code + ".detail")
                && !bundle(DANISH).getString(code + ".detail").contains("{")
                && !bundle(Locale.ENGLISH).getString(code + ".detail").contains("{");
    }

    public static boolean knows(String code) {
        return bundle(DANISH).containsKey(code + ".title");
    }

    /** Every code a refusal can carry, for the API document. */
    public static Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        for (String key : Collections.list(bundle(DANISH).getKeys())) {
            if (key.endsWith(".title")) {
                codes.add(key.substring(0, key.length() - ".title".length()));
            }
        }
        return codes;
    }

    private static String text(String key, Locale language) {
        try {
            return bundle(language).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("No text " + key + " in " + BUNDLE + " for " + language, e);
        }
    }

    private static ResourceBundle bundle(Locale language) {
        // The base bundle is Danish; only English has its own file. No fallback to the machine's locale.
        return ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH.getLanguage().equals(language.getLanguage())
                ? Locale.ENGLISH : Locale.ROOT, NO_FALLBACK);
    }
}
