package dk.partnerships.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who may do what, for both sides and the standalone product (see README, "Sign-in and roles").
 * <ul>
 *   <li>The API ({@code /api/**}, actuator): stateless; a bearer JWT (the identity provider's, or the pages' own
 *       {@link ProductTokens}) or HTTP Basic with a local account. Writes need {@code PROJECT_LEAD} (the
 *       department is checked by the aggregate), an answer to an advice request {@code ADVISOR}, maintenance and
 *       erasure {@code ADMIN}, reads any role.
 *       401/403 are problem+json.</li>
 *   <li>The pages: a session; a login form for local accounts and, when a client registration is configured,
 *       OpenID Connect sign-in; CSRF protection on every form.</li>
 * </ul>
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration"})
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
@org.springframework.context.annotation.Import(FallbackProblems.class)
public class SecurityConfiguration {

    private static final String[] ANY_ROLE = Role.all();

    @Bean
    UserDetailsService localAccounts(SecurityProperties properties) {
        return new LocalAccounts(properties);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Bean
    ProductTokens productTokens(SecurityProperties properties) {
        return new ProductTokens(properties.tokenSecret(), Clock.systemUTC());
    }

    @Bean
    JwtDecoder jwtDecoder(ProductTokens tokens, Environment environment) {
        return TokenDecoder.from(tokens, environment);
    }

    @Bean
    AuthenticationProblems authenticationProblems() {
        return new AuthenticationProblems();
    }

    /** A request the firewall refuses (encoded slashes, NUL, path traversal, ...) is answered like any other refusal. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejected() {
        return (request, response, e) -> AuthenticationProblems.write(response, 400, "request-rejected",
                "request-rejected", request);
    }

    /**
     * No observation around each security filter, authentication and authorization: a profile of the writes
     * benchmark showed them as a visible share of every request's CPU. Requests are still observed as a whole
     * (http.server.requests); sign-in failures are still answered and logged.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** Tomcat's own refusals (before Spring sees the request) as problem+json on API paths. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
    tomcatProblems() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
            // TRACE is let through the connector only so that RequestLineCheck refuses it in the contract's form
            // (problem+json, 405); it is never echoed.
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        };
    }

    /** Before the security filters, so an oversized body costs nothing, signed in or not. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<RequestBodyLimit> requestBodyLimit() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new RequestBodyLimit());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, SecurityProperties properties,
                            AuthenticationProblems problems) throws Exception {
        TokenAuthorities authorities = new TokenAuthorities(properties.claims());
        Converter<Jwt, AbstractAuthenticationToken> toAuthentication =
                jwt -> new JwtAuthenticationToken(jwt, authorities.of(jwt.getClaims()), authorities.userId(jwt.getClaims()));
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/people/*").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.PUT, "/api/departments/*").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/partnerships/*/advice-requests/*/answer").hasRole(Role.ADVISOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/partnerships", "/api/partnerships/**").hasRole(Role.PROJECT_LEAD.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ANY_ROLE)
                        // Every write the API has is matched above; any other method reaches Spring MVC only to be
                        // answered 405 with Allow (or 404), which no role can change.
                        .anyRequest().hasAnyRole(ANY_ROLE))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(toAuthentication))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // No cookie signs anyone in here, so there is no cross-site request to forge.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, SecurityProperties properties,
                              ObjectProvider<ClientRegistrationRepository> openIdConnect) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/assets/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/advice/**").hasRole(Role.ADVISOR.name())
                        .requestMatchers(HttpMethod.POST, "/partnerships/**").hasRole(Role.PROJECT_LEAD.name())
                        .requestMatchers("/partnerships/new", "/partnerships/new/**").hasRole(Role.PROJECT_LEAD.name())
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(ANY_ROLE)
                        .anyRequest().denyAll())
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/dashboard").permitAll())
                // Scripts and monitors may read pages with HTTP Basic too; browsers still get the login form, and
                // every form post still needs the session's CSRF token.
                .httpBasic(basic -> { })
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
        if (openIdConnect.getIfAvailable() != null) {
            TokenAuthorities authorities = new TokenAuthorities(properties.claims());
            http.oauth2Login(login -> login.loginPage("/login").defaultSuccessUrl("/dashboard")
                    .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(fromIdToken(authorities))));
        }
        return http.build();
    }

    /** Roles and departments of an OpenID Connect sign-in, from the ID token's (and user info's) claims. */
    private static GrantedAuthoritiesMapper fromIdToken(TokenAuthorities authorities) {
        return granted -> {
            Collection<GrantedAuthority> mapped = new ArrayList<>();
            for (GrantedAuthority authority : granted) {
                if (authority instanceof OidcUserAuthority oidc) {
                    java.util.Map<String, Object> claims = new java.util.HashMap<>(oidc.getIdToken().getClaims());
                    if (oidc.getUserInfo() != null) {
                        claims.putAll(oidc.getUserInfo().getClaims());
                    }
                    mapped.addAll(authorities.of(claims));
                }
            }
            return List.copyOf(mapped);
        };
    }
}
