package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;

import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts per figure cell. {@link #of} says where one partnership counts: the kept figures are the sum of every
 * partnership's counts, so a change moves each figure by the partnership's counts after it minus those before.
 */
final class FigureCounts {

    private final SortedMap<FigureCell, long[]> counts = new TreeMap<>();

    /** Where this partnership counts, and how much. */
    static FigureCounts of(PartnershipLifecycle partnership) {
        FigureCounts counts = new FigureCounts();
        FigureCell.Filters filters = new FigureCell.Filters(partnership.department(), partnership.kind(),
                partnership.proposedOn().getYear());
        if (partnership.isOpen()) {
            counts.add(FigureCell.active(filters, partnership.stage()), 1, partnership.openReadinessItems().size());
        }
        if (partnership.status() == PartnershipStatus.ACTIVE) {
            counts.add(FigureCell.inStage(partnership.department(), partnership.stage(), partnership.stageEnteredOn()), 1);
        }
        for (Stage stage : partnership.reachedStages()) {
            counts.add(FigureCell.conversion(filters, stage), 1, stage.isBefore(partnership.furthestStage()) ? 1 : 0);
        }
        for (QuarterFigure figure : QuarterFigure.values()) {
            for (LocalDate day : figure.daysCounted(partnership)) {
                counts.add(FigureCell.quarter(filters, day, figure), 1);
            }
        }
        for (StageStay stay : partnership.stays()) {
            if (!stay.isOpen()) {
                counts.add(FigureCell.stayLength(filters, stay.stage(), stay.days()), 1);
            }
        }
        ImplementationJourney journey = ImplementationJourney.of(partnership);
        if (journey == null) {
            counts.add(FigureCell.underWay(filters, partnership.proposedOn()), 1);
        } else {
            counts.add(FigureCell.outcome(filters, journey.outcome(), journey.days(partnership.proposedOn())), 1);
        }
        if (partnership.waitingSince() != null) {
            counts.add(FigureCell.waiting(partnership.waitingSince()), 1);
        }
        if (partnership.pilotSucceededOn() != null) {
            counts.add(FigureCell.afterPilot(partnership.department()), 1, partnership.implementedAfterPilot() ? 1 : 0);
        }
        return counts;
    }

    /** Adds {@code sign} times the other's counts (−1 takes a partnership's old counts away). */
    void add(FigureCounts other, int sign) {
        other.counts.forEach((cell, values) -> {
            long[] signed = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                signed[i] = sign * values[i];
            }
            add(cell, signed);
        });
    }

    private void add(FigureCell cell, long... values) {
        if (values.length != cell.table().countColumns.size()) {
            throw new IllegalArgumentException(cell.table() + " counts " + cell.table().countColumns);
        }
        long[] sum = counts.computeIfAbsent(cell, c -> new long[values.length]);
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }

    /** The cells with a count other than zero, in key order. */
    SortedMap<FigureCell, long[]> nonZero() {
        SortedMap<FigureCell, long[]> moved = new TreeMap<>();
        counts.forEach((cell, values) -> {
            for (long value : values) {
                if (value != 0) {
                    moved.put(cell, values.clone());
                    return;
                }
            }
        });
        return Collections.unmodifiableSortedMap(moved);
    }
}
