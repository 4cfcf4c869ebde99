package dk.partnerships.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Requests refused before anything reads them, as problem+json on API paths: {@code TRACE} (405; the container
 * would answer it with its own error page), and a query string Tomcat cannot read (a parameter without a name,
 * {@code ?=x}: 400, before a handler mapping trips over it and the request ends as a logged server error).
 */
class RequestLineCheck extends OncePerRequestFilter {

    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    private static final Logger log = LoggerFactory.getLogger(RequestLineCheck.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equals(request.getMethod())) {
            response.setHeader("Allow", ALLOWED_METHODS);
            if (ApiLanguage.isApi(request)) {
                AuthenticationProblems.write(response, 405, "method-not-allowed", "method-not-allowed", request,
                        "TRACE", request.getRequestURI(), ALLOWED_METHODS);
            } else {
                // Answered here, not through the container's error dispatch (which would replay the TRACE).
                response.setStatus(405);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("405 Method Not Allowed: TRACE\n");
            }
            return;
        }
        if (request.getQueryString() != null) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException unreadable) { // Tomcat's InvalidParameterException
                log.warn("Refused {} {}: unreadable query string", request.getMethod(), request.getRequestURI());
                if (ApiLanguage.isApi(request)) {
                    AuthenticationProblems.write(response, 400, "invalid-query", "invalid-query", request);
                } else {
                    response.sendError(400);
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
