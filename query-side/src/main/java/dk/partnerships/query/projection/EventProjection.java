package dk.partnerships.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * A read model fed by partnership events. Implementations apply each event at most once (they dedupe by partnership
 * id and sequence), so any source may deliver at least once.
 * <p>
 * Each event is applied by exactly one SQL statement ({@link #statementFor}) that touches only that partnership's
 * rows and decides for itself whether the event is the next one the read model expects. Two things follow: the
 * statement can be built without reading the database, and statements of different partnerships commute, so
 * {@link ProjectionBatch} can send many of them in one round trip.
 */
public interface EventProjection {

    /** The projection's name, used for its processing group, metrics, change counter and rebuilds. */
    String name();

    /**
     * The statement that applies the event. Its update count is 1 when it applied the event and 0 when it did not:
     * either the read model already holds the event (a redelivery) or the event arrived before its predecessor;
     * {@link #confirmAlreadyApplied} tells the two apart.
     */
    ProjectionStatement statementFor(ProjectedEvent event);

    /**
     * Called after the statement changed nothing: returns if the read model already holds the event, and throws if
     * the event arrived before its predecessor, so the source retries instead of the read model silently diverging.
     */
    void confirmAlreadyApplied(ProjectedEvent event);

    /** Empties the read model before a rebuild from the first event. */
    void clear();

    /** The same projection writing through another connection, e.g. into a scratch schema during a rebuild. */
    EventProjection writingTo(JdbcClient jdbc);

    /** The projection's tables, parents before children (the order in which to copy them). */
    List<String> tables();

    /**
     * Indexes on {@link #tables()} that only readers use: the projection's own statements find their rows by
     * primary key (or another index not listed here). A rebuild writes its scratch copy without them, since the
     * scratch rows are only copied into the live tables, which keep them.
     */
    default List<String> readerIndexes() {
        return List.of();
    }

    /**
     * Statements that count again what the database derives from {@link #tables()} by row triggers (the dashboard's
     * figures), run at the end of a rebuild's copy into the live tables: the copy defers those triggers
     * ({@code partnerships.figures = 'deferred'}), since recounting once is far cheaper than a million row updates.
     */
    default List<String> recountAfterBulkCopy() {
        return List.of();
    }
}
