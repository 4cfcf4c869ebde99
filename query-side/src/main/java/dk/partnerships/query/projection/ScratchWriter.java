package dk.partnerships.query.projection;

import java.util.List;

/**
 * How a rebuild writes one read model into the scratch schema: every batch of the replay in order, on one thread,
 * then {@link #finish()} once the last batch is in. A projection that only has its live path writes each batch
 * with it ({@link EventProjection#scratchWriter}); one that can fold the events in memory keeps them until
 * {@code finish} and writes its rows with {@link CopyRows}.
 */
public interface ScratchWriter {

    void write(List<ProjectedEvent> batch);

    /** Writes what the batches left in memory; the replay is over. */
    default void finish() {
    }

    /**
     * Whether it relies on its tables' primary keys while it writes: the live statements do ({@code ON CONFLICT},
     * look-ups by key). A writer that only copies rows in does not, and a rebuild leaves its tables without keys or
     * indexes while it writes: the comparisons with the live tables join by hash and need none.
     */
    default boolean usesKeys() {
        return true;
    }
}
