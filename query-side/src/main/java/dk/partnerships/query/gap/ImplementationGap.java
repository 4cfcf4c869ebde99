package dk.partnerships.query.gap;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The dashboard endpoints: lifecycle and implementation gap. */
@Configuration(proxyBeanMethods = false)
@Import({ImplementationGapController.class, LifecycleController.class})
public class ImplementationGap {
}
