package dk.partnerships.query.benefits;

import dk.partnerships.query.summaries.BenefitQueries;
import dk.partnerships.query.summaries.BenefitsDashboard;
import dk.partnerships.query.summaries.Benefit;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.Csv;
import dk.partnerships.query.CsvDialects;
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
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.TreeSet;

/** A partnership's benefits, and the benefits dashboard (JSON, or each table as CSV). */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Dashboards")
@RestController
@Validated
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class BenefitsController {

    private static final String ID = "[0-9A-Za-z-]{1,64}";
    private static final String DEPARTMENT = "[A-Za-z0-9_-]{1,20}";
    private static final int CSV_ROWS = 100_000;

    private final BenefitQueries benefits;
    private final ReadYourWrites readYourWrites;
    private final CsvDialects dialects;

    BenefitsController(BenefitQueries benefits, ReadYourWrites readYourWrites, CsvDialects dialects) {
        this.benefits = benefits;
        this.readYourWrites = readYourWrites;
        this.dialects = dialects;
    }

    @io.swagger.v3.oas.annotations.tags.Tag(name = "Partnerships")
    @io.swagger.v3.oas.annotations.Operation(operationId = "listBenefits",
            summary = "A partnership's expected benefits with their follow-ups, oldest first")
    @ApiResponse(responseCode = "200", description = "Its benefits.", content = {@Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/Benefit")))})
    @GetMapping("/api/partnerships/{id}/benefits")
    List<Benefit> ofPartnership(@PathVariable @Pattern(regexp = ID) String id,
                                @RequestParam(required = false) @Min(0) Long minVersion) {
        if (minVersion != null) {
            readYourWrites.awaitPartnership(id, minVersion);
        }
        if (!benefits.exists(id)) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        return benefits.of(id);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "benefitsDashboard",
            summary = "What partnerships deliver: benefits declared, followed up and achieved per category; overdue follow-ups",
            description = "Per category of benefit, how many were declared, followed up at least once, and where the latest "
                    + "follow-up left them. followUpsOverdue lists partnerships in operation (active in IMPLEMENTATION or "
                    + "EVALUATION, or completed) with declared benefits and no follow-up of any of them for followUpDays "
                    + "(partnerships.benefits.follow-up-days, counted from going into operation or the last follow-up), "
                    + "longest overdue first. Filters: department, kind, year of proposal.")
    @ApiResponse(responseCode = "200", description = "The figures.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/BenefitsDashboard")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @io.swagger.v3.oas.annotations.Parameter(name = "format", in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
            description = "csv: a table as a CSV file (table categories, followUpsOverdue or benefits; lang da or en for a person's spreadsheet)",
            schema = @Schema(type = "string", allowableValues = {"json", "csv"}))
    @GetMapping("/api/dashboard/benefits")
    BenefitsDashboard dashboard(@RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
                                @RequestParam(required = false) PartnershipKind kind,
                                @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                                @RequestParam(defaultValue = "500") @Min(1) @Max(10000) int limit,
                                @RequestParam(required = false) @Pattern(regexp = ID) String partnership,
                                @RequestParam(required = false) @Min(0) Long minVersion) {
        readYourWrites.awaitWriteOf(partnership, minVersion);
        return benefits.dashboard(new BenefitQueries.Filters(department, kind, year), limit);
    }

    @GetMapping(path = "/api/dashboard/benefits", params = "format=csv", produces = "text/csv")
    ResponseEntity<String> dashboardCsv(@RequestParam(required = false) @Pattern(regexp = DEPARTMENT) String department,
                                        @RequestParam(required = false) PartnershipKind kind,
                                        @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                                        @RequestParam(defaultValue = "categories") String table,
                                        @RequestParam(required = false) @Pattern(regexp = "da|en") String lang) {
        String csv = BenefitTables.csv(table, benefits, new BenefitQueries.Filters(department, kind, year), CSV_ROWS,
                dialects.forParameter(lang));
        if (csv == null) {
            throw ReadProblems.invalidParameter("invalid-parameter.table", table,
                    String.join(", ", new TreeSet<>(BenefitTables.TABLES))).of("table");
        }
        return Csv.download("benefits-" + table + ".csv", csv);
    }
}
