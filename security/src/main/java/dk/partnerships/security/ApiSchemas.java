package dk.partnerships.security;

import java.util.List;

/**
 * What a side adds to its API document that Spring cannot see: the schemas of answers it builds as maps (a YAML
 * file with a {@code components:} block on the class path), and the enumerations those schemas refer to by name
 * ({@code #/components/schemas/Stage}), taken from the Java enums so their values are written once.
 */
public record ApiSchemas(String resource, List<Class<? extends Enum<?>>> enums) {
}
