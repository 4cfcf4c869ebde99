package dk.partnerships.query.projection;

/** What feeds the live read models: it can hold still while a rebuild catches up with it. */
public interface LiveFeed {

    /**
     * Stops applying events, durably at a position, and returns a replay of every event up to that position. While
     * paused, reads go on from the live tables; they only fall behind.
     */
    EventReplay pause();

    /** Applies events again from where it paused. */
    void resume();
}
