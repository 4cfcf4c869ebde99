package dk.partnerships.query.projection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read schema is one baseline per read model; a database of the 2026-12 release reaches it through that
 * release's migrations. Both roads must end in the same schema (columns in the same order; a dropped column leaves
 * no trace a reader sees), or a rebuild's scratch copy, always built from the baseline, would not fit the live
 * tables of an upgraded database. The upgrade with real data and its rebuild: ReadModelUpgradeTest.
 */
class ReadModelSchemaTest {

    private static EmbeddedPostgres postgres;
    private static DataSource fresh;
    private static DataSource upgraded;

    @BeforeAll
    static void twoDatabases() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        JdbcClient admin = JdbcClient.create(postgres.getPostgresDatabase());
        admin.sql("CREATE DATABASE fresh").update();
        admin.sql("CREATE DATABASE upgraded").update();
        fresh = postgres.getDatabase("postgres", "fresh");
        upgraded = postgres.getDatabase("postgres", "upgraded");
        // A database as the 2026-12 release left it, with a partnership in it.
        Flyway.configure().dataSource(upgraded).locations(ReadModelMigrations.RELEASE_2026_12_LOCATION)
                .table(ReadModelMigrations.RELEASE_2026_12_HISTORY).target("16").load().migrate();
        JdbcClient.create(upgraded).sql("""
                INSERT INTO partnership_summary (id, title, kind, department, owning_organisation, lead, need, stage,
                    status, proposed_on, stage_entered_on, version, last_recorded_at)
                VALUES ('p-1', 'Aflåst cykelparkering', 'OPI', 'TMF', 'KK', 'Mobilitet', 'Forebyg tyveri', 'IDEA',
                    'ACTIVE', DATE '2024-01-15', DATE '2024-01-15', 1, now())""").update();

        ReadModelMigrations.migrate(fresh);
        ReadModelMigrations.migrate(upgraded);
    }

    @Test
    void the_quarterly_counts_move_from_one_column_per_figure_to_one_row_per_figure_unchanged() throws IOException {
        JdbcClient.create(postgres.getPostgresDatabase()).sql("CREATE DATABASE quarters").update();
        DataSource quarters = postgres.getDatabase("postgres", "quarters");
        Flyway.configure().dataSource(quarters).locations(ReadModelMigrations.LOCATION)
                .table(ReadModelMigrations.HISTORY_TABLE).target(ReadModelMigrations.BASELINE_VERSION).load().migrate();
        JdbcClient.create(quarters).sql("""
                INSERT INTO figure_quarter (department, kind, year, quarter, proposed, pilots_started,
                    implementations_started, completed, abandoned)
                VALUES ('TMF', 'OPI', 2024, DATE '2024-01-01', 3, 1, 0, 0, 2),
                       ('SUF', 'OPP', 2023, DATE '2024-04-01', 0, 0, 1, 1, 0)""").update();

        ReadModelMigrations.migrate(quarters);

        assertThat(rows(quarters, """
                SELECT department || ' ' || quarter || ' ' || figure || ' ' || partnerships FROM figure_quarter
                ORDER BY 1""")).containsExactly("SUF 2024-04-01 COMPLETED 1", "SUF 2024-04-01 IMPLEMENTATIONS_STARTED 1",
                "TMF 2024-01-01 ABANDONED 2", "TMF 2024-01-01 PILOTS_STARTED 1", "TMF 2024-01-01 PROPOSED 3");
        assertThat(rows(quarters, "SELECT count(*) FROM figure_quarter_counted")).containsExactly("5");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void the_upgraded_database_has_exactly_the_baseline_s_tables_columns_keys_and_indexes() {
        for (String catalog : List.of(COLUMNS, CONSTRAINTS, INDEXES)) {
            assertThat(rows(upgraded, catalog)).as(catalog).isNotEmpty().containsExactlyElementsOf(rows(fresh, catalog));
        }
        assertThat(rows(upgraded, "SELECT read_model FROM read_model_change ORDER BY 1"))
                .containsExactlyElementsOf(rows(fresh, "SELECT read_model FROM read_model_change ORDER BY 1"));
    }

    @Test
    void the_upgrade_keeps_the_rows_and_leaves_one_history_at_the_baseline() {
        assertThat(rows(upgraded, "SELECT id || ' ' || title FROM partnership_summary"))
                .containsExactly("p-1 Aflåst cykelparkering");
        assertThat(rows(upgraded, "SELECT to_regclass('" + ReadModelMigrations.RELEASE_2026_12_HISTORY + "')::text"))
                .containsOnlyNulls();
        // The fresh history is the baselines and the changes after them; the upgraded one starts at the baseline.
        List<String> afterBaseline = rows(fresh, "SELECT version || ' ' || type FROM " + ReadModelMigrations.HISTORY_TABLE
                + " WHERE CAST(version AS integer) > " + ReadModelMigrations.BASELINE_VERSION + " ORDER BY installed_rank");
        assertThat(rows(fresh, "SELECT version FROM " + ReadModelMigrations.HISTORY_TABLE + " ORDER BY installed_rank"))
                .startsWith("1", "2", "3", "4", "5").hasSize(5 + afterBaseline.size());
        List<String> expected = new java.util.ArrayList<>(List.of(ReadModelMigrations.BASELINE_VERSION + " BASELINE"));
        expected.addAll(afterBaseline);
        assertThat(rows(upgraded, "SELECT version || ' ' || type FROM " + ReadModelMigrations.HISTORY_TABLE
                + " ORDER BY installed_rank")).containsExactlyElementsOf(expected);

        // A second start finds nothing to do.
        ReadModelMigrations.migrate(upgraded);
        assertThat(rows(upgraded, "SELECT count(*)::text FROM " + ReadModelMigrations.HISTORY_TABLE))
                .containsExactly(Integer.toString(expected.size()));
    }

    private static final String COLUMNS = """
            SELECT table_name || '.' || column_name
                || ' #' || row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position) || ' ' || data_type
                || coalesce('(' || character_maximum_length || ')', '')
                || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
                || ' null:' || is_nullable || ' default:' || coalesce(column_default, '-')
                || ' generated:' || coalesce(generation_expression, '-')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '%history%'
            ORDER BY table_name, ordinal_position""";

    private static final String CONSTRAINTS = """
            SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                AND conrelid::regclass::text NOT LIKE '%history%'
            ORDER BY 1""";

    private static final String INDEXES = """
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '%history%'
            ORDER BY indexname""";

    private static List<String> rows(DataSource dataSource, String sql) {
        return JdbcClient.create(dataSource).sql(sql).query(String.class).list();
    }
}
