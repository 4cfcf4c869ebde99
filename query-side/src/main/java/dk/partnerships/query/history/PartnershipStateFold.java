package dk.partnerships.query.history;

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

import dk.partnerships.query.lessons.Lesson;
import dk.partnerships.query.state.PartnershipState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partnership's state after a prefix of its events: the fold behind {@code asOf} and {@code knownAt}. It gives the
 * same {@link PartnershipState} as the summaries read model, so a client reads a past state exactly as it reads
 * today's.
 */
final class PartnershipStateFold {

    private String id;
    private String title;
    private String kind;
    private String department;
    private String owningOrganisation;
    private String lead;
    private String leadPersonId;
    private String need;
    private List<String> partners;
    private BigDecimal expectedValueDkk;
    private String stage;
    private String status;
    private LocalDate proposedOn;
    private LocalDate stageEnteredOn;
    private LocalDate statusChangedOn;
    private String statusReason;
    private PartnershipState.Award award;
    private PartnershipState.PilotResult pilotOutcome;
    private PartnershipState.Evaluation evaluation;
    private final Map<String, PartnershipState.ReadinessItem> readinessItems = new LinkedHashMap<>();
    private final List<Lesson> lessons = new ArrayList<>();
    private long version;

    void when(PartnershipEvent event, Instant recordedAt) {
        version++;
        LocalDate on = event.effectiveDate();
        if (event instanceof PartnershipProposedEvent e) {
            id = e.partnershipId();
            title = e.title();
            kind = e.kind().name();
            department = e.department();
            owningOrganisation = e.owningOrganisation();
            lead = e.lead();
            leadPersonId = e.leadPersonId();
            need = e.need();
            partners = e.partners();
            expectedValueDkk = e.expectedValueDkk();
            stage = "IDEA";
            status = "ACTIVE";
            proposedOn = on;
            stageEnteredOn = on;
        } else if (event instanceof StageAdvancedEvent e) {
            enter(e.to().name(), on);
        } else if (event instanceof StageSkippedEvent e) {
            enter(e.to().name(), on);
        } else if (event instanceof StageRevertedEvent e) {
            enter(e.to().name(), on);
        } else if (event instanceof AwardRecordedEvent e) {
            award = new PartnershipState.Award(e.supplier(), e.valueDkk(), e.buyers(), e.buyerCount(),
                    e.frameworkAgreement(), on);
        } else if (event instanceof PilotOutcomeRecordedEvent e) {
            pilotOutcome = new PartnershipState.PilotResult(e.outcome().name(), e.findings(), on);
        } else if (event instanceof EvaluationRecordedEvent e) {
            evaluation = new PartnershipState.Evaluation(e.summary(), e.benefitsExpected(), e.benefitsRealised(), on);
        } else if (event instanceof ReadinessItemAddedEvent e) {
            readinessItems.put(e.itemId(), new PartnershipState.ReadinessItem(e.itemId(), e.type().name(),
                    e.description(), e.owner(), on, false, null, null, 0));
        } else if (event instanceof ReadinessItemResolvedEvent e) {
            readinessItems.computeIfPresent(e.itemId(), (itemId, item) -> new PartnershipState.ReadinessItem(itemId,
                    item.type(), item.description(), item.owner(), item.addedOn(), true, on, e.note(), 0));
        } else if (event instanceof LessonRecordedEvent e) {
            lessons.add(new Lesson(e.lessonId(), e.text(), e.tags(), e.stage(), on, recordedAt));
        } else if (event instanceof PartnershipPutOnHoldEvent e) {
            status("ON_HOLD", on, e.reason());
        } else if (event instanceof PartnershipResumedEvent e) {
            status("ACTIVE", on, e.reason());
        } else if (event instanceof PartnershipAbandonedEvent e) {
            status("ABANDONED", on, e.reason());
        } else if (event instanceof PartnershipCompletedEvent) {
            status("COMPLETED", on, null);
        }
    }

    private void enter(String stage, LocalDate on) {
        this.stage = stage;
        this.stageEnteredOn = on;
    }

    private void status(String status, LocalDate on, String reason) {
        this.status = status;
        this.statusChangedOn = on;
        this.statusReason = reason;
    }

    /** How many events were folded. */
    long version() {
        return version;
    }

    /**
     * The state, with days in stage and days open counted to {@code day} (the asOf date, or today); empty before the
     * partnership was proposed.
     */
    Optional<PartnershipState> result(LocalDate day) {
        if (id == null) {
            return Optional.empty();
        }
        List<PartnershipState.ReadinessItem> items = readinessItems.values().stream()
                .map(item -> new PartnershipState.ReadinessItem(item.itemId(), item.type(), item.description(),
                        item.owner(), item.addedOn(), item.resolved(), item.resolvedOn(), item.resolutionNote(),
                        ChronoUnit.DAYS.between(item.addedOn(), item.resolvedOn() != null ? item.resolvedOn() : day)))
                .toList();
        return Optional.of(new PartnershipState(id, title, kind, department, stage, status, lead, leadPersonId, false,
                stageEnteredOn, ChronoUnit.DAYS.between(stageEnteredOn, day), version, owningOrganisation, need,
                partners, expectedValueDkk, proposedOn, statusChangedOn, statusReason, award, pilotOutcome, evaluation,
                items, List.copyOf(lessons)));
    }
}
