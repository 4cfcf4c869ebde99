package dk.partnerships.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Roles and departments from the claims of a JWT or an OpenID Connect ID token, named by
 * {@code partnerships.security.claims.*}. Unknown role names are ignored (an identity provider has many roles that
 * are not ours); a token without any of our roles can read nothing.
 */
final class TokenAuthorities {

    private final SecurityProperties.Claims claims;

    TokenAuthorities(SecurityProperties.Claims claims) {
        this.claims = claims;
    }

    List<SimpleGrantedAuthority> of(Map<String, Object> tokenClaims) {
        List<Role> roles = strings(lookup(tokenClaims, claims.roles())).stream()
                .map(Role::parse).flatMap(java.util.Optional::stream).distinct().toList();
        List<String> departments = strings(lookup(tokenClaims, claims.departments())).stream()
                .filter(d -> d.matches("[A-Za-z0-9_-]{1,20}")).toList();
        return Author.authorities(roles, departments).stream().map(SimpleGrantedAuthority::new).toList();
    }

    String userId(Map<String, Object> tokenClaims) {
        Object id = lookup(tokenClaims, claims.userId());
        return id instanceof String s && !s.isBlank() ? s : (String) tokenClaims.get("sub");
    }

    /** A top-level claim, or a dotted path into nested objects ({@code realm_access.roles}). */
    static Object lookup(Map<String, Object> tokenClaims, String path) {
        if (tokenClaims.containsKey(path)) {
            return tokenClaims.get(path);
        }
        Object current = tokenClaims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static List<String> strings(Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(String.valueOf(v)));
        } else if (value instanceof String s) {
            values.addAll(List.of(s.trim().split("[\\s,]+")));
        }
        return values.stream().filter(v -> !v.isBlank()).distinct().toList();
    }
}
