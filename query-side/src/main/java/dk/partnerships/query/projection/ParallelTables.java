package dk.partnerships.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work on several tables at once, each table in a transaction of its own on a connection of its own: a rebuild's
 * comparisons and replacement tables are each one long statement that PostgreSQL runs on one core, and the live
 * tables do not change while a rebuild holds the feeds. As many at a time as the JVM sees cores, at most
 * {@value #MOST_AT_ONCE}: each takes a connection of the pool readers share, and up to 512 MB of the database
 * server's memory for its join or sort (see the callers' {@code work_mem} and {@code maintenance_work_mem}). After a
 * failure the jobs already running finish on the server before the caller goes on.
 */
final class ParallelTables {

    /** What is done to one table, inside its transaction. */
    @FunctionalInterface
    interface Job<T> {
        T run(Connection connection, String table) throws SQLException;
    }

    static final int MOST_AT_ONCE = 4;

    private ParallelTables() {
    }

    /**
     * The tables by their size in the schema, largest first: started first, the longest jobs do not end up alone at
     * the end.
     */
    static List<String> largestFirst(DataSource dataSource, String schema, List<String> tables) {
        JdbcClient catalog = JdbcClient.create(dataSource);
        Map<String, Long> sizes = new HashMap<>();
        for (String table : tables) {
            sizes.put(table, catalog.sql("SELECT pg_total_relation_size(CAST(:table AS regclass))")
                    .param("table", schema + "." + table).query(Long.class).single());
        }
        return tables.stream().sorted(Comparator.comparing(sizes::get).reversed()).toList();
    }

    /** Runs the job on every table, in the order given as far as the threads allow; returns its answer per table. */
    static <T> Map<String, T> run(DataSource dataSource, List<String> tables, Job<T> job) throws SQLException {
        Map<String, T> answers = new ConcurrentHashMap<>();
        if (tables.isEmpty()) {
            return answers;
        }
        ExecutorService threads = Executors.newFixedThreadPool(
                Math.min(tables.size(), Math.min(MOST_AT_ONCE, Runtime.getRuntime().availableProcessors())), runnable -> {
                    Thread thread = new Thread(runnable, "projection-rebuild-tables");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String table : tables) {
                running.add(threads.submit(() -> {
                    answers.put(table, inTransaction(dataSource, table, job));
                    return null;
                }));
            }
            for (Future<?> table : running) {
                table.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Rebuild interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
        return answers;
    }

    private static <T> T inTransaction(DataSource dataSource, String table, Job<T> job) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T answer = job.run(connection, table);
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
