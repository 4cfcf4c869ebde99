package dk.partnerships.events;

import java.util.List;

/** The stages of a partnership, in the order it normally passes through them. */
public enum Stage {
    IDEA,
    MARKET_DIALOGUE,
    TENDER,
    PILOT,
    IMPLEMENTATION,
    EVALUATION;

    /** The stage that normally follows this one, or {@code null} after {@link #EVALUATION}. */
    public Stage next() {
        return this == EVALUATION ? null : values()[ordinal() + 1];
    }

    public boolean isBefore(Stage other) {
        return ordinal() < other.ordinal();
    }

    /** The stages strictly between this one and {@code later}, that is, the ones a jump forward skips. */
    public List<Stage> stagesBetween(Stage later) {
        if (!isBefore(later)) {
            return List.of();
        }
        return List.of(values()).subList(ordinal() + 1, later.ordinal());
    }
}
