package dk.partnerships.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.partnerships.events.PartnershipEventJson;
import dk.partnerships.query.projection.CopyRows;
import dk.partnerships.query.projection.ScratchSchema;
import dk.partnerships.query.projection.ScratchWriter;
import dk.partnerships.query.projection.StatementProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionStatement;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Appends each event to the log once; a redelivered event hits the primary key and changes nothing. */
public class PartnershipHistoryProjector implements StatementProjection {

    public static final String NAME = "partnership-history";

    private final JdbcClient jdbc;
    private final ObjectMapper json = PartnershipEventJson.newObjectMapper();

    public PartnershipHistoryProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The row's columns as named parameters, the JSON document cast; the columns are {@link EventLogRow#COLUMNS}. */
    private static final String INSERT = "INSERT INTO partnership_event_log (" + String.join(", ", EventLogRow.COLUMNS)
            + ") VALUES (" + String.join(", ", EventLogRow.COLUMNS.stream()
            .map(column -> column.equals("data") ? "CAST(:data AS jsonb)" : ":" + column).toList())
            + ") ON CONFLICT (partnership_id, sequence) DO NOTHING";

    @Override
    public ProjectionStatement statementFor(ProjectedEvent event) {
        ProjectionStatement statement = ProjectionStatement.sql(INSERT);
        Object[] values = EventLogRow.of(event, json).values();
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            statement.param(EventLogRow.COLUMNS.get(i), value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        return statement;
    }

    /**
     * A rebuild copies each batch's rows in as they come: the log is a row per event, nothing to fold. It remembers
     * how far each partnership's log reached, so an event delivered again (Kafka may hold one twice) is left out.
     */
    @Override
    public ScratchWriter scratchWriter(ScratchSchema.Session session) {
        return new ScratchWriter() {
            private final Map<String, Long> logged = new HashMap<>();

            @Override
            public void write(List<ProjectedEvent> batch) {
                try (CopyRows rows = CopyRows.into(session.connection(), "partnership_event_log", EventLogRow.COLUMNS)) {
                    for (ProjectedEvent event : batch) {
                        if (event.sequence() >= logged.getOrDefault(event.partnershipId(), 0L)) {
                            logged.put(event.partnershipId(), event.sequence() + 1);
                            rows.add(EventLogRow.of(event, json).values());
                        }
                    }
                    rows.finish();
                }
            }

            @Override
            public boolean usesKeys() {
                return false;
            }
        };
    }

    /** The log keeps every event once, in any order: an event it did not insert is one it already holds. */
    @Override
    public void confirmAlreadyApplied(ProjectedEvent event) {
    }

    /** Every source delivers a partnership's events in order, so the log holds them up to its latest. */
    @Override
    public long versionOf(String partnershipId) {
        return jdbc.sql("SELECT coalesce(max(sequence) + 1, 0) FROM partnership_event_log WHERE partnership_id = :id")
                .param("id", partnershipId).query(Long.class).single();
    }

    @Override
    public void clear() {
        jdbc.sql("TRUNCATE partnership_event_log").update();
    }

    @Override
    public StatementProjection writingTo(JdbcClient other) {
        return new PartnershipHistoryProjector(other);
    }

    @Override
    public List<String> tables() {
        return List.of("partnership_event_log");
    }
}
