package dk.partnerships.command.http;

import dk.partnerships.command.partnership.CommandRejectedException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
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
import java.util.Map;
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

    static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        return dk.partnerships.security.Problems.problem(status, code, title, detail);
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
        String title = switch (e.reason()) {
            case RULE_VIOLATED -> "The lifecycle rules do not allow this";
            case INVALID -> "The request is invalid";
            case NOT_FOUND -> "Not found";
            case STALE_VERSION -> "The partnership has changed since you read it";
            case FORBIDDEN -> "Not your department";
        };
        return ResponseEntity.status(status).body(problem(status, e.code(), title, e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "partnership-not-found",
                "Partnership not found", "There is no partnership with id " + e.getAggregateIdentifier() + "."));
    }

    @ExceptionHandler(PartnershipWriteController.NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(PartnershipWriteController.NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, e.code(), "Not found", e.getMessage()));
    }

    /** Another writer appended to the same partnership at the same moment: safe to retry. */
    @ExceptionHandler({ConcurrencyException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        if (!(e instanceof ConcurrencyException) && !(e.getCause() instanceof ConcurrencyException) && !sameSequenceTwice(e)) {
            return unexpected(e);
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "concurrent-modification",
                "Changed by someone else at the same time",
                "Another change to this partnership was saved at the same moment; reload it and try again."));
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
                "idempotency-key-reused", "Idempotency-Key already used", e.getMessage()));
    }

    @ExceptionHandler(WriteContext.InvalidHeaderException.class)
    ResponseEntity<ProblemDetail> invalidHeader(WriteContext.InvalidHeaderException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header", e.getMessage());
        problem.setProperty("header", e.header());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(PartnershipWriteController.UnknownDepartmentException.class)
    ResponseEntity<ProblemDetail> unknownDepartment(PartnershipWriteController.UnknownDepartmentException e) {
        return ResponseEntity.badRequest().body(validationFailed(List.of(
                Map.of("field", "department", "message", "must be one of " + e.known()))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Write failed unexpectedly", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The write could not be completed; nothing was recorded. Try again later."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(WriteProblemHandler::fieldError)
                .toList();
        return ResponseEntity.badRequest().body(validationFailed(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = e.getAllErrors().stream()
                .map(error -> error instanceof FieldError field ? fieldError(field)
                        : Map.of("field", "", "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(validationFailed(errors));
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static ProblemDetail validationFailed(List<Map<String, String>> errors) {
        String detail = errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request is invalid", detail);
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
            problem = problem(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field",
                    "The field " + path(unknown) + " is not part of this request.");
            problem.setProperty("field", path(unknown));
        } else if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            List<String> allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf).toList();
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                    "The field " + path(invalid) + " must be one of " + allowed + ".");
            problem.setProperty("field", path(invalid));
            problem.setProperty("allowed", allowed);
        } else if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String expected = mismatched.getTargetType() == null ? "another type" : describe(mismatched.getTargetType());
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                    "The field " + path(mismatched) + " must be " + expected + ".");
            problem.setProperty("field", path(mismatched));
        } else if (cause instanceof DatabindException invalid && !invalid.getPath().isEmpty()) {
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-value", "Invalid value",
                    "The field " + path(invalid) + " has a value that cannot be read.");
            problem.setProperty("field", path(invalid));
        } else if (cause instanceof StreamReadException) {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body is not valid JSON.");
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            problem = problem(HttpStatus.BAD_REQUEST, "body-missing", "Body missing", "This request needs a JSON body.");
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The request body could not be read as JSON of the expected shape.");
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

    private static String describe(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Every other framework refusal (405, 406, 415, ...) still carries a code. */
}
