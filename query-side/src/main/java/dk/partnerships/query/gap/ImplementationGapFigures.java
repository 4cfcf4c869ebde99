package dk.partnerships.query.gap;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures behind {@code GET /api/dashboard/implementation-gap?days=90} and the gap page. Definitions, all by
 * effective date:
 * <ul>
 *   <li>stalledAfterPilot: active or on-hold partnerships whose latest pilot SUCCEEDED, or that were awarded and never
 *       entered a pilot, and that have not entered IMPLEMENTATION (or later) since, for at least {@code days} days;
 *       oldest first;</li>
 *   <li>openReadinessItems: unresolved readiness items of partnerships that are not closed, oldest first;</li>
 *   <li>abandonedAfterSuccessfulPilot: abandoned partnerships that had a SUCCEEDED pilot;</li>
 *   <li>pilotToImplementationRate: per department, the share of partnerships with a SUCCEEDED pilot that entered
 *       IMPLEMENTATION after it.</li>
 * </ul>
 */
public class ImplementationGapFigures {

    /**
     * Since when a partnership has been waiting to be put into operation: its latest successful pilot, or its award
     * when it never had a pilot. The same expression as the partial index {@code partnership_lifecycle_waiting}
     * (migration V9), which is what lets PostgreSQL read only the waiting partnerships, oldest first.
     */
    private static final String WAITING_SINCE =
            "CASE WHEN pilot_succeeded_on IS NOT NULL THEN pilot_succeeded_on WHEN NOT had_pilot THEN awarded_on END";

    private final JdbcClient jdbc;
    private final Clock clock;

    private final FiguresCache cache;

    ImplementationGapFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cache = new FiguresCache(jdbc, clock);
    }

    /**
     * The figures for this threshold; computed again only after the database changed (see {@link FiguresCache}).
     *
     * @param limit the most rows each list carries (the oldest first); {@code <list>Total} says how many there are
     */
    public Map<String, Object> figures(int days, int limit) {
        return cache.get(List.of(days, limit), () -> compute(days, limit));
    }

    private Map<String, Object> compute(int days, int limit) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> gap = new LinkedHashMap<>();
        gap.put("days", days);
        gap.put("today", today);
        // Closed partnerships (completed, abandoned) are never stalled: the lifecycle's closed_as pre-selects the
        // open ones through the partial index, the summary's status decides.
        putLimited(gap, "stalledAfterPilot", jdbc.sql("""
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.kind, s.stage, s.status,
                               CASE WHEN w.pilot_succeeded_on IS NOT NULL THEN 'pilot-succeeded'
                                    ELSE 'awarded-without-pilot' END AS trigger,
                               w.waiting_since, CAST(:today AS date) - w.waiting_since AS days_waiting
                        FROM (SELECT l.*,""" + WAITING_SINCE + """
                               AS waiting_since
                              FROM partnership_lifecycle l WHERE l.closed_as IS NULL) w
                             JOIN partnership_summary s ON s.id = w.partnership_id
                        WHERE w.waiting_since <= CAST(:today AS date) - CAST(:days AS integer)
                          AND s.status IN ('ACTIVE', 'ON_HOLD')
                          AND (w.implemented_on IS NULL OR w.implemented_on < w.waiting_since)
                        ORDER BY w.waiting_since, w.partnership_id
                        LIMIT :limit""")
                .param("today", today).param("days", days).param("limit", limit)
                .query((rs, row) -> row(rs, "total", "id", "title", "department", "kind", "stage", "status", "trigger",
                        "waiting_since:waitingSince", "days_waiting:daysWaiting"))
                .list());
        // The oldest open items through the partial index on open items, and their number apart: counting all of them
        // in the same statement would read every one before the first could be listed.
        List<Map<String, Object>> openItems = jdbc.sql("""
                        SELECT s.id, s.title, s.department, s.stage, i.item_id, i.type, i.description, i.owner, i.added_on,
                               CAST(:today AS date) - i.added_on AS days_open
                        FROM partnership_readiness_item i JOIN partnership_summary s ON s.id = i.partnership_id
                        WHERE i.resolved_on IS NULL AND s.status IN ('ACTIVE', 'ON_HOLD')
                        ORDER BY i.added_on, i.partnership_id, i.item_id
                        LIMIT :limit""")
                .param("today", today).param("limit", limit)
                .query((rs, row) -> row(rs, "id:partnershipId", "title", "department", "stage", "item_id:itemId", "type",
                        "description", "owner", "added_on:addedOn", "days_open:daysOpen"))
                .list();
        gap.put("openReadinessItemsTotal", openItems.size() < limit ? (long) openItems.size() : jdbc.sql("""
                        SELECT count(*) FROM partnership_readiness_item i JOIN partnership_summary s ON s.id = i.partnership_id
                        WHERE i.resolved_on IS NULL AND s.status IN ('ACTIVE', 'ON_HOLD')""")
                .query(Long.class).single());
        gap.put("openReadinessItems", openItems);
        putLimited(gap, "abandonedAfterSuccessfulPilot", jdbc.sql("""
                        SELECT count(*) OVER () AS total, s.id, s.title, s.department, s.kind, s.stage,
                               m.pilot_succeeded_on,
                               s.status_changed_on AS abandoned_on, s.status_reason AS reason
                        FROM partnership_lifecycle m JOIN partnership_summary s ON s.id = m.partnership_id
                        WHERE m.closed_as = 'ABANDONED' AND m.pilot_succeeded_on IS NOT NULL AND s.status = 'ABANDONED'
                        ORDER BY s.status_changed_on, s.id
                        LIMIT :limit""")
                .param("limit", limit)
                .query((rs, row) -> row(rs, "total", "id", "title", "department", "kind", "stage",
                        "pilot_succeeded_on:pilotSucceededOn", "abandoned_on:abandonedOn", "reason"))
                .list());
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        // The lifecycle carries each partnership's department: no join needed.
        jdbc.sql("""
                        SELECT department, count(*) AS succeeded,
                               count(*) FILTER (WHERE implemented_on >= pilot_succeeded_on) AS implemented
                        FROM partnership_lifecycle
                        WHERE pilot_succeeded_on IS NOT NULL
                        GROUP BY department ORDER BY department""")
                .query((rs, row) -> rates.put(rs.getString("department"), BigDecimal.valueOf(rs.getLong("implemented"))
                        .divide(BigDecimal.valueOf(rs.getLong("succeeded")), 2, RoundingMode.HALF_UP)))
                .list();
        gap.put("pilotToImplementationRate", rates);
        return gap;
    }

    /** The rows without their {@code total} column, and the total as {@code <key>Total} (0 when there are none). */
    static void putLimited(Map<String, Object> gap, String key, java.util.List<Map<String, Object>> rows) {
        gap.put(key + "Total", rows.isEmpty() ? 0L : ((Number) rows.get(0).get("total")).longValue());
        rows.forEach(row -> row.remove("total"));
        gap.put(key, rows);
    }

    /** A row as a map; a column may be renamed with {@code column:field}. */
    static Map<String, Object> row(java.sql.ResultSet rs, String... columns) throws java.sql.SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : columns) {
            String[] names = column.split(":");
            Object value = rs.getObject(names[0]);
            if (value instanceof java.sql.Date date) {
                value = date.toLocalDate();
            }
            row.put(names.length > 1 ? names[1] : names[0], value);
        }
        return row;
    }

}
