package dk.partnerships.query.summaries;

import dk.partnerships.query.lessons.LessonsOfPartnership;
import dk.partnerships.query.people.PersonNames;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the summary tables. Every value from the client reaches SQL as a bound parameter. */
public class PartnershipReadRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final LessonsOfPartnership lessons;
    private final JsonMapper json;
    private final Clock clock;

    private final PersonNames people;

    PartnershipReadRepository(JdbcClient jdbc, JsonMapper json, Clock clock, PersonNames people,
                              LessonsOfPartnership lessons) {
        this.lessons = lessons;
        this.people = people;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** What a list shows; {@code year}: proposed in that calendar year. Null filters select everything. */
    public record Filter(String stage, String status, String department, String kind, Integer year, int limit, int offset) {

        public Filter(String stage, String status, String department, String kind, int limit, int offset) {
            this(stage, status, department, kind, null, limit, offset);
        }
    }

    public List<Map<String, Object>> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM partnership_summary WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        where(sql, params, "stage", filter.stage());
        where(sql, params, "status", filter.status());
        where(sql, params, "department", filter.department());
        where(sql, params, "kind", filter.kind());
        if (filter.year() != null) {
            sql.append(" AND proposed_on >= :yearStart AND proposed_on < :yearEnd");
            params.put("yearStart", LocalDate.of(filter.year(), 1, 1));
            params.put("yearEnd", LocalDate.of(filter.year() + 1, 1, 1));
        }
        sql.append(" ORDER BY proposed_on DESC, id LIMIT :limit OFFSET :offset");
        params.put("limit", filter.limit());
        params.put("offset", filter.offset());
        LocalDate today = LocalDate.now(clock);
        List<Map<String, Object>> rows = jdbc.sql(sql.toString()).params(params).query((rs, row) -> summary(rs, today)).list();
        people.fillLeads(rows);
        return rows;
    }

    /** The columns of the list as a spreadsheet. */
    public static final List<String> EXPORT_COLUMNS = List.of("id", "title", "kind", "department", "stage", "status",
            "lead", "stageEnteredOn", "daysInStage", "version");

    /** The list as a spreadsheet has it: an erased lead says so, and no person ids. */
    public List<Map<String, Object>> export(Filter filter) {
        List<Map<String, Object>> rows = list(filter);
        rows.forEach(row -> {
            if (Boolean.TRUE.equals(row.remove("leadErased"))) {
                row.put("lead", "[erased]");
            }
            row.remove("leadPersonId");
        });
        return rows;
    }

    Optional<Long> version(String id) {
        return jdbc.sql("SELECT version FROM partnership_summary WHERE id = :id").param("id", id)
                .query(Long.class).optional();
    }

    /**
     * The departments that have partnerships, for filters. Read by skipping from one department to the next in the
     * department index (a few look-ups) instead of reading every partnership: PostgreSQL 17 does not skip by itself.
     */
    public List<String> departments() {
        return jdbc.sql("""
                        WITH RECURSIVE departments AS (
                            SELECT min(department) AS department FROM partnership_summary
                            UNION ALL
                            SELECT (SELECT min(department) FROM partnership_summary WHERE department > d.department)
                            FROM departments d WHERE d.department IS NOT NULL)
                        SELECT department FROM departments WHERE department IS NOT NULL""")
                .query(String.class).list();
    }

    public Optional<Map<String, Object>> find(String id) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql("SELECT * FROM partnership_summary WHERE id = :id").param("id", id)
                .query((rs, row) -> detail(rs, today)).optional()
                .map(detail -> {
                    people.fillLeads(List.of(detail));
                    detail.put("readinessItems", readinessItems(id, today));
                    detail.put("lessons", lessons.of(id));
                    return detail;
                });
    }

    private static void where(StringBuilder sql, Map<String, Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    private Map<String, Object> summary(ResultSet rs, LocalDate today) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        LocalDate stageEnteredOn = rs.getObject("stage_entered_on", LocalDate.class);
        row.put("id", rs.getString("id"));
        row.put("title", rs.getString("title"));
        row.put("kind", rs.getString("kind"));
        row.put("department", rs.getString("department"));
        row.put("stage", rs.getString("stage"));
        row.put("status", rs.getString("status"));
        row.put("lead", rs.getString("lead"));
        row.put("leadPersonId", rs.getString("lead_person_id"));
        row.put("stageEnteredOn", stageEnteredOn);
        row.put("daysInStage", ChronoUnit.DAYS.between(stageEnteredOn, today));
        row.put("version", rs.getLong("version"));
        return row;
    }

    private Map<String, Object> detail(ResultSet rs, LocalDate today) throws SQLException {
        Map<String, Object> row = summary(rs, today);
        row.put("owningOrganisation", rs.getString("owning_organisation"));
        row.put("need", rs.getString("need"));
        row.put("partners", json.readValue(rs.getString("partners"), STRINGS));
        row.put("expectedValueDkk", rs.getObject("expected_value_dkk", BigDecimal.class));
        row.put("proposedOn", rs.getObject("proposed_on", LocalDate.class));
        row.put("statusChangedOn", rs.getObject("status_changed_on", LocalDate.class));
        row.put("statusReason", rs.getString("status_reason"));
        row.put("award", jsonObject(rs.getString("award")));
        row.put("pilotOutcome", jsonObject(rs.getString("pilot_outcome")));
        row.put("evaluation", jsonObject(rs.getString("evaluation")));
        return row;
    }

    private Map<String, Object> jsonObject(String value) {
        return value == null ? null : json.readValue(value, OBJECT);
    }

    private List<Map<String, Object>> readinessItems(String id, LocalDate today) {
        return jdbc.sql("""
                        SELECT * FROM partnership_readiness_item WHERE partnership_id = :id
                        ORDER BY added_on, item_id""")
                .param("id", id)
                .query((rs, row) -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    LocalDate added = rs.getObject("added_on", LocalDate.class);
                    LocalDate resolved = rs.getObject("resolved_on", LocalDate.class);
                    item.put("itemId", rs.getString("item_id"));
                    item.put("type", rs.getString("type"));
                    item.put("description", rs.getString("description"));
                    item.put("owner", rs.getString("owner"));
                    item.put("addedOn", added);
                    item.put("resolved", resolved != null);
                    item.put("resolvedOn", resolved);
                    item.put("resolutionNote", rs.getString("resolution_note"));
                    item.put("daysOpen", ChronoUnit.DAYS.between(added, resolved != null ? resolved : today));
                    return item;
                }).list();
    }
}
