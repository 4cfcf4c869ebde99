package dk.partnerships.query.lifecycle;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static dk.partnerships.query.lifecycle.ImplementationGapFigures.putLimited;
import static dk.partnerships.query.lifecycle.ImplementationGapFigures.row;

/**
 * The implementation gap as it was computed before its queries were given partial indexes to use: kept in the
 * tests as the definition the product's queries must still meet (its row helpers are the product's).
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

    ImplementationGapFromRows(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Map<String, Object> compute(int days, int limit) {
        return compute(days, limit, null);
    }

    /** The gap of one department's partnerships (null: all), by queries over every partnership. */
    Map<String, Object> compute(int days, int limit, String department) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("days", days);
        gap.put("today", today);
        if (department != null) {
            gap.put("department", department);
        }
        putLimited(gap, "stalledAfterPilot", jdbc.sql(MILESTONES + """
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
                .query((rs, row) -> row(rs, "total", "id", "title", "department", "kind", "stage", "status", "trigger",
                        "waiting_since:waitingSince", "days_waiting:daysWaiting"))
                .list());
        putLimited(gap, "openReadinessItems", jdbc.sql("""
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.stage, i.item_id, i.type, i.description,
                               i.owner, i.added_on,
                               CAST(:today AS date) - i.added_on AS days_open
                        FROM partnership_readiness_item i JOIN partnership_summary s ON s.id = i.partnership_id
                        WHERE i.resolved_on IS NULL AND s.status IN ('ACTIVE', 'ON_HOLD')
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY i.added_on, s.id, i.item_id
                        LIMIT :limit""")
                .param("today", today).param("limit", limit).param("department", department)
                .query((rs, row) -> row(rs, "total", "id:partnershipId", "title", "department", "stage", "item_id:itemId", "type",
                        "description", "owner", "added_on:addedOn", "days_open:daysOpen"))
                .list());
        putLimited(gap, "abandonedAfterSuccessfulPilot", jdbc.sql(MILESTONES + """
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.kind, s.stage,
                               m.pilot_succeeded_on,
                               s.status_changed_on AS abandoned_on, s.status_reason AS reason
                        FROM milestones m JOIN partnership_summary s ON s.id = m.partnership_id
                        WHERE s.status = 'ABANDONED' AND m.pilot_succeeded_on IS NOT NULL
                          AND (CAST(:department AS text) IS NULL OR s.department = :department)
                        ORDER BY s.status_changed_on, s.id
                        LIMIT :limit""")
                .param("limit", limit).param("department", department)
                .query((rs, row) -> row(rs, "total", "id", "title", "department", "kind", "stage",
                        "pilot_succeeded_on:pilotSucceededOn", "abandoned_on:abandonedOn", "reason"))
                .list());
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
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
                            Map.of("succeeded", rs.getLong("succeeded"), "implemented", rs.getLong("implemented")));
                    return row;
                })
                .list();
        gap.put("pilotToImplementationRate", rates);
        gap.put("pilotToImplementationCounts", counts);
        return gap;
    }
}
