package dk.partnerships.query.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Releases of 2026-12 and earlier fed each read model with a tracking processor of its own, named after it. The one
 * feed ({@link EventStoreFeed#PROCESSING_GROUP}) takes over the token of the slowest of them, so an upgraded product
 * neither replays its whole store nor skips an event: what the faster ones had already applied, the projections'
 * (partnership id, sequence) guard skips. Their tokens are then removed. Runs once, before the processor starts; on a
 * store the one feed already reads, or an empty one, it does nothing.
 * <p>
 * The token rows are copied as stored (Axon's JSON form; a replay token's position is its current one), without
 * claiming them: after a crash the old processors' claims may still look held, and nothing else runs yet.
 */
public class SingleFeedTakeover {

    private static final Logger log = LoggerFactory.getLogger(SingleFeedTakeover.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final List<String> formerProcessors;

    public SingleFeedTakeover(JdbcClient jdbc, TransactionTemplate transaction, List<String> formerProcessors) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.formerProcessors = formerProcessors;
    }

    void run() {
        transaction.executeWithoutResult(status -> {
            boolean taken = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = :feed")
                    .param("feed", EventStoreFeed.PROCESSING_GROUP).query(Long.class).single() > 0;
            if (taken) {
                return;
            }
            // The slowest former processor: an unset token (nothing read yet) counts as the very beginning.
            record Former(String name, int segment, long position) {
            }
            List<Former> former = jdbc.sql("""
                            SELECT processorname, segment, coalesce(
                                convert_from(token, 'UTF8')::jsonb -> 'currentToken' ->> 'index',
                                convert_from(token, 'UTF8')::jsonb ->> 'index', '-1')::bigint AS position
                            FROM tokenentry WHERE processorname IN (:former)
                            ORDER BY position, processorname, segment""")
                    .param("former", formerProcessors)
                    .query((rs, row) -> new Former(rs.getString("processorname"), rs.getInt("segment"), rs.getLong("position")))
                    .list();
            if (former.isEmpty()) {
                return;
            }
            Former slowest = former.get(0);
            jdbc.sql("""
                            INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)
                            SELECT :feed, 0, token, tokentype, timestamp, NULL FROM tokenentry
                            WHERE processorname = :name AND segment = :segment""")
                    .param("feed", EventStoreFeed.PROCESSING_GROUP).param("name", slowest.name())
                    .param("segment", slowest.segment()).update();
            jdbc.sql("DELETE FROM tokenentry WHERE processorname IN (:former)").param("former", formerProcessors).update();
            log.info("The read models' one feed continues from position {}, where {} (the slowest of {}) stopped",
                    slowest.position(), slowest.name(), formerProcessors);
        });
    }
}
