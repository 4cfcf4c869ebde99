package dk.partnerships.command.people;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.security.Author;
import org.springframework.http.HttpStatus;
import dk.partnerships.security.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/people?id=…} (any role: the read side and the pages resolve leads' names here) and
 * {@code DELETE /api/people/{id}} (ADMIN: erasure on a data subject's request).
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "People", description = "Names of people, kept apart from the events so they can be erased.")
@RestController
@RequestMapping(path = "/api/people", produces = MediaType.APPLICATION_JSON_VALUE)
class PeopleController {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final int MAX_IDS = 1000;

    private final PersonRegistry people;

    PeopleController(PersonRegistry people) {
        this.people = people;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "findPeople", summary = "Names of people by id")
    @ApiResponse(responseCode = "200", description = "The people asked for (names of erased people are null).", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/People"))})
    @GetMapping
    ResponseEntity<?> find(@RequestParam(name = "id", required = false) List<String> ids) {
        List<String> asked = ids == null ? List.of() : ids;
        if (asked.size() > MAX_IDS || asked.stream().anyMatch(id -> !ID.matcher(id).matches())) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems
                    .problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-parameter", "invalid-parameter.person-ids", MAX_IDS));
        }
        List<Map<String, Object>> found = new ArrayList<>();
        people.find(asked).values().forEach(person -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", person.id());
            row.put("name", person.name());
            row.put("erased", person.erased());
            found.add(row);
        });
        return ResponseEntity.ok(Map.of("people", found));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "erasePerson", summary = "Erase a person's name everywhere (ADMIN)")
    @ApiResponse(responseCode = "204", description = "Erased: the name is gone from every read model and export.")
    @DeleteMapping("/{id}")
    ResponseEntity<?> erase(@PathVariable String id) {
        String by = Author.current().map(Author::id).orElseThrow();
        if (!ID.matcher(id).matches() || !people.erase(id, by)) {
            return Problems.answer(HttpStatus.NOT_FOUND, "person-not-found", id);
        }
        return ResponseEntity.noContent().build();
    }

}
