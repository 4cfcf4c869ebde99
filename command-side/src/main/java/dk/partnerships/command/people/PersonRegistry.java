package dk.partnerships.command.people;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The names behind person ids. A name is registered in the same transaction as the command that refers to it
 * (a refused command leaves no name behind); erasure removes the name for good and records who erased it and when.
 */
public class PersonRegistry {

    /** What a lookup knows of a person: the name, or that it was erased. */
    public record Person(String id, String name, boolean erased) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public PersonRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a name under a new person id; joins the caller's transaction. */
    public String register(String name) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO personal_name (person_id, name, recorded_at) VALUES (:id, :name, :at)")
                .param("id", id).param("name", name).param("at", Timestamp.from(clock.instant())).update();
        return id;
    }

    /** The persons known among {@code ids}; unknown ids are left out. */
    public Map<String, Person> find(Collection<String> ids) {
        Map<String, Person> found = new HashMap<>();
        List<String> distinct = ids.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
        for (int from = 0; from < distinct.size(); from += 1000) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + 1000));
            jdbc.sql("SELECT person_id, name, erased_at IS NOT NULL AS erased FROM personal_name WHERE person_id IN (:ids)")
                    .param("ids", chunk)
                    .query((rs, row) -> new Person(rs.getString("person_id"), rs.getString("name"), rs.getBoolean("erased")))
                    .list().forEach(person -> found.put(person.id(), person));
        }
        return found;
    }

    /**
     * Erases the name of a person; erasing twice is harmless.
     *
     * @return false when no such person exists
     */
    public boolean erase(String id, String erasedBy) {
        int updated = jdbc.sql("""
                        UPDATE personal_name SET name = NULL, erased_at = coalesce(erased_at, :at),
                               erased_by = coalesce(erased_by, :by)
                        WHERE person_id = :id""")
                .param("id", id).param("at", Timestamp.from(clock.instant())).param("by", erasedBy).update();
        return updated == 1;
    }
}
