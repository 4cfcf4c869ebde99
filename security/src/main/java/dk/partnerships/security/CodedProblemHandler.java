package dk.partnerships.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.stream.Collectors;

/**
 * Spring MVC's answers to framework refusals (404, 405, 406, 415, a missing parameter, ...), each with a
 * {@code type}, a {@code code} and words in the request's language. The advices of both sides extend this, so no
 * refusal leaves without them.
 */
public abstract class CodedProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CodedProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() != null
                && problem.getProperties().containsKey("code")) {
            return super.handleExceptionInternal(e, body, headers, status, request);
        }
        ProblemDetail problem = framework(e, status, request);
        // A client's mistake, not the server's: one line, no stack trace.
        log.debug("Refused {} {}: {}", status.value(), problem.getProperties().get("code"), e.getMessage());
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static ProblemDetail framework(Exception e, HttpStatusCode status, WebRequest request) {
        String method = request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servlet ? servlet.getMethod() : "";
        String path = request.getDescription(false).replaceFirst("^uri=", "");
        if (e instanceof HttpRequestMethodNotSupportedException unsupported) {
            String allowed = unsupported.getSupportedHttpMethods() == null ? "" : unsupported.getSupportedHttpMethods()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            return Problems.problem(status, "method-not-allowed", unsupported.getMethod(), path, allowed);
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            return Problems.problem(status, "unsupported-media-type", String.valueOf(unsupported.getContentType()),
                    types(unsupported.getSupportedMediaTypes()));
        }
        if (e instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
            return Problems.problem(status, "not-acceptable", types(notAcceptable.getSupportedMediaTypes()));
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            ProblemDetail problem = Problems.problem(status, "missing-parameter", missing.getParameterName());
            problem.setProperty("parameter", missing.getParameterName());
            return problem;
        }
        if (e instanceof MissingRequestHeaderException missing) {
            ProblemDetail problem = Problems.problem(status, "missing-header", missing.getHeaderName());
            problem.setProperty("header", missing.getHeaderName());
            return problem;
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return Problems.problem(status, "not-found", method, path);
        }
        String code = Problems.codeOf(status);
        if (ProblemTexts.knowsWithoutArguments(code)) {
            return Problems.problem(status, code);
        }
        return Problems.problem(status, status.is5xxServerError() ? "internal-error" : "bad-request");
    }

    private static String types(java.util.List<MediaType> types) {
        return types.isEmpty() ? "application/json" : types.stream().map(MediaType::toString).distinct()
                .collect(Collectors.joining(", "));
    }

    /**
     * The database cannot be reached (it is down or restarting): 503 with {@code Retry-After}, never a 500 or a
     * hang; nothing was recorded. A page gets the error page in its layout.
     */
    @org.springframework.web.bind.annotation.ExceptionHandler({
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request,
                                                      jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        log.warn("Answered 503 to {} {}: the database cannot be reached ({})", request.getMethod(),
                request.getRequestURI(), e.getMessage());
        if (!ApiLanguage.isApi(request)) {
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
            return null;
        }
        return unavailable();
    }

    /** 503 {@code service-unavailable}: try again in a few seconds. */
    protected static ResponseEntity<ProblemDetail> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable"));
    }

    /** The same answer for a refusal met outside Spring MVC's exception handling. */
    protected static ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
