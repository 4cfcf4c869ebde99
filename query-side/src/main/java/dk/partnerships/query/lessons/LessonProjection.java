package dk.partnerships.query.lessons;

import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.query.projection.CopyRows;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ProjectionStatement;
import dk.partnerships.query.projection.ScratchSchema;
import dk.partnerships.query.projection.ScratchWriter;
import dk.partnerships.query.projection.StatementProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the lessons learned, searchable across departments, with what a search shows of their partnership (title,
 * department, kind: set when it was proposed, never changed). Like every read model it counts the events it applied
 * per partnership ({@code version}), so a redelivered event changes nothing and a read can wait for a write.
 */
public class LessonProjection implements StatementProjection {

    public static final String NAME = "partnership-lessons";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LessonProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProjectionStatement statementFor(ProjectedEvent event) {
        if (event.payload() instanceof PartnershipProposedEvent proposal) {
            return ProjectionStatement.sql("""
                            INSERT INTO lesson_partnership (id, title, department, kind, version)
                            VALUES (:id, :title, :department, :kind, :next) ON CONFLICT (id) DO NOTHING""")
                    .param("id", proposal.partnershipId()).param("title", proposal.title())
                    .param("department", proposal.department()).param("kind", proposal.kind().name())
                    .param("next", event.sequence() + 1);
        }
        String effect = "";
        ProjectionStatement statement;
        if (event.payload() instanceof LessonRecordedEvent lesson) {
            effect = """
                    WITH lesson AS (
                        INSERT INTO partnership_lesson (lesson_id, partnership_id, text, tags, stage, effective_date,
                            recorded_at)
                        SELECT :lesson, :id, :text, CAST(:tags AS jsonb), :stage, :on, :recordedAt
                        WHERE EXISTS (SELECT 1 FROM lesson_partnership WHERE id = :id AND version = :sequence))
                    """;
        }
        statement = ProjectionStatement.sql(effect
                        + "UPDATE lesson_partnership SET version = :next WHERE id = :id AND version = :sequence")
                .param("id", event.partnershipId()).param("sequence", event.sequence())
                .param("next", event.sequence() + 1);
        if (event.payload() instanceof LessonRecordedEvent lesson) {
            statement.param("lesson", lesson.lessonId()).param("text", lesson.text())
                    .param("tags", json.writeValueAsString(lesson.tags())).param("stage", lesson.stage().name())
                    .param("on", lesson.effectiveDate()).param("recordedAt", Timestamp.from(event.recordedAt()));
        }
        return statement;
    }

    /**
     * A rebuild counts each partnership's events in memory and copies the lessons in as their batches come, the
     * partnerships once the replay is over: the same rows as the statements above, without a statement per event.
     */
    @Override
    public ScratchWriter scratchWriter(ScratchSchema.Session session) {
        return new ScratchWriter() {
            private final Map<String, CountedPartnership> partnerships = new LinkedHashMap<>();

            @Override
            public void write(List<ProjectedEvent> batch) {
                try (CopyRows lessons = CopyRows.into(session.connection(), "partnership_lesson", List.of("lesson_id",
                        "partnership_id", "text", "tags", "stage", "effective_date", "recorded_at"))) {
                    fold(batch, lessons);
                    lessons.finish();
                }
            }

            private void fold(List<ProjectedEvent> batch, CopyRows lessons) {
                for (ProjectedEvent event : batch) {
                    CountedPartnership partnership = partnerships.get(event.partnershipId());
                    long version = partnership == null ? 0 : partnership.version;
                    if (event.sequence() < version) {
                        continue; // delivered again (Kafka may hold an event twice)
                    }
                    if (event.sequence() > version) {
                        throw new IllegalStateException("Event " + event.sequence() + " of partnership "
                                + event.partnershipId() + " arrived before its predecessor (lessons read model at"
                                + " version " + version + ")");
                    }
                    if (event.payload() instanceof PartnershipProposedEvent proposal) {
                        partnership = new CountedPartnership(proposal);
                        partnerships.put(event.partnershipId(), partnership);
                    } else if (partnership == null) {
                        throw new IllegalStateException("Partnership " + event.partnershipId() + " starts with "
                                + event.payload().getClass().getSimpleName() + ", not a proposal");
                    }
                    partnership.version = event.sequence() + 1;
                    if (event.payload() instanceof LessonRecordedEvent lesson) {
                        lessons.add(lesson.lessonId(), event.partnershipId(), lesson.text(),
                                json.writeValueAsString(lesson.tags()), lesson.stage(), lesson.effectiveDate(),
                                event.recordedAt());
                    }
                }
            }

            @Override
            public void finish() {
                try (CopyRows rows = CopyRows.into(session.connection(), "lesson_partnership", List.of("id", "title",
                        "department", "kind", "version"))) {
                    partnerships.values().forEach(p -> rows.add(p.proposal.partnershipId(), p.proposal.title(),
                            p.proposal.department(), p.proposal.kind(), p.version));
                    rows.finish();
                }
                partnerships.clear();
            }

            @Override
            public boolean usesKeys() {
                return false;
            }
        };
    }

    /** A partnership as the rebuild's fold keeps it: what it was proposed as, and how many events it has had. */
    private static final class CountedPartnership {
        private final PartnershipProposedEvent proposal;
        private long version;

        CountedPartnership(PartnershipProposedEvent proposal) {
            this.proposal = proposal;
        }
    }

    @Override
    public void confirmAlreadyApplied(ProjectedEvent event) {
        ProjectionBatch.requireAlreadyApplied(versionOrNull(event.partnershipId()), event, "lessons read model");
    }

    @Override
    public long versionOf(String partnershipId) {
        Long version = versionOrNull(partnershipId);
        return version == null ? 0 : version;
    }

    private Long versionOrNull(String partnershipId) {
        return jdbc.sql("SELECT version FROM lesson_partnership WHERE id = :id").param("id", partnershipId)
                .query(Long.class).optional().orElse(null);
    }

    @Override
    public void clear() {
        jdbc.sql("TRUNCATE partnership_lesson, lesson_partnership").update();
    }

    @Override
    public LessonProjection writingTo(JdbcClient other) {
        return new LessonProjection(other, json);
    }

    @Override
    public List<String> tables() {
        return List.of("lesson_partnership", "partnership_lesson");
    }

    @Override
    public List<String> readerIndexes() {
        return List.of("partnership_lesson_partnership", "partnership_lesson_search", "partnership_lesson_tags",
                "partnership_lesson_recent", "lesson_partnership_title_search");
    }
}
