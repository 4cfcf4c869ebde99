package dk.partnerships.query.lifecycle;

import dk.partnerships.events.Stage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One stay of a partnership in a stage: entered by the event at {@code sequence}, left at the next stage move,
 * completion or abandonment ({@code leftOn} null while it lasts).
 *
 * @param firstInQuarter the partnership's first stay in this stage within the calendar quarter it was entered in:
 *                       the quarterly trend counts partnerships, not stays
 */
public record StageStay(long sequence, Stage stage, LocalDate enteredOn, LocalDate leftOn, boolean firstInQuarter) {

    public boolean isOpen() {
        return leftOn == null;
    }

    StageStay leftOn(LocalDate day) {
        return new StageStay(sequence, stage, enteredOn, day, firstInQuarter);
    }

    /** Days from entering to leaving; only for a finished stay. */
    long days() {
        return ChronoUnit.DAYS.between(enteredOn, leftOn);
    }
}
