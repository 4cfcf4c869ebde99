package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.Stage;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of a kept figure table, by its key (values in the order of {@link FigureTable#keyColumns}). Built only
 * through the factories, which fix each key's types.
 */
record FigureCell(FigureTable table, List<Comparable<?>> key) implements Comparable<FigureCell> {

    /** The filters every dashboard cell is counted by: department, kind and year of proposal. */
    record Filters(String department, PartnershipKind kind, int year) {
    }

    static FigureCell active(Filters filters, Stage stage) {
        return filtered(FigureTable.ACTIVE, filters, stage.name());
    }

    static FigureCell conversion(Filters filters, Stage stage) {
        return filtered(FigureTable.CONVERSION, filters, stage.name());
    }

    static FigureCell quarter(Filters filters, LocalDate day, QuarterFigure figure) {
        return new FigureCell(FigureTable.QUARTER,
                List.of(filters.department(), filters.kind().name(), filters.year(), quarterStart(day), figure.name()));
    }

    /** The first day of the calendar quarter {@code day} falls in: the key of its quarterly cells. */
    static LocalDate quarterStart(LocalDate day) {
        return day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
    }

    static FigureCell stayLength(Filters filters, Stage stage, long days) {
        return new FigureCell(FigureTable.STAY_LENGTH,
                List.of(filters.department(), filters.kind().name(), filters.year(), stage.name(), Math.toIntExact(days)));
    }

    static FigureCell outcome(Filters filters, ImplementationJourney.Outcome outcome, int days) {
        return new FigureCell(FigureTable.OUTCOME,
                List.of(filters.department(), filters.kind().name(), filters.year(), outcome.name(), days));
    }

    static FigureCell underWay(Filters filters, LocalDate proposedOn) {
        return filtered(FigureTable.UNDER_WAY, filters, proposedOn);
    }

    static FigureCell inStage(String department, Stage stage, LocalDate enteredOn) {
        return new FigureCell(FigureTable.IN_STAGE, List.of(department, stage.name(), enteredOn));
    }

    static FigureCell waiting(LocalDate since) {
        return new FigureCell(FigureTable.WAITING, List.of(since));
    }

    static FigureCell afterPilot(String department) {
        return new FigureCell(FigureTable.AFTER_PILOT, List.of(department));
    }

    private static FigureCell filtered(FigureTable table, Filters filters, Comparable<?> last) {
        return new FigureCell(table, List.of(filters.department(), filters.kind().name(), filters.year(), last));
    }

    /** By table, then key: concurrent writers then lock shared cells in the same order. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compareTo(FigureCell other) {
        int byTable = table.compareTo(other.table);
        for (int i = 0; byTable == 0 && i < key.size(); i++) {
            byTable = ((Comparable) key.get(i)).compareTo(other.key.get(i));
        }
        return byTable;
    }
}
