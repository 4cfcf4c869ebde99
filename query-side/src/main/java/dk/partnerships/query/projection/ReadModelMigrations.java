package dk.partnerships.query.projection;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;

/**
 * Where the read tables' migrations live and where their history is kept: a history table of their own, apart from
 * the event store's, since in standalone mode both live in one database. The product, a rebuild's scratch schema and
 * the tests all migrate through here, so the three cannot drift apart.
 */
public final class ReadModelMigrations {

    public static final String LOCATION = "classpath:db/readmodel";
    public static final String HISTORY_TABLE = "flyway_history_read_model";

    private ReadModelMigrations() {
    }

    /** The read model's migrations against this data source; callers add their own settings before loading. */
    public static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY_TABLE);
    }

    /** Migrates the read tables in the data source's default schema to the latest version. */
    public static void migrate(DataSource dataSource) {
        configure(dataSource).load().migrate();
    }
}
