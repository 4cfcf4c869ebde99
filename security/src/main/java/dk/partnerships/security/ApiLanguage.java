package dk.partnerships.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * The language of every answer. The API (and the actuator and the API document) speaks the request's
 * {@code Accept-Language}, Danish or English, Danish by default, so that a refusal's title, detail and field
 * messages never mix; the pages speak the language chosen on them (a cookie), Danish by default, whatever the
 * browser or the server's locale says.
 */
public class ApiLanguage extends CookieLocaleResolver {

    public ApiLanguage() {
        super("partnerships-lang");
        setDefaultLocale(ProblemTexts.DANISH);
        setCookieMaxAge(Duration.ofDays(365));
    }

    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.startsWith("/api/") || uri.equals("/api") || uri.startsWith("/actuator")
                || uri.startsWith("/v3/"));
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return isApi(request) ? ProblemTexts.language(request) : super.resolveLocale(request);
    }

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        return isApi(request) ? new SimpleLocaleContext(ProblemTexts.language(request)) : super.resolveLocaleContext(request);
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext localeContext) {
        if (!isApi(request)) {
            super.setLocaleContext(request, response, localeContext);
        }
    }
}
