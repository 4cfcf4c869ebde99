package dk.partnerships.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived tokens the pages sign for the signed-in person when they call the write API on that person's behalf.
 * <p>
 * Why: the pages are a client of the public write API (same validation, rules and problems as any client), and
 * the write side must know who signs the change without trusting a header. Whatever way the person signed in to
 * the pages (password, OpenID Connect), the pages put the verified {@link Author} in a token signed with a secret
 * only the two sides know, valid for a minute; the write side verifies it like any bearer token.
 */
public final class ProductTokens {

    /** The {@code iss} of these tokens; tokens of an identity provider carry its own issuer. */
    public static final String ISSUER = "urn:partnerships:pages";
    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ProductTokens.class);

    private final SecretKey key;
    private final NimbusJwtEncoder encoder;
    private final Clock clock;

    ProductTokens(String secret, Clock clock) {
        byte[] bytes;
        if (secret == null || secret.isBlank()) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            log.info("partnerships.security.token-secret is not set: the pages sign their writes with a random secret of"
                    + " this process (fine when both sides run in one process; set the same secret on both sides when deployed apart).");
        } else {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("partnerships.security.token-secret must be at least 32 characters");
            }
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.clock = clock;
    }

    /** A token that says: this author, for the next minute. */
    public String issue(Author author) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(author.id())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .claim("name", author.name())
                .claim("roles", author.roles().stream().map(Enum::name).sorted().toList())
                .claim("departments", List.copyOf(author.departments()))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }
}
