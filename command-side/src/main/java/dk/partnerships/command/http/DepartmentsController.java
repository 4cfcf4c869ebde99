package dk.partnerships.command.http;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/departments}: the department codes a proposal may name, with their names, so clients (the web
 * forms among them) offer exactly what the write side accepts.
 */
@RestController
class DepartmentsController {

    private final CommandSideProperties properties;

    DepartmentsController(CommandSideProperties properties) {
        this.properties = properties;
    }

    @GetMapping(path = "/api/departments", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> departments() {
        List<Map<String, String>> departments = new ArrayList<>();
        properties.departments().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(department -> {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("code", department.getKey());
            row.put("name", department.getValue());
            departments.add(row);
        });
        return Map.of("departments", departments);
    }
}
