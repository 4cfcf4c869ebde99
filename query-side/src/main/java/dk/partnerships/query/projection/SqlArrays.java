package dk.partnerships.query.projection;

import java.util.Collection;
import java.util.stream.Collectors;

/** Values passed to PostgreSQL as one array parameter. */
public final class SqlArrays {

    private SqlArrays() {
    }

    /**
     * A PostgreSQL array literal ({@code {"a","b"}}), cast to {@code text[]} in the statement: named parameters
     * would expand a Java array or collection into a list of values.
     */
    public static String text(Collection<String> values) {
        return values.stream().map(value -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
