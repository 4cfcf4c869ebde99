package dk.partnerships.query.partnership;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.PartnershipResumedEvent;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;
import dk.partnerships.query.projection.EventProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies partnership events to the summary tables. The one projection code path, whichever source feeds it.
 * <p>
 * Idempotent by (partnership id, sequence): an event is applied only when it is the next one the row expects
 * ({@code version == sequence}); a redelivered event finds the version already past it and changes nothing.
 * Callers run {@link #apply} inside the transaction that also records their position (token or offset).
 */
public class PartnershipSummaryProjector implements EventProjection {

    public static final String NAME = "partnership-summaries";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public PartnershipSummaryProjector(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PartnershipSummaryProjector writingTo(JdbcClient other) {
        return new PartnershipSummaryProjector(other, json);
    }

    @Override
    public List<String> tables() {
        return List.of("partnership_summary", "partnership_readiness_item", "partnership_lesson");
    }

    @Override
    public boolean apply(ProjectedEvent event) {
        boolean changed = project(event);
        if (changed) {
            // In the same transaction (once per batch): readers of shared dashboard figures see it moved on.
            dk.partnerships.query.projection.ReadModelChanges.changed(jdbc, name());
        }
        return changed;
    }

    private boolean project(ProjectedEvent event) {
        if (event.payload() instanceof PartnershipProposedEvent proposed) {
            return insert(proposed, event);
        }
        if (!claim(event)) {
            return false;
        }
        PartnershipEvent payload = event.payload();
        if (payload instanceof StageAdvancedEvent e) {
            enterStage(e.partnershipId(), e.to().name(), e.effectiveDate());
        } else if (payload instanceof StageSkippedEvent e) {
            enterStage(e.partnershipId(), e.to().name(), e.effectiveDate());
        } else if (payload instanceof StageRevertedEvent e) {
            enterStage(e.partnershipId(), e.to().name(), e.effectiveDate());
        } else if (payload instanceof AwardRecordedEvent e) {
            setJson(e.partnershipId(), "award", ordered(
                    "supplier", e.supplier(), "valueDkk", e.valueDkk(), "buyers", e.buyers(), "buyerCount", e.buyerCount(),
                    "frameworkAgreement", e.frameworkAgreement(), "awardedOn", e.effectiveDate().toString()));
        } else if (payload instanceof PilotOutcomeRecordedEvent e) {
            setJson(e.partnershipId(), "pilot_outcome", ordered(
                    "outcome", e.outcome().name(), "findings", e.findings(), "recordedOn", e.effectiveDate().toString()));
        } else if (payload instanceof EvaluationRecordedEvent e) {
            setJson(e.partnershipId(), "evaluation", ordered(
                    "summary", e.summary(), "benefitsExpected", e.benefitsExpected(),
                    "benefitsRealised", e.benefitsRealised(), "evaluatedOn", e.effectiveDate().toString()));
        } else if (payload instanceof ReadinessItemAddedEvent e) {
            jdbc.sql("""
                            INSERT INTO partnership_readiness_item
                                (partnership_id, item_id, type, description, owner, added_on)
                            VALUES (:id, :item, :type, :description, :owner, :on)""")
                    .param("id", e.partnershipId()).param("item", e.itemId()).param("type", e.type().name())
                    .param("description", e.description()).param("owner", e.owner()).param("on", e.effectiveDate())
                    .update();
        } else if (payload instanceof ReadinessItemResolvedEvent e) {
            jdbc.sql("""
                            UPDATE partnership_readiness_item SET resolved_on = :on, resolution_note = :note
                            WHERE partnership_id = :id AND item_id = :item""")
                    .param("on", e.effectiveDate()).param("note", e.note())
                    .param("id", e.partnershipId()).param("item", e.itemId())
                    .update();
        } else if (payload instanceof LessonRecordedEvent e) {
            jdbc.sql("""
                            INSERT INTO partnership_lesson
                                (lesson_id, partnership_id, text, tags, stage, effective_date, recorded_at)
                            VALUES (:lesson, :id, :text, CAST(:tags AS jsonb), :stage, :on, :recordedAt)""")
                    .param("lesson", e.lessonId()).param("id", e.partnershipId()).param("text", e.text())
                    .param("tags", json.writeValueAsString(e.tags())).param("stage", e.stage().name())
                    .param("on", e.effectiveDate()).param("recordedAt", Timestamp.from(event.recordedAt()))
                    .update();
        } else if (payload instanceof PartnershipPutOnHoldEvent e) {
            setStatus(e.partnershipId(), "ON_HOLD", e.effectiveDate(), e.reason());
        } else if (payload instanceof PartnershipResumedEvent e) {
            setStatus(e.partnershipId(), "ACTIVE", e.effectiveDate(), e.reason());
        } else if (payload instanceof PartnershipAbandonedEvent e) {
            setStatus(e.partnershipId(), "ABANDONED", e.effectiveDate(), e.reason());
        } else if (payload instanceof PartnershipCompletedEvent e) {
            setStatus(e.partnershipId(), "COMPLETED", e.effectiveDate(), null);
        } else {
            throw new IllegalArgumentException("No projection for " + payload.getClass().getName());
        }
        return true;
    }

    @Override
    public void clear() {
        jdbc.sql("TRUNCATE partnership_lesson, partnership_readiness_item, partnership_summary").update();
    }

    private boolean insert(PartnershipProposedEvent e, ProjectedEvent event) {
        return jdbc.sql("""
                        INSERT INTO partnership_summary (id, title, kind, department, owning_organisation, lead, lead_person_id, need,
                            partners, expected_value_dkk, stage, status, proposed_on, stage_entered_on, version,
                            last_recorded_at)
                        VALUES (:id, :title, :kind, :department, :owner, :lead, :leadPersonId, :need, CAST(:partners AS jsonb),
                            :value, 'IDEA', 'ACTIVE', :on, :on, 1, :recordedAt)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", e.partnershipId()).param("title", e.title()).param("kind", e.kind().name())
                .param("department", e.department()).param("owner", e.owningOrganisation()).param("lead", e.lead()).param("leadPersonId", e.leadPersonId())
                .param("need", e.need()).param("partners", json.writeValueAsString(e.partners()))
                .param("value", e.expectedValueDkk()).param("on", e.effectiveDate())
                .param("recordedAt", Timestamp.from(event.recordedAt()))
                .update() == 1;
    }

    /**
     * Moves the row's version from {@code sequence} to {@code sequence + 1}. Fails loudly on a gap (an event
     * arriving before its predecessor), so the source retries instead of the read model silently diverging.
     */
    private boolean claim(ProjectedEvent event) {
        int claimed = jdbc.sql("""
                        UPDATE partnership_summary SET version = :next, last_recorded_at = :recordedAt
                        WHERE id = :id AND version = :sequence""")
                .param("next", event.sequence() + 1).param("recordedAt", Timestamp.from(event.recordedAt()))
                .param("id", event.partnershipId()).param("sequence", event.sequence())
                .update();
        if (claimed == 1) {
            return true;
        }
        Long version = jdbc.sql("SELECT version FROM partnership_summary WHERE id = :id")
                .param("id", event.partnershipId()).query(Long.class).optional().orElse(null);
        if (version != null && version > event.sequence()) {
            return false;
        }
        throw new IllegalStateException("Event " + event.sequence() + " of partnership " + event.partnershipId()
                + " arrived before its predecessor (read model at version " + version + ")");
    }

    private void enterStage(String id, String stage, LocalDate on) {
        jdbc.sql("UPDATE partnership_summary SET stage = :stage, stage_entered_on = :on WHERE id = :id")
                .param("stage", stage).param("on", on).param("id", id).update();
    }

    private void setStatus(String id, String status, LocalDate on, String reason) {
        jdbc.sql("""
                        UPDATE partnership_summary SET status = :status, status_changed_on = :on, status_reason = :reason
                        WHERE id = :id""")
                .param("status", status).param("on", on).param("reason", reason).param("id", id).update();
    }

    private void setJson(String id, String column, Map<String, Object> value) {
        // column comes from the switch above, never from input
        jdbc.sql("UPDATE partnership_summary SET " + column + " = CAST(:value AS jsonb) WHERE id = :id")
                .param("value", json.writeValueAsString(value)).param("id", id).update();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
