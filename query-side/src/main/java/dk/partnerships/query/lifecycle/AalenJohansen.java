package dk.partnerships.query.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Aalen–Johansen estimate of the cumulative share that reached an outcome by each day, when another outcome
 * competes with it (a partnership abandoned can never reach operation) and some are still under way (censored: known
 * only not to have reached either by the day they were last seen). Unlike one minus Kaplan–Meier, which would treat
 * the abandoned as if they might still get there, it never counts the abandoned towards the share.
 * <p>
 * At each day t with events: share(t) = share(t−) + S(t−) · d(t) / n(t), where n(t) is the number still at risk
 * (neither outcome nor censored before t), d(t) those reaching the outcome on t, and S the share that has reached
 * neither: S(t) = S(t−) · (1 − (d(t) + c(t)) / n(t)) with c(t) the competing outcomes on t. Censored on day t are
 * still at risk on t.
 */
final class AalenJohansen {

    /** How many partnerships reached the outcome, the competing one, or were last seen, after this many days. */
    record Observation(int days, long reached, long competing, long censored) {
    }

    /** The step curve: from day 0, one point per day the share rose. */
    record Point(int days, double share) {
    }

    private AalenJohansen() {
    }

    static List<Point> curve(List<Observation> observations) {
        TreeMap<Integer, long[]> byDay = new TreeMap<>();
        long atRisk = 0;
        for (Observation observation : observations) {
            long[] counts = byDay.computeIfAbsent(observation.days(), day -> new long[3]);
            counts[0] += observation.reached();
            counts[1] += observation.competing();
            counts[2] += observation.censored();
            atRisk += observation.reached() + observation.competing() + observation.censored();
        }
        List<Point> curve = new ArrayList<>();
        curve.add(new Point(0, 0));
        double share = 0;
        double neither = 1;
        for (Map.Entry<Integer, long[]> day : byDay.entrySet()) {
            long reached = day.getValue()[0];
            long competing = day.getValue()[1];
            if (atRisk <= 0) {
                break; // only where counts are inconsistent (a cell moved below zero); the curve stops, never divides by 0
            }
            if (reached > 0) {
                share = Math.min(1, share + neither * reached / atRisk);
                if (day.getKey() == 0) {
                    curve.set(0, new Point(0, share));
                } else {
                    curve.add(new Point(day.getKey(), share));
                }
            }
            if (reached + competing > 0) {
                neither *= 1 - (double) (reached + competing) / atRisk;
            }
            atRisk -= reached + competing + day.getValue()[2];
        }
        return curve;
    }

    /** The first day the share reached one half, or null when it never did. */
    static Integer median(List<Point> curve) {
        for (Point point : curve) {
            // A tolerance for sums like 1/6 + 1/3 that land a rounding error below one half.
            if (point.share() >= 0.5 - 1e-9) {
                return point.days();
            }
        }
        return null;
    }
}
