package dk.partnerships.query.people;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the read side finds the names behind person ids. */
@FunctionalInterface
public interface PersonNames {

    /** A person's name, or that it was erased ({@code name} null). */
    record Name(String name, boolean erased) {
    }

    /** The persons known among {@code ids}; unknown ids are left out. */
    Map<String, Name> find(Collection<String> ids);

    /**
     * Puts the lead's name into rows that carry a {@code leadPersonId}: {@code lead} becomes the name, or stays
     * null with {@code leadErased: true} after erasure. Rows with a plain-text lead (events of revision 1) are kept.
     */
    default void fillLeads(List<? extends Map<String, Object>> rows) {
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> row : rows) {
            if (row.get("lead") == null && row.get("leadPersonId") instanceof String id) {
                ids.add(id);
            }
        }
        Map<String, Name> names = ids.isEmpty() ? Map.of() : find(ids);
        for (Map<String, Object> row : rows) {
            if (row.get("lead") == null && row.get("leadPersonId") instanceof String id) {
                Name name = names.get(id);
                row.put("lead", name == null ? null : name.name());
                row.put("leadErased", name != null && name.erased());
            } else {
                row.put("leadErased", false);
            }
        }
    }
}
