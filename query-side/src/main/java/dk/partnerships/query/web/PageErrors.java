package dk.partnerships.query.web;

import dk.partnerships.query.ReadProblems;
import dk.partnerships.security.Author;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;

/**
 * Errors a person meets in the browser, inside the pages' layout and in the page's language: an unknown partnership
 * or address (404), a page their role may not open (403), a fault of ours (500), the write side out of reach (503).
 * The API keeps answering problem+json: only a browser's request for a page (not under {@code /api}, {@code
 * /actuator}, {@code /v3}, asking for HTML) gets a page.
 */
final class PageErrors {

    private static final List<String> API_PATHS = List.of("/api/", "/actuator", "/v3/");

    private PageErrors() {
    }

    /** The error page's model: its status and what the layout needs. */
    static ModelAndView page(HttpServletRequest request, HttpStatusCode status, PageModel layout) {
        int code = status.value();
        ModelAndView page = new ModelAndView("error/page");
        page.addObject("status", code);
        page.addObject("kind", code == 404 || code == 403 || code == 503 ? Integer.toString(code) : code >= 500 ? "500" : "400");
        page.addObject("me", Author.current().orElse(null));
        page.addObject("lang", layout.lang());
        page.addObject("fmt", layout.fmt());
        page.addObject("switchLanguage", layout.switchLanguage(request));
        page.setStatus(HttpStatus.valueOf(code));
        return page;
    }

    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (API_PATHS.stream().anyMatch(path::startsWith) || path.equals("/api")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML)
                    && !type.isWildcardType());
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** What the page controllers refuse or fail with, as a page. Before the read API's problem+json advice. */
    @ControllerAdvice(annotations = PageController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class FromPages {

        private final PageModel layout;

        FromPages(PageModel layout) {
            this.layout = layout;
        }

        @ExceptionHandler(ReadProblems.Refusal.class)
        ModelAndView refused(ReadProblems.Refusal refusal, HttpServletRequest request) {
            return page(request, refusal.status(), layout);
        }

        /** A status the page chose (404 for an id that cannot exist) or Spring's own refusals (all ErrorResponses). */
        @ExceptionHandler({org.springframework.web.server.ResponseStatusException.class,
                org.springframework.web.HttpRequestMethodNotSupportedException.class,
                org.springframework.web.bind.MissingServletRequestParameterException.class,
                org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class})
        ModelAndView statusOf(Exception error, HttpServletRequest request) {
            return page(request, error instanceof ErrorResponse response ? response.getStatusCode() : HttpStatus.BAD_REQUEST,
                    layout);
        }
    }

    /**
     * An address no controller serves: a page for a browser, the usual problem+json for everyone else. Before the
     * shared fallback advice (order -1), which it hands everything else to.
     */
    @ControllerAdvice
    @Order(-2)
    static class UnknownAddress {

        private final PageModel layout;
        private final org.springframework.web.servlet.LocaleResolver languages;
        private final dk.partnerships.security.CodedProblemHandler problems = new dk.partnerships.security.CodedProblemHandler() {
        };

        UnknownAddress(PageModel layout, org.springframework.web.servlet.LocaleResolver languages) {
            this.layout = layout;
            this.languages = languages;
        }

        @ExceptionHandler({NoResourceFoundException.class, org.springframework.web.servlet.NoHandlerFoundException.class})
        Object notFound(Exception e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws Exception {
            if (wantsPage(request)) {
                // No handler, so no interceptor switched the language: ?lang= is honoured here.
                String lang = request.getParameter("lang");
                if ("da".equals(lang) || "en".equals(lang)) {
                    languages.setLocale(request, response, java.util.Locale.forLanguageTag(lang));
                    org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.forLanguageTag(lang));
                }
                return page(request, HttpStatus.NOT_FOUND, layout);
            }
            return problems.handleException(e, new ServletWebRequest(request));
        }
    }

    /** What reaches the servlet container's error dispatch (403 from the security filters, uncaught faults). */
    static class InLayout implements ErrorViewResolver {

        private final PageModel layout;

        InLayout(PageModel layout) {
            this.layout = layout;
        }

        @Override
        public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
            return page(request, status, layout);
        }
    }
}
