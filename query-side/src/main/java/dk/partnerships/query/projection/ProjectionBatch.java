package dk.partnerships.query.projection;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch of events to a projection in the caller's transaction (a rebuild, a Kafka poll, a tracking
 * processor's batch) and notes the change ({@link ReadModelChanges}).
 * <p>
 * A {@link StatementProjection}'s statements go out in as few round trips as they allow. Why that is safe: a
 * projection's statement for an event touches only that partnership's rows and carries its own check that the event
 * is the next one expected. So only the order of one
 * partnership's events matters. The events are split into waves — the first event of each partnership, then the
 * second, and so on — and within a wave no two statements touch the same partnership, so identical statements go
 * to PostgreSQL as one JDBC batch. A rebuild's thousand events turn into a few dozen round trips instead of a
 * thousand or more.
 */
public final class ProjectionBatch {

    private ProjectionBatch() {
    }

    /**
     * What {@link EventProjection#confirmAlreadyApplied} decides for a read model that counts applied events per
     * partnership: at a version past the event it already holds it; without a row, or not yet at it, the event
     * arrived before its predecessor.
     */
    public static void requireAlreadyApplied(Long version, ProjectedEvent event, String readModel) {
        if (version == null || version <= event.sequence()) {
            throw new IllegalStateException("Event " + event.sequence() + " of partnership " + event.partnershipId()
                    + " arrived before its predecessor (" + readModel + " at version " + version + ")");
        }
    }

    /**
     * Applies the events in order per partnership and bumps the projection's change counter if any changed it.
     *
     * @return the events that changed the read model (the others were already applied)
     */
    public static List<ProjectedEvent> applyAll(NamedParameterJdbcOperations jdbc, EventProjection projection,
                                                List<ProjectedEvent> events) {
        List<ProjectedEvent> changed = projection.apply(jdbc, events);
        if (!changed.isEmpty()) {
            ReadModelChanges.changed(JdbcClient.create(jdbc), projection.name());
        }
        return changed;
    }

    /** Applies a statement projection's events, batching statements across partnerships. */
    static List<ProjectedEvent> applyStatements(NamedParameterJdbcOperations jdbc, StatementProjection projection,
                                                List<ProjectedEvent> events) {
        List<ProjectedEvent> changed = new ArrayList<>(events.size());
        for (List<ProjectedEvent> wave : waves(events)) {
            Map<String, Group> bySql = new LinkedHashMap<>();
            for (ProjectedEvent event : wave) {
                ProjectionStatement statement = projection.statementFor(event);
                Group group = bySql.computeIfAbsent(statement.sql(), sql -> new Group(new ArrayList<>(), new ArrayList<>()));
                group.events().add(event);
                group.parameters().add(new MapSqlParameterSource(statement.parameters()));
            }
            for (Map.Entry<String, Group> group : bySql.entrySet()) {
                int[] counts = jdbc.batchUpdate(group.getKey(),
                        group.getValue().parameters().toArray(SqlParameterSource[]::new));
                for (int i = 0; i < counts.length; i++) {
                    ProjectedEvent event = group.getValue().events().get(i);
                    if (counts[i] == 0) {
                        projection.confirmAlreadyApplied(event);
                    } else {
                        changed.add(event);
                    }
                }
            }
        }
        return changed;
    }

    /** The events of one wave that share a statement, with their parameters in the same order. */
    private record Group(List<ProjectedEvent> events, List<SqlParameterSource> parameters) {
    }

    /** Wave n holds the n-th event of every partnership in the list, in the list's order. */
    static List<List<ProjectedEvent>> waves(List<ProjectedEvent> events) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<ProjectedEvent>> waves = new ArrayList<>();
        for (ProjectedEvent event : events) {
            int wave = seen.merge(event.partnershipId(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(event);
        }
        return waves;
    }
}
