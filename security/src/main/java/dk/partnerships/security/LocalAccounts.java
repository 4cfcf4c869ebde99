package dk.partnerships.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local accounts of {@code partnerships.security.accounts}, checked once at start-up: a password must be a
 * hash in a strong scheme (never plain text), every role must exist, and a project lead must lead some department.
 */
final class LocalAccounts implements UserDetailsService {

    /** Schemes whose hashes are slow on purpose; {@code {noop}} (plain text) and fast digests are refused. */
    private static final Pattern STRONG_HASH = Pattern.compile("\\{(bcrypt|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|scrypt@SpringSecurity_v5_8)}.+");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    /** An account as Spring Security sees it, with the display name the product records. */
    static final class Account extends User {
        private final String displayName;

        Account(String username, String password, List<SimpleGrantedAuthority> authorities, String displayName) {
            super(username, password, authorities);
            this.displayName = displayName;
        }

        String displayName() {
            return displayName;
        }
    }

    private final Map<String, SecurityProperties.AccountProperties> accounts;

    LocalAccounts(SecurityProperties properties) {
        Map<String, SecurityProperties.AccountProperties> checked = new LinkedHashMap<>();
        properties.accounts().forEach((username, account) -> {
            if (!USER_NAME.matcher(username).matches()) {
                throw new IllegalStateException("partnerships.security.accounts: user name '" + username
                        + "' must be 1 to 100 letters, digits or . _ @ -");
            }
            if (account.password() == null || !STRONG_HASH.matcher(account.password()).matches()) {
                throw new IllegalStateException("partnerships.security.accounts." + username + ".password must be a hash such as"
                        + " {bcrypt}$2a$10$...; generate one with --hash-password (see README). Plain text is refused.");
            }
            for (String role : account.roles()) {
                if (Role.parse(role).isEmpty()) {
                    throw new IllegalStateException("partnerships.security.accounts." + username + ".roles: unknown role '" + role
                            + "'; roles are " + List.of(Role.values()));
                }
            }
            if (account.roles().stream().anyMatch(r -> Role.parse(r).orElseThrow() == Role.PROJECT_LEAD) && account.departments().isEmpty()) {
                throw new IllegalStateException("partnerships.security.accounts." + username
                        + ": a PROJECT_LEAD needs departments (the partnerships they may change)");
            }
            checked.put(username, account);
        });
        this.accounts = Map.copyOf(checked);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        SecurityProperties.AccountProperties account = username == null ? null : accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("No such account");
        }
        List<SimpleGrantedAuthority> authorities = Author.authorities(
                        account.roles().stream().map(r -> Role.parse(r).orElseThrow()).toList(), account.departments())
                .stream().map(SimpleGrantedAuthority::new).toList();
        String name = account.name() == null || account.name().isBlank() ? username : account.name();
        return new Account(username, account.password(), authorities, name);
    }
}
