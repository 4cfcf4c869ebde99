package dk.partnerships.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to a refusal that never reached a controller (the servlet container's own: {@code TRACE}, an error
 * raised in a filter) for clients that do not ask for HTML: problem+json like every other refusal, in the
 * request's language. Pages keep Spring Boot's HTML error view (the layout's, see the query side's pages).
 */
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties properties, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, properties, resolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Locale language = ProblemTexts.language(request);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String code;
        Object[] arguments;
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            code = "method-not-allowed";
            arguments = new Object[]{request.getMethod(), path, allowed()};
        } else if (status == HttpStatus.NOT_FOUND) {
            code = "not-found";
            arguments = new Object[]{request.getMethod(), path};
        } else if (status == HttpStatus.UNAUTHORIZED) {
            code = "authentication-required";
            arguments = new Object[0];
        } else if (status == HttpStatus.FORBIDDEN) {
            code = "access-denied";
            arguments = new Object[]{request.getMethod(), path};
        } else {
            code = ProblemTexts.knowsWithoutArguments(Problems.codeOf(status)) ? Problems.codeOf(status)
                    : status.is5xxServerError() ? "internal-error" : "bad-request";
            arguments = new Object[0];
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_PREFIX + code);
        problem.put("title", ProblemTexts.title(code, language));
        problem.put("status", status.value());
        problem.put("detail", ProblemTexts.detail(code, language, arguments));
        problem.put("instance", path);
        problem.put("code", code);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The container set {@code Allow} on the response it refused. */
    private static String allowed() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null && attributes.getResponse().getHeader("Allow") != null) {
            return attributes.getResponse().getHeader("Allow");
        }
        return "";
    }
}
