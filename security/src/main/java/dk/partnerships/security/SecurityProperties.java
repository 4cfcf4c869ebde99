package dk.partnerships.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * {@code partnerships.security.*}: local accounts, how identity-provider tokens name roles and departments, and
 * the secret the pages sign their calls to the write API with.
 *
 * @param accounts    local accounts by user name (standalone's demo accounts, script users); passwords are hashes
 *                    in Spring Security's {@code {id}hash} form, e.g. {@code {bcrypt}$2a$10$...}
 * @param claims      where roles, departments and names are found in JWTs and OpenID Connect ID tokens
 * @param tokenSecret the secret (at least 32 characters) the pages sign their calls to the write API with; both
 *                    sides must share it when deployed apart. Unset: a random secret per process, which is enough
 *                    when both sides run in one process (standalone)
 */
@ConfigurationProperties("partnerships.security")
public record SecurityProperties(Map<String, AccountProperties> accounts, Claims claims, String tokenSecret) {

    public SecurityProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
        claims = claims == null ? new Claims(null, null, null, null) : claims;
    }

    /**
     * One local account.
     *
     * @param password    the password hash, {@code {bcrypt}...} (generate one with {@code --hash-password}, see README)
     * @param name        the display name recorded with every write
     * @param roles       {@link Role} names
     * @param departments department codes the account leads partnerships in
     */
    public record AccountProperties(String password, String name, List<String> roles, List<String> departments) {
        public AccountProperties {
            roles = roles == null ? List.of() : List.copyOf(roles);
            departments = departments == null ? List.of() : List.copyOf(departments);
        }
    }

    /**
     * Claim names, each a top-level claim or a dotted path into nested claims (Keycloak: {@code realm_access.roles}).
     *
     * @param userId      the user id (default {@code preferred_username}, falling back to {@code sub})
     * @param name        the display name (default {@code name})
     * @param roles       a list (or space-separated string) of role names (default {@code roles}, as Entra ID app roles)
     * @param departments a list of department codes (default {@code departments})
     */
    public record Claims(String userId, String name, String roles, String departments) {
        public Claims {
            userId = userId == null ? "preferred_username" : userId;
            name = name == null ? "name" : name;
            roles = roles == null ? "roles" : roles;
            departments = departments == null ? "departments" : departments;
        }
    }
}
