package dk.partnerships.query.lifecycle;

import dk.partnerships.events.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboards' figures as tables of rows, one per CSV file: the API's {@code format=csv&table=...} and the pages'
 * downloads write the same tables. Each table names its columns, so an empty one still has its header.
 */
public final class DashboardTables {

    /** One table: its rows (column → value) and its columns in order. */
    public record Table(List<Map<String, Object>> rows, List<String> columns) {
    }

    private static final Map<String, List<String>> LIFECYCLE_COLUMNS = new LinkedHashMap<>();
    private static final Map<String, List<String>> GAP_COLUMNS = new LinkedHashMap<>();

    static {
        List<String> byDepartment = new ArrayList<>(List.of("department"));
        for (Stage stage : Stage.values()) {
            byDepartment.add(stage.name());
        }
        LIFECYCLE_COLUMNS.put("byStage", List.of("stage", "active"));
        LIFECYCLE_COLUMNS.put("byDepartment", byDepartment);
        LIFECYCLE_COLUMNS.put("conversion", List.of("stage", "shareWentOn", "entered", "wentOn"));
        LIFECYCLE_COLUMNS.put("timeInStage", List.of("stage", "medianDays", "p90Days", "finishedStays"));
        LIFECYCLE_COLUMNS.put("quarterlyTrend", List.of("quarter", "proposed", "pilotsStarted", "implementationsStarted",
                "completed", "abandoned"));
        GAP_COLUMNS.put("stalledAfterPilot", List.of("id", "title", "department", "kind", "stage", "status", "trigger",
                "waitingSince", "daysWaiting"));
        GAP_COLUMNS.put("openReadinessItems", List.of("partnershipId", "title", "department", "stage", "itemId", "type",
                "description", "owner", "addedOn", "daysOpen"));
        GAP_COLUMNS.put("abandonedAfterSuccessfulPilot", List.of("id", "title", "department", "kind", "stage",
                "pilotSucceededOn", "abandonedOn", "reason"));
        GAP_COLUMNS.put("pilotToImplementationRate", List.of("department", "rate", "succeeded", "implemented"));
    }

    private DashboardTables() {
    }

    public static Set<String> lifecycleTables() {
        return LIFECYCLE_COLUMNS.keySet();
    }

    public static Set<String> gapTables() {
        return GAP_COLUMNS.keySet();
    }

    /** A table of {@link LifecycleFigures#figures}, or null when there is no table of that name. */
    public static Table lifecycle(Map<String, Object> figures, String table) {
        List<Map<String, Object>> rows = switch (table) {
            case "byStage" -> pairs(figures.get("byStage"), "stage", "active");
            case "byDepartment" -> keyed(figures.get("byDepartment"), "department");
            case "conversion" -> withCounts(pairs(figures.get("conversion"), "stage", "shareWentOn"), "stage",
                    figures.get("conversionCounts"));
            case "timeInStage" -> keyed(figures.get("timeInStage"), "stage");
            case "quarterlyTrend" -> rows(figures.get("quarterlyTrend"));
            default -> null;
        };
        return rows == null ? null : new Table(rows, LIFECYCLE_COLUMNS.get(table));
    }

    /** A table of {@link ImplementationGapFigures#figures}, or null when there is no table of that name. */
    public static Table gap(Map<String, Object> figures, String table) {
        List<Map<String, Object>> rows = switch (table) {
            case "stalledAfterPilot", "openReadinessItems", "abandonedAfterSuccessfulPilot" -> rows(figures.get(table));
            case "pilotToImplementationRate" -> withCounts(pairs(figures.get(table), "department", "rate"), "department",
                    figures.get("pilotToImplementationCounts"));
            default -> null;
        };
        return rows == null ? null : new Table(rows, GAP_COLUMNS.get(table));
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

    /** Each row with the counts kept under its key in {@code counts} (key → column → count). */
    private static List<Map<String, Object>> withCounts(List<Map<String, Object>> rows, String keyColumn, Object counts) {
        if (counts instanceof Map<?, ?> byKey) {
            for (Map<String, Object> row : rows) {
                if (byKey.get(row.get(keyColumn)) instanceof Map<?, ?> columns) {
                    columns.forEach((column, count) -> row.put(column.toString(), count));
                }
            }
        }
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
