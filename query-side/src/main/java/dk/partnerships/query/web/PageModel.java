package dk.partnerships.query.web;

import dk.partnerships.security.Author;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout needs: who is signed in, the current language and links that switch it on the same page. */
@ControllerAdvice(annotations = PageController.class)
public class PageModel {

    private final java.time.ZoneId zone;

    PageModel(@org.springframework.beans.factory.annotation.Value("${partnerships.time-zone:Europe/Copenhagen}") String zone) {
        this.zone = java.time.ZoneId.of(zone);
    }

    /** Numbers, money, dates and times in the page's language (see {@link Formats}). */
    @ModelAttribute("fmt")
    Formats fmt() {
        return new Formats(LocaleContextHolder.getLocale(), zone);
    }

    /** The signed-in person for the header, or null on the login page. */
    @ModelAttribute("me")
    Author me() {
        return Author.current().orElse(null);
    }

    @ModelAttribute("lang")
    String lang() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "da";
    }

    /** The page's own address with {@code lang} replaced; a form's POST address is its page's GET address. */
    @ModelAttribute("switchLanguage")
    java.util.Map<String, String> switchLanguage(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            String path = request.getRequestURI();
            return java.util.Map.of("da", path + "?lang=da", "en", path + "?lang=en");
        }
        String query = request.getQueryString();
        String here = request.getRequestURI() + (query == null ? "" : "?" + query);
        return java.util.Map.of(
                "da", UriComponentsBuilder.fromUriString(here).replaceQueryParam("lang", "da").build().toUriString(),
                "en", UriComponentsBuilder.fromUriString(here).replaceQueryParam("lang", "en").build().toUriString());
    }
}
