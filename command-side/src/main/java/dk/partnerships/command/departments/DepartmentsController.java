package dk.partnerships.command.departments;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.security.Author;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import dk.partnerships.security.ProblemTexts;
import dk.partnerships.security.Problems;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/departments} (any role): the departments, so clients (the web forms among them) offer exactly
 * what proposals accept; {@code PUT /api/departments/{code}} (ADMIN): add one, rename it, or retire it
 * ({@code "active": false}: no new proposals; its partnerships keep their code).
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Departments", description = "The departments partnerships belong to.")
@RestController
class DepartmentsController {

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[A-ZÆØÅ0-9]{2,10}");

    private final DepartmentRegistry departments;

    DepartmentsController(DepartmentRegistry departments) {
        this.departments = departments;
    }

    record SaveDepartment(@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*") String name, Boolean active) {
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listDepartments", summary = "List the departments")
    @ApiResponse(responseCode = "200", description = "Every department, active or not.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Departments"))})
    @GetMapping(path = "/api/departments", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> all() {
        List<Map<String, Object>> rows = new ArrayList<>();
        departments.all().forEach(department -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", department.code());
            row.put("name", department.name());
            row.put("active", department.active());
            rows.add(row);
        });
        return Map.of("departments", rows);
    }

    @ApiResponse(responseCode = "200", description = "Updated.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Department"))})
    @ApiResponse(responseCode = "201", description = "Created.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Department"))})
    @PutMapping(path = "/api/departments/{code}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.Operation(operationId = "saveDepartment", summary = "Create or rename a department, or retire it (ADMIN)")
    ResponseEntity<?> save(@PathVariable String code, @Valid @RequestBody SaveDepartment body) {
        if (!CODE.matcher(code).matches()) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems
                    .problemWithDetail(HttpStatus.BAD_REQUEST, "invalid-parameter", "invalid-parameter.department-code"));
        }
        var department = new DepartmentRegistry.Department(code, body.name().strip(), !Boolean.FALSE.equals(body.active()));
        boolean created = departments.save(department, Author.current().map(Author::id).orElseThrow());
        Map<String, Object> answer = Map.of("code", department.code(), "name", department.name(), "active", department.active());
        return created ? ResponseEntity.created(URI.create("/api/departments/" + code)).body(answer) : ResponseEntity.ok(answer);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        String message = ProblemTexts.detail("invalid-parameter.department-name", ProblemTexts.currentLanguage());
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed", "name: " + message);
        problem.setProperty("errors", List.of(Map.of("field", "name", "message", message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
