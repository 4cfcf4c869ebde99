package dk.partnerships.query.projection;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
@io.swagger.v3.oas.annotations.tags.Tag(name = "Administration", description = "Rebuilding and checking the read models (ADMIN).")
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;

    ProjectionAdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "readModels", summary = "The read models and their rebuilds (ADMIN)")
    @ApiResponse(responseCode = "200", description = "Each read model and whether it is being rebuilt.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/Projections"))})
    @GetMapping
    Map<String, ProjectionRebuilds.ReadModelStatus> status() {
        return rebuilds.status();
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "rebuildReadModel", summary = "Rebuild a read model from the events (ADMIN)")
    @ApiResponse(responseCode = "202", description = "The rebuild started; follow it at /api/admin/projections.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/RebuildStarted"))})
    @PostMapping("/{name}/rebuild")
    ResponseEntity<RebuildStarted> rebuild(@PathVariable String name) {
        return switch (rebuilds.rebuild(name)) {
            case STARTED -> ResponseEntity.accepted().body(new RebuildStarted(name, true, "/api/admin/projections"));
            case ALREADY_RUNNING -> throw ReadProblems.conflict("rebuild-already-running", "rebuild-already-running");
            case RUNNING_ELSEWHERE -> throw ReadProblems.conflict("rebuild-already-running", "rebuild-already-running.elsewhere");
            case UNKNOWN_PROJECTION -> throw ReadProblems.notFound("projection-not-found", name);
        };
    }

    /** Rebuilds into a scratch schema and reports every row where the live tables differ. Takes as long as a rebuild. */
    @io.swagger.v3.oas.annotations.Operation(operationId = "checkReadModels", summary = "Compare every read model with a fresh rebuild (ADMIN)")
    @ApiResponse(responseCode = "200", description = "Every row where a fresh rebuild and the live read model differ.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ConsistencyCheck"))})
    @PostMapping("/consistency-check")
    ProjectionRebuilds.ConsistencyReport consistencyCheck() throws Exception {
        if (rebuilds.isRunning()) {
            throw ReadProblems.conflict("rebuild-already-running", "rebuild-already-running.check");
        }
        return rebuilds.checkConsistency().orElseThrow(() ->
                ReadProblems.conflict("rebuild-already-running", "rebuild-already-running.elsewhere"));
    }

    /** A rebuild accepted: where to follow it. */
    record RebuildStarted(String projection, boolean rebuilding, String progress) {
    }
}
