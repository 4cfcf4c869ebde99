package dk.partnerships.query.people;

import dk.partnerships.query.web.CommandApi;
import dk.partnerships.security.Author;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployed apart, the names come from the command side's {@code GET /api/people}, asked on behalf of the person
 * reading (their sign-in travels as one of the pages' tokens). When the command side cannot answer, names are
 * shown as unknown rather than failing the page.
 */
public class RemotePersonNames implements PersonNames {

    private static final int PER_REQUEST = 200;

    private final CommandApi commandSide;

    public RemotePersonNames(CommandApi commandSide) {
        this.commandSide = commandSide;
    }

    @Override
    public Map<String, Name> find(Collection<String> ids) {
        Map<String, Name> names = new HashMap<>();
        Author reader = Author.current().orElse(null);
        if (reader == null) {
            return names;
        }
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += PER_REQUEST) {
            for (CommandApi.Person person : commandSide.people(all.subList(from, Math.min(all.size(), from + PER_REQUEST)), reader)) {
                names.put(person.id(), new Name(person.name(), person.erased()));
            }
        }
        return names;
    }
}
