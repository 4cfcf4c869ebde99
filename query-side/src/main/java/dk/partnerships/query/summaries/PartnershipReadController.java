package dk.partnerships.query.summaries;

import dk.partnerships.query.projection.ReadYourWrites;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;
import dk.partnerships.query.Csv;
import dk.partnerships.query.ReadProblems;
import dk.partnerships.query.state.PartnershipRow;
import dk.partnerships.query.state.PartnershipState;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/partnerships} and {@code GET /api/partnerships/{id}} of docs/api.md. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Partnerships", description = "Partnerships as they are now, or were on any past date.")
@RestController
@RequestMapping(path = "/api/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
class PartnershipReadController {

    /** A JSON page is read whole into memory; CSV exports stream larger pages. */
    static final int MAX_JSON_ROWS = 5000;

    private final PartnershipReadRepository repository;
    private final ReadYourWrites readYourWrites;

    private final dk.partnerships.query.CsvDialects dialects;

    private final EqualTreatmentQueries equalTreatment;

    PartnershipReadController(PartnershipReadRepository repository, ReadYourWrites readYourWrites,
                              dk.partnerships.query.CsvDialects dialects, EqualTreatmentQueries equalTreatment) {
        this.equalTreatment = equalTreatment;
        this.dialects = dialects;
        this.repository = repository;
        this.readYourWrites = readYourWrites;
    }

    /** JSON, or CSV for management's spreadsheets when asked for ({@code format=csv}, or {@code Accept: text/csv}). */
    @io.swagger.v3.oas.annotations.Operation(operationId = "listPartnerships", summary = "List partnerships, newest first (JSON or CSV)")
    @ApiResponse(responseCode = "200", description = "The partnerships, newest first; CSV with format=csv or when Accept prefers text/csv.", content = {@Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/PartnershipRow"))),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ResponseEntity<?> list(@RequestParam(required = false) Stage stage,
                           @RequestParam(required = false) PartnershipStatus status,
                           @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String department,
                           @RequestParam(required = false) PartnershipKind kind,
                           @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                           @io.swagger.v3.oas.annotations.Parameter(description = "Rows per page: JSON at most "
                                   + MAX_JSON_ROWS + " (default 500), CSV at most 100000 (default 5000)")
                           @RequestParam(required = false) @Min(1) @Max(100_000) Integer limit,
                           @RequestParam(defaultValue = "0") @Min(0) int offset,
                           @io.swagger.v3.oas.annotations.Parameter(description = "csv: a CSV file instead of JSON")
                           @RequestParam(required = false) @Pattern(regexp = "json|csv") String format,
                           @io.swagger.v3.oas.annotations.Parameter(description = "The CSV's language: da (semicolons, "
                                   + "decimal commas, Danish headers) or en; without it, for programs")
                           @RequestParam(required = false) @Pattern(regexp = "da|en") String lang,
                           @io.swagger.v3.oas.annotations.Parameter(hidden = true)
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if ("csv".equals(format) || format == null && Csv.preferredIn(accept)) {
            List<PartnershipRow> rows = repository.list(new PartnershipReadRepository.Filter(name(stage),
                    name(status), department, name(kind), year, limit == null ? 5000 : limit, offset));
            return Csv.download("partnerships.csv", Csv.table(rows, PartnershipReadRepository.EXPORT_COLUMNS,
                    dialects.forParameter(lang)));
        }
        if (limit != null && limit > MAX_JSON_ROWS) {
            throw ReadProblems.invalidParameter("invalid-parameter.json-limit", MAX_JSON_ROWS).of("limit");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(repository.list(
                new PartnershipReadRepository.Filter(name(stage), name(status), department, name(kind), year,
                        limit == null ? 500 : limit, offset)));
    }

    /**
     * One partnership. With {@code minVersion} (the version a write answered with) the read waits up to
     * {@link ReadYourWrites#MAX_WAIT} for the projection to catch up, so a client reads its own writes.
     */
    @io.swagger.v3.oas.annotations.Operation(operationId = "getPartnership", summary = "One partnership, now or (asOf, knownAt) on a past date")
    @ApiResponse(responseCode = "200", description = "The partnership now; its ETag is its version.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/PartnershipDetail"))})
    @GetMapping("/{id}")
    ResponseEntity<PartnershipState> get(@PathVariable @Pattern(regexp = "[0-9A-Za-z-]{1,64}") String id,
                                            @RequestParam(required = false) @Min(0) Long minVersion) {
        if (minVersion != null) {
            readYourWrites.await(() -> repository.version(id).orElse(0L), minVersion);
        }
        PartnershipState partnership = repository.find(id)
                .orElseThrow(() -> ReadProblems.notFound("partnership-not-found", id));
        return ResponseEntity.ok().eTag("\"" + partnership.version() + "\"").body(partnership);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listMarketContacts", summary = "A partnership's contacts with organisations in market dialogue, oldest first")
    @ApiResponse(responseCode = "200", description = "Its market contacts.", content = {@Content(mediaType = "application/json", array = @io.swagger.v3.oas.annotations.media.ArraySchema(schema = @Schema(ref = "#/components/schemas/MarketContact")))})
    @GetMapping("/{id}/market-contacts")
    List<MarketContact> marketContacts(@PathVariable @Pattern(regexp = "[0-9A-Za-z-]{1,64}") String id,
                                       @RequestParam(required = false) @Min(0) Long minVersion) {
        if (minVersion != null) {
            readYourWrites.await(() -> repository.version(id).orElse(0L), minVersion);
        }
        if (repository.version(id).isEmpty()) {
            throw ReadProblems.notFound("partnership-not-found", id);
        }
        return repository.marketContacts(id);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "equalTreatment", summary = "What organisations were told in market dialogue, and whether it went out with the tender",
            description = "Information shared with an organisation in market dialogue must reach every bidder: once the partnership has gone into TENDER, "
                    + "shared information not among the tender's publishedContacts is flagged.")
    @ApiResponse(responseCode = "200", description = "The check.", content = {@Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/EqualTreatment"))})
    @GetMapping("/{id}/equal-treatment")
    EqualTreatment equalTreatment(@PathVariable @Pattern(regexp = "[0-9A-Za-z-]{1,64}") String id,
                                  @RequestParam(required = false) @Min(0) Long minVersion) {
        if (minVersion != null) {
            readYourWrites.await(() -> repository.version(id).orElse(0L), minVersion);
        }
        return equalTreatment.of(id).orElseThrow(() -> ReadProblems.notFound("partnership-not-found", id));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
