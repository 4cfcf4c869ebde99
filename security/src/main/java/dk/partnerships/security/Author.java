package dk.partnerships.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signed-in person as the product sees them, whichever way they signed in: the id and display name every
 * write records, the roles they hold, and the departments whose partnerships they may change.
 * <p>
 * Built only from an {@link Authentication} Spring Security verified (a password, a signed token, an OpenID
 * Connect sign-in); nothing a client sends in a header or a body can change it.
 *
 * @param id          the stable user id (account name, token subject or configured claim)
 * @param name        the display name, the id when no name is known
 * @param roles       the roles held
 * @param departments the department codes the user leads partnerships in (upper case)
 */
public record Author(String id, String name, Set<Role> roles, Set<String> departments) {

    /** Prefix of the authorities that carry a department, e.g. {@code DEPARTMENT_TMF}. */
    public static final String DEPARTMENT_AUTHORITY = "DEPARTMENT_";

    public Author {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        departments = Set.copyOf(new TreeSet<>(departments));
    }

    /** The author of the request being handled, if someone is signed in. */
    public static Optional<Author> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // Spring Security's anonymous sign-in (ROLE_ANONYMOUS on the login page) is nobody.
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
                || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return Optional.empty();
        }
        return Optional.of(of(authentication));
    }

    public static Author of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> departments = new TreeSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name == null) {
                continue;
            }
            if (name.startsWith(DEPARTMENT_AUTHORITY)) {
                departments.add(name.substring(DEPARTMENT_AUTHORITY.length()));
            } else if (name.startsWith("ROLE_")) {
                Role.parse(name).ifPresent(roles::add);
            }
        }
        return new Author(authentication.getName(), displayName(authentication), roles, departments);
    }

    private static String displayName(Authentication authentication) {
        Object principal = authentication.getPrincipal();
        String name = null;
        if (principal instanceof LocalAccounts.Account account) {
            name = account.displayName();
        } else if (principal instanceof OidcUser user) {
            name = user.getFullName();
        } else if (authentication instanceof JwtAuthenticationToken token) {
            name = token.getToken().getClaimAsString("name");
        }
        return name == null || name.isBlank() ? authentication.getName() : name.strip();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this author may record changes to partnerships of the given department. */
    public boolean leads(String department) {
        return has(Role.PROJECT_LEAD) && department != null && departments.contains(department.toUpperCase(Locale.ROOT));
    }

    /** The authorities that carry these roles and departments (the inverse of {@link #of}). */
    public static Set<String> authorities(Collection<Role> roles, Collection<String> departments) {
        Set<String> authorities = new TreeSet<>();
        roles.forEach(role -> authorities.add(role.authority()));
        departments.forEach(department -> authorities.add(DEPARTMENT_AUTHORITY + department.strip().toUpperCase(Locale.ROOT)));
        return authorities;
    }
}
