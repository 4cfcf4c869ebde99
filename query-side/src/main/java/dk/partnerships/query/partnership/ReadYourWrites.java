package dk.partnerships.query.partnership;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

/**
 * Read-your-writes for every read: a write answers with the partnership's new {@code version}; a read given that
 * version ({@code minVersion}) waits briefly, without holding a connection, until the read models have caught up.
 * After {@link #MAX_WAIT} the read answers with what it has (a read never fails because a projection is slow).
 */
public class ReadYourWrites {

    public static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 20;

    private final JdbcClient jdbc;

    ReadYourWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits until every read model a page or dashboard draws on (the summary, the event log and the lifecycle)
     * holds at least {@code minVersion} events of the partnership.
     *
     * @return whether they did within {@link #MAX_WAIT}
     */
    public boolean awaitPartnership(String partnershipId, long minVersion) {
        return await(() -> jdbc.sql("""
                        SELECT least(coalesce((SELECT version FROM partnership_summary WHERE id = :id), 0),
                                     coalesce((SELECT max(sequence) + 1 FROM partnership_event_log
                                               WHERE partnership_id = :id), 0),
                                     coalesce((SELECT version FROM partnership_lifecycle
                                               WHERE partnership_id = :id), 0))""")
                .param("id", partnershipId).query(Long.class).single(), minVersion);
    }

    boolean await(java.util.function.LongSupplier currentVersion, long minVersion) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (currentVersion.getAsLong() < minVersion) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
