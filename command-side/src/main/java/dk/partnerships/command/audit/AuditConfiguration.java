package dk.partnerships.command.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/** Hash-chain verification and history exports. */
@Configuration(proxyBeanMethods = false)
@Import(AuditController.class)
public class AuditConfiguration {

    @Bean
    ChainVerifier chainVerifier(DataSource dataSource, TransactionTemplate transaction) {
        return new ChainVerifier(dataSource, transaction);
    }
}
