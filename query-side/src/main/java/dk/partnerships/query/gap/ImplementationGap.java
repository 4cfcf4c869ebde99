package dk.partnerships.query.gap;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The implementation-gap endpoint. */
@Configuration(proxyBeanMethods = false)
@Import(ImplementationGapController.class)
public class ImplementationGap {
}
