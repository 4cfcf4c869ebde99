package dk.partnerships.query;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** problem+json with a stable {@code code} for every refused read. */
// Before Spring Boot's generic problem-details advice, which knows no codes; after the pages' own (PageErrors).
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@RestControllerAdvice(basePackages = "dk.partnerships.query")
public class ReadProblems extends dk.partnerships.security.CodedProblemHandler {

    /** A request refused with a status and a stable code. */
    public static class Refusal extends RuntimeException {
        private final HttpStatus status;
        private final String code;

        Refusal(HttpStatus status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public HttpStatus status() {
            return status;
        }
    }

    public static Refusal notFound(String code, String message) {
        return new Refusal(HttpStatus.NOT_FOUND, code, message);
    }

    public static Refusal badRequest(String code, String message) {
        return new Refusal(HttpStatus.BAD_REQUEST, code, message);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(HttpStatus.CONFLICT, code, message);
    }

    static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        return dk.partnerships.security.Problems.problem(status, code, title, detail);
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal e) {
        String title = e.status == HttpStatus.NOT_FOUND ? "Not found" : e.status.getReasonPhrase();
        return ResponseEntity.status(e.status).body(problem(e.status, e.code, title, e.getMessage()));
    }

    /** A constraint checked outside Spring MVC's own parameter validation. */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolated(jakarta.validation.ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(violation -> Map.of("parameter", String.valueOf(violation.getPropertyPath()),
                        "message", violation.getMessage()))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                errors.stream().map(error -> error.get("parameter") + " " + error.get("message"))
                        .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type != null && type.isEnum()
                ? "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList()
                : "a " + (type == null ? "valid value" : type.getSimpleName());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                "The parameter " + e.getName() + " must be " + expected + ".");
        problem.setProperty("parameter", e.getName());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "parameter", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                errors.stream().map(error -> error.get("parameter") + " " + error.get("message"))
                        .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }
}
