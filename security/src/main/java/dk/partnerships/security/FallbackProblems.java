package dk.partnerships.security;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;


/**
 * problem+json with a {@code code} for the requests no controller took: an unknown path (404), a method the path
 * does not have (405), a content type it does not read (415), an answer type it cannot give (406). Each side's own
 * advice answers everything its controllers refuse; this one comes after them and before Spring Boot's, which
 * knows no codes.
 */
@Order(-1)
@RestControllerAdvice
class FallbackProblems extends ResponseEntityExceptionHandler {

    /**
     * The body every framework refusal ends in (Spring fills it in after handleExceptionInternal for most of them):
     * it gets its code here.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", dk.partnerships.security.ProblemCodes.of(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

}
