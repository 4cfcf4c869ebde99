package dk.partnerships.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A few connections to an embedded database, kept open. Without a pool every query opens a connection, and
 * PostgreSQL starts a process for each: polling every few milliseconds (the lag and dashboard benchmarks wait for
 * visibility that way) then kept the two cores about 70% busy on its own and distorted what was measured.
 */
public final class PooledDatabase {

    private PooledDatabase() {
    }

    /** Close it when done (it is a {@link HikariDataSource}). */
    public static HikariDataSource open(EmbeddedPostgres postgres, String database) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        pool.setPoolName("pooled-" + database);
        return pool;
    }
}
