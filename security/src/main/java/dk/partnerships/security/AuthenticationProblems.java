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
        String code = credentialsSent ? "authentication-failed" : "authentication-required";
        write(response, 401, code, code, request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, 403, "access-denied", "access-denied", request, request.getMethod(), request.getRequestURI());
    }

    /** A refusal written before Spring MVC sees the request, in the request's language. */
    static void write(HttpServletResponse response, int status, String code, String detailKey,
                      HttpServletRequest request, Object... arguments) throws IOException {
        java.util.Locale language = ProblemTexts.language(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_PREFIX + code);
        problem.put("title", ProblemTexts.title(code, language));
        problem.put("status", status);
        problem.put("detail", ProblemTexts.detail(detailKey, language, arguments));
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
