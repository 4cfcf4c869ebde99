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

/**
 * Operator endpoints: the projections' rebuild progress, a rebuild from the first event (reads go on meanwhile),
 * and a consistency check of the live read tables against a fresh rebuild.
 */
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
        return switch (rebuilds.rebuild(name)) {
            case STARTED -> ResponseEntity.accepted().body(Map.of("projection", name, "rebuilding", true,
                    "progress", "/api/admin/projections"));
            case ALREADY_RUNNING -> throw ReadProblems.conflict("rebuild-already-running", "rebuild-already-running");
            case UNKNOWN_PROJECTION -> throw ReadProblems.notFound("projection-not-found", name);
        };
    }

    /** Rebuilds into a scratch schema and reports every row where the live tables differ. Takes as long as a rebuild. */
    @PostMapping("/consistency-check")
    Map<String, Object> consistencyCheck() throws Exception {
        if (rebuilds.isRunning()) {
            throw ReadProblems.conflict("rebuild-already-running", "rebuild-already-running.check");
        }
        return rebuilds.checkConsistency();
    }
}
