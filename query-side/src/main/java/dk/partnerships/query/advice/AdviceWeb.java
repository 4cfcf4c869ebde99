package dk.partnerships.query.advice;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The central unit's advice: endpoints and the advisors' page; the requests come from the partnership-summaries read model. */
@Configuration(proxyBeanMethods = false)
@Import({AdviceController.class, AdvicePages.class})
public class AdviceWeb {
}
