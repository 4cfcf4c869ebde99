package dk.partnerships.standalone;

import dk.partnerships.standalone.embedded.DataFolder;
import dk.partnerships.standalone.embedded.RestoreCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Both sides in one JVM: the write API, the event store, the projections and the read API on one port, on an
 * embedded PostgreSQL unless {@code spring.datasource.url} points elsewhere.
 */
@SpringBootApplication
public class StandaloneApplication {

    public static void main(String[] args) throws java.io.IOException {
        if (dk.partnerships.security.PasswordHashCommand.requested(args)) {
            dk.partnerships.security.PasswordHashCommand.run();
            return;
        }
        // Axon's update checker would call out to the internet at every start.
        System.setProperty("axoniq.update-checker.disabled", "true");
        if (RestoreCommand.requested(args)) {
            System.exit(RestoreCommand.run(args));
        }
        try {
            SpringApplication.run(StandaloneApplication.class, args);
        } catch (RuntimeException failure) {
            // A data folder it cannot start on: one line and a non-zero status, for the person or the supervisor.
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof DataFolder.DataFolderException folder) {
                    System.err.println("partnerships: " + folder.getMessage());
                    System.exit(2);
                }
            }
            throw failure;
        }
    }
}
