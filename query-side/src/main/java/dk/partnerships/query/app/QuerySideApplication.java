package dk.partnerships.query.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The query side as its own service: consumes {@code partnership-events} from Kafka into its read tables and
 * serves the read API. Its settings are in {@code query-side.yml}.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) throws java.io.IOException {
        if (dk.partnerships.security.PasswordHashCommand.requested(args)) {
            dk.partnerships.security.PasswordHashCommand.run();
            return;
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=application,query-side")
                .run(args);
    }
}
