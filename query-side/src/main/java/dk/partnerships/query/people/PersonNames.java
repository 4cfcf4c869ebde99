package dk.partnerships.query.people;

import java.util.Collection;
import java.util.ArrayList;
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

    /** A view that names its lead by a person id, and may be shown with the name kept for that id. */
    interface Led<T> {

        /** The lead as plain text (events of revision 1), or null where a person id names the lead. */
        String lead();

        String leadPersonId();

        T withLead(String name, boolean erased);
    }

    /**
     * The rows with their leads' names: {@code lead} becomes the name, or stays null with {@code leadErased} after
     * erasure. Rows with a plain-text lead are kept as they are. One look-up for all rows.
     */
    default <T extends Led<T>> List<T> withLeads(List<T> rows) {
        Set<String> ids = new HashSet<>();
        for (T row : rows) {
            if (row.lead() == null && row.leadPersonId() != null) {
                ids.add(row.leadPersonId());
            }
        }
        if (ids.isEmpty()) {
            return rows;
        }
        Map<String, Name> names = find(ids);
        List<T> named = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (row.lead() == null && row.leadPersonId() != null) {
                Name name = names.get(row.leadPersonId());
                named.add(row.withLead(name == null ? null : name.name(), name != null && name.erased()));
            } else {
                named.add(row);
            }
        }
        return named;
    }
}
