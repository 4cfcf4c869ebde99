package dk.partnerships.query.lifecycle;

import dk.partnerships.events.Stage;
import org.springframework.core.env.Environment;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many days a partnership may stay in each stage before the implementation gap lists it as stalled there
 * ({@code partnerships.gap.stall-days.<STAGE>}). A partnership is stalled in its stage when it is active and has been
 * in the stage for more days than the stage's threshold; one on hold is not stalled, someone decided to wait.
 *
 * @param days per stage, every stage present
 */
public record StallThresholds(Map<Stage, Integer> days) {

    public StallThresholds {
        EnumMap<Stage, Integer> every = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            Integer threshold = days.get(stage);
            if (threshold == null || threshold < 0) {
                throw new IllegalArgumentException("partnerships.gap.stall-days." + stage + " must be set, 0 or more days");
            }
            every.put(stage, threshold);
        }
        days = Collections.unmodifiableMap(every);
    }

    /** As configured ({@code partnerships.gap.stall-days.<STAGE>}, set in the product's configuration files). */
    static StallThresholds from(Environment environment) {
        Map<Stage, Integer> configured = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            Integer days = environment.getProperty("partnerships.gap.stall-days." + stage, Integer.class);
            if (days != null) {
                configured.put(stage, days);
            }
        }
        return new StallThresholds(configured);
    }

    public int days(Stage stage) {
        return days.get(stage);
    }

    /** A partnership that entered {@code stage} before this day, and is still in it and active, is stalled today. */
    LocalDate stalledIfEnteredBefore(Stage stage, LocalDate today) {
        return today.minusDays(days(stage));
    }
}
