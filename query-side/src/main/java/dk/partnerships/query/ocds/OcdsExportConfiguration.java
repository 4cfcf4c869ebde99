package dk.partnerships.query.ocds;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The OCDS export, read from the history read model. */
@Configuration(proxyBeanMethods = false)
@Import(OcdsExportController.class)
public class OcdsExportConfiguration {
}
