package dk.partnerships.standalone;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same HTTP tests against PostgreSQL 17 in a container, through {@code spring.datasource.url} (the way an
 * external database is configured). Skipped cleanly where no Docker engine runs, as on the build machines;
 * the embedded PostgreSQL of {@link PartnershipHttpTest} covers the behaviour there.
 */
@Testcontainers(disabledWithoutDocker = true)
class PartnershipHttpOnPostgresContainerTest extends PartnershipHttpTest {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
    }
}
