package dk.partnerships.query.lifecycle;

import dk.partnerships.query.projection.GeneratedPortfolio;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ReadModelMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The live lifecycle projection keeps the partnerships it wrote between batches; what it writes must be exactly what
 * a projection that reads every row writes — also when another writer (a second query-side instance) applied some
 * of a partnership's events in between, when a batch rolled back, and after a rebuild replaced the rows.
 */
class KnownLifecyclesTest {

    private static final long SEED = Long.getLong("projection.seed", 20261207L);

    private static EmbeddedPostgres postgres;
    private static Database kept;
    private static Database reference;

    private record Database(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, TransactionTemplate transaction) {

        static Database create(DataSource dataSource) {
            ReadModelMigrations.migrate(dataSource);
            return new Database(JdbcClient.create(dataSource), new NamedParameterJdbcTemplate(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        }

        void apply(LifecycleProjection projection, List<ProjectedEvent> batch) {
            transaction.executeWithoutResult(status -> ProjectionBatch.applyAll(batchJdbc, projection, batch));
        }

        /** Every row of every lifecycle table, as text, in order: equal digests, equal read models. */
        List<String> digests() {
            List<String> digests = new ArrayList<>();
            for (String table : new LifecycleProjection(null).tables()) {
                digests.add(table + " " + jdbc.sql("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM " + table + " t").query(String.class).single());
            }
            return digests;
        }
    }

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE reference").update();
        kept = Database.create(new SingleConnectionDataSource(postgres.getPostgresDatabase().getConnection(), true));
        reference = Database.create(new SingleConnectionDataSource(
                postgres.getDatabase("postgres", "reference").getConnection(), true));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void keeping_partnerships_between_batches_writes_what_reading_them_writes() {
        Random random = new Random(SEED);
        List<ProjectedEvent> events = GeneratedPortfolio.interleaved(GeneratedPortfolio.portfolio(random, 150), random);
        // Fewer kept than there are partnerships, so some fall out and are read again.
        KnownLifecycles known = new KnownLifecycles(100);
        LifecycleProjection live = new LifecycleProjection(kept.jdbc(), known);
        LifecycleProjection otherInstance = new LifecycleProjection(kept.jdbc());

        int batchNumber = 0;
        for (int from = 0; from < events.size(); batchNumber++) {
            List<ProjectedEvent> batch = events.subList(from, Math.min(events.size(), from + 1 + random.nextInt(40)));
            from += batch.size();
            if (batchNumber % 5 == 3) {
                // Another instance applies this batch: the kept partnerships it touches are now behind their rows.
                kept.apply(otherInstance, batch);
                continue;
            }
            if (batchNumber % 7 == 5) {
                // A batch that fails after the projection wrote it: nothing of it may be kept.
                assertThatThrownBy(() -> kept.transaction().executeWithoutResult(status -> {
                    ProjectionBatch.applyAll(kept.batchJdbc(), live, batch);
                    throw new IllegalStateException("the database refused the commit");
                })).hasMessageContaining("refused");
            }
            if (batchNumber == 20) {
                // A rebuild replaced the rows (here: with what they were), so nothing kept is used blindly.
                live.liveRowsReplaced();
            }
            kept.apply(live, batch);
        }
        reference.apply(new LifecycleProjection(reference.jdbc()), events);

        assertThat(known.hits()).as("partnerships taken from memory instead of read").isGreaterThan(100);
        assertThat(known.size()).isLessThanOrEqualTo(100);
        assertThat(kept.digests()).isEqualTo(reference.digests());
    }
}
