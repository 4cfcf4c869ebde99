package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.FiguresCache;

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
 * The figures behind {@code GET /api/dashboard/implementation-gap?days=90} and the gap page. Definitions, all by
 * effective date:
 * <ul>
 *   <li>stalledInStage: active partnerships in their current stage for longer than its threshold
 *       ({@link StallThresholds}), the furthest past it first; on hold apart (onHold), the longest on hold first;</li>
 *   <li>stalledAfterPilot: active or on-hold partnerships whose latest pilot SUCCEEDED, or that were awarded and never
 *       entered a pilot, and that have not entered IMPLEMENTATION (or later) since, for at least {@code days} days;
 *       oldest first;</li>
 *   <li>openReadinessItems: unresolved readiness items of partnerships that are not closed, oldest first;</li>
 *   <li>abandonedAfterSuccessfulPilot: abandoned partnerships that had a SUCCEEDED pilot;</li>
 *   <li>pilotToImplementationRate: per department, the share of partnerships with a SUCCEEDED pilot that entered
 *       IMPLEMENTATION after it.</li>
 * </ul>
 * The lists are read through partial indexes, oldest first, up to their limit. The totals of partnerships stalled
 * after a pilot and of open readiness items, and the rates, are figures the lifecycle projection keeps as it changes
 * the rows, and so are the active partnerships per stage and day of entry the totals stalled in a stage are summed
 * from; the partnerships on hold are counted from their index.
 */
public class ImplementationGapFigures {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StallThresholds thresholds;

    private final FiguresCache<ImplementationGap> cache;

    ImplementationGapFigures(JdbcClient jdbc, Clock clock, StallThresholds thresholds) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.thresholds = thresholds;
        // The lists show rows of the lifecycle read model; the totals are kept figures.
        this.cache = new FiguresCache<>(jdbc, clock, List.of(LifecycleProjection.NAME, LifecycleProjection.FIGURES));
    }

    /**
     * The figures for this threshold; computed again only after the database changed (see {@link FiguresCache}).
     *
     * @param limit the most rows each list carries (the oldest first); {@code <list>Total} says how many there are
     */
    public ImplementationGap figures(int days, int limit) {
        return figures(days, limit, null);
    }

    /** The same for one department's partnerships ({@code null}: all). */
    public ImplementationGap figures(int days, int limit, String department) {
        return cache.get(java.util.Arrays.asList(days, limit, department), () -> compute(days, limit, department));
    }

    private ImplementationGap compute(int days, int limit, String department) {
        LocalDate today = LocalDate.now(clock);
        // The totals are kept per date waited since: the list reads only its first rows. One department's totals
        // are counted from its rows; the kept totals are the whole municipality's.
        long stalledTotal = department == null ? jdbc.sql("""
                        SELECT coalesce(sum(partnerships), 0) FROM figure_waiting
                        WHERE waiting_since <= CAST(:today AS date) - CAST(:days AS integer)""")
                .param("today", today).param("days", days).query(Long.class).single()
                : jdbc.sql("SELECT count(*) FROM (" + STALLED + ") stalled")
                .param("today", today).param("days", days).param("limit", Integer.MAX_VALUE).param("department", department)
                .query(Long.class).single();
        List<ImplementationGap.Stalled> stalled = jdbc.sql(STALLED)
                .param("today", today).param("days", days).param("limit", limit).param("department", department)
                .query((rs, row) -> new ImplementationGap.Stalled(rs.getString("id"), rs.getString("title"),
                        rs.getString("department"), PartnershipKind.valueOf(rs.getString("kind")),
                        Stage.valueOf(rs.getString("stage")), PartnershipStatus.valueOf(rs.getString("status")),
                        rs.getString("trigger"), date(rs, "waiting_since"), rs.getInt("days_waiting")))
                .list();
        long openItemsTotal = department == null
                ? jdbc.sql("SELECT coalesce(sum(open_readiness_items), 0) FROM figure_active").query(Long.class).single()
                : jdbc.sql("""
                        SELECT count(*) FROM lifecycle_readiness_item i JOIN partnership_lifecycle l USING (partnership_id)
                        WHERE l.department = :department""")
                .param("department", department).query(Long.class).single();
        List<ImplementationGap.OpenItem> openItems = jdbc.sql("""
                        SELECT l.partnership_id, l.title, l.department, l.stage, i.item_id, i.type, i.description,
                               i.owner, i.added_on, CAST(:today AS date) - i.added_on AS days_open
                        FROM lifecycle_readiness_item i JOIN partnership_lifecycle l USING (partnership_id)
                        WHERE CAST(:department AS text) IS NULL OR l.department = :department
                        ORDER BY i.added_on, i.partnership_id, i.item_id
                        LIMIT :limit""")
                .param("today", today).param("limit", limit).param("department", department)
                .query((rs, row) -> new ImplementationGap.OpenItem(rs.getString("partnership_id"), rs.getString("title"),
                        rs.getString("department"), Stage.valueOf(rs.getString("stage")), rs.getString("item_id"),
                        ReadinessType.valueOf(rs.getString("type")), rs.getString("description"), rs.getString("owner"),
                        date(rs, "added_on"), rs.getInt("days_open")))
                .list();
        long[] abandonedTotal = {0};
        List<ImplementationGap.AbandonedAfterPilot> abandoned = jdbc.sql("""
                        SELECT count(*) OVER () AS total, l.partnership_id, l.title, l.department, l.kind, l.stage,
                               l.pilot_succeeded_on, l.closed_on, l.closed_reason
                        FROM partnership_lifecycle l
                        WHERE l.status = 'ABANDONED' AND l.pilot_succeeded_on IS NOT NULL
                          AND (CAST(:department AS text) IS NULL OR l.department = :department)
                        ORDER BY l.closed_on, l.partnership_id
                        LIMIT :limit""")
                .param("limit", limit).param("department", department)
                .query((rs, row) -> {
                    abandonedTotal[0] = rs.getLong("total");
                    return new ImplementationGap.AbandonedAfterPilot(rs.getString("partnership_id"),
                            rs.getString("title"), rs.getString("department"),
                            PartnershipKind.valueOf(rs.getString("kind")), Stage.valueOf(rs.getString("stage")),
                            date(rs, "pilot_succeeded_on"), date(rs, "closed_on"), rs.getString("closed_reason"));
                })
                .list();
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        Map<String, ImplementationGap.RateCounts> rateCounts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT department, succeeded, implemented FROM figure_after_pilot
                        WHERE succeeded > 0 AND (CAST(:department AS text) IS NULL OR department = :department)
                        ORDER BY department""")
                .param("department", department)
                .query((rs, row) -> {
                    ImplementationGap.RateCounts counts = new ImplementationGap.RateCounts(rs.getLong("succeeded"),
                            rs.getLong("implemented"));
                    rates.put(rs.getString("department"), BigDecimal.valueOf(counts.implemented())
                            .divide(BigDecimal.valueOf(counts.succeeded()), 2, RoundingMode.HALF_UP));
                    rateCounts.put(rs.getString("department"), counts);
                    return counts;
                })
                .list();
        long[] onHoldTotal = {0};
        List<ImplementationGap.OnHold> onHold = jdbc.sql("""
                        SELECT count(*) OVER () AS total, partnership_id, title, department, stage, stage_entered_on,
                               on_hold_since
                        FROM partnership_lifecycle
                        WHERE status = 'ON_HOLD' AND (CAST(:department AS text) IS NULL OR department = :department)
                        ORDER BY on_hold_since NULLS FIRST, partnership_id
                        LIMIT :limit""")
                .param("limit", limit).param("department", department)
                .query((rs, row) -> {
                    onHoldTotal[0] = rs.getLong("total");
                    LocalDate since = date(rs, "on_hold_since");
                    return new ImplementationGap.OnHold(rs.getString("partnership_id"), rs.getString("title"),
                            rs.getString("department"), Stage.valueOf(rs.getString("stage")),
                            daysBetween(date(rs, "stage_entered_on"), today), since,
                            since == null ? null : daysBetween(since, today));
                })
                .list();
        StalledInStages inStage = stalledInStage(today, limit, department);
        return new ImplementationGap(days, today, department, thresholds.days(), inStage.total(), inStage.rows(),
                onHoldTotal[0], onHold, stalledTotal, stalled, openItemsTotal, openItems,
                abandonedTotal[0], abandoned, rates, rateCounts);
    }

    private record StalledInStages(long total, List<ImplementationGap.StalledInStage> rows) {
    }

    /**
     * Each stage's longest stays past its threshold (read through the index of active partnerships by stage and
     * entry day), then the furthest past their threshold first, up to the limit.
     */
    private StalledInStages stalledInStage(LocalDate today, int limit, String department) {
        long total = 0;
        List<ImplementationGap.StalledInStage> rows = new java.util.ArrayList<>();
        for (Stage stage : Stage.values()) {
            LocalDate before = thresholds.stalledIfEnteredBefore(stage, today);
            String selected = """
                    FROM partnership_lifecycle
                    WHERE status = 'ACTIVE' AND stage = :stage AND stage_entered_on < :before
                      AND (CAST(:department AS text) IS NULL OR department = :department)""";
            total += jdbc.sql("""
                            SELECT coalesce(sum(partnerships), 0) FROM figure_in_stage
                            WHERE stage = :stage AND entered_on < :before
                              AND (CAST(:department AS text) IS NULL OR department = :department)""")
                    .param("stage", stage.name()).param("before", before).param("department", department)
                    .query(Long.class).single();
            rows.addAll(jdbc.sql("SELECT partnership_id, title, department, stage_entered_on " + selected
                            + " ORDER BY stage_entered_on, partnership_id LIMIT :limit")
                    .param("stage", stage.name()).param("before", before).param("department", department)
                    .param("limit", limit)
                    .query((rs, row) -> new ImplementationGap.StalledInStage(rs.getString("partnership_id"),
                            rs.getString("title"), rs.getString("department"), stage, date(rs, "stage_entered_on"),
                            daysBetween(date(rs, "stage_entered_on"), today), thresholds.days(stage)))
                    .list());
        }
        rows.sort(java.util.Comparator.comparingInt(
                        (ImplementationGap.StalledInStage row) -> row.daysInStage() - row.thresholdDays()).reversed()
                .thenComparing(ImplementationGap.StalledInStage::id));
        return new StalledInStages(total, rows.subList(0, Math.min(limit, rows.size())));
    }

    private static int daysBetween(LocalDate from, LocalDate to) {
        return Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(from, to));
    }

    /** Stalled partnerships, oldest first (parameters today, days, department or null, limit). */
    private static final String STALLED = """
                        SELECT l.partnership_id AS id, l.title, l.department, l.kind, l.stage, l.status,
                               CASE WHEN l.pilot_succeeded_on IS NOT NULL THEN 'pilot-succeeded'
                                    ELSE 'awarded-without-pilot' END AS trigger,
                               l.waiting_since, CAST(:today AS date) - l.waiting_since AS days_waiting
                        FROM partnership_lifecycle l
                        WHERE l.waiting_since <= CAST(:today AS date) - CAST(:days AS integer)
                          AND (CAST(:department AS text) IS NULL OR l.department = :department)
                        ORDER BY l.waiting_since, l.partnership_id
                        LIMIT :limit""";

    private static LocalDate date(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
