package dk.partnerships.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's answers when sign-in is missing or wrong (401) or the signed-in user may not do it (403): RFC 9457
 * problem+json with a stable {@code code}, like every other refusal. Nothing is appended: these answers come from
 * the security filters, before any controller runs.
 */
final class AuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean credentialsSent = request.getHeader("Authorization") != null;
        // Both ways a script may sign in; no realm dialog for browsers' fetches (they send X-Requested-With).
        response.addHeader("WWW-Authenticate", "Bearer");
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.addHeader("WWW-Authenticate", "Basic realm=\"partnerships\", charset=\"UTF-8\"");
        }
        write(response, 401, credentialsSent ? "authentication-failed" : "authentication-required",
                credentialsSent ? "Sign-in failed" : "Sign-in required",
                credentialsSent ? "The credentials or the token were not accepted (wrong, expired or not for this service)."
                        : "Sign in: send a bearer token from the identity provider, or HTTP Basic with a local account.",
                request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, 403, "access-denied", "Not allowed for your role",
                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI()
                        + ". Writes need PROJECT_LEAD, maintenance needs ADMIN; reads need any role of the product.",
                request);
    }

    static void write(HttpServletResponse response, int status, String code, String title, String detail,
                      HttpServletRequest request) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:partnerships:problem:" + code);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
