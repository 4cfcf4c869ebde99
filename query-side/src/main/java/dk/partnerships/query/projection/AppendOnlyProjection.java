package dk.partnerships.query.projection;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import java.util.List;

/**
 * A read model that keeps one row per event, keyed by partnership and sequence, and takes the events in any order
 * (the history log). It needs none of {@link ProjectionBatch}'s waves: a whole batch is appended by one set-based
 * statement, which PostgreSQL executes once instead of once per event. Its {@link #statementFor} remains the
 * per-event form of the same row (and the reference its tests hold the set-based form to).
 */
public interface AppendOnlyProjection extends EventProjection {

    /**
     * Appends the rows of the events the read model does not hold yet, in one statement, in the caller's
     * transaction.
     *
     * @return the events whose rows it added, in the order given (an event given twice counts once)
     */
    List<ProjectedEvent> appendAll(NamedParameterJdbcOperations jdbc, List<ProjectedEvent> events);
}
