package dk.partnerships.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * What keeps every answer of both sides in the contract: the language of answers ({@link ApiLanguage}), refusals
 * raised before a controller as problem+json ({@link ProblemErrorController}, {@link RequestLineCheck}).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration"})
@EnableConfigurationProperties(WebProperties.class)
public class ApiProblemsConfiguration {

    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new ApiLanguage();
    }

    @Bean
    BasicErrorController basicErrorController(ErrorAttributes errorAttributes, WebProperties web,
                                              ObjectProvider<ErrorViewResolver> resolvers) {
        return new ProblemErrorController(errorAttributes, web.getError(), resolvers.orderedStream().toList());
    }

    @Bean
    ApiDocument apiDocument(ObjectProvider<ApiSchemas> schemas) {
        return new ApiDocument(schemas.orderedStream().toList());
    }

    /** Right after the body limit, before the security filters. */
    @Bean
    FilterRegistrationBean<RequestLineCheck> requestLineCheck() {
        var registration = new FilterRegistrationBean<>(new RequestLineCheck());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
