package dk.partnerships.security;

import java.util.Locale;
import java.util.Optional;

/** The five roles of the product; a user may hold several. */
public enum Role {
    /** Records what happens to the partnerships of their own departments; reads everything. */
    PROJECT_LEAD,
    /** Reads the dashboards and everything else; writes nothing. */
    MANAGEMENT,
    /** Reads everything, history, verification and exports; writes nothing. */
    AUDITOR,
    /**
     * The central procurement and legal unit: reads everything and answers the project leads' advice requests;
     * records nothing else.
     */
    ADVISOR,
    /** Manages reference data (departments), read-model maintenance and erasure of personal data. */
    ADMIN;

    /** The Spring Security authority of this role, e.g. {@code ROLE_AUDITOR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * A role named by an identity provider or a configuration: case-insensitive, with or without {@code ROLE_},
     * dashes allowed for underscores ({@code project-lead}). Anything else names no role.
     */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normal = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normal.startsWith("ROLE_")) {
            normal = normal.substring("ROLE_".length());
        }
        for (Role role : values()) {
            if (role.name().equals(normal)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static String[] all() {
        String[] names = new String[values().length];
        for (int i = 0; i < names.length; i++) {
            names[i] = values()[i].name();
        }
        return names;
    }
}
