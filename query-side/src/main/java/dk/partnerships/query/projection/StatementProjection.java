package dk.partnerships.query.projection;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

import java.util.List;

/**
 * A projection that applies each event with exactly one SQL statement ({@link #statementFor}) touching only that
 * partnership's rows, which decides by itself whether the event is the next one the read model expects. The
 * statement is built without reading the database, and statements of different partnerships commute, so
 * {@link ProjectionBatch} sends many of them in one round trip.
 */
public interface StatementProjection extends EventProjection {

    /**
     * The statement that applies the event. Its update count is 1 when it applied the event and 0 when it did not:
     * either the read model already holds the event (a redelivery) or the event arrived before its predecessor;
     * {@link #confirmAlreadyApplied} tells the two apart.
     */
    ProjectionStatement statementFor(ProjectedEvent event);

    /**
     * Called after the statement changed nothing: returns if the read model already holds the event, and throws if
     * the event arrived before its predecessor.
     */
    void confirmAlreadyApplied(ProjectedEvent event);

    @Override
    default List<ProjectedEvent> apply(NamedParameterJdbcOperations jdbc, List<ProjectedEvent> events) {
        return ProjectionBatch.applyStatements(jdbc, this, events);
    }
}
