package dk.partnerships.query.lifecycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/dashboard/time-to-implementation}: how long partnerships take from proposal to ordinary operation,
 * per kind or department. Each group's curve is the cumulative share that reached operation by each number of days
 * since proposal (Aalen–Johansen, see {@link AalenJohansen}): partnerships abandoned first count as never getting
 * there, those still under way count for as long as they have been followed (up to {@code today}).
 *
 * @param by    {@code kind} or {@code department}
 * @param today the day partnerships still under way are followed up to
 */
public record TimeToImplementation(String by, LocalDate today, List<Group> groups) {

    public TimeToImplementation {
        groups = List.copyOf(groups);
    }

    /** What the curve is drawn per. */
    public enum By {
        KIND("kind"), DEPARTMENT("department");

        final String column;

        By(String column) {
            this.column = column;
        }

        /** {@code kind} or {@code department}, as the API and the page write it. */
        public String parameter() {
            return column;
        }

        public static By of(String parameter) {
            for (By by : values()) {
                if (by.column.equals(parameter)) {
                    return by;
                }
            }
            return null;
        }
    }

    /**
     * @param partnerships          every partnership of the group
     * @param reachedImplementation those that reached operation
     * @param abandonedBefore       those abandoned before they did
     * @param stillOpen             those still under way
     * @param curve                 from {@code {days: 0}}, a point wherever the share rose; never decreasing
     * @param medianDays            the days by which half had reached operation; null while fewer than half have
     */
    public record Group(String key, long partnerships, long reachedImplementation, long abandonedBefore, long stillOpen,
                       List<Point> curve, Integer medianDays) {

        public Group {
            curve = List.copyOf(curve);
        }
    }

    /** @param share of the group's partnerships that reached operation within {@code days} of their proposal (0–1) */
    public record Point(int days, BigDecimal share) {
    }
}
