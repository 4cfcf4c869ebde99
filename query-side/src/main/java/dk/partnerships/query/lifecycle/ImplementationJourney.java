package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What a partnership's way from proposal to ordinary operation came to, as the time-to-implementation curve counts
 * it: reached operation (the first entry into IMPLEMENTATION or EVALUATION, whatever happened after), abandoned before
 * that (the competing outcome), or ended otherwise (completed without it, counted as followed up to that day).
 *
 * @param on the day of the outcome
 */
record ImplementationJourney(Outcome outcome, LocalDate on) {

    enum Outcome { IMPLEMENTED, ABANDONED, ENDED }

    /** The partnership's outcome, or null while it is still under way. */
    static ImplementationJourney of(PartnershipLifecycle partnership) {
        LocalDate implemented = partnership.firstImplementedOn();
        if (implemented != null) {
            return new ImplementationJourney(Outcome.IMPLEMENTED, implemented);
        }
        if (partnership.status() == PartnershipStatus.ABANDONED) {
            return new ImplementationJourney(Outcome.ABANDONED, partnership.closedOn());
        }
        if (partnership.status() == PartnershipStatus.COMPLETED) {
            return new ImplementationJourney(Outcome.ENDED, partnership.closedOn());
        }
        return null;
    }

    /** Days from the proposal to the outcome. */
    int days(LocalDate proposedOn) {
        return Math.toIntExact(Math.max(0, ChronoUnit.DAYS.between(proposedOn, on)));
    }
}
