package dk.partnerships.query.lifecycle;

import java.util.List;

/**
 * The figures the dashboards read, kept per cell instead of counted per request: a request sums the cells its
 * filters select, a few hundred rows instead of every partnership and stay. Each table's rows are counts per key;
 * which partnership counts where is decided in {@link FigureCounts}, nowhere else.
 */
enum FigureTable {

    /** Open (active or on hold) partnerships per current stage, and their open readiness items. */
    ACTIVE("figure_active", List.of("department", "kind", "year", "stage"),
            List.of("partnerships", "open_readiness_items")),
    /** Per stage: partnerships that ever entered it, and of those the ones that later entered a later stage. */
    CONVERSION("figure_conversion", List.of("department", "kind", "year", "stage"), List.of("entered", "went_on")),
    /** Per calendar quarter and {@link QuarterFigure}: the partnerships counted in it. */
    QUARTER("figure_quarter", List.of("department", "kind", "year", "quarter", "figure"), List.of("partnerships")),
    /** Finished stays per stage and length in days (what medians and 90th percentiles are computed from). */
    STAY_LENGTH("figure_stay_length", List.of("department", "kind", "year", "stage", "days"), List.of("stays")),
    /** Partnerships whose way to operation came to an {@link ImplementationJourney.Outcome}, per days it took. */
    OUTCOME("figure_time_to_outcome", List.of("department", "kind", "year", "outcome", "days"), List.of("partnerships")),
    /** Partnerships still on their way to operation, per day of proposal (followed up to today). */
    UNDER_WAY("figure_under_way", List.of("department", "kind", "year", "proposed_on"), List.of("partnerships")),
    /** Active partnerships per department, current stage and the day they entered it. */
    IN_STAGE("figure_in_stage", List.of("department", "stage", "entered_on"), List.of("partnerships")),
    /** Partnerships waiting to be put into operation, per day they have waited since. */
    WAITING("figure_waiting", List.of("waiting_since"), List.of("partnerships")),
    /** Per department: partnerships whose latest pilot succeeded, and of those the ones implemented after it. */
    AFTER_PILOT("figure_after_pilot", List.of("department"), List.of("succeeded", "implemented"));

    final String table;
    final List<String> keyColumns;
    final List<String> countColumns;

    FigureTable(String table, List<String> keyColumns, List<String> countColumns) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.countColumns = countColumns;
    }

    static List<String> tableNames() {
        return java.util.Arrays.stream(values()).map(figures -> figures.table).toList();
    }
}
