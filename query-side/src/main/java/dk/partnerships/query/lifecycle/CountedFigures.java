package dk.partnerships.query.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the quarterly counts in step with {@link QuarterFigure}: the read model remembers which figures it counted
 * ({@code figure_quarter_counted}), and when the code defines others it asks for a rebuild from the events
 * ({@link dk.partnerships.query.projection.ReadModelUpgrade}), so a new figure shows every past quarter, not only
 * what happens after the release. Readers keep the current counts until the rebuilt ones replace them.
 */
final class CountedFigures {

    private static final Logger log = LoggerFactory.getLogger(CountedFigures.class);

    private CountedFigures() {
    }

    /** Run once the read schema is migrated and before the projection starts; safe when instances start together. */
    static void requestRecountWhenChanged(JdbcClient jdbc, TransactionTemplate transactions) {
        Set<String> defined = new TreeSet<>(Arrays.stream(QuarterFigure.values()).map(Enum::name).toList());
        transactions.executeWithoutResult(status -> {
            // Serialises instances starting together: the second finds the set already updated.
            jdbc.sql("LOCK TABLE figure_quarter_counted IN EXCLUSIVE MODE").update();
            Set<String> counted = new TreeSet<>(jdbc.sql("SELECT figure FROM figure_quarter_counted")
                    .query(String.class).list());
            if (counted.equals(defined)) {
                return;
            }
            List<String> added = defined.stream().filter(figure -> !counted.contains(figure)).toList();
            List<String> removed = counted.stream().filter(figure -> !defined.contains(figure)).toList();
            String reason = "quarterly figures changed: added " + added + ", removed " + removed;
            log.info("The lifecycle read model is rebuilt from the events on this start: {}", reason);
            jdbc.sql("DELETE FROM figure_quarter_counted").update();
            for (String figure : defined) {
                jdbc.sql("INSERT INTO figure_quarter_counted (figure) VALUES (:figure)").param("figure", figure).update();
            }
            jdbc.sql("""
                            INSERT INTO read_model_rebuild_request (read_model, reason) VALUES (:readModel, :reason)
                            ON CONFLICT (read_model) DO UPDATE SET reason = EXCLUDED.reason""")
                    .param("readModel", LifecycleProjection.NAME).param("reason", reason).update();
        });
    }
}
