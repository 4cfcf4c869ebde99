package dk.partnerships.query.projection;

import java.util.Optional;

/** What feeds the live read models: it can hold still while a rebuild catches up with it. */
public interface LiveFeed {

    /**
     * Claims the one rebuild (or consistency check) the read database allows at a time, across every instance that
     * shares it. Empty when another instance holds the claim. {@link #pause()} and {@link #resume()} are called while
     * it is held; closing it gives it up.
     */
    default Optional<RebuildClaim> claimRebuild() {
        return Optional.of(() -> { });
    }

    /**
     * Stops applying events, durably at a position, and returns a replay of every event up to that position. While
     * paused, reads go on from the live tables; they only fall behind.
     */
    EventReplay pause();

    /** Applies events again from where it paused. */
    void resume();

    /** A held claim on the read database's rebuild; see {@link #claimRebuild()}. */
    @FunctionalInterface
    interface RebuildClaim extends AutoCloseable {
        @Override
        void close();
    }
}
