package dk.partnerships.standalone;

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
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
