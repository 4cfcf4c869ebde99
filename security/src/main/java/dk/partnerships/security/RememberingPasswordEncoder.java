package dk.partnerships.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A password encoder that remembers, for a few minutes, which password matched which stored hash.
 * <p>
 * Why: a script using HTTP Basic sends its password with every request, and a bcrypt check costs tens of
 * milliseconds of CPU by design; on two cores that capped the API at a few dozen requests a second. Only
 * successful checks are remembered (a wrong guess always pays the full price), as a SHA-256 of hash and password,
 * in memory only, bounded in number and age; a changed password (new hash) never matches an old entry.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    private static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final Duration remembered;
    private final Clock clock;
    private final Map<String, Long> matchedUntil = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RememberingPasswordEncoder(PasswordEncoder delegate, Duration remembered, Clock clock) {
        this.delegate = delegate;
        this.remembered = remembered;
        this.clock = clock;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        String key = digest(encodedPassword + '\u0000' + rawPassword);
        long now = clock.millis();
        synchronized (matchedUntil) {
            Long until = matchedUntil.get(key);
            if (until != null && until > now) {
                return true;
            }
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (matchedUntil) {
                matchedUntil.put(key, now + remembered.toMillis());
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false; // hashes live in configuration, which the product does not rewrite
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
