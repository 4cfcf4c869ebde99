package dk.partnerships.query.lifecycle;

import dk.partnerships.query.web.LineChart;

import dk.partnerships.events.Stage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What management's dashboard shows, built from the lifecycle and gap figures: the headline, and each chart with the
 * numbers its table repeats. Bar widths are percentages of the largest value in their chart.
 *
 * @param headline    the four figures above everything else
 * @param reached     the funnel: how many ever reached each stage and how many of those went on
 * @param active      open partnerships per current stage
 * @param heat        the stage × department matrix with a colour level per cell
 * @param times       median and 90th percentile of finished stays per stage
 * @param trend       the quarterly trend's lines
 * @param quarters    the trend's rows, for its table
 */
record DashboardView(Headline headline, List<Reached> reached, List<Bar> active, List<HeatRow> heat, List<StageTime> times,
                     LineChart trend, List<LifecycleDashboard.Quarter> quarters) {

    /**
     * @param active            open partnerships (active or on hold)
     * @param pilotsSucceeded   partnerships whose latest pilot succeeded
     * @param implemented       of those, the ones that went into implementation
     * @param rate              implemented / pilotsSucceeded, null without successful pilots
     * @param stalled           stalled after a successful pilot or an award for at least {@code stalledDays}
     * @param allKindsAndYears  the pilot and stalled figures ignore the kind and year filters (they are kept per
     *                          department only), so the page says so
     */
    record Headline(long active, long pilotsSucceeded, long implemented, BigDecimal rate, long stalled, int stalledDays,
                    boolean allKindsAndYears) {
    }

    record Reached(String stage, long entered, Long wentOn, BigDecimal share, double width) {
    }

    record Bar(String stage, long count, double width) {
    }

    record HeatRow(String department, List<HeatCell> cells, long total) {
    }

    /** @param level 0 (none) to 5 (the largest cell), the colour class {@code heat-<level>} */
    record HeatCell(String stage, long count, int level) {
    }

    record StageTime(String stage, double medianDays, double p90Days, long finishedStays, double medianWidth,
                     double p90Width) {
    }

    static DashboardView of(LifecycleDashboard lifecycle, ImplementationGap gap, boolean kindOrYearFiltered) {
        long active = lifecycle.byStage().values().stream().mapToLong(Long::longValue).sum();

        long succeeded = gap.pilotToImplementationCounts().values().stream()
                .mapToLong(ImplementationGap.RateCounts::succeeded).sum();
        long implemented = gap.pilotToImplementationCounts().values().stream()
                .mapToLong(ImplementationGap.RateCounts::implemented).sum();
        BigDecimal rate = succeeded == 0 ? null
                : BigDecimal.valueOf(implemented).divide(BigDecimal.valueOf(succeeded), 2, RoundingMode.HALF_UP);
        Headline headline = new Headline(active, succeeded, implemented, rate, gap.stalledAfterPilotTotal(), gap.days(),
                kindOrYearFiltered);

        Map<String, LifecycleDashboard.ConversionCount> conversionCounts = lifecycle.conversionCounts();
        long mostEntered = conversionCounts.values().stream()
                .mapToLong(LifecycleDashboard.ConversionCount::entered).max().orElse(0);
        List<Reached> reached = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            LifecycleDashboard.ConversionCount counts = conversionCounts.get(stage.name());
            long entered = counts == null ? 0 : counts.entered();
            boolean last = stage == Stage.EVALUATION;
            reached.add(new Reached(stage.name(), entered, last || counts == null ? null : counts.wentOn(),
                    last ? null : lifecycle.conversion().get(stage.name()), width(entered, mostEntered)));
        }

        long mostActive = lifecycle.byStage().values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        lifecycle.byStage().forEach((stage, count) -> bars.add(new Bar(stage, count, width(count, mostActive))));

        long largestCell = lifecycle.byDepartment().values().stream().flatMap(row -> row.values().stream())
                .mapToLong(Long::longValue).max().orElse(0);
        List<HeatRow> heat = new ArrayList<>();
        lifecycle.byDepartment().forEach((department, row) -> {
            List<HeatCell> cells = new ArrayList<>();
            long total = 0;
            for (Stage stage : Stage.values()) {
                long count = row.getOrDefault(stage.name(), 0L);
                total += count;
                int level = count == 0 ? 0 : (int) Math.min(5, 1 + (4 * count) / Math.max(1, largestCell));
                cells.add(new HeatCell(stage.name(), count, level));
            }
            heat.add(new HeatRow(department, cells, total));
        });

        double longest = lifecycle.timeInStage().values().stream()
                .mapToDouble(LifecycleDashboard.StageTime::p90Days).max().orElse(0);
        List<StageTime> times = new ArrayList<>();
        lifecycle.timeInStage().forEach((stage, t) -> times.add(new StageTime(stage, t.medianDays(), t.p90Days(),
                t.finishedStays(), longest == 0 ? 0 : 100 * t.medianDays() / longest,
                longest == 0 ? 0 : 100 * t.p90Days() / longest)));

        List<LifecycleDashboard.Quarter> quarters = lifecycle.quarterlyTrend();
        List<String> labels = quarters.stream().map(LifecycleDashboard.Quarter::quarter).toList();
        List<String> keys = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (QuarterFigure figure : QuarterFigure.values()) {
            keys.add(figure.key());
            values.add(quarters.stream().mapToLong(quarter -> quarter.count(figure)).toArray());
        }
        LineChart trend = LineChart.of(labels, keys, values);
        return new DashboardView(headline, reached, bars, heat, times, trend, quarters);
    }

    private static double width(long value, long largest) {
        return largest == 0 ? 0 : 100.0 * value / largest;
    }
}
