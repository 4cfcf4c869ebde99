package dk.partnerships.query.kafka;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * How the query-side instances that share one read database stay out of each other's way, with PostgreSQL advisory
 * locks: every batch a feed applies holds {@link #APPLYING} shared for its transaction, so any number of instances
 * apply their partitions side by side; a rebuild or consistency check first claims {@link #REBUILDING} (one at a
 * time across the instances) and then holds {@link #APPLYING} exclusively, so no instance applies a batch until it
 * is done. A feed never waits for the shared lock: it tries, and holds its batch back while a rebuild runs.
 */
final class ReadDatabaseLocks {

    /** "applying" in ASCII: distinct from the schema upgrade's lock and any other of the product's. */
    static final long APPLYING = 0x6170706c79696e67L;
    /** "rebuild" in ASCII. */
    static final long REBUILDING = 0x72656275696c64L;

    private ReadDatabaseLocks() {
    }

    /** Inside the caller's transaction: true when the batch may be applied (no rebuild holds the read models). */
    static boolean tryApplying(JdbcClient jdbc) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock_shared(" + APPLYING + ")").query(Boolean.class).single();
    }

    /** The rebuild claim, on a connection of its own that holds the locks until {@link Claim#close()}. */
    static Optional<Claim> tryClaimRebuild(DataSource dataSource) {
        // The claim's connection is the pool's; should releasing its locks fail, it is evicted from the pool.
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!select(connection, "pg_try_advisory_lock(" + REBUILDING + ")")) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new Claim(dataSource, connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("Cannot claim the read database for a rebuild", e);
        }
    }

    /** A held rebuild claim; {@link #holdFeeds()} stops every instance's feed until {@link #releaseFeeds()}. */
    static final class Claim implements AutoCloseable {

        private final DataSource dataSource;
        private final Connection connection;

        private Claim(DataSource dataSource, Connection connection) {
            this.dataSource = dataSource;
            this.connection = connection;
        }

        private void evict(Connection session) {
            try {
                if (dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                    dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).evictConnection(session);
                } else {
                    session.abort(Runnable::run);
                }
            } catch (SQLException ignored) {
                // closed below either way
            }
        }

        /** Waits for every batch being applied, on any instance, to commit; none starts until released. */
        void holdFeeds() {
            try {
                run(connection, "SELECT pg_advisory_lock(" + APPLYING + ")");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot hold the feeds of the read database", e);
            }
        }

        void releaseFeeds() {
            try {
                select(connection, "pg_advisory_unlock(" + APPLYING + ")");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot release the feeds of the read database", e);
            }
        }

        /** Gives up the claim and any lock still held (closing the session would too, but a pool keeps it open). */
        @Override
        public void close() {
            try {
                run(connection, "SELECT pg_advisory_unlock_all()");
            } catch (SQLException e) {
                // The locks end with the session: make sure the pool does not hand it out again.
                evict(connection);
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static boolean select(Connection connection, String expression) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT " + expression)) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
