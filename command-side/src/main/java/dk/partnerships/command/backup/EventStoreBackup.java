package dk.partnerships.command.backup;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A backup of the product's data: the event store and what belongs to it (the hash chains' heads, the person
 * registry, the departments, the stored answers of idempotent requests), read in one snapshot, so it is consistent
 * while writes go on. The read models are not in it: they are rebuilt from the events after a restore.
 * <p>
 * The file is a zip: {@code backup.properties} (format, schema version, counts, time) and one CSV per table as
 * PostgreSQL's {@code COPY} writes it. A restore loads the rows as they were — the stored hashes are kept, not
 * recomputed — so verifying the restored store proves the backup was not altered either.
 */
public final class EventStoreBackup {

    static final String FORMAT = "partnerships-backup-1";
    /** In the order a restore loads them. */
    static final List<String> TABLES = List.of("department", "personal_name", "domain_event_entry",
            "snapshot_event_entry", "event_chain_head", "idempotent_request");
    private static final String SCHEMA_VERSION = "SELECT max(version::int) FROM flyway_history_event_store WHERE success";

    private EventStoreBackup() {
    }

    /** What a backup holds (or a restore loaded). */
    public record Summary(int schemaVersion, long events, long partnerships, Instant takenAt) {
    }

    /** Writes a consistent backup of the store behind {@code connection} to {@code out}. */
    public static Summary write(Connection connection, OutputStream out) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            connection.setReadOnly(true);
            Summary summary = new Summary(queryInt(connection, SCHEMA_VERSION),
                    queryLong(connection, "SELECT count(*) FROM domain_event_entry"),
                    queryLong(connection, "SELECT count(*) FROM event_chain_head"), Instant.now());
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("backup.properties"));
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("schemaVersion", String.valueOf(summary.schemaVersion()));
            manifest.setProperty("events", String.valueOf(summary.events()));
            manifest.setProperty("partnerships", String.valueOf(summary.partnerships()));
            manifest.setProperty("takenAt", summary.takenAt().toString());
            manifest.store(new OutputStreamNotClosing(zip), "A backup of the partnership lifecycle tracker's event store");
            zip.closeEntry();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : TABLES) {
                zip.putNextEntry(new ZipEntry(table + ".csv"));
                copy.copyOut("COPY " + table + " TO STDOUT WITH (FORMAT csv, HEADER)", new OutputStreamNotClosing(zip));
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
            connection.commit();
            return summary;
        } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Loads a backup into an empty, migrated event store, in one transaction: all of it or nothing.
     *
     * @throws IllegalStateException when the store is not empty, or the backup is not one of this product's
     */
    public static Summary restore(Connection connection, InputStream in) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            if (queryLong(connection, "SELECT count(*) FROM domain_event_entry") > 0) {
                throw new IllegalStateException("The event store is not empty; restore into an empty data folder.");
            }
            // Triggers off for this transaction: the rows are loaded as stored, their hashes included.
            statement.execute("SET LOCAL session_replication_role = replica");
            int current = queryInt(connection, SCHEMA_VERSION);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            ZipInputStream zip = new ZipInputStream(in);
            Properties manifest = null;
            List<String> loaded = new ArrayList<>();
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("backup.properties")) {
                    manifest = new Properties();
                    manifest.load(new java.io.InputStreamReader(new InputStreamNotClosing(zip), StandardCharsets.ISO_8859_1));
                    if (!FORMAT.equals(manifest.getProperty("format"))) {
                        throw new IllegalStateException("Not a backup of this product (format "
                                + manifest.getProperty("format") + ").");
                    }
                    int version = Integer.parseInt(manifest.getProperty("schemaVersion", "0"));
                    if (version > current) {
                        throw new IllegalStateException("The backup comes from a newer product (event store schema "
                                + version + ", this product knows " + current + "); restore it with that version.");
                    }
                    continue;
                }
                String table = entry.getName().replaceFirst("\\.csv$", "");
                if (manifest == null || !TABLES.contains(table)) {
                    throw new IllegalStateException("Not a backup of this product (unexpected " + entry.getName() + ").");
                }
                // HEADER MATCH: the columns must be the table's own, in its order, or nothing is loaded.
                copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER MATCH)", new InputStreamNotClosing(zip));
                loaded.add(table);
            }
            if (manifest == null || !loaded.containsAll(TABLES)) {
                throw new IllegalStateException("The backup is incomplete (has " + loaded + ").");
            }
            statement.execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), "
                    + "coalesce((SELECT max(global_index) FROM domain_event_entry), 0) + 1, false)");
            Summary summary = new Summary(Integer.parseInt(manifest.getProperty("schemaVersion")),
                    queryLong(connection, "SELECT count(*) FROM domain_event_entry"),
                    queryLong(connection, "SELECT count(*) FROM event_chain_head"),
                    Instant.parse(manifest.getProperty("takenAt")));
            if (summary.events() != Long.parseLong(manifest.getProperty("events"))) {
                throw new IllegalStateException("The backup is damaged: it says " + manifest.getProperty("events")
                        + " events and holds " + summary.events() + ".");
            }
            connection.commit();
            return summary;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        return (int) queryLong(connection, sql);
    }

    /** COPY closes the stream it is given; a zip entry must stay open for the next one. */
    private static final class OutputStreamNotClosing extends FilterOutputStream {
        OutputStreamNotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class InputStreamNotClosing extends FilterInputStream {
        InputStreamNotClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip's next entry follows
        }
    }
}
