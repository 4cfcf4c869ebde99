package dk.partnerships.standalone;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standalone product on a random port, on its own embedded PostgreSQL in a fresh data folder, reached over real
 * HTTP. Each test class gets its own product and database, closed after the class, so no class sees another's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class StandaloneHttpTest {

    @DynamicPropertySource
    static void freshDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        String directory = Files.createTempDirectory("partnerships-test").toString();
        registry.add("partnerships.embedded-postgres.data-directory", () -> directory);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    /** Waits until every read model holds every stored event (the dashboard draws on all of them). */
    void awaitAllProjected() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            long stored = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
            return jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_summary").query(Long.class).single() == stored
                    && jdbc.sql("SELECT count(*) FROM partnership_event_log").query(Long.class).single() == stored
                    && jdbc.sql("SELECT coalesce(sum(version), 0) FROM partnership_lifecycle").query(Long.class).single() == stored
                    && jdbc.sql("SELECT coalesce(sum(version), 0) FROM lesson_partnership").query(Long.class).single() == stored;
        });
    }

    /** The body of a valid proposal; tests change what they are about. */
    static Map<String, Object> proposal(String title, String kind, String department, String effectiveDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("kind", kind);
        body.put("department", department);
        body.put("lead", "Innovationsenheden, " + department);
        body.put("need", "Et behov fra " + department);
        if (effectiveDate != null) {
            body.put("effectiveDate", effectiveDate);
        }
        return body;
    }
}
