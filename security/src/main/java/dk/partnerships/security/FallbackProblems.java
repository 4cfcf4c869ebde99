package dk.partnerships.security;

import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * problem+json with a {@code code} for the requests no controller took: an unknown path (404), a method the path
 * does not have (405), a content type it does not read (415), an answer type it cannot give (406). Each side's own
 * advice answers everything its controllers refuse; this one comes after them and before Spring Boot's, which
 * knows no codes.
 */
@Order(-1)
@RestControllerAdvice
class FallbackProblems extends CodedProblemHandler {
}
