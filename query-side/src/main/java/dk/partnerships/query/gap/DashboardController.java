package dk.partnerships.query.gap;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.Csv;
import dk.partnerships.query.ReadProblems;
import dk.partnerships.query.partnership.ReadYourWrites;
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
@RestController
@RequestMapping(path = "/api/dashboard")
class DashboardController {

    private static final String ID = "[0-9A-Za-z-]{1,64}";
    /** A CSV export carries every row a spreadsheet can hold comfortably. */
    private static final int CSV_ROWS = 100_000;

    /** Each CSV table's columns, so an empty table still has its header. */
    private static final Map<String, List<String>> LIFECYCLE_COLUMNS = new LinkedHashMap<>();
    private static final Map<String, List<String>> GAP_COLUMNS = new LinkedHashMap<>();

    static {
        List<String> byDepartment = new ArrayList<>(List.of("department"));
        for (dk.partnerships.events.Stage stage : dk.partnerships.events.Stage.values()) {
            byDepartment.add(stage.name());
        }
        LIFECYCLE_COLUMNS.put("byStage", List.of("stage", "active"));
        LIFECYCLE_COLUMNS.put("byDepartment", byDepartment);
        LIFECYCLE_COLUMNS.put("conversion", List.of("stage", "shareWentOn"));
        LIFECYCLE_COLUMNS.put("timeInStage", List.of("stage", "medianDays", "p90Days", "finishedStays"));
        LIFECYCLE_COLUMNS.put("quarterlyTrend", List.of("quarter", "proposed", "pilotsStarted", "implementationsStarted",
                "completed", "abandoned"));
        GAP_COLUMNS.put("stalledAfterPilot", List.of("id", "title", "department", "kind", "stage", "status", "trigger",
                "waitingSince", "daysWaiting"));
        GAP_COLUMNS.put("openReadinessItems", List.of("partnershipId", "title", "department", "stage", "itemId", "type",
                "description", "owner", "addedOn", "daysOpen"));
        GAP_COLUMNS.put("abandonedAfterSuccessfulPilot", List.of("id", "title", "department", "kind", "stage",
                "pilotSucceededOn", "abandonedOn", "reason"));
        GAP_COLUMNS.put("pilotToImplementationRate", List.of("department", "rate"));
    }

    private final LifecycleFigures lifecycle;
    private final ImplementationGapFigures gap;
    private final ReadYourWrites readYourWrites;

    DashboardController(LifecycleFigures lifecycle, ImplementationGapFigures gap, ReadYourWrites readYourWrites) {
        this.lifecycle = lifecycle;
        this.gap = gap;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping(path = "/lifecycle", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> lifecycle(@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String department,
                                  @RequestParam(required = false) PartnershipKind kind,
                                  @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                                  @RequestParam(required = false) @Pattern(regexp = ID) String partnership,
                                  @RequestParam(required = false) @Min(1) Long minVersion) {
        awaitWrite(partnership, minVersion);
        return lifecycle.figures(department, kind, year);
    }

    @GetMapping(path = "/lifecycle", params = "format=csv", produces = "text/csv")
    ResponseEntity<String> lifecycleCsv(@RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String department,
                                        @RequestParam(required = false) PartnershipKind kind,
                                        @RequestParam(required = false) @Min(1990) @Max(2100) Integer year,
                                        @RequestParam(defaultValue = "byStage") String table) {
        Map<String, Object> figures = lifecycle.figures(department, kind, year);
        List<Map<String, Object>> rows = switch (table) {
            case "byStage" -> pairs(figures.get("byStage"), "stage", "active");
            case "byDepartment" -> keyed(figures.get("byDepartment"), "department");
            case "conversion" -> pairs(figures.get("conversion"), "stage", "shareWentOn");
            case "timeInStage" -> keyed(figures.get("timeInStage"), "stage");
            case "quarterlyTrend" -> rows(figures.get("quarterlyTrend"));
            default -> throw unknownTable(table, LIFECYCLE_COLUMNS.keySet());
        };
        return Csv.download("lifecycle-" + table + ".csv", Csv.of(rows, LIFECYCLE_COLUMNS.get(table)));
    }

    @GetMapping(path = "/implementation-gap", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> implementationGap(@RequestParam(defaultValue = "90") @Min(0) @Max(3650) int days,
                                          @RequestParam(defaultValue = "500") @Min(1) @Max(10000) int limit,
                                          @RequestParam(required = false) @Pattern(regexp = ID) String partnership,
                                          @RequestParam(required = false) @Min(1) Long minVersion) {
        awaitWrite(partnership, minVersion);
        return gap.figures(days, limit);
    }

    @GetMapping(path = "/implementation-gap", params = "format=csv", produces = "text/csv")
    ResponseEntity<String> implementationGapCsv(@RequestParam(defaultValue = "90") @Min(0) @Max(3650) int days,
                                                @RequestParam(defaultValue = "stalledAfterPilot") String table) {
        Map<String, Object> figures = gap.figures(days, CSV_ROWS);
        List<Map<String, Object>> rows = switch (table) {
            case "stalledAfterPilot", "openReadinessItems", "abandonedAfterSuccessfulPilot" -> rows(figures.get(table));
            case "pilotToImplementationRate" -> pairs(figures.get(table), "department", "rate");
            default -> throw unknownTable(table, GAP_COLUMNS.keySet());
        };
        return Csv.download("implementation-gap-" + table + ".csv", Csv.of(rows, GAP_COLUMNS.get(table)));
    }

    private void awaitWrite(String partnership, Long minVersion) {
        if (minVersion != null) {
            if (partnership == null) {
                throw ReadProblems.badRequest("invalid-parameter", "minVersion needs the partnership it belongs to.");
            }
            readYourWrites.awaitPartnership(partnership, minVersion);
        }
    }

    private static ReadProblems.Refusal unknownTable(String table, java.util.Set<String> tables) {
        return ReadProblems.badRequest("invalid-parameter", "There is no table '" + table + "'; one of: "
                + String.join(", ", tables) + ".");
    }

    private static List<Map<String, Object>> pairs(Object map, String keyColumn, String valueColumn) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ((Map<?, ?>) map).forEach((key, value) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(keyColumn, key);
            row.put(valueColumn, value);
            rows.add(row);
        });
        return rows;
    }

    private static List<Map<String, Object>> keyed(Object map, String keyColumn) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ((Map<?, ?>) map).forEach((key, value) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(keyColumn, key);
            ((Map<?, ?>) value).forEach((column, cell) -> row.put(column.toString(), cell));
            rows.add(row);
        });
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object list) {
        return (List<Map<String, Object>>) list;
    }
}
