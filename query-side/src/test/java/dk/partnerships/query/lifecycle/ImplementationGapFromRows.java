package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The implementation gap as it was computed before the lifecycle read model kept what it lists: by queries over every
 * partnership of the summaries, kept in the tests as the definition the product's answer must still meet.
 */
class ImplementationGapFromRows {

    /** Per partnership: when its pilot last succeeded, when it was awarded, whether it ever entered PILOT, and when
     * it last entered IMPLEMENTATION or EVALUATION. */
    private static final String MILESTONES = """
            WITH milestones AS (
                SELECT partnership_id, pilot_succeeded_on, awarded_on, had_pilot, implemented_on
                FROM partnership_lifecycle)
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StallThresholds thresholds;

    ImplementationGapFromRows(JdbcClient jdbc, Clock clock, StallThresholds thresholds) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    ImplementationGap compute(int days, int limit) {
        return compute(days, limit, null);
    }

    /** The gap of one department's partnerships (null: all), by queries over every partnership. */
    ImplementationGap compute(int days, int limit, String department) {
        LocalDate today = LocalDate.now(clock);
        long[] totals = new long[3];
        List<ImplementationGap.Stalled> stalled = jdbc.sql(MILESTONES + """
                        , waiting AS (
                            SELECT m.*, CASE WHEN m.pilot_succeeded_on IS NOT NULL THEN m.pilot_succeeded_on
                                             WHEN NOT coalesce(m.had_pilot, false) THEN m.awarded_on END AS waiting_since,
                                        CASE WHEN m.pilot_succeeded_on IS NOT NULL THEN 'pilot-succeeded'
                                             ELSE 'awarded-without-pilot' END AS trigger
                            FROM milestones m)
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.kind, s.stage, s.status,
                               w.trigger, w.waiting_since,
                               CAST(:today AS date) - w.waiting_since AS days_waiting
                        FROM waiting w JOIN partnership_summary s ON s.id = w.partnership_id
                        WHERE w.waiting_since IS NOT NULL
                          AND s.status IN ('ACTIVE', 'ON_HOLD')
                          AND (w.implemented_on IS NULL OR w.implemented_on < w.waiting_since)
                          AND CAST(:today AS date) - w.waiting_since >= :days
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY w.waiting_since, s.id
                        LIMIT :limit""")
                .param("today", today).param("days", days).param("limit", limit).param("department", department)
                .query((rs, row) -> {
                    totals[0] = rs.getLong("total");
                    return new ImplementationGap.Stalled(rs.getString("id"), rs.getString("title"),
                            rs.getString("department"), PartnershipKind.valueOf(rs.getString("kind")),
                            Stage.valueOf(rs.getString("stage")), PartnershipStatus.valueOf(rs.getString("status")),
                            rs.getString("trigger"), rs.getObject("waiting_since", LocalDate.class),
                            rs.getInt("days_waiting"));
                })
                .list();
        List<ImplementationGap.OpenItem> items = jdbc.sql("""
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.stage, i.item_id, i.type, i.description,
                               i.owner, i.added_on,
                               CAST(:today AS date) - i.added_on AS days_open
                        FROM partnership_readiness_item i JOIN partnership_summary s ON s.id = i.partnership_id
                        WHERE i.resolved_on IS NULL AND s.status IN ('ACTIVE', 'ON_HOLD')
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY i.added_on, s.id, i.item_id
                        LIMIT :limit""")
                .param("today", today).param("limit", limit).param("department", department)
                .query((rs, row) -> {
                    totals[1] = rs.getLong("total");
                    return new ImplementationGap.OpenItem(rs.getString("id"), rs.getString("title"),
                            rs.getString("department"), Stage.valueOf(rs.getString("stage")), rs.getString("item_id"),
                            ReadinessType.valueOf(rs.getString("type")), rs.getString("description"),
                            rs.getString("owner"), rs.getObject("added_on", LocalDate.class), rs.getInt("days_open"));
                })
                .list();
        List<ImplementationGap.AbandonedAfterPilot> abandoned = jdbc.sql(MILESTONES + """
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.kind, s.stage,
                               m.pilot_succeeded_on,
                               s.status_changed_on AS abandoned_on, s.status_reason AS reason
                        FROM milestones m JOIN partnership_summary s ON s.id = m.partnership_id
                        WHERE s.status = 'ABANDONED' AND m.pilot_succeeded_on IS NOT NULL
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY s.status_changed_on, s.id
                        LIMIT :limit""")
                .param("limit", limit).param("department", department)
                .query((rs, row) -> {
                    totals[2] = rs.getLong("total");
                    return new ImplementationGap.AbandonedAfterPilot(rs.getString("id"), rs.getString("title"),
                            rs.getString("department"), PartnershipKind.valueOf(rs.getString("kind")),
                            Stage.valueOf(rs.getString("stage")), rs.getObject("pilot_succeeded_on", LocalDate.class),
                            rs.getObject("abandoned_on", LocalDate.class), rs.getString("reason"));
                })
                .list();
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        Map<String, ImplementationGap.RateCounts> counts = new LinkedHashMap<>();
        jdbc.sql(MILESTONES + """
                        SELECT s.department, count(*) AS succeeded,
                               count(*) FILTER (WHERE m.implemented_on >= m.pilot_succeeded_on) AS implemented
                        FROM milestones m JOIN partnership_summary s ON s.id = m.partnership_id
                        WHERE m.pilot_succeeded_on IS NOT NULL
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        GROUP BY s.department ORDER BY s.department""")
                .param("department", department)
                .query((rs, row) -> {
                    rates.put(rs.getString("department"), BigDecimal.valueOf(rs.getLong("implemented"))
                            .divide(BigDecimal.valueOf(rs.getLong("succeeded")), 2, RoundingMode.HALF_UP));
                    counts.put(rs.getString("department"),
                            new ImplementationGap.RateCounts(rs.getLong("succeeded"), rs.getLong("implemented")));
                    return row;
                })
                .list();
        // Stalled in a stage and on hold, from the summaries' own stage and status dates.
        String stages = "{" + String.join(",", java.util.Arrays.stream(Stage.values()).map(Enum::name).toList()) + "}";
        String limits = "{" + String.join(",", java.util.Arrays.stream(Stage.values())
                .map(stage -> Integer.toString(thresholds.days(stage))).toList()) + "}";
        long[] more = new long[2];
        List<ImplementationGap.StalledInStage> inStage = jdbc.sql("""
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.stage, s.stage_entered_on,
                               CAST(:today AS date) - s.stage_entered_on AS days_in_stage, t.threshold
                        FROM partnership_summary s
                             JOIN unnest(CAST(:stages AS text[]), CAST(:limits AS integer[])) AS t (stage, threshold)
                               ON t.stage = s.stage
                        WHERE s.status = 'ACTIVE' AND CAST(:today AS date) - s.stage_entered_on > t.threshold
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY CAST(:today AS date) - s.stage_entered_on - t.threshold DESC, s.id
                        LIMIT :limit""")
                .param("today", today).param("stages", stages).param("limits", limits).param("limit", limit)
                .param("department", department)
                .query((rs, row) -> {
                    more[0] = rs.getLong("total");
                    return new ImplementationGap.StalledInStage(rs.getString("id"), rs.getString("title"),
                            rs.getString("department"), Stage.valueOf(rs.getString("stage")),
                            rs.getObject("stage_entered_on", LocalDate.class), rs.getInt("days_in_stage"),
                            rs.getInt("threshold"));
                })
                .list();
        List<ImplementationGap.OnHold> onHold = jdbc.sql("""
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.stage,
                               CAST(:today AS date) - s.stage_entered_on AS days_in_stage,
                               s.status_changed_on, CAST(:today AS date) - s.status_changed_on AS days_on_hold
                        FROM partnership_summary s
                        WHERE s.status = 'ON_HOLD' AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY s.status_changed_on, s.id
                        LIMIT :limit""")
                .param("today", today).param("limit", limit).param("department", department)
                .query((rs, row) -> {
                    more[1] = rs.getLong("total");
                    return new ImplementationGap.OnHold(rs.getString("id"), rs.getString("title"),
                            rs.getString("department"), Stage.valueOf(rs.getString("stage")),
                            rs.getInt("days_in_stage"), rs.getObject("status_changed_on", LocalDate.class),
                            rs.getInt("days_on_hold"));
                })
                .list();
        return new ImplementationGap(days, today, department, thresholds.days(), more[0], inStage, more[1], onHold,
                totals[0], stalled, totals[1], items, totals[2], abandoned, rates, counts);
    }
}
