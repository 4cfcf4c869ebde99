package dk.partnerships.query.projection;

import dk.partnerships.query.ReadProblems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Operator endpoints: see the projections' progress, rebuild one from zero. */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;

    ProjectionAdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    Map<String, Map<String, Object>> status() {
        return rebuilds.status();
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<Map<String, Object>> rebuild(@PathVariable String name) {
        if (!rebuilds.rebuild(name)) {
            throw ReadProblems.notFound("projection-not-found", "There is no projection named " + name + ".");
        }
        return ResponseEntity.accepted().body(Map.of("projection", name, "rebuilding", true));
    }
}
