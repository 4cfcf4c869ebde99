package dk.partnerships.query.benefits;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Benefits realisation's endpoints and page; the figures come from the partnership-summaries read model. */
@Configuration(proxyBeanMethods = false)
@Import({BenefitsController.class, BenefitPages.class})
public class BenefitsWeb {
}
