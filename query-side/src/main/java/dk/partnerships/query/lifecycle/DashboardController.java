package dk.partnerships.query.lifecycle;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.Csv;
import dk.partnerships.query.CsvDialects;
import dk.partnerships.query.ReadProblems;
import dk.partnerships.query.projection.ReadYourWrites;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard endpoints, as JSON and, with {@code format=csv&table=...}, each table as CSV for spreadsheets.
 * The gap's lists carry at most {@code limit} rows each (default 500, oldest first) and say their {@code ...Total}.
 * With {@code partnership} and {@code minVersion} (what a write answered) a read waits briefly until that write is
 * in the figures, so a project lead sees the dashboard move after recording something.
 */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Dashboards", description = "Managements figures: where partnerships are, how long they stay, where they stall.")
@RestController
@RequestMapping(path = "/api/dashboard")
class DashboardController {

    private static final String ID = "[0-9A-Za-z-]{1,64}";
    /** A CSV export carries every row a spreadsheet can hold comfortably. */
    private static final int CSV_ROWS = 100_000;
    private static final String DEPARTMENT = "[A-Za-z0-9_-]{1,20}";

    private final LifecycleFigures lifecycle;
    private final ImplementationGapFigures gap;
    private final TimeToImplementationFigures timeToImplementation;
    private final ReadYourWrites readYourWrites;
    private final CsvDialects dialects;

    DashboardController(LifecycleFigures lifecycle, ImplementationGapFigures gap,
                        TimeToImplementationFigures timeToImplementation, ReadYourWrites readYourWrites,
                        CsvDialects dialects) {
        this.dialects = dialects;
        this.lifecycle = lifecycle;
        this.gap = gap;
        this.timeToImplementation = timeToImplementation;
        this.readYourWrites = readYourWrites;
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "lifecycleDashboard", summary = "Lifecycle figures: per stage and department, conversion, time in stage, trend")
    @ApiResponse(responseCode = "200", description = "Where partnerships are, how long they stay, what converts.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/LifecycleDashboard")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @io.swagger.v3.oas.annotations.Parameter(name = "format", in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
            description = "csv: the same as a CSV file (table and lang choose which table and its language)",
            schema = @Schema(type = "string", allowableValues = {"json", "csv"}))
    @GetMapping(path = "/lifecycle", produces = MediaType.APPLICATION_JSON_VALUE)
    LifecycleDashboard lifecycle(@RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
                                  @RequestParam(required = false) PartnershipKind kind,
                                  @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                                  @RequestParam(required = false) @Pattern(regexp = ID) String partnership,
                                  @RequestParam(required = false) @Min(0) Long minVersion) {
        readYourWrites.awaitWriteOf(partnership, minVersion);
        return lifecycle.figures(department, kind, year);
    }

    @GetMapping(path = "/lifecycle", params = "format=csv", produces = "text/csv")
    ResponseEntity<String> lifecycleCsv(@RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
                                        @RequestParam(required = false) PartnershipKind kind,
                                        @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                                        @RequestParam(defaultValue = "byStage") String table,
                                        @RequestParam(required = false) @Pattern(regexp = "da|en") String lang) {
        DashboardTables.Table<?> rows = DashboardTables.lifecycle(lifecycle.figures(department, kind, year), table);
        if (rows == null) {
            throw unknownTable(table, DashboardTables.lifecycleTables());
        }
        return Csv.download("lifecycle-" + table + ".csv", rows.csv(dialects.forParameter(lang)));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "implementationGap", summary = "The implementation gap: stalled in a stage, on hold, stalled after a pilot or an award, open readiness items",
            description = "stalledInStage: active partnerships in their current stage for more days than its threshold "
                    + "(partnerships.gap.stall-days.<STAGE>; defaults IDEA 180, MARKET_DIALOGUE 180, TENDER 240, PILOT 365, "
                    + "IMPLEMENTATION 365, EVALUATION 180), the furthest past it first. onHold: partnerships on hold, shown "
                    + "apart (a decision to wait, not a stall). department filters every list and rate.")
    @ApiResponse(responseCode = "200", description = "Where partnerships stall: in a stage, and after a pilot or an award.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/ImplementationGap")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @io.swagger.v3.oas.annotations.Parameter(name = "format", in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
            description = "csv: the same as a CSV file (table and lang choose which table and its language)",
            schema = @Schema(type = "string", allowableValues = {"json", "csv"}))
    @GetMapping(path = "/implementation-gap", produces = MediaType.APPLICATION_JSON_VALUE)
    ImplementationGap implementationGap(@RequestParam(defaultValue = "90") @Min(0) @Max(3650) int days,
                                          @RequestParam(defaultValue = "500") @Min(1) @Max(10000) int limit,
                                          @RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
                                          @RequestParam(required = false) @Pattern(regexp = ID) String partnership,
                                          @RequestParam(required = false) @Min(0) Long minVersion) {
        readYourWrites.awaitWriteOf(partnership, minVersion);
        return gap.figures(days, limit, department);
    }

    @GetMapping(path = "/implementation-gap", params = "format=csv", produces = "text/csv")
    ResponseEntity<String> implementationGapCsv(@RequestParam(defaultValue = "90") @Min(0) @Max(3650) int days,
                                                @RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
                                                @RequestParam(defaultValue = "stalledAfterPilot") String table,
                                                @RequestParam(required = false) @Pattern(regexp = "da|en") String lang) {
        DashboardTables.Table<?> rows = DashboardTables.gap(gap.figures(days, CSV_ROWS, department), table);
        if (rows == null) {
            throw unknownTable(table, DashboardTables.gapTables());
        }
        return Csv.download("implementation-gap-" + table + ".csv", rows.csv(dialects.forParameter(lang)));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "timeToImplementation",
            summary = "How long partnerships take from proposal to ordinary operation, per kind or department",
            description = "Per group, the cumulative share of partnerships that reached implementation (first entered "
                    + "IMPLEMENTATION or EVALUATION) by each number of days since their proposal. Abandonment is a "
                    + "competing outcome and partnerships still under way are followed up to today (censored): the "
                    + "Aalen–Johansen estimate. medianDays is null while fewer than half got there. Filters as on the "
                    + "lifecycle dashboard.")
    @ApiResponse(responseCode = "200", description = "The curves per group.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/TimeToImplementation")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @io.swagger.v3.oas.annotations.Parameter(name = "format", in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
            description = "csv: the same as a CSV file (table groups or curve, and lang, choose which table and its language)",
            schema = @Schema(type = "string", allowableValues = {"json", "csv"}))
    @GetMapping(path = "/time-to-implementation", produces = MediaType.APPLICATION_JSON_VALUE)
    TimeToImplementation timeToImplementation(
            @io.swagger.v3.oas.annotations.Parameter(schema = @Schema(allowableValues = {"kind", "department"}))
            @RequestParam(defaultValue = "kind") @Pattern(regexp = "kind|department") String by,
            @RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
            @RequestParam(required = false) PartnershipKind kind,
            @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
            @RequestParam(required = false) @Pattern(regexp = ID) String partnership,
            @RequestParam(required = false) @Min(0) Long minVersion) {
        readYourWrites.awaitWriteOf(partnership, minVersion);
        return timeToImplementation.figures(TimeToImplementation.By.of(by), department, kind, year);
    }

    @GetMapping(path = "/time-to-implementation", params = "format=csv", produces = "text/csv")
    ResponseEntity<String> timeToImplementationCsv(
            @RequestParam(defaultValue = "kind") @Pattern(regexp = "kind|department") String by,
            @RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
            @RequestParam(required = false) PartnershipKind kind,
            @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
            @RequestParam(defaultValue = "groups") String table,
            @RequestParam(required = false) @Pattern(regexp = "da|en") String lang) {
        DashboardTables.Table<?> rows = DashboardTables.timeToImplementation(
                timeToImplementation.figures(TimeToImplementation.By.of(by), department, kind, year), table);
        if (rows == null) {
            throw unknownTable(table, DashboardTables.timeToImplementationTables());
        }
        return Csv.download("time-to-implementation-" + table + ".csv", rows.csv(dialects.forParameter(lang)));
    }

    private static ReadProblems.Refusal unknownTable(String table, java.util.Set<String> tables) {
        return ReadProblems.invalidParameter("invalid-parameter.table", table, String.join(", ", tables)).of("table");
    }
}
