package dk.partnerships.query.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Locale;

/** The web pages, their language (Danish by default, English by choice) and their way to the command side. */
@Configuration(proxyBeanMethods = false)
@Import({LoginPage.class, PageModel.class, PageErrors.FromPages.class,
        PageErrors.UnknownAddress.class})
public class WebPages {

    static final Locale DANISH = Locale.forLanguageTag("da");

    /**
     * The pages' texts: {@code messages.properties} is Danish, {@code messages_en.properties} English. Never the
     * machine's locale: a server set to English must still show Danish by default.
     */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/web");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(DANISH);
        return messages;
    }

    /** The chosen language lives in a cookie for a year (the locale resolver of both sides: ApiLanguage). */
    @Bean
    WebMvcConfigurer languageSwitch(LocaleResolver localeResolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new LanguageSwitch(localeResolver));
            }
        };
    }

    /** Error pages inside the layout, in the page's language (see {@link PageErrors}). */
    @Bean
    org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver errorPages(PageModel layout) {
        return new PageErrors.InLayout(layout);
    }

    @Bean
    CommandApi commandApi(@Value("${partnerships.web.command-side-url:}") String commandSideUrl, Environment environment,
                          JsonMapper json, dk.partnerships.security.ProductTokens tokens) {
        return new CommandApi(commandSideUrl, environment, json, tokens);
    }
}
