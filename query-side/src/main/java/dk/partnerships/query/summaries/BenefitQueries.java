package dk.partnerships.query.summaries;

import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the benefits and their follow-ups from the partnership-summaries read model. */
public class BenefitQueries {

    /**
     * In ordinary operation: in IMPLEMENTATION or past it. Its benefits' follow-up clock starts the day the partnership
     * got there from an earlier stage (IMPLEMENTATION to EVALUATION keeps it; back to the pilot stops it); the
     * summaries' projector keeps that day.
     */
    public static boolean inOperation(Stage stage) {
        return !stage.isBefore(Stage.IMPLEMENTATION);
    }

    private static final List<String> OPERATION_STAGES = Arrays.stream(Stage.values())
            .filter(BenefitQueries::inOperation).map(Stage::name).toList();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int followUpDays;

    public BenefitQueries(JdbcClient jdbc, Clock clock, int followUpDays) {
        if (followUpDays < 1) {
            throw new IllegalArgumentException("partnerships.benefits.follow-up-days must be 1 or more days");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.followUpDays = followUpDays;
    }

    /** The dashboard's filters: department, kind, and the calendar year the partnership was proposed in. */
    public record Filters(String department, PartnershipKind kind, Integer year) {

        private String where(String alias) {
            return " AND (CAST(:department AS text) IS NULL OR " + alias + "department = :department)"
                    + " AND (CAST(:kind AS text) IS NULL OR " + alias + "kind = :kind)"
                    + " AND (CAST(:yearStart AS date) IS NULL OR " + alias + "proposed_on >= :yearStart AND "
                    + alias + "proposed_on < :yearEnd)";
        }

        private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement.param("department", department).param("kind", kind == null ? null : kind.name())
                    .param("yearStart", year == null ? null : LocalDate.of(year, 1, 1))
                    .param("yearEnd", year == null ? null : LocalDate.of(year + 1, 1, 1));
        }
    }

    /** Whether the read model knows the partnership. */
    public boolean exists(String partnershipId) {
        return jdbc.sql("SELECT 1 FROM partnership_summary WHERE id = :id").param("id", partnershipId)
                .query(Integer.class).optional().isPresent();
    }

    /** A partnership's benefits, oldest first, each with its follow-ups; empty when it has none or does not exist. */
    public List<Benefit> of(String partnershipId) {
        Map<String, List<Benefit.FollowUp>> followUps = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT * FROM partnership_benefit_follow_up WHERE partnership_id = :id
                        ORDER BY sequence""")
                .param("id", partnershipId)
                .query((rs, row) -> followUps.computeIfAbsent(rs.getString("benefit_id"), id -> new ArrayList<>())
                        .add(new Benefit.FollowUp(rs.getString("follow_up_id"),
                                BenefitAssessment.valueOf(rs.getString("assessment")),
                                plain(rs.getObject("realised", BigDecimal.class)), rs.getString("note"),
                                rs.getObject("effective_date", LocalDate.class))))
                .list();
        return jdbc.sql("""
                        SELECT * FROM partnership_benefit WHERE partnership_id = :id ORDER BY sequence""")
                .param("id", partnershipId)
                .query((rs, row) -> benefit(rs, followUps.getOrDefault(rs.getString("benefit_id"), List.of())))
                .list();
    }

    private static Benefit benefit(ResultSet rs, List<Benefit.FollowUp> followUps) throws SQLException {
        String assessment = rs.getString("assessment");
        return new Benefit(rs.getString("benefit_id"), BenefitCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getString("unit"), plain(rs.getObject("expected", BigDecimal.class)),
                rs.getObject("declared_on", LocalDate.class),
                assessment == null ? null : BenefitAssessment.valueOf(assessment),
                plain(rs.getObject("realised", BigDecimal.class)), rs.getObject("followed_up_on", LocalDate.class),
                List.copyOf(followUps));
    }

    /** 120.0000 as 120: the column keeps four decimals, people typed none. */
    private static BigDecimal plain(BigDecimal number) {
        return number == null ? null : number.stripTrailingZeros().scale() < 0
                ? number.setScale(0) : number.stripTrailingZeros();
    }

    public int followUpDays() {
        return followUpDays;
    }

    public BenefitsDashboard dashboard(Filters filters, int limit) {
        LocalDate today = LocalDate.now(clock);
        Map<BenefitCategory, BenefitsDashboard.CategoryFigures> figures = new EnumMap<>(BenefitCategory.class);
        for (BenefitCategory category : BenefitCategory.values()) {
            figures.put(category, new BenefitsDashboard.CategoryFigures(category, 0, 0, 0, 0, 0, 0, 0));
        }
        filters.bind(jdbc.sql("""
                        SELECT b.category, count(*) AS declared, count(*) FILTER (WHERE b.follow_ups > 0) AS followed_up,
                               count(*) FILTER (WHERE b.assessment = 'ACHIEVED') AS achieved,
                               count(*) FILTER (WHERE b.assessment = 'PARTLY_ACHIEVED') AS partly_achieved,
                               count(*) FILTER (WHERE b.assessment = 'NOT_ACHIEVED') AS not_achieved,
                               count(*) FILTER (WHERE b.assessment = 'TOO_EARLY') AS too_early,
                               count(DISTINCT b.partnership_id) AS partnerships
                        FROM partnership_benefit b JOIN partnership_summary s ON s.id = b.partnership_id
                        WHERE true""" + filters.where("s.") + " GROUP BY b.category"))
                .query((rs, row) -> {
                    BenefitCategory category = BenefitCategory.valueOf(rs.getString("category"));
                    return figures.put(category, new BenefitsDashboard.CategoryFigures(category, rs.getLong("declared"),
                            rs.getLong("followed_up"), rs.getLong("achieved"), rs.getLong("partly_achieved"),
                            rs.getLong("not_achieved"), rs.getLong("too_early"), rs.getLong("partnerships")));
                }).list();
        return new BenefitsDashboard(today, followUpDays, List.copyOf(figures.values()), overdue(filters, today, limit),
                overdueTotal(filters, today));
    }

    /**
     * In operation with declared benefits: active in a stage of operation, or completed (benefits show after the
     * project ends). Its follow-up is overdue when neither going into operation nor the last follow-up is within
     * {@code followUpDays}.
     */
    private static final String OVERDUE = """
            FROM partnership_summary s
            WHERE s.benefits > 0 AND s.in_operation_since IS NOT NULL
              AND ((s.status = :active AND s.stage IN (:operationStages)) OR s.status = :completed)
              AND greatest(s.in_operation_since, s.benefits_followed_up_on) < :startedBefore""";

    private JdbcClient.StatementSpec overdueQuery(String sql, Filters filters, LocalDate today) {
        return filters.bind(jdbc.sql(sql)).param("active", PartnershipStatus.ACTIVE.name())
                .param("completed", PartnershipStatus.COMPLETED.name()).param("operationStages", OPERATION_STAGES)
                .param("startedBefore", today.minusDays(followUpDays));
    }

    private List<BenefitsDashboard.OverdueFollowUp> overdue(Filters filters, LocalDate today, int limit) {
        return overdueQuery("""
                        SELECT s.id, s.title, s.department, s.stage, s.status, s.benefits, s.in_operation_since,
                               s.benefits_followed_up_on, greatest(s.in_operation_since, s.benefits_followed_up_on) AS since
                        """ + OVERDUE + filters.where("s.") + """
                         ORDER BY greatest(s.in_operation_since, s.benefits_followed_up_on), s.id LIMIT :limit""",
                filters, today)
                .param("limit", limit)
                .query((rs, row) -> {
                    LocalDate due = rs.getObject("since", LocalDate.class).plusDays(followUpDays);
                    return new BenefitsDashboard.OverdueFollowUp(rs.getString("id"), rs.getString("title"),
                            rs.getString("department"), rs.getString("stage"), rs.getString("status"),
                            rs.getInt("benefits"), rs.getObject("in_operation_since", LocalDate.class),
                            rs.getObject("benefits_followed_up_on", LocalDate.class), due,
                            ChronoUnit.DAYS.between(due, today));
                }).list();
    }

    private long overdueTotal(Filters filters, LocalDate today) {
        return overdueQuery("SELECT count(*) " + OVERDUE + filters.where("s."), filters, today).query(Long.class).single();
    }

    /** Every benefit with its partnership, for the spreadsheet: one row per benefit. */
    public record BenefitRow(String partnershipId, String title, String department, String kind, String stage,
                             String status, String category, String description, String unit, BigDecimal expected,
                             LocalDate declaredOn, int followUps, String assessment, BigDecimal realised,
                             LocalDate followedUpOn) {
    }

    public List<BenefitRow> rows(Filters filters, int limit) {
        return filters.bind(jdbc.sql("""
                        SELECT s.id, s.title, s.department, s.kind, s.stage, s.status, b.*
                        FROM partnership_benefit b JOIN partnership_summary s ON s.id = b.partnership_id
                        WHERE true""" + filters.where("s.") + """
                         ORDER BY s.department, s.title, s.id, b.sequence LIMIT :limit"""))
                .param("limit", limit)
                .query((rs, row) -> new BenefitRow(rs.getString("id"), rs.getString("title"), rs.getString("department"),
                        rs.getString("kind"), rs.getString("stage"), rs.getString("status"), rs.getString("category"),
                        rs.getString("description"), rs.getString("unit"), plain(rs.getObject("expected", BigDecimal.class)),
                        rs.getObject("declared_on", LocalDate.class), rs.getInt("follow_ups"), rs.getString("assessment"),
                        plain(rs.getObject("realised", BigDecimal.class)), rs.getObject("followed_up_on", LocalDate.class)))
                .list();
    }
}
