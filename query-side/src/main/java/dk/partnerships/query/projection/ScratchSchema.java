package dk.partnerships.query.projection;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A second copy of the read tables in a schema of their own, built by the same migrations as the live ones and
 * filled by each read model's {@link ScratchWriter}. Used to rebuild without touching the live tables until the copy
 * is complete, and to check that the live tables equal what the events say. The comparisons with the live tables
 * leave their lists of differing keys here too ({@code differing_<table>}), dropped with the schema.
 */
public class ScratchSchema implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

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
        ReadModelMigrations.configure(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .load().migrate();
    }

    /**
     * Makes the copy cheap to fill, for a copy whose rows are only compared or copied into the live tables: its
     * tables become unlogged (no write-ahead log; after a crash a rebuild starts again anyway), lose their foreign
     * keys (the projections write parents first; the live tables check again when the rows are copied in), the
     * indexes only readers use and their generated columns' expressions (the column stays, empty: the live table
     * computes its own value from the copied columns, so computing it here too would be wasted — a lesson's search
     * vector). Primary keys and unique constraints stay where the writer relies on them; the {@code keylessTables},
     * filled by writers that only copy rows in, lose every index and key too (the comparisons with the live tables
     * join by hash). An index name that does not exist fails here, so a renamed index is noticed rather than kept by
     * mistake.
     */
    public void prepareForBulkWriting(List<String> tables, List<String> readerIndexes, List<String> keylessTables) {
        tables.forEach(ScratchSchema::requireName);
        readerIndexes.forEach(ScratchSchema::requireName);
        keylessTables.forEach(ScratchSchema::requireName);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<Map<String, Object>> foreignKeys = jdbc.sql("""
                        SELECT c.conrelid::regclass::text AS owner, c.conname AS name FROM pg_constraint c
                        WHERE c.contype = 'f' AND c.connamespace = CAST(:schema AS regnamespace)""")
                .param("schema", schema).query().listOfRows();
        for (Map<String, Object> foreignKey : foreignKeys) {
            String name = (String) foreignKey.get("name");
            requireName(name);
            // regclass::text is already qualified by the schema (it is not on the search path).
            jdbc.sql("ALTER TABLE " + foreignKey.get("owner") + " DROP CONSTRAINT " + name).update();
        }
        for (String index : readerIndexes) {
            jdbc.sql("DROP INDEX " + schema + "." + index).update();
        }
        for (String table : keylessTables) {
            String qualified = schema + "." + table;
            for (String key : names(jdbc, "SELECT conname FROM pg_constraint WHERE conrelid = CAST(:table AS regclass)"
                    + " AND contype IN ('p', 'u')", qualified)) {
                jdbc.sql("ALTER TABLE " + qualified + " DROP CONSTRAINT " + key).update();
            }
            for (String index : names(jdbc, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE i.indrelid = CAST(:table AS regclass)", qualified)) {
                jdbc.sql("DROP INDEX " + schema + "." + index).update();
            }
        }
        for (String table : tables) {
            jdbc.sql("ALTER TABLE " + schema + "." + table + " SET UNLOGGED").update();
            for (String generated : columns(jdbc, schema + "." + table, true)) {
                jdbc.sql("ALTER TABLE " + schema + "." + table + " ALTER COLUMN " + generated + " DROP EXPRESSION")
                        .update();
            }
        }
    }

    /**
     * A connection of its own whose every statement works inside the scratch schema: its plain JDBC, its JDBC
     * batches and its transactions. Several sessions write in parallel (one per projection during a rebuild).
     */
    public record Session(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, TransactionTemplate transaction,
                          Connection connection) {
    }

    public synchronized Session openSession() throws SQLException {
        Connection connection = dataSource.getConnection();
        sessions.add(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            // Its commits need not wait for the disk: until the copy reaches the live tables nothing depends on it.
            statement.execute("SET synchronous_commit TO off");
        }
        SingleConnectionDataSource scratch = new SingleConnectionDataSource(connection, true);
        return new Session(JdbcClient.create(scratch), new NamedParameterJdbcTemplate(scratch),
                new TransactionTemplate(new DataSourceTransactionManager(scratch)), connection);
    }

    public String name() {
        return schema;
    }

    /**
     * Rows that differ between each live table and its scratch copy, both ways, at most {@code limit} each way per
     * table: a row whose primary key the other side lacks, or whose stored bytes differ from the other side's row
     * with that key. It is the comparison the copy into the live tables makes ({@link #compare}), so a check that
     * finds nothing means a rebuild would change nothing. Generated columns are left out: they follow from the
     * others.
     *
     * @return the tables that differ, in the order given, with their differing rows
     */
    public Map<String, List<DifferingRow>> differences(List<String> tables, int limit) throws SQLException {
        tables.forEach(ScratchSchema::requireName);
        // The writers are done; the comparisons need connections of the pool.
        closeSessions();
        JdbcClient live = JdbcClient.create(dataSource);
        Map<String, TableShape> shapes = catalog(tables);
        Map<String, Long> differing = compare(tables, shapes);
        Map<String, List<DifferingRow>> differences = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            if (differing.get(table) == 0) {
                continue;
            }
            List<String> columns = shapes.get(table).columns();
            List<String> key = shapes.get(table).key();
            List<DifferingRow> rows = new ArrayList<>();
            rows.addAll(live.sql(rowsOnOneSide("only-in-live", "public." + table, differingList(table), "live", columns,
                    key, limit)).query(ScratchSchema::readableRow).list());
            rows.addAll(live.sql(rowsOnOneSide("only-in-rebuild", schema + "." + table, differingList(table), "copy",
                    columns, key, limit)).query(ScratchSchema::readableRow).list());
            differences.put(table, rows);
        }
        return differences;
    }

    /** The differences of one table; see {@link #differences(List, int)}. */
    public List<DifferingRow> differences(String table, int limit) throws SQLException {
        return differences(List.of(table), limit).getOrDefault(table, List.of());
    }

    /**
     * A row found on one side only, or otherwise than on the other.
     *
     * @param difference {@code only-in-live} or {@code only-in-rebuild}
     * @param row        the row's columns as the table holds them, whatever the table (an SQL array as a list)
     */
    public record DifferingRow(String difference, Map<String, Object> row) {
    }

    private static DifferingRow readableRow(ResultSet rs, int rowNumber) throws SQLException {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int column = 2; column <= rs.getMetaData().getColumnCount(); column++) {
            Object value = rs.getObject(column);
            row.put(rs.getMetaData().getColumnLabel(column),
                    value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
        }
        return new DifferingRow(rs.getString(1), row);
    }

    /**
     * The rows of {@code from} whose keys the table's differing list holds as only on that {@code side} or stored
     * otherwise on both, labelled {@code label}, by key.
     */
    private static String rowsOnOneSide(String label, String from, String list, String side, List<String> columns,
                                        List<String> key, int limit) {
        return "SELECT '" + label + "' AS difference, " + String.join(", ", columns.stream().map(c -> "l." + c).toList())
                + " FROM " + from + " l JOIN " + list + " d ON " + sameKey(key, "d", "l") + " WHERE d.side IN ('"
                + side + "', 'both') ORDER BY " + String.join(", ", key.stream().map(c -> "l." + c).toList())
                + " LIMIT " + limit;
    }

    private static List<String> primaryKey(JdbcClient catalog, String table) {
        List<String> key = names(catalog, """
                SELECT a.attname FROM pg_index i JOIN pg_attribute a
                ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = CAST(:table AS regclass) AND i.indisprimary ORDER BY a.attnum""",
                "public." + table);
        if (key.isEmpty()) {
            throw new IllegalStateException("public." + table + " has no primary key to match rows by");
        }
        return key;
    }

    /**
     * The live table's columns that hold values of their own, in order: not its generated ones, which PostgreSQL
     * refuses values for and computes from the others (and which the scratch copy leaves empty).
     */
    private static List<String> storedColumns(JdbcClient catalog, String table) {
        return columns(catalog, "public." + table, false);
    }

    /** The table's generated columns, or all its others, in order. */
    private static List<String> columns(JdbcClient catalog, String qualifiedTable, boolean generated) {
        return names(catalog, """
                SELECT attname FROM pg_attribute WHERE attrelid = CAST(:table AS regclass) AND attnum > 0
                AND NOT attisdropped AND (attgenerated <> '') = """ + generated + " ORDER BY attnum", qualifiedTable);
    }

    /** How many live rows the copy removed, changed and added, per table. */
    public record CopyCount(String table, int deleted, int updated, int inserted) {
    }

    /**
     * Makes the live tables hold exactly the scratch rows, in one transaction: readers see the old rows until it
     * commits and the new ones after, never an empty or half-built read model, and are not blocked (no TRUNCATE; DDL
     * only on a table that was empty, see below). Only the differences are written. Before the
     * transaction each table is compared with its copy ({@link #compare}: one hash join by primary key into a list
     * of the keys that differ, several tables at a time); in it, rows only in live are deleted (children first),
     * differing rows updated and missing rows inserted (parents first), each by that list. A rebuild that finds the
     * read models right therefore writes nothing but the change counters. A live table that is empty while its copy
     * is not is, as a rule, not filled but replaced: a complete table is built beside it before the transaction
     * ({@link ReplacementTables}) and swapped in at its end, which locks it (and only it) for a moment. Rows are
     * compared by their stored bytes ({@code *<>}), so a value that is equal but stored differently (a number's
     * scale, also inside JSON) is copied too; it is the cheaper comparison.
     */
    public List<CopyCount> copyIntoLive(List<String> tablesParentsFirst) throws SQLException {
        tablesParentsFirst.forEach(ScratchSchema::requireName);
        // The writers are done; their connections are the pool's, and the comparisons and builders need some.
        closeSessions();
        Map<String, TableShape> shapes = catalog(tablesParentsFirst);
        // Nothing writes the live tables while a rebuild holds the feeds; the swap checks again under its lock.
        List<String> empty = ReplacementTables.choose(dataSource, schema, tablesParentsFirst);
        List<String> withRows = tablesParentsFirst.stream().filter(table -> !empty.contains(table)).toList();
        Map<String, Long> differing = compare(withRows, shapes);
        try (ReplacementTables replacements = new ReplacementTables(dataSource, schema)) {
            Map<String, List<String>> columns = new java.util.HashMap<>();
            shapes.forEach((table, shape) -> columns.put(table, shape.columns()));
            Map<String, Integer> built = replacements.build(empty, columns);
            Map<String, CopyCount> counts = copyDifferences(withRows.stream().filter(table -> differing.get(table) > 0)
                    .toList(), shapes, empty);
            return tablesParentsFirst.stream().map(table -> counts.getOrDefault(table, new CopyCount(table, 0, 0,
                    built.getOrDefault(table, 0)))).toList();
        }
    }

    /** A live table's columns with values of their own, in order, and its primary key. */
    private record TableShape(List<String> columns, List<String> key) {
    }

    private Map<String, TableShape> catalog(List<String> tables) {
        JdbcClient catalog = JdbcClient.create(dataSource);
        Map<String, TableShape> shapes = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            shapes.put(table, new TableShape(storedColumns(catalog, table), primaryKey(catalog, table)));
        }
        return shapes;
    }

    /**
     * Compares each live table with its copy, as many at a time as there are cores, the largest first: one hash join
     * of the two by primary key into a list of the keys that differ, kept in the scratch schema until it is dropped.
     *
     * @return per table, how many keys differ
     */
    private Map<String, Long> compare(List<String> tables, Map<String, TableShape> shapes) throws SQLException {
        List<String> largestFirst = ParallelTables.largestFirst(dataSource, "public", tables);
        return ParallelTables.run(dataSource, largestFirst, (connection, table) -> {
            try (Statement statement = connection.createStatement()) {
                // A join of tables of a million rows by key spills to temporary files with the default 4 MB.
                statement.execute("SET LOCAL work_mem = '256MB'");
                // Fresh statistics, so the comparison is planned as the join of big tables it is.
                statement.execute("ANALYZE " + schema + "." + table);
                statement.execute("DROP TABLE IF EXISTS " + differingList(table));
                statement.execute(differingKeys(table, shapes.get(table)));
                // Planned by its real size when it is used: a list taken for empty would be joined by nested loops.
                statement.execute("ANALYZE " + differingList(table));
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + differingList(table))) {
                    count.next();
                    return count.getLong(1);
                }
            }
        });
    }

    /**
     * The one transaction of {@link #copyIntoLive(List)}: the differing rows of the tables given deleted (children
     * first), updated and inserted (parents first) by their lists, then the empty tables swapped for their
     * replacements, the change counters moved.
     */
    private Map<String, CopyCount> copyDifferences(List<String> differingParentsFirst, Map<String, TableShape> shapes,
                                                   List<String> emptyParentsFirst) throws SQLException {
        Map<String, CopyCount> counts = new java.util.HashMap<>();
        try (Connection live = dataSource.getConnection()) {
            boolean autoCommit = live.getAutoCommit();
            live.setAutoCommit(false);
            try (Statement statement = live.createStatement()) {
                statement.execute("SET LOCAL work_mem = '256MB'");
                Map<String, Integer> deleted = new java.util.HashMap<>();
                List<String> childrenFirst = new ArrayList<>(differingParentsFirst);
                java.util.Collections.reverse(childrenFirst);
                for (String table : childrenFirst) {
                    deleted.put(table, statement.executeUpdate("DELETE FROM public." + table + " l USING "
                            + differingList(table) + " d WHERE d.side = 'live' AND "
                            + sameKey(shapes.get(table).key(), "d", "l")));
                }
                for (String table : differingParentsFirst) {
                    List<String> columns = shapes.get(table).columns();
                    List<String> key = shapes.get(table).key();
                    String assignments = String.join(", ", columns.stream().filter(column -> !key.contains(column))
                            .map(column -> column + " = s." + column).toList());
                    String fromCopy = " FROM " + schema + "." + table + " s JOIN " + differingList(table) + " d ON "
                            + sameKey(key, "d", "s");
                    int updated = assignments.isEmpty() ? 0 : statement.executeUpdate("UPDATE public." + table
                            + " l SET " + assignments + fromCopy + " WHERE d.side = 'both' AND " + sameKey(key, "s", "l"));
                    int inserted = statement.executeUpdate("INSERT INTO public." + table + " ("
                            + String.join(", ", columns) + ") SELECT " + String.join(", ", columns.stream()
                            .map(c -> "s." + c).toList()) + fromCopy + " WHERE d.side = 'copy' ON CONFLICT ("
                            + String.join(", ", key) + ") DO NOTHING");
                    if (inserted > 0) {
                        // The rows just inserted count in this transaction's statistics only after ANALYZE; a table
                        // that looked empty would have its children's foreign-key checks planned as scans of it.
                        statement.execute("ANALYZE public." + table);
                    }
                    counts.put(table, new CopyCount(table, deleted.get(table), updated, inserted));
                }
                List<String> emptyChildrenFirst = new ArrayList<>(emptyParentsFirst);
                java.util.Collections.reverse(emptyChildrenFirst);
                ReplacementTables.swapIn(live, emptyChildrenFirst);
                // Figures computed from the old rows may no longer be current (see FiguresCache).
                statement.execute("UPDATE public.read_model_change SET changes = changes + 1");
                // Every read model now holds what the events say: what a migration asked to rebuild is done.
                statement.execute("DELETE FROM public.read_model_rebuild_request");
                live.commit();
            } catch (SQLException | RuntimeException e) {
                live.rollback();
                throw e;
            } finally {
                live.setAutoCommit(autoCommit);
            }
        }
        return counts;
    }

    /** Where {@link #compare} keeps the keys that differ for the table. */
    private String differingList(String table) {
        return schema + ".differing_" + table;
    }

    /**
     * A table of the keys whose rows differ between the live table and its copy, with where: {@code live} (only
     * there), {@code copy} (only in the copy) or {@code both} (stored otherwise).
     */
    private String differingKeys(String table, TableShape shape) {
        List<String> key = shape.key();
        String keyColumns = String.join(", ", key.stream().map(c -> "coalesce(s." + c + ", l." + c + ") AS " + c)
                .toList());
        return "CREATE UNLOGGED TABLE " + differingList(table) + " AS SELECT " + keyColumns
                + ", CASE WHEN s." + key.get(0) + " IS NULL THEN 'live' WHEN l." + key.get(0)
                + " IS NULL THEN 'copy' ELSE 'both' END AS side FROM public." + table + " l FULL JOIN " + schema + "."
                + table + " s ON " + sameKey(key, "s", "l") + " WHERE s." + key.get(0) + " IS NULL OR l." + key.get(0)
                + " IS NULL OR " + row("s", shape.columns()) + " *<> " + row("l", shape.columns());
    }

    private static List<String> names(JdbcClient catalog, String sql, String table) {
        List<String> names = catalog.sql(sql).param("table", table).query(String.class).list();
        names.forEach(ScratchSchema::requireName);
        return names;
    }

    /**
     * The columns of a table aliased {@code alias} as one record, for PostgreSQL's binary comparison of records
     * ({@code *<>}, the one {@code REFRESH MATERIALIZED VIEW CONCURRENTLY} uses): the cast keeps it one value, where
     * two row constructors would be compared column by column.
     */
    private static String row(String alias, List<String> columns) {
        return "CAST(ROW(" + String.join(", ", columns.stream().map(column -> alias + "." + column).toList())
                + ") AS record)";
    }

    private static String sameKey(List<String> key, String one, String other) {
        return String.join(" AND ", key.stream().map(column -> one + "." + column + " = " + other + "." + column)
                .toList());
    }

    @Override
    public synchronized void close() throws SQLException {
        try {
            closeSessions();
        } finally {
            execute(dataSource, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Gives the writers' sessions back to the pool, once the copy is written. */
    private synchronized void closeSessions() throws SQLException {
        try {
            for (Connection connection : sessions) {
                // Back to the pool as it came: a pooled connection must not keep writing into the scratch schema.
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute("RESET search_path");
                    statement.execute("RESET synchronous_commit");
                }
            }
        } finally {
            sessions.clear();
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
