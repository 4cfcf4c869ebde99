package dk.partnerships.query.projection;

import java.util.HashMap;
import java.util.Map;

/**
 * The one SQL statement that applies one event to one read model, with its named parameters. Its update count says
 * whether it applied the event (1) or found it already applied or out of order (0), see {@link EventProjection}.
 * Statements are values, not executions, so a caller can send many of them in one JDBC batch.
 */
public final class ProjectionStatement {

    private final String sql;
    private final Map<String, Object> parameters = new HashMap<>();

    private ProjectionStatement(String sql) {
        this.sql = sql;
    }

    public static ProjectionStatement sql(String sql) {
        return new ProjectionStatement(sql);
    }

    /** Adds a named parameter; {@code null} values are allowed (optional columns). */
    public ProjectionStatement param(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public String sql() {
        return sql;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }
}
