package dk.partnerships.query.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Rebuilds the read models when a migration asked for it ({@code read_model_rebuild_request}): a migration that
 * changes what a read model holds converts the rows it can in place, so readers keep an answer, and the rebuild then
 * makes every row what the events say. The rebuild runs beside the live tables and replaces them in one
 * transaction, which also clears the requests (see {@link ScratchSchema#copyIntoLive}); a product stopped before
 * that starts it again on its next start.
 */
public class ReadModelUpgrade {

    private static final Logger log = LoggerFactory.getLogger(ReadModelUpgrade.class);

    /** What a migration asked to rebuild, and why. */
    public record RebuildRequest(String readModel, String reason) {
    }

    private final JdbcClient jdbc;
    private final ProjectionRebuilds rebuilds;

    public ReadModelUpgrade(JdbcClient jdbc, ProjectionRebuilds rebuilds) {
        this.jdbc = jdbc;
        this.rebuilds = rebuilds;
    }

    public List<RebuildRequest> requests() {
        return jdbc.sql("SELECT read_model, reason FROM read_model_rebuild_request ORDER BY requested_at, read_model")
                .query((rs, row) -> new RebuildRequest(rs.getString("read_model"), rs.getString("reason"))).list();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void rebuildWhatMigrationsAskedFor() {
        List<RebuildRequest> requests = requests();
        if (requests.isEmpty()) {
            return;
        }
        log.info("Rebuilding the read models from the events, as the schema upgrade asked: {}", requests);
        // One replay rebuilds every read model, so the first request starts it for all of them.
        ProjectionRebuilds.RebuildStart started = rebuilds.rebuild(requests.get(0).readModel());
        if (started != ProjectionRebuilds.RebuildStart.STARTED) {
            log.warn("The requested rebuild did not start ({}); it is tried again on the next start", started);
        }
    }
}
