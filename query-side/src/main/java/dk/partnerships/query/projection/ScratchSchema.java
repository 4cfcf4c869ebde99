package dk.partnerships.query.projection;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A second copy of the read tables in a schema of their own, built by the same migrations and the same projection
 * code as the live ones. Used to rebuild without touching the live tables until the copy is complete, and to
 * check that the live tables equal what the events say.
 */
public class ScratchSchema implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final DataSource dataSource;
    private final String schema;
    private final List<Connection> sessions = new ArrayList<>();

    /** Creates the schema afresh and migrates it; {@link #openSession()} then works inside it. */
    public ScratchSchema(DataSource dataSource, String schema) throws SQLException {
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a schema name: " + schema);
        }
        this.dataSource = dataSource;
        this.schema = schema;
        execute(dataSource, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/readmodel").table("flyway_history_read_model").load().migrate();
    }

    /**
     * A connection of its own whose every statement works inside the scratch schema: its plain JDBC, its JDBC
     * batches and its transactions. Several sessions write in parallel (one per projection during a rebuild).
     */
    public record Session(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, TransactionTemplate transaction) {
    }

    public synchronized Session openSession() throws SQLException {
        Connection connection = dataSource.getConnection();
        sessions.add(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        }
        SingleConnectionDataSource scratch = new SingleConnectionDataSource(connection, true);
        return new Session(JdbcClient.create(scratch), new NamedParameterJdbcTemplate(scratch),
                new TransactionTemplate(new DataSourceTransactionManager(scratch)));
    }

    public String name() {
        return schema;
    }


    /**
     * Rows that differ between the live table and its scratch copy, both ways (PostgreSQL's EXCEPT compares whole
     * rows, every column).
     */
    public List<Map<String, Object>> differences(String table, int limit) {
        requireName(table);
        JdbcClient live = JdbcClient.create(dataSource);
        List<Map<String, Object>> differences = new ArrayList<>();
        differences.addAll(live.sql("SELECT 'only-in-live' AS difference, t.* FROM (SELECT * FROM public." + table
                + " EXCEPT SELECT * FROM " + schema + "." + table + ") t LIMIT " + limit).query().listOfRows());
        differences.addAll(live.sql("SELECT 'only-in-rebuild' AS difference, t.* FROM (SELECT * FROM " + schema + "."
                + table + " EXCEPT SELECT * FROM public." + table + ") t LIMIT " + limit).query().listOfRows());
        return differences;
    }

    /**
     * Replaces the live rows with the scratch rows in one transaction: readers see the old rows until it commits and
     * the new ones after, never an empty or half-built read model. DELETE rather than TRUNCATE, which would block
     * readers while it waits.
     */
    public void copyIntoLive(List<String> tablesParentsFirst) throws SQLException {
        tablesParentsFirst.forEach(ScratchSchema::requireName);
        try (Connection live = dataSource.getConnection()) {
            boolean autoCommit = live.getAutoCommit();
            live.setAutoCommit(false);
            try (Statement statement = live.createStatement()) {
                List<String> childrenFirst = new ArrayList<>(tablesParentsFirst);
                java.util.Collections.reverse(childrenFirst);
                for (String table : childrenFirst) {
                    statement.execute("DELETE FROM public." + table);
                }
                for (String table : tablesParentsFirst) {
                    statement.execute("INSERT INTO public." + table + " SELECT * FROM " + schema + "." + table);
                }
                // Figures computed from the old rows are no longer current (see FiguresCache).
                statement.execute("UPDATE public.read_model_change SET changes = changes + 1");
                live.commit();
            } catch (SQLException e) {
                live.rollback();
                throw e;
            } finally {
                live.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        try {
            for (Connection connection : sessions) {
                // Back to the pool as it came: a pooled connection must not keep writing into the scratch schema.
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute("RESET search_path");
                }
            }
        } finally {
            sessions.clear();
            execute(dataSource, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void requireName(String table) {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
