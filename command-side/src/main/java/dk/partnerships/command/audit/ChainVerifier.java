package dk.partnerships.command.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recomputes hash chains from the stored bytes and reports the first broken link: an altered payload, metadata,
 * identifier or time stamp, events swapped, an event deleted (a gap, or a chain head pointing past the last one).
 */
class ChainVerifier {

    /** The verdict on one partnership's chain. {@code firstBrokenSequence} is null when the chain is intact. */
    record Verification(String partnershipId, boolean valid, long eventsChecked,
                        @Schema(nullable = true, description = "null when the chain is valid") Long firstBrokenSequence,
                        @Schema(nullable = true, description = "null when the chain is valid") String problem,
                        @Schema(nullable = true) String lastHash) {
    }

    private record Head(long lastSequence, String lastHash) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ChainVerifier(DataSource dataSource, TransactionTemplate transaction) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000);
        this.transaction = transaction;
    }

    Optional<Verification> verify(String partnershipId) {
        List<StoredEvent> events = jdbc.query("SELECT " + StoredEvent.COLUMNS
                        + " FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, row) -> StoredEvent.from(rs), partnershipId);
        Head head = jdbc.query("SELECT last_sequence, last_hash FROM event_chain_head WHERE aggregate_identifier = ?",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)), partnershipId).stream().findFirst().orElse(null);
        if (events.isEmpty() && head == null) {
            return Optional.empty();
        }
        ChainWalk walk = new ChainWalk(partnershipId);
        events.forEach(walk::next);
        return Optional.of(walk.finish(head));
    }

    /** Every chain in the store, streamed in one pass. */
    Map<String, Object> verifyAll() {
        Map<String, Head> heads = new HashMap<>();
        jdbc.query("SELECT aggregate_identifier, last_sequence, last_hash FROM event_chain_head",
                (RowCallbackHandler) rs -> heads.put(rs.getString(1), new Head(rs.getLong(2), rs.getString(3))));
        List<Verification> broken = new ArrayList<>();
        long[] counts = {0, 0};
        ChainWalk[] current = {null};
        transaction.executeWithoutResult(status -> jdbc.query("SELECT " + StoredEvent.COLUMNS
                        + " FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number",
                (RowCallbackHandler) rs -> {
                    StoredEvent event = StoredEvent.from(rs);
                    if (current[0] == null || !current[0].partnershipId.equals(event.aggregateIdentifier())) {
                        finish(current[0], heads, broken, counts);
                        current[0] = new ChainWalk(event.aggregateIdentifier());
                    }
                    current[0].next(event);
                    counts[1]++;
                }));
        finish(current[0], heads, broken, counts);
        // Heads whose whole chain is gone.
        heads.forEach((id, head) -> broken.add(new Verification(id, false, 0, 0L,
                "every event of this partnership is missing", null)));
        counts[0] += heads.size();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("valid", broken.isEmpty());
        report.put("partnerships", counts[0]);
        report.put("events", counts[1]);
        report.put("broken", broken);
        return report;
    }

    private static void finish(ChainWalk walk, Map<String, Head> heads, List<Verification> broken, long[] counts) {
        if (walk == null) {
            return;
        }
        counts[0]++;
        Verification verdict = walk.finish(heads.remove(walk.partnershipId));
        if (!verdict.valid()) {
            broken.add(verdict);
        }
    }

    /** Walks one chain in sequence order and remembers the first broken link. */
    private static final class ChainWalk {
        private final String partnershipId;
        private String previous = HashChain.GENESIS;
        private long expected;
        private Long brokenAt;
        private String problem;

        ChainWalk(String partnershipId) {
            this.partnershipId = partnershipId;
        }

        void next(StoredEvent event) {
            if (brokenAt != null) {
                expected++;
                return;
            }
            if (event.sequenceNumber() != expected) {
                brokenAt = expected;
                problem = "event " + expected + " is missing";
                return;
            }
            String computed = HashChain.hash(previous, event);
            if (!computed.equals(event.entryHash())) {
                brokenAt = event.sequenceNumber();
                problem = "event " + event.sequenceNumber() + " does not match its hash: its content, position or "
                        + "hash was changed after it was stored";
                return;
            }
            previous = computed;
            expected++;
        }

        Verification finish(Head head) {
            if (brokenAt == null) {
                if (head == null) {
                    brokenAt = expected == 0 ? 0 : expected - 1;
                    problem = "the chain's head record is missing";
                } else if (head.lastSequence() >= expected) {
                    brokenAt = expected;
                    problem = "event " + expected + " is missing: the chain's head says there were "
                            + (head.lastSequence() + 1) + " events";
                } else if (head.lastSequence() != expected - 1 || !head.lastHash().equals(previous)) {
                    brokenAt = head.lastSequence();
                    problem = "the chain's head does not match event " + head.lastSequence();
                }
            }
            return new Verification(partnershipId, brokenAt == null, expected, brokenAt, problem,
                    brokenAt == null ? previous : null);
        }
    }
}
