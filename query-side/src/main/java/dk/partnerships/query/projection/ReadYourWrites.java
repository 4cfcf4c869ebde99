package dk.partnerships.query.projection;


import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes for every read: a write answers with the partnership's new {@code version}; a read given that
 * version ({@code minVersion}) waits briefly, without holding a connection, until the read models have caught up.
 * After {@link #MAX_WAIT} the read answers with what it has (a read never fails because a projection is slow).
 */
public class ReadYourWrites {

    public static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 20;

    private final List<EventProjection> readModels;

    public ReadYourWrites(List<EventProjection> readModels) {
        this.readModels = List.copyOf(readModels);
    }

    /**
     * Waits until every read model holds at least {@code minVersion} events of the partnership (a page or a
     * dashboard may draw on any of them).
     *
     * @return whether they did within {@link #MAX_WAIT}
     */
    /**
     * For a read across partnerships (a dashboard): with {@code minVersion}, waits for that write of
     * {@code partnership}, which must then be named; without it, reads at once.
     */
    public void awaitWriteOf(String partnership, Long minVersion) {
        if (minVersion == null) {
            return;
        }
        if (partnership == null) {
            throw dk.partnerships.query.ReadProblems.invalidParameter("invalid-parameter.min-version").of("minVersion");
        }
        awaitPartnership(partnership, minVersion);
    }

    public boolean awaitPartnership(String partnershipId, long minVersion) {
        return await(() -> readModels.stream().mapToLong(readModel -> readModel.versionOf(partnershipId)).min()
                .orElse(Long.MAX_VALUE), minVersion);
    }

    public boolean await(java.util.function.LongSupplier currentVersion, long minVersion) {
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
