package dk.partnerships.command.departments;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The department table: seeded from configuration once, then changed only by administrators. */
public class DepartmentRegistry {

    /** One department; {@code active} false: retired, no new proposals (its partnerships keep its code). */
    public record Department(String code, String name, boolean active) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public DepartmentRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Fills an empty table from configuration; a table that has rows is the authority from then on. */
    public void seedIfEmpty(Map<String, String> configured) {
        if (jdbc.sql("SELECT count(*) FROM department").query(Long.class).single() > 0) {
            return;
        }
        configured.forEach((code, name) -> jdbc.sql("""
                        INSERT INTO department (code, name, active, changed_at, changed_by)
                        VALUES (:code, :name, true, :at, 'configuration') ON CONFLICT (code) DO NOTHING""")
                .param("code", code).param("name", name).param("at", Timestamp.from(clock.instant())).update());
    }

    public List<Department> all() {
        return jdbc.sql("SELECT code, name, active FROM department ORDER BY code")
                .query((rs, row) -> new Department(rs.getString("code"), rs.getString("name"), rs.getBoolean("active")))
                .list();
    }

    public Optional<Department> find(String code) {
        return jdbc.sql("SELECT code, name, active FROM department WHERE code = :code").param("code", code)
                .query((rs, row) -> new Department(rs.getString("code"), rs.getString("name"), rs.getBoolean("active")))
                .optional();
    }

    /** @return true when the department is new */
    public boolean save(Department department, String changedBy) {
        boolean existed = find(department.code()).isPresent();
        jdbc.sql("""
                        INSERT INTO department (code, name, active, changed_at, changed_by)
                        VALUES (:code, :name, :active, :at, :by)
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name, active = excluded.active,
                            changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
                .param("code", department.code()).param("name", department.name()).param("active", department.active())
                .param("at", Timestamp.from(clock.instant())).param("by", changedBy).update();
        return !existed;
    }
}
