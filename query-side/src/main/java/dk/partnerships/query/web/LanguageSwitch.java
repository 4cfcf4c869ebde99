package dk.partnerships.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/**
 * {@code ?lang=da} or {@code ?lang=en} on any page switches the language and remembers it. Anything else is ignored
 * (Spring's own interceptor would fail the request on a malformed locale).
 */
class LanguageSwitch implements HandlerInterceptor {

    private final LocaleResolver localeResolver;

    LanguageSwitch(LocaleResolver localeResolver) {
        this.localeResolver = localeResolver;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String lang = request.getParameter("lang");
        if ("da".equals(lang) || "en".equals(lang)) {
            localeResolver.setLocale(request, response, Locale.forLanguageTag(lang));
        }
        return true;
    }
}
