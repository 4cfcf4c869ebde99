package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dk.partnerships.query.lifecycle.LifecycleFigures.zeroPerStage;

/**
 * The lifecycle figures aggregated straight from the read models' rows, the way they were computed before they were
 * kept: the definition, written independently of the Java rules, that the kept figures must equal.
 */
class LifecycleFiguresFromRows {

    /** The filters, on partnership_lifecycle or {@link #STAYS} (each carries department, kind and proposed_on). */
    private static final String FILTERS = """
             (CAST(:department AS text) IS NULL OR department = :department)
              AND (CAST(:kind AS text) IS NULL OR kind = :kind)
              AND (CAST(:year AS integer) IS NULL OR extract(year FROM proposed_on) = :year)
            """;

    /** The stays with their partnership's filters. */
    private static final String STAYS = """
            (SELECT st.*, l.department, l.kind, l.proposed_on
             FROM partnership_stage_stay st JOIN partnership_lifecycle l USING (partnership_id)) stays
            """;

    /**
     * Per calendar quarter, from the first selected proposal's quarter to today's: how many partnerships were
     * proposed, entered PILOT, entered IMPLEMENTATION, completed and were abandoned in it (each partnership counted
     * once per quarter and figure).
     */
    private static final String QUARTERS = """
            WITH selected AS (SELECT * FROM partnership_lifecycle WHERE""" + FILTERS + """
            ),
            quarters AS (
                SELECT generate_series(date_trunc('quarter', min(proposed_on)),
                                       date_trunc('quarter', CAST(:today AS date)), interval '3 months') AS quarter
                FROM selected),
            proposed AS (
                SELECT date_trunc('quarter', proposed_on) AS quarter, count(*) AS n FROM selected GROUP BY 1),
            started AS (
                SELECT date_trunc('quarter', entered_on) AS quarter,
                       count(DISTINCT partnership_id) FILTER (WHERE stage = 'PILOT') AS pilots,
                       count(DISTINCT partnership_id) FILTER (WHERE stage = 'IMPLEMENTATION') AS implementations
                FROM""" + STAYS + """
                WHERE stage IN ('PILOT', 'IMPLEMENTATION') AND""" + FILTERS + """
                GROUP BY 1),
            closed AS (
                SELECT date_trunc('quarter', closed_on) AS quarter,
                       count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                       count(*) FILTER (WHERE status = 'ABANDONED') AS abandoned
                FROM selected WHERE closed_on IS NOT NULL GROUP BY 1)
            SELECT to_char(q.quarter, 'YYYY-"Q"Q') AS quarter, coalesce(p.n, 0) AS proposed,
                   coalesce(s.pilots, 0) AS pilots_started, coalesce(s.implementations, 0) AS implementations_started,
                   coalesce(c.completed, 0) AS completed, coalesce(c.abandoned, 0) AS abandoned
            FROM quarters q LEFT JOIN proposed p USING (quarter) LEFT JOIN started s USING (quarter)
                 LEFT JOIN closed c USING (quarter)
            ORDER BY q.quarter
            """;

    private static final String[] STAGES = java.util.Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new);

    private final JdbcClient jdbc;
    private final Clock clock;

    LifecycleFiguresFromRows(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    LifecycleDashboard compute(String department, PartnershipKind kind, Integer year) {
        String kindName = kind == null ? null : kind.name();

        Map<String, Long> byStage = zeroPerStage();
        Map<String, Map<String, Long>> byDepartment = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT department, stage, count(*) AS n FROM partnership_summary
                        WHERE status IN ('ACTIVE', 'ON_HOLD')
                          AND (CAST(:department AS text) IS NULL OR department = :department)
                          AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                          AND (CAST(:year AS integer) IS NULL OR extract(year FROM proposed_on) = :year)
                        GROUP BY department, stage ORDER BY department""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    long n = rs.getLong("n");
                    byStage.merge(rs.getString("stage"), n, Long::sum);
                    byDepartment.computeIfAbsent(rs.getString("department"), d -> zeroPerStage())
                            .merge(rs.getString("stage"), n, Long::sum);
                    return n;
                }).list();

        Map<String, BigDecimal> conversion = new LinkedHashMap<>();
        Map<String, LifecycleDashboard.ConversionCount> conversionCounts = new LinkedHashMap<>();
        // One pass over one row per partnership: the stages it reached and the furthest one.
        jdbc.sql("""
                        SELECT stage.name, count(*) FILTER (WHERE stage.name = ANY (reached_stages)) AS entered,
                               count(*) FILTER (WHERE stage.name = ANY (reached_stages)
                                   AND array_position(CAST(:stages AS text[]), CAST(furthest_stage AS text)) > stage.ord)
                                   AS went_on
                        FROM partnership_lifecycle
                             CROSS JOIN (SELECT name, CAST(position AS integer) AS ord
                                         FROM unnest(CAST(:stages AS text[])) WITH ORDINALITY AS s(name, position)) AS stage
                        WHERE""" + FILTERS + """
                        GROUP BY stage.name""")
                .param("department", department).param("kind", kindName).param("year", year)
                .param("stages", STAGES)
                .query((rs, row) -> {
                    if (rs.getLong("entered") > 0) {
                        conversion.put(rs.getString("name"), BigDecimal.valueOf(rs.getLong("went_on"))
                                .divide(BigDecimal.valueOf(rs.getLong("entered")), 2, RoundingMode.HALF_UP));
                        conversionCounts.put(rs.getString("name"),
                                new LifecycleDashboard.ConversionCount(rs.getLong("entered"), rs.getLong("went_on")));
                    }
                    return row;
                })
                .list();
        Map<String, BigDecimal> orderedConversion = new LinkedHashMap<>();
        for (String stage : STAGES) {
            if (conversion.containsKey(stage) && !stage.equals("EVALUATION")) {
                orderedConversion.put(stage, conversion.get(stage));
            }
        }

        Map<String, LifecycleDashboard.StageTime> timeInStage = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT stage, count(*) AS stays,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY left_on - entered_on) AS median,
                               percentile_cont(0.9) WITHIN GROUP (ORDER BY left_on - entered_on) AS p90
                        FROM""" + STAYS + """
                        WHERE left_on IS NOT NULL AND""" + FILTERS + """
                        GROUP BY stage""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    return timeInStage.put(rs.getString("stage"), new LifecycleDashboard.StageTime(
                            rs.getDouble("median"), rs.getDouble("p90"), rs.getLong("stays")));
                }).list();
        Map<String, LifecycleDashboard.StageTime> orderedTimes = new LinkedHashMap<>();
        for (String stage : STAGES) {
            if (timeInStage.containsKey(stage)) {
                orderedTimes.put(stage, timeInStage.get(stage));
            }
        }

        List<LifecycleDashboard.Quarter> trend = jdbc.sql(QUARTERS)
                .param("department", department).param("kind", kindName).param("year", year)
                .param("today", LocalDate.now(clock))
                .query((rs, row) -> quarter(rs)).list();
        return new LifecycleDashboard(byStage, byDepartment, orderedConversion, conversionCounts, orderedTimes, trend);
    }

    private static LifecycleDashboard.Quarter quarter(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LifecycleDashboard.Quarter(rs.getString("quarter"), Map.of(
                QuarterFigure.PROPOSED, rs.getLong("proposed"), QuarterFigure.PILOTS_STARTED, rs.getLong("pilots_started"),
                QuarterFigure.IMPLEMENTATIONS_STARTED, rs.getLong("implementations_started"),
                QuarterFigure.COMPLETED, rs.getLong("completed"), QuarterFigure.ABANDONED, rs.getLong("abandoned")));
    }
}
