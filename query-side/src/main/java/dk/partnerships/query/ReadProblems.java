package dk.partnerships.query;

import dk.partnerships.security.Problems;
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
import java.util.stream.Collectors;

/** problem+json with a stable {@code code} for every refused read, in the request's language. */
// Before Spring Boot's generic problem-details advice, which knows no codes; after the pages' own (PageErrors).
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@RestControllerAdvice(basePackages = "dk.partnerships.query")
public class ReadProblems extends dk.partnerships.security.CodedProblemHandler {

    /** A request refused with a status, a stable code and what its text names. */
    public static class Refusal extends RuntimeException {
        private final HttpStatus status;
        private final String code;
        private final String detailKey;
        private final Object[] arguments;
        private String parameter;

        Refusal(HttpStatus status, String code, String detailKey, Object... arguments) {
            super(code + " " + Arrays.toString(arguments));
            this.status = status;
            this.code = code;
            this.detailKey = detailKey;
            this.arguments = arguments;
        }

        /** The parameter refused, named in the problem's {@code parameter}. */
        public Refusal of(String parameter) {
            this.parameter = parameter;
            return this;
        }

        public HttpStatus status() {
            return status;
        }
    }

    public static Refusal notFound(String code, Object... arguments) {
        return new Refusal(HttpStatus.NOT_FOUND, code, code, arguments);
    }

    public static Refusal notFoundWithDetail(String code, String detailKey, Object... arguments) {
        return new Refusal(HttpStatus.NOT_FOUND, code, detailKey, arguments);
    }

    /** A parameter the endpoint cannot use; {@code detailKey} is one of {@code invalid-parameter}'s texts. */
    public static Refusal invalidParameter(String detailKey, Object... arguments) {
        return new Refusal(HttpStatus.BAD_REQUEST, "invalid-parameter", detailKey, arguments);
    }

    public static Refusal conflict(String code, String detailKey) {
        return new Refusal(HttpStatus.CONFLICT, code, detailKey);
    }

    /** One parameter's refusal in an {@code invalid-parameter} problem's {@code errors}. */
    record ParameterProblem(String parameter, String message) {
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal e) {
        ProblemDetail problem = Problems.problemWithDetail(e.status, e.code, e.detailKey, e.arguments);
        if (e.parameter != null) {
            problem.setProperty("parameter", e.parameter);
        }
        return ResponseEntity.status(e.status).body(problem);
    }

    /** A constraint checked outside Spring MVC's own parameter validation. */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolated(jakarta.validation.ConstraintViolationException e) {
        return ResponseEntity.badRequest().body(invalid(e.getConstraintViolations().stream()
                .map(violation -> new ParameterProblem(String.valueOf(violation.getPropertyPath()), violation.getMessage()))
                .toList()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        ProblemDetail problem;
        if (type != null && type.isEnum()) {
            problem = Problems.problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-parameter", "invalid-parameter.enum",
                    e.getName(), Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")));
        } else {
            String key = type == java.time.LocalDate.class ? "invalid-parameter.date"
                    : type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class)
                    ? "invalid-parameter.number" : "invalid-parameter.value";
            problem = Problems.problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-parameter", key, e.getName());
        }
        problem.setProperty("parameter", e.getName());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new ParameterProblem(
                        String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage()))))
                .toList()));
    }

    private static ProblemDetail invalid(List<ParameterProblem> errors) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                errors.stream().map(error -> error.parameter() + " " + error.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }
}
