package dk.partnerships.query.lifecycle;

import dk.partnerships.query.web.LineChart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's time-to-implementation chart: each group's curve read every quarter of a year since proposal, as
 * percentages (a rise shows at the next quarter's point; the table's median is to the day), up to the end of the
 * year in which the last share rose, at most {@value #MOST_YEARS} years; labelled in years.
 *
 * @param by     {@code kind} or {@code department}
 * @param chart  one line per group
 * @param groups the table under it
 */
record TimeToImplementationView(String by, LineChart chart, List<TimeToImplementation.Group> groups) {

    /** Longer than any partnership in the seed; a curve still rising after that is cut there. */
    private static final int MOST_YEARS = 12;

    static TimeToImplementationView of(TimeToImplementation time) {
        int lastRise = time.groups().stream().mapToInt(group -> group.curve().get(group.curve().size() - 1).days())
                .max().orElse(0);
        int years = Math.min(MOST_YEARS, Math.max(1, (int) Math.ceil(lastRise / 365.25)));
        List<String> labels = new ArrayList<>();
        List<Integer> days = new ArrayList<>();
        for (int quarter = 0; quarter <= years * 4; quarter++) {
            days.add((int) Math.round(quarter * 365.25 / 4));
            boolean labelled = quarter % 4 == 0 && (years <= 8 || quarter % 8 == 0);
            labels.add(labelled ? Integer.toString(quarter / 4) : null);
        }
        List<String> keys = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (TimeToImplementation.Group group : time.groups()) {
            keys.add(group.key());
            values.add(days.stream().mapToLong(day -> shareAt(group.curve(), day)
                    .movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValue()).toArray());
        }
        return new TimeToImplementationView(time.by(), LineChart.steps(labels, keys, values), time.groups());
    }

    /** The curve's value on a day: the share of its last point on or before it. */
    private static BigDecimal shareAt(List<TimeToImplementation.Point> curve, int day) {
        BigDecimal share = BigDecimal.ZERO;
        for (TimeToImplementation.Point point : curve) {
            if (point.days() > day) {
                break;
            }
            share = point.share();
        }
        return share;
    }
}
