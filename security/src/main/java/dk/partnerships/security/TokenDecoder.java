package dk.partnerships.security;

import com.nimbusds.jwt.JWTParser;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Verifies bearer tokens of two issuers: the pages' own {@link ProductTokens}, and, when configured, the
 * organisation's identity provider, with Spring Boot's usual properties:
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (keys found by discovery),
 * {@code .jwk-set-uri}, or {@code .public-key-location}; {@code .audiences} restricts the audience.
 * A token is routed by its (unverified) {@code iss}, then fully verified by that issuer's keys.
 */
final class TokenDecoder implements JwtDecoder {

    private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    private final JwtDecoder productTokens;
    private final JwtDecoder identityProvider;

    TokenDecoder(JwtDecoder productTokens, JwtDecoder identityProvider) {
        this.productTokens = productTokens;
        this.identityProvider = identityProvider;
    }

    static TokenDecoder from(ProductTokens tokens, Environment environment) {
        return new TokenDecoder(tokens.decoder(), identityProvider(environment));
    }

    /** The identity provider's decoder from the standard properties, or {@code null} when none is configured. */
    static JwtDecoder identityProvider(Environment environment) {
        String issuer = environment.getProperty(PREFIX + "issuer-uri");
        String jwkSet = environment.getProperty(PREFIX + "jwk-set-uri");
        String publicKey = environment.getProperty(PREFIX + "public-key-location");
        NimbusJwtDecoder decoder;
        if (jwkSet != null && !jwkSet.isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSet).build();
        } else if (publicKey != null && !publicKey.isBlank()) {
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(publicKey)).build();
        } else if (issuer != null && !issuer.isBlank()) {
            decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        } else {
            return null;
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(issuer == null || issuer.isBlank() ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(issuer));
        List<String> audiences = List.of(environment.getProperty(PREFIX + "audiences", String[].class, new String[0]));
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<Collection<String>>("aud",
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static RSAPublicKey readPublicKey(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PREFIX + "public-key-location " + location, e);
        }
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw new BadJwtException("The bearer token is not a JWT");
        }
        if (ProductTokens.ISSUER.equals(issuer)) {
            return productTokens.decode(token);
        }
        if (identityProvider == null) {
            throw new BadJwtException("No identity provider is configured for bearer tokens");
        }
        return identityProvider.decode(token);
    }
}
