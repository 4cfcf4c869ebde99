package dk.partnerships.query.lessons;

import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ProjectionStatement;
import dk.partnerships.query.projection.StatementProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.List;

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
