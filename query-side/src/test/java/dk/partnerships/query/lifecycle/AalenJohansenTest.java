package dk.partnerships.query.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The time-to-implementation estimate against curves worked out by hand. */
class AalenJohansenTest {

    private static AalenJohansen.Observation reached(int days) {
        return new AalenJohansen.Observation(days, 1, 0, 0);
    }

    private static AalenJohansen.Observation abandoned(int days) {
        return new AalenJohansen.Observation(days, 0, 1, 0);
    }

    private static AalenJohansen.Observation underWay(int days) {
        return new AalenJohansen.Observation(days, 0, 0, 1);
    }

    /**
     * Six partnerships: implemented after 10, 20 and 20 days; abandoned after 15; still under way after 12 and 30.
     * <pre>
     * day 10: 6 at risk, 1 implemented:  share = 0 + 1 · 1/6            = 0.1667; neither = 5/6
     * day 12: 1 still under way leaves:                                             5 → 4 at risk
     * day 15: 4 at risk, 1 abandoned:    share unchanged;  neither = 5/6 · 3/4 = 0.625; 3 at risk
     * day 20: 3 at risk, 2 implemented:  share = 0.1667 + 0.625 · 2/3    = 0.5833; neither = 0.2083
     * day 30: the last one, still under way, leaves.
     * </pre>
     * One minus Kaplan–Meier, which treats the abandoned one as if it might still get there, would say 0.7222 at
     * day 20: the competing outcome is what keeps the share honest.
     */
    @Test
    void censoring_and_a_competing_outcome_give_the_hand_computed_curve() {
        List<AalenJohansen.Point> curve = AalenJohansen.curve(List.of(reached(10), underWay(12), abandoned(15),
                reached(20), reached(20), underWay(30)));

        assertThat(curve).extracting(AalenJohansen.Point::days).containsExactly(0, 10, 20);
        assertThat(curve.get(0).share()).isZero();
        assertThat(curve.get(1).share()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(curve.get(2).share()).isCloseTo(1.0 / 6 + (5.0 / 6) * (3.0 / 4) * (2.0 / 3), within(1e-12))
                .isCloseTo(0.5833, within(1e-4));
        assertThat(AalenJohansen.median(curve)).isEqualTo(20);
    }

    @Test
    void without_censoring_or_competition_the_share_is_the_plain_proportion() {
        List<AalenJohansen.Point> curve = AalenJohansen.curve(List.of(reached(5), reached(5), abandoned(7), reached(9)));
        assertThat(curve).extracting(AalenJohansen.Point::days).containsExactly(0, 5, 9);
        assertThat(curve.get(1).share()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.get(2).share()).isCloseTo(0.75, within(1e-12));
        assertThat(AalenJohansen.median(curve)).as("half had got there on day 5").isEqualTo(5);
    }

    @Test
    void censored_on_an_event_day_are_still_at_risk_that_day_and_the_median_waits_for_half() {
        // Day 4: 4 at risk, 1 implemented, 1 under way since 4 days → share 1/4; then 2 at risk.
        // Day 8: 2 at risk, 1 abandoned; day 9: 1 at risk, 1 implemented → share 1/4 + (3/4 · 1/2) · 1 = 0.625.
        List<AalenJohansen.Point> curve = AalenJohansen.curve(List.of(reached(4), underWay(4), abandoned(8), reached(9)));
        assertThat(curve.get(1).share()).isCloseTo(0.25, within(1e-12));
        assertThat(curve.get(2).share()).isCloseTo(0.625, within(1e-12));
        assertThat(AalenJohansen.median(curve)).isEqualTo(9);

        List<AalenJohansen.Point> fewGotThere = AalenJohansen.curve(List.of(reached(3), abandoned(4), underWay(5)));
        assertThat(AalenJohansen.median(fewGotThere)).as("a third is under half").isNull();
        assertThat(AalenJohansen.curve(List.of())).containsExactly(new AalenJohansen.Point(0, 0));
        assertThat(AalenJohansen.curve(List.of(reached(0), underWay(3))).get(0))
                .as("implemented the day it was proposed").isEqualTo(new AalenJohansen.Point(0, 0.5));
    }
}
