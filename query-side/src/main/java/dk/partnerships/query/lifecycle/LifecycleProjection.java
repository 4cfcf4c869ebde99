package dk.partnerships.query.lifecycle;

import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ReadModelChanges;
import dk.partnerships.query.projection.ScratchSchema;
import dk.partnerships.query.projection.ScratchWriter;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the lifecycle read model and the dashboards' figures: reads the batch's partnerships, folds their events
 * through {@link PartnershipLifecycle#when}, and writes the rows and the figures they move in the caller's
 * transaction, so readers see rows and figures change together. A redelivered event (its sequence below the
 * partnership's version) is skipped; one arriving before its predecessor fails the batch, so the source retries it
 * rather than the figures silently missing an event.
 */
public class LifecycleProjection implements EventProjection {

    public static final String NAME = "partnership-lifecycle";

    /** The change counter of the kept figures: moved only when a figure did, so a lesson leaves cached figures alone. */
    public static final String FIGURES = "dashboard-figures";
    /** Moves only with the time-to-implementation cells, which most events leave alone. */
    public static final String JOURNEYS = "journey-figures";

    /** Partnerships the live projection keeps between batches; a rebuild's scratch projection keeps none. */
    static final int KNOWN_PARTNERSHIPS = 10_000;

    private final JdbcClient jdbc;
    private final KnownLifecycles known;

    public LifecycleProjection(JdbcClient jdbc) {
        this(jdbc, null);
    }

    LifecycleProjection(JdbcClient jdbc, KnownLifecycles known) {
        this.jdbc = jdbc;
        this.known = known;
    }

    /** The live projection: keeps the partnerships it wrote last between batches ({@link KnownLifecycles}). */
    static LifecycleProjection keepingRecentPartnerships(JdbcClient jdbc) {
        return new LifecycleProjection(jdbc, new KnownLifecycles(KNOWN_PARTNERSHIPS));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProjectedEvent> apply(NamedParameterJdbcOperations batchJdbc, List<ProjectedEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.partnershipId()));
        Map<String, PartnershipLifecycle> before = load(batchJdbc, ids);
        Map<String, PartnershipLifecycle> after = new LinkedHashMap<>(before);
        List<ProjectedEvent> applied = new ArrayList<>();
        for (ProjectedEvent event : events) {
            if (fold(after, event)) {
                applied.add(event);
            }
        }
        java.util.SortedMap<FigureCell, long[]> moved = LifecycleStore.write(batchJdbc, before, after.values());
        if (known != null) {
            known.rememberOnCommit(List.copyOf(after.values()));
        }
        if (!moved.isEmpty()) {
            ReadModelChanges.changed(JdbcClient.create(batchJdbc), FIGURES);
        }
        if (moved.keySet().stream().anyMatch(cell -> cell.table() == FigureTable.OUTCOME
                || cell.table() == FigureTable.UNDER_WAY)) {
            ReadModelChanges.changed(JdbcClient.create(batchJdbc), JOURNEYS);
        }
        return applied;
    }

    /**
     * Folds one event into its partnership among {@code partnerships}: the one rule of what an event does to the
     * lifecycle read model, for the live batches and a rebuild alike.
     *
     * @return false for an event the partnership already holds (a redelivery)
     */
    private static boolean fold(Map<String, PartnershipLifecycle> partnerships, ProjectedEvent event) {
        PartnershipLifecycle current = partnerships.get(event.partnershipId());
        long expected = current == null ? 0 : current.version();
        if (event.sequence() < expected) {
            return false;
        }
        if (event.sequence() > expected) {
            throw new IllegalStateException("Event " + event.sequence() + " of partnership " + event.partnershipId()
                    + " arrived before its predecessor (lifecycle read model at version " + expected + ")");
        }
        if (current != null) {
            partnerships.put(event.partnershipId(), current.when(event.payload(), event.sequence()));
        } else if (event.payload() instanceof PartnershipProposedEvent proposal) {
            partnerships.put(event.partnershipId(), PartnershipLifecycle.proposed(proposal, event.sequence()));
        } else {
            throw new IllegalStateException("Partnership " + event.partnershipId() + " starts with "
                    + event.payload().getClass().getSimpleName() + ", not a proposal");
        }
        return true;
    }

    /**
     * A rebuild folds every partnership in memory and copies the rows and the figures they add up to in once the
     * replay is over: no partnership is read back, and each is written once however many events it had.
     */
    @Override
    public ScratchWriter scratchWriter(ScratchSchema.Session session) {
        return new ScratchWriter() {
            private final Map<String, PartnershipLifecycle> partnerships = new LinkedHashMap<>();

            @Override
            public void write(List<ProjectedEvent> batch) {
                batch.forEach(event -> fold(partnerships, event));
            }

            @Override
            public void finish() {
                LifecycleStore.copyAll(session.connection(), partnerships.values());
                partnerships.clear();
            }

            @Override
            public boolean usesKeys() {
                return false;
            }
        };
    }

    /**
     * The batch's partnerships, locked for the transaction. Without kept partnerships every row is read; with them
     * only the versions are, and the rows of the partnerships not kept at that version.
     */
    private Map<String, PartnershipLifecycle> load(NamedParameterJdbcOperations batchJdbc, Set<String> ids) {
        if (known == null) {
            return LifecycleStore.load(batchJdbc, ids);
        }
        Map<String, PartnershipLifecycle> loaded = new LinkedHashMap<>();
        Set<String> toRead = new LinkedHashSet<>();
        LifecycleStore.lockVersions(batchJdbc, ids).forEach((id, version) -> {
            PartnershipLifecycle kept = known.at(id, version);
            if (kept != null) {
                loaded.put(id, kept);
            } else {
                toRead.add(id);
            }
        });
        if (!toRead.isEmpty()) {
            loaded.putAll(LifecycleStore.load(batchJdbc, toRead));
        }
        return loaded;
    }

    /** A rebuild replaced the live rows: what was kept may no longer be what they hold. */
    @Override
    public void liveRowsReplaced() {
        if (known != null) {
            known.forget();
        }
    }

    @Override
    public long versionOf(String partnershipId) {
        return jdbc.sql("SELECT version FROM partnership_lifecycle WHERE partnership_id = :id")
                .param("id", partnershipId).query(Long.class).optional().orElse(0L);
    }

    @Override
    public void clear() {
        liveRowsReplaced();
        jdbc.sql("TRUNCATE " + String.join(", ", tables())).update();
        ReadModelChanges.changed(jdbc, FIGURES);
        ReadModelChanges.changed(jdbc, JOURNEYS);
    }

    @Override
    public EventProjection writingTo(JdbcClient other) {
        return new LifecycleProjection(other);
    }

    @Override
    public List<String> tables() {
        return Stream.concat(Stream.of("partnership_lifecycle", "partnership_stage_stay", "lifecycle_readiness_item"),
                FigureTable.tableNames().stream()).toList();
    }

    @Override
    public List<String> readerIndexes() {
        return List.of("partnership_lifecycle_waiting", "partnership_lifecycle_abandoned_after_pilot",
                "lifecycle_readiness_item_oldest", "partnership_lifecycle_active_in_stage", "partnership_lifecycle_on_hold");
    }
}
