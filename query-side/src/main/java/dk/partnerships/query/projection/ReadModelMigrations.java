package dk.partnerships.query.projection;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the read tables' migrations live and where their history is kept: a history table of their own, apart from
 * the event store's, since in standalone mode both live in one database. The product, a rebuild's scratch schema and
 * the tests all migrate through here, so they cannot drift apart.
 * <p>
 * {@code db/readmodel} is the read schema: one baseline per read model, then whatever changes follow. A database
 * of the 2026-12 release or earlier (its history in {@value #RELEASE_2026_12_HISTORY}) is first brought to the same
 * schema by that release's own migrations, {@code db/readmodel-upgrade}, which convert its rows in place and ask
 * for a rebuild; its history then starts at the baseline.
 */
public final class ReadModelMigrations {

    public static final String LOCATION = "classpath:db/readmodel";
    public static final String HISTORY_TABLE = "read_model_schema_history";

    /** The last version of the baseline: the schema the upgrade path ends in. */
    static final String BASELINE_VERSION = "5";
    static final String RELEASE_2026_12_LOCATION = "classpath:db/readmodel-upgrade";
    static final String RELEASE_2026_12_HISTORY = "flyway_history_read_model";
    /** The advisory lock's key: "readmodel" in ASCII, so it cannot meet another lock of the product by chance. */
    private static final long UPGRADE_LOCK = 0x726561646d6f64L;

    private ReadModelMigrations() {
    }

    /** The read model's migrations against this data source; callers add their own settings before loading. */
    public static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY_TABLE);
    }

    /** Migrates the read tables in the data source's default schema to the latest version. */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, configure(dataSource));
    }

    /**
     * Migrates with {@code configuration} (the product's adds a baseline for a database the event store already
     * uses), first upgrading a database of the 2026-12 release to the baseline.
     */
    public static void migrate(DataSource dataSource, FluentConfiguration configuration) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        if (holdsRelease202612(jdbc)) {
            upgradeRelease202612(dataSource, configuration);
        }
        Flyway.configure().configuration(configuration).load().migrate();
    }

    /** One instance upgrades at a time (an advisory lock held on a connection of its own); a later one finds it done. */
    private static void upgradeRelease202612(DataSource dataSource, FluentConfiguration configuration) {
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + UPGRADE_LOCK + ")");
            try {
                if (holdsRelease202612(JdbcClient.create(dataSource))) {
                    Flyway.configure().dataSource(dataSource).locations(RELEASE_2026_12_LOCATION)
                            .table(RELEASE_2026_12_HISTORY).load().migrate();
                    Flyway.configure().configuration(configuration).baselineOnMigrate(true)
                            .baselineVersion(BASELINE_VERSION)
                            .baselineDescription("schema of the 2026-12 release, upgraded").load().migrate();
                    JdbcClient.create(dataSource).sql("DROP TABLE IF EXISTS " + RELEASE_2026_12_HISTORY).update();
                }
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + UPGRADE_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not upgrade the read schema of the 2026-12 release", e);
        }
    }

    private static boolean holdsRelease202612(JdbcClient jdbc) {
        return jdbc.sql("SELECT to_regclass(:table) IS NOT NULL").param("table", RELEASE_2026_12_HISTORY)
                .query(Boolean.class).single();
    }
}
