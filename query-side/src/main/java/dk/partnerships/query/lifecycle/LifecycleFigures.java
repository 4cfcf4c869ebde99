package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.FiguresCache;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lifecycle figures behind {@code GET /api/dashboard/lifecycle} and the dashboard page (filters {@code department},
 * {@code kind}, {@code year} of proposal), by effective date:
 * <ul>
 *   <li>byStage: partnerships not closed (active or on hold), per current stage;</li>
 *   <li>byDepartment: the same per department;</li>
 *   <li>conversion: of the partnerships that ever entered a stage, the share that later entered a later stage;
 *       conversionCounts: per stage the counts behind it ({@code entered}, {@code wentOn});</li>
 *   <li>timeInStage: median and 90th percentile of finished stays in each stage, in days; a stay ends when the
 *       partnership enters another stage, completes or is abandoned; stays still going on are not counted;</li>
 *   <li>quarterlyTrend: per quarter, each {@link QuarterFigure}.</li>
 * </ul>
 * They are read from counts kept per department, kind and year of proposal by the lifecycle projection, in the
 * transaction that changes the rows they count ({@link dk.partnerships.query.lifecycle.LifecycleProjection}): a
 * request sums the cells its filters select instead of aggregating every partnership and stay.
 */
public class LifecycleFigures {

    /** The filters, on any of the figure tables (each is counted per department, kind and year of proposal). */
    static final String FILTERS = """
             (CAST(:department AS text) IS NULL OR department = :department)
              AND (CAST(:kind AS text) IS NULL OR kind = :kind)
              AND (CAST(:year AS integer) IS NULL OR year = :year)
            """;

    private static final String[] STAGES = java.util.Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new);

    private final JdbcClient jdbc;
    private final Clock clock;

    private final FiguresCache<LifecycleDashboard> cache;
    private final FiguresCache<LifecycleDashboard.FilterOptions> options;

    LifecycleFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Computed from the kept figures alone: only their own counter matters, so a lesson recorded or a history
        // entry leaves the cached figures in place.
        this.cache = new FiguresCache<>(jdbc, clock, List.of(LifecycleProjection.FIGURES));
        this.options = new FiguresCache<>(jdbc, clock, List.of(LifecycleProjection.FIGURES));
    }

    /** The figures for these filters; computed again only after the database changed (see {@link FiguresCache}). */
    public LifecycleDashboard figures(String department, PartnershipKind kind, Integer year) {
        return cache.get(java.util.Arrays.asList(department, kind, year), () -> compute(department, kind, year));
    }

    /** What the dashboard's filters offer. */
    public LifecycleDashboard.FilterOptions filterOptions() {
        return options.get(List.of(), () -> new LifecycleDashboard.FilterOptions(
                jdbc.sql("SELECT DISTINCT department FROM figure_quarter WHERE figure = :proposed ORDER BY department")
                        .param("proposed", QuarterFigure.PROPOSED.name())
                        .query(String.class).list(),
                jdbc.sql("SELECT DISTINCT year FROM figure_quarter WHERE figure = :proposed ORDER BY 1 DESC")
                        .param("proposed", QuarterFigure.PROPOSED.name())
                        .query(Integer.class).list()));
    }

    private LifecycleDashboard compute(String department, PartnershipKind kind, Integer year) {
        String kindName = kind == null ? null : kind.name();

        Map<String, Long> byStage = zeroPerStage();
        Map<String, Map<String, Long>> byDepartment = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT department, stage, sum(partnerships) AS n FROM figure_active WHERE""" + FILTERS + """
                        GROUP BY department, stage HAVING sum(partnerships) > 0 ORDER BY department""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    long n = rs.getLong("n");
                    byStage.merge(rs.getString("stage"), n, Long::sum);
                    byDepartment.computeIfAbsent(rs.getString("department"), d -> zeroPerStage())
                            .merge(rs.getString("stage"), n, Long::sum);
                    return n;
                }).list();

        Map<String, LifecycleDashboard.ConversionCount> counted = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT stage, sum(entered) AS entered, sum(went_on) AS went_on
                        FROM figure_conversion WHERE""" + FILTERS + """
                        GROUP BY stage HAVING sum(entered) > 0""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> counted.put(rs.getString("stage"),
                        new LifecycleDashboard.ConversionCount(rs.getLong("entered"), rs.getLong("went_on"))))
                .list();
        // The counts behind each share (a share of one partnership reads differently from a share of fifty), and the
        // funnel: how many ever reached each stage, Evaluation included; the share of the last stage means nothing.
        Map<String, BigDecimal> conversion = new LinkedHashMap<>();
        Map<String, LifecycleDashboard.ConversionCount> conversionCounts = new LinkedHashMap<>();
        for (String stage : STAGES) {
            LifecycleDashboard.ConversionCount counts = counted.get(stage);
            if (counts != null) {
                conversionCounts.put(stage, counts);
                if (!stage.equals(Stage.EVALUATION.name())) {
                    conversion.put(stage, BigDecimal.valueOf(counts.wentOn())
                            .divide(BigDecimal.valueOf(counts.entered()), 2, RoundingMode.HALF_UP));
                }
            }
        }

        Map<String, StayLengths> lengths = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT stage, days, sum(stays) AS stays FROM figure_stay_length WHERE""" + FILTERS + """
                        GROUP BY stage, days HAVING sum(stays) > 0 ORDER BY stage, days""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    lengths.computeIfAbsent(rs.getString("stage"), stage -> new StayLengths())
                            .add(rs.getInt("days"), rs.getLong("stays"));
                    return row;
                }).list();
        Map<String, LifecycleDashboard.StageTime> timeInStage = new LinkedHashMap<>();
        for (String stage : STAGES) {
            StayLengths stays = lengths.get(stage);
            if (stays != null) {
                timeInStage.put(stage, new LifecycleDashboard.StageTime(stays.percentile(0.5), stays.percentile(0.9),
                        stays.total));
            }
        }

        Map<LocalDate, Map<QuarterFigure, Long>> perQuarter = new TreeMap<>();
        jdbc.sql("""
                        SELECT quarter, figure, sum(partnerships) AS n FROM figure_quarter WHERE""" + FILTERS + """
                        GROUP BY quarter, figure""")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    // A figure no longer defined stays in the table until its recount replaces the rows: not shown.
                    QuarterFigure figure = QuarterFigure.named(rs.getString("figure"));
                    if (figure != null) {
                        perQuarter.computeIfAbsent(rs.getObject("quarter", LocalDate.class),
                                quarter -> new EnumMap<>(QuarterFigure.class)).put(figure, rs.getLong("n"));
                    }
                    return row;
                }).list();
        List<LifecycleDashboard.Quarter> trend = quarterlyTrend(perQuarter, LocalDate.now(clock));
        return new LifecycleDashboard(byStage, byDepartment, conversion, conversionCounts, timeInStage, trend);
    }

    /**
     * Finished stays of one stage as a histogram of their lengths in days, ascending. Percentiles follow
     * PostgreSQL's {@code percentile_cont}: the value at position p·(n−1) of the sorted lengths, interpolated
     * linearly between the two lengths around it.
     */
    static final class StayLengths {

        private final List<long[]> daysAndCounts = new ArrayList<>();
        private long total;

        void add(int days, long stays) {
            daysAndCounts.add(new long[] {days, stays});
            total += stays;
        }

        double percentile(double p) {
            double position = p * (total - 1);
            long lower = (long) Math.floor(position);
            long upper = (long) Math.ceil(position);
            double low = lengthAt(lower);
            double high = lengthAt(upper);
            return low + (position - lower) * (high - low);
        }

        /** The length of the stay at this 0-based rank. */
        private double lengthAt(long rank) {
            long seen = 0;
            for (long[] dayAndCount : daysAndCounts) {
                seen += dayAndCount[1];
                if (rank < seen) {
                    return dayAndCount[0];
                }
            }
            throw new IllegalStateException("Rank " + rank + " beyond " + total + " stays");
        }
    }

    /**
     * Every calendar quarter from the first one with a selected proposal to today's, each with its counts (zero where
     * nothing happened); quarters after today's are left out.
     */
    static List<LifecycleDashboard.Quarter> quarterlyTrend(Map<LocalDate, Map<QuarterFigure, Long>> counted,
                                                           LocalDate today) {
        LocalDate first = counted.entrySet().stream()
                .filter(quarter -> quarter.getValue().getOrDefault(QuarterFigure.PROPOSED, 0L) > 0)
                .map(Map.Entry::getKey).min(LocalDate::compareTo).orElse(null);
        List<LifecycleDashboard.Quarter> trend = new ArrayList<>();
        LocalDate todaysQuarter = FigureCell.quarterStart(today);
        for (LocalDate quarter = first; quarter != null && !quarter.isAfter(todaysQuarter); quarter = quarter.plusMonths(3)) {
            trend.add(new LifecycleDashboard.Quarter(quarter.getYear() + "-Q" + ((quarter.getMonthValue() - 1) / 3 + 1),
                    counted.getOrDefault(quarter, Map.of())));
        }
        return trend;
    }

    static Map<String, Long> zeroPerStage() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String stage : STAGES) {
            counts.put(stage, 0L);
        }
        return counts;
    }
}
