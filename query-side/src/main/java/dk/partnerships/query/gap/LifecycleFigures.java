package dk.partnerships.query.gap;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle figures behind {@code GET /api/dashboard/lifecycle} and the dashboard page (filters {@code department},
 * {@code kind}, {@code year} of proposal), by effective date:
 * <ul>
 *   <li>byStage: partnerships not closed (active or on hold), per current stage;</li>
 *   <li>byDepartment: the same per department;</li>
 *   <li>conversion: of the partnerships that ever entered a stage, the share that later entered a later stage;</li>
 *   <li>timeInStage: median and 90th percentile of finished stays in each stage, in days; a stay ends when the
 *       partnership enters another stage, completes or is abandoned; stays still going on are not counted;</li>
 *   <li>quarterlyTrend: per quarter, partnerships proposed, pilots and implementations started, completed, abandoned.</li>
 * </ul>
 */
public class LifecycleFigures {

    /** The partnerships the filters select. */
    private static final String SELECTED = """
            WITH selected AS (
                SELECT id FROM partnership_summary
                WHERE (CAST(:department AS text) IS NULL OR department = :department)
                  AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                  AND (CAST(:year AS integer) IS NULL OR extract(year FROM proposed_on) = :year))
            """;

    /** Every stay of every selected partnership in a stage: entered, left (null while it goes on). */
    private static final String STAYS = SELECTED + """
            , moves AS (
                SELECT e.partnership_id, e.sequence, e.effective_date,
                       CASE WHEN e.type = 'PartnershipProposedEvent' THEN 'IDEA' ELSE e.data ->> 'to' END AS stage,
                       e.type
                FROM partnership_event_log e JOIN selected s ON s.id = e.partnership_id
                WHERE e.type IN ('PartnershipProposedEvent', 'StageAdvancedEvent', 'StageSkippedEvent',
                                 'StageRevertedEvent', 'PartnershipCompletedEvent', 'PartnershipAbandonedEvent')),
            stays AS (
                SELECT partnership_id, stage, effective_date AS entered_on,
                       lead(effective_date) OVER (PARTITION BY partnership_id ORDER BY sequence) AS left_on, type
                FROM moves)
            """;

    private static final String[] STAGES = java.util.Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new);

    /**
     * Per calendar quarter, from the first selected event's quarter to today's: how many partnerships were proposed,
     * entered PILOT, entered IMPLEMENTATION, completed and were abandoned in it (each partnership counted once per
     * quarter and figure).
     */
    private static final String QUARTERS = SELECTED + """
            , events AS (
                SELECT e.partnership_id, e.type, e.effective_date, e.data ->> 'to' AS to_stage
                FROM partnership_event_log e JOIN selected s ON s.id = e.partnership_id),
            quarters AS (
                SELECT generate_series(date_trunc('quarter', min(effective_date)),
                                       date_trunc('quarter', CAST(:today AS date)), interval '3 months') AS quarter
                FROM events)
            SELECT to_char(q.quarter, 'YYYY-"Q"Q') AS quarter,
                   count(DISTINCT e.partnership_id) FILTER (WHERE e.type = 'PartnershipProposedEvent') AS proposed,
                   count(DISTINCT e.partnership_id) FILTER (WHERE e.type IN ('StageAdvancedEvent', 'StageSkippedEvent',
                       'StageRevertedEvent') AND e.to_stage = 'PILOT') AS pilots_started,
                   count(DISTINCT e.partnership_id) FILTER (WHERE e.type IN ('StageAdvancedEvent', 'StageSkippedEvent',
                       'StageRevertedEvent') AND e.to_stage = 'IMPLEMENTATION') AS implementations_started,
                   count(DISTINCT e.partnership_id) FILTER (WHERE e.type = 'PartnershipCompletedEvent') AS completed,
                   count(DISTINCT e.partnership_id) FILTER (WHERE e.type = 'PartnershipAbandonedEvent') AS abandoned
            FROM quarters q LEFT JOIN events e ON date_trunc('quarter', e.effective_date) = q.quarter
            GROUP BY q.quarter ORDER BY q.quarter
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    LifecycleFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Map<String, Object> figures(String department, PartnershipKind kind, Integer year) {
        String kindName = kind == null ? null : kind.name();
        Map<String, Object> answer = new LinkedHashMap<>();

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
        answer.put("byStage", byStage);
        answer.put("byDepartment", byDepartment);

        Map<String, BigDecimal> conversion = new LinkedHashMap<>();
        jdbc.sql(STAYS + """
                        , reached AS (
                            SELECT partnership_id, stage, min(entered_on) AS first_entered FROM stays
                            WHERE type NOT IN ('PartnershipCompletedEvent', 'PartnershipAbandonedEvent')
                            GROUP BY partnership_id, stage)
                        SELECT r.stage, count(*) AS entered,
                               count(*) FILTER (WHERE EXISTS (
                                   SELECT 1 FROM reached later WHERE later.partnership_id = r.partnership_id
                                     AND array_position(CAST(:stages AS text[]), later.stage)
                                         > array_position(CAST(:stages AS text[]), r.stage))) AS went_on
                        FROM reached r GROUP BY r.stage""")
                .param("department", department).param("kind", kindName).param("year", year)
                .param("stages", STAGES)
                .query((rs, row) -> conversion.put(rs.getString("stage"), BigDecimal.valueOf(rs.getLong("went_on"))
                        .divide(BigDecimal.valueOf(rs.getLong("entered")), 2, RoundingMode.HALF_UP)))
                .list();
        Map<String, BigDecimal> orderedConversion = new LinkedHashMap<>();
        for (String stage : STAGES) {
            if (conversion.containsKey(stage) && !stage.equals("EVALUATION")) {
                orderedConversion.put(stage, conversion.get(stage));
            }
        }
        answer.put("conversion", orderedConversion);

        Map<String, Map<String, Object>> timeInStage = new LinkedHashMap<>();
        jdbc.sql(STAYS + """
                        SELECT stage, count(*) AS stays,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY left_on - entered_on) AS median,
                               percentile_cont(0.9) WITHIN GROUP (ORDER BY left_on - entered_on) AS p90
                        FROM stays
                        WHERE left_on IS NOT NULL
                          AND type NOT IN ('PartnershipCompletedEvent', 'PartnershipAbandonedEvent')
                        GROUP BY stage""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("medianDays", rs.getDouble("median"));
                    figures.put("p90Days", rs.getDouble("p90"));
                    figures.put("finishedStays", rs.getLong("stays"));
                    return timeInStage.put(rs.getString("stage"), figures);
                }).list();
        Map<String, Map<String, Object>> orderedTimes = new LinkedHashMap<>();
        for (String stage : STAGES) {
            if (timeInStage.containsKey(stage)) {
                orderedTimes.put(stage, timeInStage.get(stage));
            }
        }
        answer.put("timeInStage", orderedTimes);

        answer.put("quarterlyTrend", jdbc.sql(QUARTERS)
                .param("department", department).param("kind", kindName).param("year", year)
                .param("today", LocalDate.now(clock))
                .query((rs, row) -> {
                    Map<String, Object> quarter = new LinkedHashMap<>();
                    quarter.put("quarter", rs.getString("quarter"));
                    quarter.put("proposed", rs.getLong("proposed"));
                    quarter.put("pilotsStarted", rs.getLong("pilots_started"));
                    quarter.put("implementationsStarted", rs.getLong("implementations_started"));
                    quarter.put("completed", rs.getLong("completed"));
                    quarter.put("abandoned", rs.getLong("abandoned"));
                    return quarter;
                }).list());
        return answer;
    }

    private static Map<String, Long> zeroPerStage() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String stage : STAGES) {
            counts.put(stage, 0L);
        }
        return counts;
    }
}
