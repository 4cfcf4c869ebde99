package dk.partnerships.query.summaries;

import dk.partnerships.events.AdviceGivenEvent;
import dk.partnerships.events.AdviceRequestedEvent;
import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.BenefitDeclaredEvent;
import dk.partnerships.events.BenefitFollowedUpEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.EventMetadata;
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
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.query.projection.CopyRows;
import dk.partnerships.query.projection.ProjectedEvent;
import dk.partnerships.query.projection.ScratchWriter;
import dk.partnerships.query.state.PartnershipState;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summaries read model folded in memory, for a rebuild: every partnership's row and its children's rows, kept
 * until the replay is over and then copied into the scratch schema ({@link CopyRows}), each row written once however
 * many events changed it. It does in Java what {@link PartnershipSummaryProjector}'s statements do in the live
 * tables, event for event; {@code ScratchWritersTest} holds the two to byte-equal rows.
 */
final class SummaryFold implements ScratchWriter {

    private final JsonMapper json;
    private final Connection scratch;
    private final Map<String, Summary> partnerships = new LinkedHashMap<>();

    SummaryFold(JsonMapper json, Connection scratch) {
        this.json = json;
        this.scratch = scratch;
    }

    @Override
    public void write(List<ProjectedEvent> batch) {
        batch.forEach(this::fold);
    }

    /** Copies the folded rows in, one table after the other (a connection runs one COPY at a time). */
    @Override
    public void finish() {
        copy("partnership_summary", Summary.COLUMNS, (p, rows) -> rows.add(p.values(json)));
        copy("partnership_readiness_item", List.of("partnership_id", "item_id", "type", "description", "owner",
                "added_on", "resolved_on", "resolution_note"), (p, rows) -> values(p.items).forEach(
                i -> rows.add(p.id, i.itemId, i.type, i.description, i.owner, i.addedOn, i.resolvedOn,
                        i.resolutionNote)));
        copy("partnership_market_contact", List.of("partnership_id", "contact_id", "organisation", "form", "summary",
                "information_shared", "effective_date", "published"), (p, rows) -> values(p.contacts).forEach(
                c -> rows.add(p.id, c.contactId, c.organisation, c.form, c.summary, c.informationShared, c.on,
                        c.published)));
        copy("partnership_benefit", List.of("partnership_id", "benefit_id", "category", "description", "unit",
                "expected", "declared_on", "sequence", "follow_ups", "assessment", "realised", "followed_up_on"),
                (p, rows) -> values(p.benefits).forEach(b -> rows.add(p.id, b.benefitId, b.category, b.description,
                        b.unit, b.expected, b.declaredOn, b.sequence, b.followUps, b.assessment, b.realised,
                        b.followedUpOn)));
        copy("partnership_benefit_follow_up", List.of("partnership_id", "follow_up_id", "benefit_id", "assessment",
                "realised", "note", "effective_date", "sequence"), (p, rows) -> (p.followUps == null ? List.<FollowUp>of() : p.followUps).forEach(
                f -> rows.add(p.id, f.followUpId(), f.benefitId(), f.assessment(), f.realised(), f.note(), f.on(),
                        f.sequence())));
        copy("partnership_advice_request", List.of("partnership_id", "request_id", "topic", "question", "asked_on",
                "sequence", "asked_by", "asked_by_name", "answer", "answered_on", "answered_by", "answered_by_name"),
                (p, rows) -> values(p.advice).forEach(a -> rows.add(p.id, a.requestId, a.topic, a.question,
                        a.askedOn, a.sequence, a.askedBy, a.askedByName, a.answer, a.answeredOn, a.answeredBy,
                        a.answeredByName)));
        partnerships.clear();
    }

    @Override
    public boolean usesKeys() {
        return false;
    }

    private static <T> java.util.Collection<T> values(Map<String, T> children) {
        return children == null ? List.of() : children.values();
    }

    private void copy(String table, List<String> columns, java.util.function.BiConsumer<Summary, CopyRows> rowsOf) {
        try (CopyRows rows = CopyRows.into(scratch, table, columns)) {
            partnerships.values().forEach(p -> rowsOf.accept(p, rows));
            rows.finish();
        }
    }

    private void fold(ProjectedEvent event) {
        PartnershipEvent payload = event.payload();
        Summary p = partnerships.get(event.partnershipId());
        if (payload instanceof PartnershipProposedEvent e) {
            if (p == null) {
                partnerships.put(e.partnershipId(), new Summary(e, event.recordedAt()));
            }
            return;
        }
        long version = p == null ? 0 : p.version;
        if (event.sequence() < version) {
            return; // already held
        }
        if (p == null || event.sequence() > version) {
            throw new IllegalStateException("Event " + event.sequence() + " of partnership " + event.partnershipId()
                    + " arrived before its predecessor (summary read model at version " + version + ")");
        }
        p.version = event.sequence() + 1;
        p.lastRecordedAt = event.recordedAt();
        LocalDate on = payload.effectiveDate();
        if (payload instanceof StageAdvancedEvent e) {
            p.enter(e.to(), on);
        } else if (payload instanceof StageSkippedEvent e) {
            p.enter(e.to(), on);
        } else if (payload instanceof StageRevertedEvent e) {
            p.enter(e.to(), on);
        } else if (payload instanceof TenderProcedureChosenEvent e) {
            p.tenderProcedure = e.procedure().name();
            p.tenderProcedureReason = e.reason();
            e.publishedContacts().stream().map(p.contacts()::get).filter(c -> c != null).forEach(c -> c.published = true);
        } else if (payload instanceof AwardRecordedEvent e) {
            p.award = json.writeValueAsString(new PartnershipState.Award(e.supplier(), e.valueDkk(), e.buyers(),
                    e.buyerCount(), e.frameworkAgreement(), e.effectiveDate()));
        } else if (payload instanceof PilotOutcomeRecordedEvent e) {
            p.pilotOutcome = json.writeValueAsString(new PartnershipState.PilotResult(e.outcome().name(),
                    e.findings(), e.effectiveDate()));
        } else if (payload instanceof EvaluationRecordedEvent e) {
            p.evaluation = json.writeValueAsString(new PartnershipState.Evaluation(e.summary(), e.benefitsExpected(),
                    e.benefitsRealised(), e.effectiveDate()));
        } else if (payload instanceof ReadinessItemAddedEvent e) {
            p.items().put(e.itemId(), new ReadinessItem(e.itemId(), e.type().name(), e.description(), e.owner(), on));
        } else if (payload instanceof ReadinessItemResolvedEvent e) {
            ReadinessItem item = p.items().get(e.itemId());
            if (item != null) {
                item.resolvedOn = on;
                item.resolutionNote = e.note();
            }
        } else if (payload instanceof LessonRecordedEvent) {
            // Counted only: lessons have a read model of their own.
        } else if (payload instanceof MarketContactRecordedEvent e) {
            p.contacts().put(e.contactId(), new MarketContact(e.contactId(), e.organisation(), e.form().name(),
                    e.summary(), e.informationShared(), on));
        } else if (payload instanceof BenefitDeclaredEvent e) {
            p.benefitCount++;
            p.benefits().put(e.benefitId(), new Benefit(e.benefitId(), e.category().name(), e.description(), e.unit(),
                    e.expected(), on, event.sequence()));
        } else if (payload instanceof BenefitFollowedUpEvent e) {
            // Effective dates never go back within a partnership: the latest follow-up is where the benefit stands.
            p.benefitsFollowedUpOn = on;
            p.followUps().add(new FollowUp(e.followUpId(), e.benefitId(), e.assessment().name(), e.realised(), e.note(),
                    on, event.sequence()));
            Benefit benefit = p.benefits().get(e.benefitId());
            if (benefit != null) {
                benefit.followUps++;
                benefit.assessment = e.assessment().name();
                benefit.realised = e.realised();
                benefit.followedUpOn = on;
            }
        } else if (payload instanceof AdviceRequestedEvent e) {
            p.advice().put(e.requestId(), new AdviceRequest(e.requestId(), e.topic().name(), e.question(), on,
                    event.sequence(), event.metadataValue(EventMetadata.USER_ID),
                    event.metadataValue(EventMetadata.USER_NAME)));
        } else if (payload instanceof AdviceGivenEvent e) {
            AdviceRequest request = p.advice().get(e.requestId());
            if (request != null) {
                request.answer = e.answer();
                request.answeredOn = on;
                request.answeredBy = event.metadataValue(EventMetadata.USER_ID);
                request.answeredByName = event.metadataValue(EventMetadata.USER_NAME);
            }
        } else if (payload instanceof PartnershipPutOnHoldEvent e) {
            p.status("ON_HOLD", on, e.reason());
        } else if (payload instanceof PartnershipResumedEvent e) {
            p.status("ACTIVE", on, e.reason());
        } else if (payload instanceof PartnershipAbandonedEvent e) {
            p.status("ABANDONED", on, e.reason());
        } else if (payload instanceof PartnershipCompletedEvent) {
            p.status("COMPLETED", on, null);
        } else {
            throw new IllegalArgumentException("No projection for " + payload.getClass().getName());
        }
    }

    /** A row of {@code partnership_summary} with its children. */
    private static final class Summary {

        static final List<String> COLUMNS = List.of("id", "title", "kind", "department", "owning_organisation", "lead",
                "lead_person_id", "need", "partners", "expected_value_dkk", "stage", "status", "proposed_on",
                "stage_entered_on", "status_changed_on", "status_reason", "award", "pilot_outcome", "evaluation",
                "version", "last_recorded_at", "tender_entered_on", "tender_procedure", "tender_procedure_reason",
                "in_operation_since", "benefits", "benefits_followed_up_on");

        final String id;
        final PartnershipProposedEvent proposal;
        Stage stage = Stage.IDEA;
        String status = "ACTIVE";
        LocalDate stageEnteredOn;
        LocalDate statusChangedOn;
        String statusReason;
        String award;
        String pilotOutcome;
        String evaluation;
        long version = 1;
        Instant lastRecordedAt;
        LocalDate tenderEnteredOn;
        String tenderProcedure;
        String tenderProcedureReason;
        LocalDate inOperationSince;
        int benefitCount;
        LocalDate benefitsFollowedUpOn;
        // Children, made on a partnership's first one: most partnerships have few kinds, and a rebuild holds all.
        Map<String, ReadinessItem> items;
        Map<String, MarketContact> contacts;
        Map<String, Benefit> benefits;
        List<FollowUp> followUps;
        Map<String, AdviceRequest> advice;

        Summary(PartnershipProposedEvent proposal, Instant recordedAt) {
            this.id = proposal.partnershipId();
            this.proposal = proposal;
            this.stageEnteredOn = proposal.effectiveDate();
            this.lastRecordedAt = recordedAt;
        }

        /** A stage entered; a move into TENDER sends tender documents out, a follow-on tender too. */
        void enter(Stage to, LocalDate on) {
            stage = to;
            stageEnteredOn = on;
            if (to == Stage.TENDER) {
                tenderEnteredOn = on;
                tenderProcedure = null;
                tenderProcedureReason = null;
            }
            if (BenefitQueries.inOperation(to)) {
                inOperationSince = inOperationSince == null ? on : inOperationSince;
            } else {
                inOperationSince = null;
            }
        }

        void status(String newStatus, LocalDate on, String reason) {
            status = newStatus;
            statusChangedOn = on;
            statusReason = reason;
        }

        Map<String, ReadinessItem> items() {
            return items == null ? items = new LinkedHashMap<>() : items;
        }

        Map<String, MarketContact> contacts() {
            return contacts == null ? contacts = new LinkedHashMap<>() : contacts;
        }

        Map<String, Benefit> benefits() {
            return benefits == null ? benefits = new LinkedHashMap<>() : benefits;
        }

        List<FollowUp> followUps() {
            return followUps == null ? followUps = new ArrayList<>() : followUps;
        }

        Map<String, AdviceRequest> advice() {
            return advice == null ? advice = new LinkedHashMap<>() : advice;
        }

        Object[] values(JsonMapper json) {
            return new Object[]{id, proposal.title(), proposal.kind(), proposal.department(),
                    proposal.owningOrganisation(), proposal.lead(), proposal.leadPersonId(), proposal.need(),
                    json.writeValueAsString(proposal.partners()),
                    proposal.expectedValueDkk(), stage, status, proposal.effectiveDate(), stageEnteredOn,
                    statusChangedOn, statusReason, award, pilotOutcome, evaluation, version, lastRecordedAt,
                    tenderEnteredOn, tenderProcedure, tenderProcedureReason, inOperationSince, benefitCount,
                    benefitsFollowedUpOn};
        }
    }

    private static final class ReadinessItem {
        final String itemId;
        final String type;
        final String description;
        final String owner;
        final LocalDate addedOn;
        LocalDate resolvedOn;
        String resolutionNote;

        ReadinessItem(String itemId, String type, String description, String owner, LocalDate addedOn) {
            this.itemId = itemId;
            this.type = type;
            this.description = description;
            this.owner = owner;
            this.addedOn = addedOn;
        }
    }

    private static final class MarketContact {
        final String contactId;
        final String organisation;
        final String form;
        final String summary;
        final String informationShared;
        final LocalDate on;
        boolean published;

        MarketContact(String contactId, String organisation, String form, String summary, String informationShared,
                      LocalDate on) {
            this.contactId = contactId;
            this.organisation = organisation;
            this.form = form;
            this.summary = summary;
            this.informationShared = informationShared;
            this.on = on;
        }
    }

    private static final class Benefit {
        final String benefitId;
        final String category;
        final String description;
        final String unit;
        final BigDecimal expected;
        final LocalDate declaredOn;
        final long sequence;
        int followUps;
        String assessment;
        BigDecimal realised;
        LocalDate followedUpOn;

        Benefit(String benefitId, String category, String description, String unit, BigDecimal expected,
                LocalDate declaredOn, long sequence) {
            this.benefitId = benefitId;
            this.category = category;
            this.description = description;
            this.unit = unit;
            this.expected = expected;
            this.declaredOn = declaredOn;
            this.sequence = sequence;
        }
    }

    private record FollowUp(String followUpId, String benefitId, String assessment, BigDecimal realised, String note,
                            LocalDate on, long sequence) {
    }

    private static final class AdviceRequest {
        final String requestId;
        final String topic;
        final String question;
        final LocalDate askedOn;
        final long sequence;
        final String askedBy;
        final String askedByName;
        String answer;
        LocalDate answeredOn;
        String answeredBy;
        String answeredByName;

        AdviceRequest(String requestId, String topic, String question, LocalDate askedOn, long sequence,
                      String askedBy, String askedByName) {
            this.requestId = requestId;
            this.topic = topic;
            this.question = question;
            this.askedOn = askedOn;
            this.sequence = sequence;
            this.askedBy = askedBy;
            this.askedByName = askedByName;
        }
    }
}
