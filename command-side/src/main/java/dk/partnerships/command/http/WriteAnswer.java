package dk.partnerships.command.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer to an accepted write, in a form that can be stored and replayed byte for byte when the same
 * {@code Idempotency-Key} comes again.
 *
 * @param location  the {@code Location} header, or {@code null}
 * @param bodyJson  the JSON body
 * @param version   the partnership's version after the write, sent as the {@code ETag}
 */
record WriteAnswer(int status, String location, String bodyJson, long version) {

    ResponseEntity<String> toResponse(boolean replayed) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .eTag("\"" + version + "\"");
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, location);
        }
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(bodyJson);
    }
}
