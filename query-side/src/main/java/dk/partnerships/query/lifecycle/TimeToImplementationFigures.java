package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.query.projection.FiguresCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The time-to-implementation curves, from the counts the lifecycle projection keeps per outcome and days
 * ({@code figure_time_to_outcome}) and of the partnerships still under way per day of proposal
 * ({@code figure_under_way}); filters {@code department}, {@code kind} and {@code year} of proposal as on the
 * dashboard.
 */
public class TimeToImplementationFigures {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    private final FiguresCache<TimeToImplementation> cache;

    TimeToImplementationFigures(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Both tables read in one snapshot, so a partnership that just reached an outcome is counted once.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.cache = new FiguresCache<>(jdbc, clock, List.of(LifecycleProjection.JOURNEYS));
    }

    public TimeToImplementation figures(TimeToImplementation.By by, String department, PartnershipKind kind, Integer year) {
        return cache.get(java.util.Arrays.asList(by, department, kind, year),
                () -> snapshot.execute(status -> compute(by, department, kind, year)));
    }

    /** A group's partnerships as the estimator takes them, with its counts. */
    private static final class Counted {
        final List<AalenJohansen.Observation> observations = new ArrayList<>();
        long partnerships;
        long reached;
        long abandoned;
        long underWay;
    }

    private TimeToImplementation compute(TimeToImplementation.By by, String department, PartnershipKind kind,
                                         Integer year) {
        LocalDate today = LocalDate.now(clock);
        String kindName = kind == null ? null : kind.name();
        Map<String, Counted> groups = new TreeMap<>(by == TimeToImplementation.By.KIND
                ? Comparator.comparing(PartnershipKind::valueOf) : Comparator.naturalOrder());
        // by.column is one of two column names, never input.
        jdbc.sql("SELECT " + by.column + " AS key, outcome, days, sum(partnerships) AS n FROM figure_time_to_outcome WHERE"
                        + LifecycleFigures.FILTERS + " GROUP BY 1, 2, 3")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    Counted group = groups.computeIfAbsent(rs.getString("key"), key -> new Counted());
                    long n = rs.getLong("n");
                    ImplementationJourney.Outcome outcome = ImplementationJourney.Outcome.valueOf(rs.getString("outcome"));
                    int days = rs.getInt("days");
                    group.partnerships += n;
                    switch (outcome) {
                        case IMPLEMENTED -> {
                            group.reached += n;
                            group.observations.add(new AalenJohansen.Observation(days, n, 0, 0));
                        }
                        case ABANDONED -> {
                            group.abandoned += n;
                            group.observations.add(new AalenJohansen.Observation(days, 0, n, 0));
                        }
                        case ENDED -> group.observations.add(new AalenJohansen.Observation(days, 0, 0, n));
                    }
                    return row;
                }).list();
        jdbc.sql("SELECT " + by.column + " AS key, proposed_on, sum(partnerships) AS n FROM figure_under_way WHERE"
                        + LifecycleFigures.FILTERS + " GROUP BY 1, 2")
                .param("department", department).param("kind", kindName).param("year", year)
                .query((rs, row) -> {
                    Counted group = groups.computeIfAbsent(rs.getString("key"), key -> new Counted());
                    long n = rs.getLong("n");
                    int followed = Math.toIntExact(Math.max(0,
                            ChronoUnit.DAYS.between(rs.getObject("proposed_on", LocalDate.class), today)));
                    group.partnerships += n;
                    group.underWay += n;
                    group.observations.add(new AalenJohansen.Observation(followed, 0, 0, n));
                    return row;
                }).list();
        List<TimeToImplementation.Group> answer = new ArrayList<>();
        groups.forEach((key, group) -> {
            List<AalenJohansen.Point> curve = AalenJohansen.curve(group.observations);
            answer.add(new TimeToImplementation.Group(key, group.partnerships, group.reached, group.abandoned,
                    group.underWay, rounded(curve), AalenJohansen.median(curve)));
        });
        return new TimeToImplementation(by.parameter(), today, answer);
    }

    /** Shares to four decimals, leaving out a point whose rounded share equals the one before it. */
    static List<TimeToImplementation.Point> rounded(List<AalenJohansen.Point> curve) {
        List<TimeToImplementation.Point> points = new ArrayList<>();
        for (AalenJohansen.Point point : curve) {
            BigDecimal share = BigDecimal.valueOf(point.share()).setScale(4, RoundingMode.HALF_UP);
            if (points.isEmpty() || points.get(points.size() - 1).share().compareTo(share) != 0) {
                points.add(new TimeToImplementation.Point(point.days(), share));
            }
        }
        return points;
    }
}
