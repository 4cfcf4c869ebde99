package dk.partnerships.query.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sign-in page: a button per configured OpenID Connect provider ({@code spring.security.oauth2.client.registration.*})
 * and the form for local accounts. Spring Security handles the POST (with its CSRF check) and the redirects.
 */
@PageController
class LoginPage {

    private final ObjectProvider<ClientRegistrationRepository> registrations;

    LoginPage(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/login")
    String login(Model model) {
        Map<String, String> providers = new LinkedHashMap<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                providers.put(client.getRegistrationId(), client.getClientName());
            }
        }
        model.addAttribute("providers", providers);
        return "login";
    }
}
