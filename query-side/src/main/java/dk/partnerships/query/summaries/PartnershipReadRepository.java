package dk.partnerships.query.summaries;

import dk.partnerships.query.Csv;
import dk.partnerships.query.lessons.Lesson;
import dk.partnerships.query.lessons.LessonsOfPartnership;
import dk.partnerships.query.people.PersonNames;
import dk.partnerships.query.state.PartnershipRow;
import dk.partnerships.query.state.PartnershipState;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the summary tables. Every value from the client reaches SQL as a bound parameter. */
public class PartnershipReadRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
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

    public List<PartnershipRow> list(Filter filter) {
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
        return people.withLeads(jdbc.sql(sql.toString()).params(params).query((rs, row) -> row(rs, today)).list());
    }

    /** The list as a spreadsheet has it: an erased lead says so, and no person ids. */
    public static final List<Csv.Column<PartnershipRow>> EXPORT_COLUMNS = List.of(
            Csv.Column.of("id", PartnershipRow::id), Csv.Column.of("title", PartnershipRow::title),
            Csv.Column.of("kind", PartnershipRow::kind), Csv.Column.of("department", PartnershipRow::department),
            Csv.Column.of("stage", PartnershipRow::stage), Csv.Column.of("status", PartnershipRow::status),
            Csv.Column.of("lead", PartnershipRow::leadForExport),
            Csv.Column.of("stageEnteredOn", PartnershipRow::stageEnteredOn),
            Csv.Column.of("daysInStage", PartnershipRow::daysInStage), Csv.Column.of("version", PartnershipRow::version));

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

    public Optional<PartnershipState> find(String id) {
        LocalDate today = LocalDate.now(clock);
        List<PartnershipState.ReadinessItem> items = readinessItems(id, today);
        List<Lesson> learned = lessons.of(id);
        return jdbc.sql("SELECT * FROM partnership_summary WHERE id = :id").param("id", id)
                .query((rs, row) -> state(rs, today, items, learned)).optional()
                .map(state -> people.withLeads(List.of(state)).get(0));
    }

    private static void where(StringBuilder sql, Map<String, Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    private static PartnershipRow row(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate stageEnteredOn = rs.getObject("stage_entered_on", LocalDate.class);
        return new PartnershipRow(rs.getString("id"), rs.getString("title"), rs.getString("kind"),
                rs.getString("department"), rs.getString("stage"), rs.getString("status"), rs.getString("lead"),
                rs.getString("lead_person_id"), false, stageEnteredOn, ChronoUnit.DAYS.between(stageEnteredOn, today),
                rs.getLong("version"));
    }

    private PartnershipState state(ResultSet rs, LocalDate today, List<PartnershipState.ReadinessItem> readinessItems,
                                   List<Lesson> lessons) throws SQLException {
        PartnershipRow row = row(rs, today);
        return new PartnershipState(row.id(), row.title(), row.kind(), row.department(), row.stage(), row.status(),
                row.lead(), row.leadPersonId(), false, row.stageEnteredOn(), row.daysInStage(), row.version(),
                rs.getString("owning_organisation"), rs.getString("need"),
                json.readValue(rs.getString("partners"), STRINGS),
                rs.getObject("expected_value_dkk", BigDecimal.class), rs.getObject("proposed_on", LocalDate.class),
                rs.getObject("status_changed_on", LocalDate.class), rs.getString("status_reason"),
                jsonValue(rs.getString("award"), PartnershipState.Award.class),
                jsonValue(rs.getString("pilot_outcome"), PartnershipState.PilotResult.class),
                jsonValue(rs.getString("evaluation"), PartnershipState.Evaluation.class),
                readinessItems, lessons);
    }

    private <T> T jsonValue(String value, Class<T> type) {
        return value == null ? null : json.readValue(value, type);
    }

    /** The partnership's market contacts, oldest first; empty when it has none or does not exist. */
    public List<MarketContact> marketContacts(String id) {
        return jdbc.sql("""
                        SELECT * FROM partnership_market_contact WHERE partnership_id = :id
                        ORDER BY effective_date, contact_id""")
                .param("id", id)
                .query((rs, row) -> new MarketContact(rs.getString("contact_id"), rs.getString("organisation"),
                        dk.partnerships.events.MarketContactForm.valueOf(rs.getString("form")), rs.getString("summary"),
                        rs.getString("information_shared"), rs.getObject("effective_date", LocalDate.class)))
                .list();
    }

    private List<PartnershipState.ReadinessItem> readinessItems(String id, LocalDate today) {
        return jdbc.sql("""
                        SELECT * FROM partnership_readiness_item WHERE partnership_id = :id
                        ORDER BY added_on, item_id""")
                .param("id", id)
                .query((rs, row) -> {
                    LocalDate added = rs.getObject("added_on", LocalDate.class);
                    LocalDate resolved = rs.getObject("resolved_on", LocalDate.class);
                    return new PartnershipState.ReadinessItem(rs.getString("item_id"), rs.getString("type"),
                            rs.getString("description"), rs.getString("owner"), added, resolved != null, resolved,
                            rs.getString("resolution_note"),
                            ChronoUnit.DAYS.between(added, resolved != null ? resolved : today));
                }).list();
    }
}
