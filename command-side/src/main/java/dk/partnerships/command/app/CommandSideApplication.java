package dk.partnerships.command.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The command side as its own service: the write API and the event store on PostgreSQL, publishing every event to
 * Kafka. Its settings are in {@code command-side.yml} (a name of its own, so they never leak into standalone).
 */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) throws java.io.IOException {
        if (dk.partnerships.security.PasswordHashCommand.requested(args)) {
            dk.partnerships.security.PasswordHashCommand.run();
            return;
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=application,command-side")
                .run(args);
    }
}
