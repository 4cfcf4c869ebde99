package dk.partnerships.query.projection;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * A read model fed by partnership events. Any source may deliver an event more than once, so implementations apply
 * each event at most once (they dedupe by partnership id and sequence) and refuse one that arrives before its
 * predecessor, so the source retries instead of the read model silently diverging.
 */
public interface EventProjection {

    /** The projection's name, used for its processing group, metrics, change counter and rebuilds. */
    String name();

    /**
     * Applies the events, in order per partnership, in the caller's transaction.
     *
     * @return the events that changed the read model (the others it already held)
     */
    List<ProjectedEvent> apply(NamedParameterJdbcOperations jdbc, List<ProjectedEvent> events);

    /** How many of the partnership's events the read model holds (0 for a partnership it does not know). */
    long versionOf(String partnershipId);

    /** Empties the read model before a rebuild from the first event. */
    void clear();

    /**
     * Called once a rebuild has replaced the live rows: a projection that keeps anything of them in memory between
     * batches forgets it.
     */
    default void liveRowsReplaced() {
    }

    /** The same projection writing through another connection, e.g. into a scratch schema during a rebuild. */
    EventProjection writingTo(JdbcClient jdbc);

    /**
     * How a rebuild writes this read model into the scratch schema behind {@code session}. By default each batch
     * goes through {@link #writingTo} in a transaction of its own, the live path's statements; a projection that
     * can fold the events in memory and copy its rows in at the end overrides it.
     */
    default ScratchWriter scratchWriter(ScratchSchema.Session session) {
        EventProjection target = writingTo(session.jdbc());
        return batch -> session.transaction().executeWithoutResult(
                status -> ProjectionBatch.applyAll(session.batchJdbc(), target, batch));
    }

    /** The projection's tables, parents before children (the order in which to copy them). */
    List<String> tables();

    /**
     * Indexes on {@link #tables()} that only readers use: the projection finds its rows by primary key (or another
     * index not listed here). A rebuild writes its scratch copy without them, since the scratch rows are only
     * copied into the live tables, which keep them.
     */
    default List<String> readerIndexes() {
        return List.of();
    }
}
