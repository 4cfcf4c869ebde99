package dk.partnerships.query.projection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * How far the current or last rebuild came, as {@code GET /api/admin/projections} shows it.
 *
 * @param state                   a {@link ProjectionRebuilds.RebuildState}'s label
 * @param estimatedSecondsLeft    null until the first events are replayed
 * @param busySecondsPerReadModel per read model, how long it spent applying batches: the most bounds the replay
 * @param liveRowsChanged         once finished, per table, how many live rows the swap had to change
 */
public record RebuildProgress(String state, String startedAt, long done, long total, long eventsPerSecond,
                              Long estimatedSecondsLeft,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> busySecondsPerReadModel,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, RowsChanged> liveRowsChanged) {

    /** Rows of one live table the swap deleted, updated and inserted: all zero when the read model was right. */
    public record RowsChanged(int deleted, int updated, int inserted) {
    }
}
