package dk.partnerships.query.lifecycle;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/dashboard/lifecycle}: where partnerships are, what converts, how long stays last, the trend. Maps
 * are keyed by stage (in stage order) or department (alphabetical), as the JSON shows them.
 *
 * @param byStage          open (active or on hold) partnerships per current stage, every stage present
 * @param byDepartment     the same per department
 * @param conversion       per stage (Evaluation left out), the share of the partnerships that entered it which went on
 * @param conversionCounts the counts behind each share, Evaluation included
 * @param timeInStage      finished stays per stage: median and 90th percentile in days
 * @param quarterlyTrend   per quarter from the first proposal's to today's
 */
public record LifecycleDashboard(Map<String, Long> byStage, Map<String, Map<String, Long>> byDepartment,
                                 Map<String, BigDecimal> conversion, Map<String, ConversionCount> conversionCounts,
                                 Map<String, StageTime> timeInStage, List<Quarter> quarterlyTrend) {

    public LifecycleDashboard {
        byStage = java.util.Collections.unmodifiableMap(byStage);
        byDepartment = java.util.Collections.unmodifiableMap(byDepartment);
        conversion = java.util.Collections.unmodifiableMap(conversion);
        conversionCounts = java.util.Collections.unmodifiableMap(conversionCounts);
        timeInStage = java.util.Collections.unmodifiableMap(timeInStage);
        quarterlyTrend = List.copyOf(quarterlyTrend);
    }

    /** Partnerships that entered a stage, and of those the ones that later entered a later stage. */
    public record ConversionCount(long entered, long wentOn) {
    }

    /** Finished stays in one stage. */
    public record StageTime(double medianDays, double p90Days, long finishedStays) {
    }

    /**
     * One calendar quarter ({@code 2024-Q1}) and its {@link QuarterFigure}s, every figure present; in JSON each figure
     * is a property named by its key beside {@code quarter}.
     */
    public record Quarter(String quarter, @JsonIgnore Map<QuarterFigure, Long> counts) {

        public Quarter {
            EnumMap<QuarterFigure, Long> every = new EnumMap<>(QuarterFigure.class);
            for (QuarterFigure figure : QuarterFigure.values()) {
                every.put(figure, counts.getOrDefault(figure, 0L));
            }
            counts = java.util.Collections.unmodifiableMap(every);
        }

        public long count(QuarterFigure figure) {
            return counts.get(figure);
        }

        /** The figures by key, in the order of {@link QuarterFigure}. */
        @JsonAnyGetter
        public Map<String, Long> figures() {
            Map<String, Long> byKey = new LinkedHashMap<>();
            counts.forEach((figure, count) -> byKey.put(figure.key(), count));
            return byKey;
        }
    }

    /** What the dashboard's filters offer: departments with partnerships, years of proposal (newest first). */
    public record FilterOptions(List<String> departments, List<Integer> years) {
    }
}
