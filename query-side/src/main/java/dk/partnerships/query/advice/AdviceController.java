package dk.partnerships.query.advice;

import dk.partnerships.query.summaries.AdviceQueries;
import dk.partnerships.query.summaries.AdviceRequest;
import dk.partnerships.query.summaries.AdviceFigures;
import dk.partnerships.events.AdviceTopic;
import dk.partnerships.query.ReadProblems;
import dk.partnerships.query.projection.ReadYourWrites;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Advice requests: one partnership's, the advisors' open list, and the figures per topic. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Advice", description = "Questions to the central procurement and legal unit, and its answers.")
@RestController
@Validated
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class AdviceController {

    private static final String ID = "[0-9A-Za-z-]{1,64}";

    private final AdviceQueries advice;
    private final ReadYourWrites readYourWrites;

    AdviceController(AdviceQueries advice, ReadYourWrites readYourWrites) {
        this.advice = advice;
        this.readYourWrites = readYourWrites;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listAdviceRequestsOfPartnership",
            summary = "A partnership's questions to the central unit with their answers, oldest first")
    @ApiResponse(responseCode = "200", description = "Its advice requests.", content = {@Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/AdviceRequest")))})
    @GetMapping("/api/partnerships/{id}/advice-requests")
    List<AdviceRequest> ofPartnership(@PathVariable @Pattern(regexp = ID) String id,
                                      @RequestParam(required = false) @Min(0) Long minVersion) {
        if (minVersion != null) {
            readYourWrites.awaitPartnership(id, minVersion);
        }
        if (!advice.exists(id)) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        return advice.of(id);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listOpenAdviceRequests",
            summary = "Open advice requests across partnerships, oldest first (the advisors' list)")
    @ApiResponse(responseCode = "200", description = "The open requests.", content = {@Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/AdviceRequest")))})
    @GetMapping("/api/advice-requests")
    List<AdviceRequest> open(@RequestParam(required = false) AdviceTopic topic,
                             @RequestParam(defaultValue = "500") @Min(1) @Max(10000) int limit) {
        return advice.open(topic, limit);
    }

    @io.swagger.v3.oas.annotations.tags.Tag(name = "Dashboards")
    @io.swagger.v3.oas.annotations.Operation(operationId = "adviceDashboard",
            summary = "Advice per topic: open requests, the oldest one's wait, and answer times (median, 90th percentile)",
            description = "Answer time is the days from the question's date to the answer's date. Percentiles are nearest-rank. "
                    + "With partnership and minVersion (what a write answered) the read waits briefly until that write is in.")
    @ApiResponse(responseCode = "200", description = "The figures.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/AdviceFigures"))})
    @GetMapping("/api/dashboard/advice")
    AdviceFigures figures(@RequestParam(required = false) @Pattern(regexp = ID) String partnership,
                          @RequestParam(required = false) @Min(0) Long minVersion) {
        readYourWrites.awaitWriteOf(partnership, minVersion);
        return advice.figures();
    }
}
