package dk.partnerships.query.summaries;

import dk.partnerships.events.AdviceTopic;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the advice requests from the partnership-summaries read model. */
public class AdviceQueries {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AdviceQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static final String SELECT = """
            SELECT a.*, s.title, s.department FROM partnership_advice_request a
            JOIN partnership_summary s ON s.id = a.partnership_id
            """;

    /** Whether the read model knows the partnership. */
    public boolean exists(String partnershipId) {
        return jdbc.sql("SELECT 1 FROM partnership_summary WHERE id = :id").param("id", partnershipId)
                .query(Integer.class).optional().isPresent();
    }

    /** A partnership's requests, oldest first. */
    public List<AdviceRequest> of(String partnershipId) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(SELECT + "WHERE a.partnership_id = :id ORDER BY a.sequence")
                .param("id", partnershipId).query((rs, row) -> request(rs, today)).list();
    }

    /** Open requests across partnerships, oldest first (the advisors' list). */
    public List<AdviceRequest> open(AdviceTopic topic, int limit) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(SELECT + """
                        WHERE a.answered_on IS NULL AND (CAST(:topic AS text) IS NULL OR a.topic = :topic)
                        ORDER BY a.asked_on, a.partnership_id, a.sequence LIMIT :limit""")
                .param("topic", topic == null ? null : topic.name()).param("limit", limit)
                .query((rs, row) -> request(rs, today)).list();
    }

    /** The latest answers across partnerships, newest first: what the unit has said lately. */
    public List<AdviceRequest> recentlyAnswered(int limit) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(SELECT + """
                        WHERE a.answered_on IS NOT NULL ORDER BY a.answered_on DESC, a.partnership_id, a.sequence DESC
                        LIMIT :limit""")
                .param("limit", limit).query((rs, row) -> request(rs, today)).list();
    }

    public AdviceFigures figures() {
        LocalDate today = LocalDate.now(clock);
        Map<AdviceTopic, List<Long>> answerDays = new EnumMap<>(AdviceTopic.class);
        Map<AdviceTopic, long[]> open = new EnumMap<>(AdviceTopic.class);
        for (AdviceTopic topic : AdviceTopic.values()) {
            answerDays.put(topic, new ArrayList<>());
            open.put(topic, new long[]{0, -1});
        }
        jdbc.sql("SELECT topic, asked_on, answered_on FROM partnership_advice_request").query((rs, row) -> {
            AdviceTopic topic = AdviceTopic.valueOf(rs.getString("topic"));
            LocalDate asked = rs.getObject("asked_on", LocalDate.class);
            LocalDate answered = rs.getObject("answered_on", LocalDate.class);
            if (answered == null) {
                long[] counts = open.get(topic);
                counts[0]++;
                counts[1] = Math.max(counts[1], ChronoUnit.DAYS.between(asked, today));
            } else {
                answerDays.get(topic).add(ChronoUnit.DAYS.between(asked, answered));
            }
            return row;
        }).list();
        List<AdviceFigures.TopicFigures> topics = new ArrayList<>();
        long openTotal = 0;
        long answeredTotal = 0;
        for (AdviceTopic topic : AdviceTopic.values()) {
            List<Long> days = answerDays.get(topic);
            days.sort(null);
            long[] counts = open.get(topic);
            topics.add(new AdviceFigures.TopicFigures(topic, counts[0], counts[0] == 0 ? null : counts[1], days.size(),
                    percentile(days, 50), percentile(days, 90)));
            openTotal += counts[0];
            answeredTotal += days.size();
        }
        return new AdviceFigures(today, topics, openTotal, answeredTotal);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p % at or below it. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static AdviceRequest request(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate asked = rs.getObject("asked_on", LocalDate.class);
        LocalDate answered = rs.getObject("answered_on", LocalDate.class);
        return new AdviceRequest(rs.getString("request_id"), rs.getString("partnership_id"), rs.getString("title"),
                rs.getString("department"), AdviceTopic.valueOf(rs.getString("topic")), rs.getString("question"), asked,
                name(rs.getString("asked_by_name"), rs.getString("asked_by")), rs.getString("answer"), answered,
                name(rs.getString("answered_by_name"), rs.getString("answered_by")),
                ChronoUnit.DAYS.between(asked, answered == null ? today : answered));
    }

    private static String name(String name, String id) {
        return name != null ? name : id;
    }
}
