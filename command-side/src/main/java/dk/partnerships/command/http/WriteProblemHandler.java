package dk.partnerships.command.http;

import dk.partnerships.command.partnership.CommandRejectedException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import dk.partnerships.security.ProblemTexts;
import dk.partnerships.security.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every refusal of a write as RFC 9457 problem+json with a stable {@code code}. A refused write has appended
 * nothing: refusals happen before the command is sent, or inside the aggregate before any event is applied.
 */
// Before Spring Boot's generic problem-details advice, which knows no codes.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = PartnershipWriteController.class)
class WriteProblemHandler extends dk.partnerships.security.CodedProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(WriteProblemHandler.class);

    static ProblemDetail problem(HttpStatusCode status, String code, Object... arguments) {
        return Problems.problem(status, code, arguments);
    }

    static ProblemDetail problemWithDetail(HttpStatusCode status, String code, String detailKey, Object... arguments) {
        return Problems.problemWithDetail(status, code, detailKey, arguments);
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(CommandRejectedException e) {
        HttpStatus status = switch (e.reason()) {
            case RULE_VIOLATED -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        return ResponseEntity.status(status).body(problem(status, e.code(), e.arguments()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "partnership-not-found",
                e.getAggregateIdentifier()));
    }

    @ExceptionHandler(PartnershipWriteController.NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(PartnershipWriteController.NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, e.code(), e.id()));
    }

    /** Another writer appended to the same partnership at the same moment: safe to retry. */
    @ExceptionHandler({ConcurrencyException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        if (!(e instanceof ConcurrencyException) && !(e.getCause() instanceof ConcurrencyException) && !sameSequenceTwice(e)) {
            return unexpected(e);
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "concurrent-modification"));
    }

    /**
     * Inside a surrounding Spring transaction (writes with an idempotency key, proposals) Axon reports the losing
     * side of a race as a plain EventStoreException; the database's unique (aggregate, sequence) key says what it is.
     */
    private static boolean sameSequenceTwice(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("domain_event_entry_aggregate_sequence")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(CommandSender.IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(CommandSender.IdempotencyKeyReusedException e) {
        return ResponseEntity.unprocessableEntity().body(problem(HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused", e.key()));
    }

    @ExceptionHandler(WriteContext.InvalidHeaderException.class)
    ResponseEntity<ProblemDetail> invalidHeader(WriteContext.InvalidHeaderException e) {
        ProblemDetail problem = problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-header", e.detailKey(), e.header());
        problem.setProperty("header", e.header());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(PartnershipWriteController.UnknownDepartmentException.class)
    ResponseEntity<ProblemDetail> unknownDepartment(PartnershipWriteController.UnknownDepartmentException e) {
        return ResponseEntity.badRequest().body(validationFailed(List.of(new FieldProblem("department",
                ProblemTexts.detail("unknown-department", ProblemTexts.currentLanguage(), e.department(),
                        String.join(", ", e.known()))))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (Problems.isDatabaseUnavailable(e)) {
            log.warn("Write answered 503: the database cannot be reached ({})", e.getMessage());
            return unavailable();
        }
        log.error("Write failed unexpectedly", e);
        return ResponseEntity.internalServerError().body(problemWithDetail(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "internal-error.write"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(WriteProblemHandler::fieldError)
                .toList();
        return ResponseEntity.badRequest().body(validationFailed(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = e.getAllErrors().stream()
                .map(error -> error instanceof FieldError field ? fieldError(field)
                        : new FieldProblem("", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(validationFailed(errors));
    }

    /** One field's refusal in a {@code validation-failed} problem's {@code errors}. */
    record FieldProblem(String field, String message) {
    }

    private static FieldProblem fieldError(FieldError error) {
        return new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage()));
    }

    private static ProblemDetail validationFailed(List<FieldProblem> errors) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Malformed JSON, a wrong type, an unknown field or an unknown enum value: say which and where. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = jacksonCause(e);
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = problem(HttpStatus.BAD_REQUEST, "unknown-field", path(unknown));
            problem.setProperty("field", path(unknown));
        } else if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            List<String> allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf).toList();
            problem = problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-value", "invalid-value.enum", path(invalid),
                    String.join(", ", allowed));
            problem.setProperty("field", path(invalid));
            problem.setProperty("allowed", allowed);
        } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            problem = problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-value", expected(mismatched.getTargetType()),
                    path(mismatched));
            problem.setProperty("field", path(mismatched));
        } else if (cause instanceof DatabindException invalid && !invalid.getPath().isEmpty()) {
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-value", path(invalid));
            problem.setProperty("field", path(invalid));
        } else if (cause instanceof StreamReadException) {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json");
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            problem = problem(HttpStatus.BAD_REQUEST, "body-missing");
        } else {
            problem = problemWithDetail(HttpStatus.BAD_REQUEST, "malformed-json", "malformed-json.shape");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** The outermost Jackson exception: it knows the field path, unlike the date parser's exception inside it. */
    private static Throwable jacksonCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.JacksonException) {
                return cause;
            }
        }
        return e;
    }

    /** The text that says what the field should have been. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "invalid-value";
        }
        if (type == java.time.LocalDate.class) {
            return "invalid-value.date";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "invalid-value.number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "invalid-value.boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "invalid-value.list";
        }
        return type == String.class ? "invalid-value.text" : "invalid-value";
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
