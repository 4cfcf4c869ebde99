package dk.partnerships.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's answers to framework refusals (405, 406, 415, unreadable bodies, ...), each with a {@code code}.
 * The advices of both sides extend this, so no refusal leaves without one.
 */
public abstract class CodedProblemHandler extends ResponseEntityExceptionHandler {

    /** The body every framework refusal ends in (Spring fills most of them in after handleExceptionInternal). */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", Problems.codeOf(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
