package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The quarterly trend's figures: how many partnerships did something in a calendar quarter. A constant is the whole
 * definition of a figure; the kept counts ({@link FigureCounts}), the API's {@code quarterlyTrend}, the dashboard's
 * chart and table and the CSV all follow from this list, and a figure added or removed here is counted from the
 * events on the next start ({@link CountedFigures}). Its label is {@code figure.<key>} in the message bundles.
 */
public enum QuarterFigure {

    /** Proposed in the quarter. */
    PROPOSED("proposed", partnership -> List.of(partnership.proposedOn())),
    /** Entered PILOT in the quarter (once per partnership and quarter, however often it went back into it). */
    PILOTS_STARTED("pilotsStarted", partnership -> partnership.firstEntriesPerQuarter(Stage.PILOT)),
    /** Entered IMPLEMENTATION in the quarter (once per partnership and quarter). */
    IMPLEMENTATIONS_STARTED("implementationsStarted",
            partnership -> partnership.firstEntriesPerQuarter(Stage.IMPLEMENTATION)),
    /** Completed in the quarter. */
    COMPLETED("completed", partnership -> partnership.status() == PartnershipStatus.COMPLETED
            ? List.of(partnership.closedOn()) : List.of()),
    /** Abandoned in the quarter. */
    ABANDONED("abandoned", partnership -> partnership.status() == PartnershipStatus.ABANDONED
            ? List.of(partnership.closedOn()) : List.of());

    private final String key;
    private final Function<PartnershipLifecycle, List<LocalDate>> daysCounted;

    QuarterFigure(String key, Function<PartnershipLifecycle, List<LocalDate>> daysCounted) {
        this.key = key;
        this.daysCounted = daysCounted;
    }

    /** Its name in the API's JSON, the CSV's header and the message key {@code figure.<key>}. */
    public String key() {
        return key;
    }

    /** The figure of this constant name, or null when there is none (any more). */
    static QuarterFigure named(String name) {
        for (QuarterFigure figure : values()) {
            if (figure.name().equals(name)) {
                return figure;
            }
        }
        return null;
    }

    /** The days on which this partnership counts once in the figure (of the quarter each day falls in). */
    List<LocalDate> daysCounted(PartnershipLifecycle partnership) {
        return daysCounted.apply(partnership);
    }
}
