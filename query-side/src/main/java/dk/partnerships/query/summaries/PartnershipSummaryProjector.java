package dk.partnerships.query.summaries;

import dk.partnerships.events.AdviceGivenEvent;
import dk.partnerships.events.AdviceRequestedEvent;
import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.BenefitDeclaredEvent;
import dk.partnerships.events.BenefitFollowedUpEvent;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.Stage;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactRecordedEvent;
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
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.query.state.PartnershipState;
import dk.partnerships.query.projection.ScratchSchema;
import dk.partnerships.query.projection.ScratchWriter;
import dk.partnerships.query.projection.SqlArrays;
import dk.partnerships.query.projection.StatementProjection;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ProjectionBatch;
import dk.partnerships.query.projection.ProjectionStatement;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies partnership events to the summary tables, whichever source feeds them. A rebuild folds the same events
 * in memory instead ({@link SummaryFold}), with the same effect on the rows.
 * <p>
 * Idempotent by (partnership id, sequence): an event is applied only when it is the next one the row expects
 * ({@code version == sequence}); a redelivered event finds the version already past it and changes nothing.
 * Callers apply its statements ({@link dk.partnerships.query.projection.ProjectionBatch}) inside the transaction
 * that also records their position (token or offset).
 */
public class PartnershipSummaryProjector implements StatementProjection {

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
        return List.of("partnership_summary", "partnership_readiness_item", "partnership_market_contact",
                "partnership_benefit", "partnership_benefit_follow_up", "partnership_advice_request");
    }

    @Override
    public List<String> readerIndexes() {
        return List.of("partnership_summary_stage", "partnership_summary_department", "partnership_summary_listed",
                "partnership_summary_benefits_due", "partnership_benefit_category", "partnership_advice_request_open");
    }

    /** A rebuild folds the summaries in memory ({@link SummaryFold}) and copies their rows in once. */
    @Override
    public ScratchWriter scratchWriter(ScratchSchema.Session session) {
        return new SummaryFold(json, session.connection());
    }

    @Override
    public ProjectionStatement statementFor(ProjectedEvent event) {
        PartnershipEvent payload = event.payload();
        if (payload instanceof PartnershipProposedEvent e) {
            return proposal(e, event);
        }
        if (payload instanceof StageAdvancedEvent e) {
            return enter(event, e.to());
        } else if (payload instanceof StageSkippedEvent e) {
            return enter(event, e.to());
        } else if (payload instanceof StageRevertedEvent e) {
            return enter(event, e.to());
        } else if (payload instanceof TenderProcedureChosenEvent e) {
            return claim(event, ", tender_procedure = :procedure, tender_procedure_reason = :procedureReason", """
                    UPDATE partnership_market_contact SET published = true
                    WHERE partnership_id = :id AND contact_id = ANY (CAST(:published AS text[])) AND""" + EXPECTED)
                    .param("procedure", e.procedure().name()).param("procedureReason", e.reason())
                    .param("published", SqlArrays.text(e.publishedContacts()));
        } else if (payload instanceof AwardRecordedEvent e) {
            return setJson(event, "award", new PartnershipState.Award(e.supplier(), e.valueDkk(), e.buyers(),
                    e.buyerCount(), e.frameworkAgreement(), e.effectiveDate()));
        } else if (payload instanceof PilotOutcomeRecordedEvent e) {
            return setJson(event, "pilot_outcome", new PartnershipState.PilotResult(e.outcome().name(), e.findings(),
                    e.effectiveDate()));
        } else if (payload instanceof EvaluationRecordedEvent e) {
            return setJson(event, "evaluation", new PartnershipState.Evaluation(e.summary(), e.benefitsExpected(),
                    e.benefitsRealised(), e.effectiveDate()));
        } else if (payload instanceof ReadinessItemAddedEvent e) {
            return claim(event, "", """
                    INSERT INTO partnership_readiness_item (partnership_id, item_id, type, description, owner, added_on)
                    SELECT :id, :item, :type, :description, :owner, :on WHERE""" + EXPECTED)
                    .param("item", e.itemId()).param("type", e.type().name())
                    .param("description", e.description()).param("owner", e.owner());
        } else if (payload instanceof ReadinessItemResolvedEvent e) {
            return claim(event, "", """
                    UPDATE partnership_readiness_item SET resolved_on = :on, resolution_note = :note
                    WHERE partnership_id = :id AND item_id = :item AND""" + EXPECTED)
                    .param("note", e.note()).param("item", e.itemId());
        } else if (payload instanceof LessonRecordedEvent) {
            return claim(event, "");
        } else if (payload instanceof MarketContactRecordedEvent e) {
            return claim(event, "", """
                    INSERT INTO partnership_market_contact (partnership_id, contact_id, organisation, form, summary,
                        information_shared, effective_date)
                    SELECT :id, :contact, :organisation, :form, :summary, :shared, :on WHERE""" + EXPECTED)
                    .param("contact", e.contactId()).param("organisation", e.organisation())
                    .param("form", e.form().name()).param("summary", e.summary())
                    .param("shared", e.informationShared());
        } else if (payload instanceof BenefitDeclaredEvent e) {
            return claim(event, ", benefits = benefits + 1", """
                    INSERT INTO partnership_benefit (partnership_id, benefit_id, category, description, unit, expected,
                        declared_on, sequence)
                    SELECT :id, :benefit, :category, :description, :unit, :expected, :on, :sequence WHERE""" + EXPECTED)
                    .param("benefit", e.benefitId()).param("category", e.category().name())
                    .param("description", e.description()).param("unit", e.unit()).param("expected", e.expected());
        } else if (payload instanceof BenefitFollowedUpEvent e) {
            // Effective dates never go back within a partnership: the latest follow-up is where the benefit stands.
            return claim(event, ", benefits_followed_up_on = :on", """
                    INSERT INTO partnership_benefit_follow_up (partnership_id, follow_up_id, benefit_id, assessment,
                        realised, note, effective_date, sequence)
                    SELECT :id, :followUp, :benefit, :assessment, :realised, :note, :on, :sequence WHERE""" + EXPECTED, """
                    UPDATE partnership_benefit SET follow_ups = follow_ups + 1, assessment = :assessment,
                        realised = :realised, followed_up_on = :on
                    WHERE partnership_id = :id AND benefit_id = :benefit AND""" + EXPECTED)
                    .param("followUp", e.followUpId()).param("benefit", e.benefitId())
                    .param("assessment", e.assessment().name()).param("realised", e.realised())
                    .param("note", e.note());
        } else if (payload instanceof AdviceRequestedEvent e) {
            return claim(event, "", """
                    INSERT INTO partnership_advice_request (partnership_id, request_id, topic, question, asked_on,
                        sequence, asked_by, asked_by_name)
                    SELECT :id, :request, :topic, :question, :on, :sequence, :by, :byName WHERE""" + EXPECTED)
                    .param("request", e.requestId()).param("topic", e.topic().name()).param("question", e.question())
                    .param("by", event.metadataValue(EventMetadata.USER_ID))
                    .param("byName", event.metadataValue(EventMetadata.USER_NAME));
        } else if (payload instanceof AdviceGivenEvent e) {
            return claim(event, "", """
                    UPDATE partnership_advice_request SET answer = :answer, answered_on = :on, answered_by = :by,
                        answered_by_name = :byName
                    WHERE partnership_id = :id AND request_id = :request AND""" + EXPECTED)
                    .param("request", e.requestId()).param("answer", e.answer())
                    .param("by", event.metadataValue(EventMetadata.USER_ID))
                    .param("byName", event.metadataValue(EventMetadata.USER_NAME));
        } else if (payload instanceof PartnershipPutOnHoldEvent e) {
            return setStatus(event, "ON_HOLD", e.reason());
        } else if (payload instanceof PartnershipResumedEvent e) {
            return setStatus(event, "ACTIVE", e.reason());
        } else if (payload instanceof PartnershipAbandonedEvent e) {
            return setStatus(event, "ABANDONED", e.reason());
        } else if (payload instanceof PartnershipCompletedEvent) {
            return setStatus(event, "COMPLETED", null);
        }
        throw new IllegalArgumentException("No projection for " + payload.getClass().getName());
    }

    @Override
    public void confirmAlreadyApplied(ProjectedEvent event) {
        ProjectionBatch.requireAlreadyApplied(versionOrNull(event.partnershipId()), event, "summary read model");
    }

    @Override
    public long versionOf(String partnershipId) {
        Long version = versionOrNull(partnershipId);
        return version == null ? 0 : version;
    }

    private Long versionOrNull(String partnershipId) {
        return jdbc.sql("SELECT version FROM partnership_summary WHERE id = :id").param("id", partnershipId)
                .query(Long.class).optional().orElse(null);
    }

    @Override
    public void clear() {
        jdbc.sql("""
                TRUNCATE partnership_advice_request, partnership_benefit_follow_up, partnership_benefit,
                    partnership_market_contact, partnership_readiness_item, partnership_summary""").update();
    }

    private ProjectionStatement proposal(PartnershipProposedEvent e, ProjectedEvent event) {
        return ProjectionStatement.sql("""
                        INSERT INTO partnership_summary (id, title, kind, department, owning_organisation, lead, lead_person_id, need,
                            partners, expected_value_dkk, stage, status, proposed_on, stage_entered_on, version,
                            last_recorded_at)
                        VALUES (:id, :title, :kind, :department, :owner, :lead, :leadPersonId, :need, CAST(:partners AS jsonb),
                            :value, 'IDEA', 'ACTIVE', :on, :on, 1, :recordedAt)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", e.partnershipId()).param("title", e.title()).param("kind", e.kind().name())
                .param("department", e.department()).param("owner", e.owningOrganisation()).param("lead", e.lead())
                .param("leadPersonId", e.leadPersonId()).param("need", e.need())
                .param("partners", json.writeValueAsString(e.partners()))
                .param("value", e.expectedValueDkk()).param("on", e.effectiveDate())
                .param("recordedAt", Timestamp.from(event.recordedAt()));
    }

    /** True, inside the statement, while the row still expects this event; gates a claim's effect on other tables. */
    private static final String EXPECTED = " EXISTS (SELECT 1 FROM partnership_summary WHERE id = :id AND version = :sequence)";

    /**
     * Moves the row's version from {@code sequence} to {@code sequence + 1}, setting {@code assignments} on it and
     * running {@code effects} (statements on child tables, each gated by {@link #EXPECTED}) in the same statement. All
     * see the tables as they were before the statement, so the effects run exactly when the claim succeeds; the update
     * count is the claim's.
     */
    private static ProjectionStatement claim(ProjectedEvent event, String assignments, String... effects) {
        StringBuilder with = new StringBuilder();
        for (int i = 0; i < effects.length; i++) {
            with.append(i == 0 ? "WITH " : ",\n").append("effect").append(i + 1).append(" AS (").append(effects[i]).append(")");
        }
        String sql = (with.isEmpty() ? "" : with + "\n")
                + "UPDATE partnership_summary SET version = :next, last_recorded_at = :recordedAt" + assignments
                + " WHERE id = :id AND version = :sequence";
        return ProjectionStatement.sql(sql).param("id", event.partnershipId()).param("sequence", event.sequence())
                .param("next", event.sequence() + 1).param("recordedAt", Timestamp.from(event.recordedAt()))
                .param("on", event.payload().effectiveDate());
    }

    /**
     * A stage entered. A move into TENDER sends tender documents out (a follow-on tender too): it is the day the
     * equal-treatment check counts from, and its procedure is the one recorded with it, if any.
     */
    private static ProjectionStatement enter(ProjectedEvent event, Stage to) {
        return claim(event, ", stage = :stage, stage_entered_on = :on" + (to == Stage.TENDER
                ? ", tender_entered_on = :on, tender_procedure = NULL, tender_procedure_reason = NULL" : "")
                + (BenefitQueries.inOperation(to) ? ", in_operation_since = coalesce(in_operation_since, :on)" : ", in_operation_since = NULL"))
                .param("stage", to.name());
    }


    private static ProjectionStatement setStatus(ProjectedEvent event, String status, String reason) {
        return claim(event, ", status = :status, status_changed_on = :on, status_reason = :reason")
                .param("status", status).param("reason", reason);
    }

    /** A value the summary keeps whole, stored as JSON in the shape {@link PartnershipState} reads it back. */
    private ProjectionStatement setJson(ProjectedEvent event, String column, Record value) {
        // column comes from the switch above, never from input
        return claim(event, ", " + column + " = CAST(:value AS jsonb)").param("value", json.writeValueAsString(value));
    }
}
