package dk.partnerships.command.partnership;

import dk.partnerships.command.partnership.Commands.AbandonPartnershipCommand;
import dk.partnerships.command.partnership.Commands.AddReadinessItemCommand;
import dk.partnerships.command.partnership.Commands.AnswerAdviceRequestCommand;
import dk.partnerships.command.partnership.Commands.DeclareBenefitCommand;
import dk.partnerships.command.partnership.Commands.FollowUpBenefitCommand;
import dk.partnerships.command.partnership.Commands.RequestAdviceCommand;
import dk.partnerships.command.partnership.Commands.CompletePartnershipCommand;
import dk.partnerships.command.partnership.Commands.ProposePartnershipCommand;
import dk.partnerships.command.partnership.Commands.PutOnHoldCommand;
import dk.partnerships.command.partnership.Commands.RecordAwardCommand;
import dk.partnerships.command.partnership.Commands.RecordEvaluationCommand;
import dk.partnerships.command.partnership.Commands.RecordLessonCommand;
import dk.partnerships.command.partnership.Commands.RecordMarketContactCommand;
import dk.partnerships.command.partnership.Commands.RecordPilotOutcomeCommand;
import dk.partnerships.command.partnership.Commands.ResolveReadinessItemCommand;
import dk.partnerships.command.partnership.Commands.ResumePartnershipCommand;
import dk.partnerships.command.partnership.Commands.TransitionStageCommand;
import dk.partnerships.events.AdviceGivenEvent;
import dk.partnerships.events.AdviceRequestedEvent;
import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.BenefitDeclaredEvent;
import dk.partnerships.events.BenefitFollowedUpEvent;
import dk.partnerships.events.EventMetadata;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.TenderProcedure;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipProposedEvent;
import dk.partnerships.events.PartnershipPutOnHoldEvent;
import dk.partnerships.events.PartnershipResumedEvent;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.PilotOutcomeRecordedEvent;
import dk.partnerships.events.ReadinessItemAddedEvent;
import dk.partnerships.events.ReadinessItemResolvedEvent;
import dk.partnerships.events.Stage;
import dk.partnerships.events.StageAdvancedEvent;
import dk.partnerships.events.StageRevertedEvent;
import dk.partnerships.events.StageSkippedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dk.partnerships.command.partnership.CommandRejectedException.invalid;
import static dk.partnerships.command.partnership.CommandRejectedException.rule;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One innovation partnership and the rules of its lifecycle (see docs/domain.md):
 * <ul>
 *   <li>one stage forward at a time; skipping forward or going back needs a reason;</li>
 *   <li>leaving the tender forward needs an award, leaving the pilot forward needs an outcome, and going on
 *       after a failed pilot or with open readiness items needs a reason;</li>
 *   <li>on hold, nothing but lessons and resume/abandon; abandoned and completed are final (lessons may still be
 *       recorded, because what a stopped partnership taught is worth the most);</li>
 *   <li>benefits are declared while the partnership is active and followed up from the pilot on, also after
 *       completion (benefits show after the project ends), never after abandonment;</li>
 *   <li>a project lead may ask the central unit for advice until the partnership is closed; only an advisor answers,
 *       once per request, whatever has happened to the partnership since;</li>
 *   <li>effective dates are never in the future and never before the previous event's effective date.</li>
 * </ul>
 * State kept here is only what the rules need; everything else lives in the read models.
 */
@Aggregate(cache = "partnershipCache")
public class Partnership {

    @AggregateIdentifier
    private String partnershipId;
    private String department;
    private Stage stage;
    private PartnershipStatus status;
    private LocalDate lastEffectiveDate;
    /** Whether an award / a pilot outcome was recorded since the partnership last entered its current stage. */
    private boolean awardedInThisTender;
    private PilotOutcome outcomeOfThisPilot;
    private boolean evaluated;
    /** Readiness items by id: {@code true} once resolved. */
    private final Map<String, Boolean> readinessItems = new HashMap<>();
    private final Set<String> marketContacts = new HashSet<>();
    /** Declared benefits by id: {@code true} when the benefit is counted in a unit. */
    private final Map<String, Boolean> benefits = new HashMap<>();
    private final Set<String> followUps = new HashSet<>();
    /** Advice requests by id: {@code true} once answered. */
    private final Map<String, Boolean> adviceRequests = new HashMap<>();

    protected Partnership() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Partnership(ProposePartnershipCommand command, CommandMessage<?> message, Clock clock) {
        requireAuthorLeads(command.department(), message);
        requireNotInFuture(command.effectiveDate(), clock);
        apply(new PartnershipProposedEvent(command.partnershipId(), command.title(), command.kind(),
                command.department(), command.owningOrganisation(), null, command.leadPersonId(), command.need(),
                command.partners(), command.expectedValueDkk(), command.effectiveDate()));
    }

    /**
     * Before any command on an existing partnership: only a project lead of its department may change it. The
     * HTTP layer lets only project leads through; this is where the department is known.
     */
    @CommandHandlerInterceptor
    Object requireDepartmentOfAuthor(CommandMessage<?> message, InterceptorChain chain) throws Exception {
        if (message.getPayload() instanceof AnswerAdviceRequestCommand) {
            requireAdvisor(message);
        } else {
            requireAuthorLeads(department, message);
        }
        return chain.proceed();
    }

    /** An answer comes from the central unit, whichever department the partnership belongs to. */
    private static void requireAdvisor(CommandMessage<?> message) {
        if (!ADVISOR.equals(message.getMetaData().get(EventMetadata.USER_ROLE))) {
            throw new CommandRejectedException(CommandRejectedException.Reason.FORBIDDEN, "advisor-only");
        }
    }

    /** The role name an advisor's commands carry (dk.partnerships.security.Role.ADVISOR). */
    static final String ADVISOR = "ADVISOR";

    private static void requireAuthorLeads(String department, CommandMessage<?> message) {
        Object departments = message.getMetaData().get(CommandMetadata.AUTHOR_DEPARTMENTS);
        boolean leads = departments instanceof String list && List.of(list.split(",")).contains(department);
        if (!leads) {
            throw new CommandRejectedException(CommandRejectedException.Reason.FORBIDDEN, "department-not-permitted",
                    departments == null ? "" : String.valueOf(departments).replace(",", ", "), department);
        }
    }

    @CommandHandler
    public PartnershipState handle(TransitionStageCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        Stage to = command.to();
        String reason = blankToNull(command.reason());
        if (to == stage) {
            throw rule("stage-unchanged", stage);
        }
        TenderProcedureChosenEvent procedure = procedure(command);
        if (to.isBefore(stage)) {
            if (reason == null) {
                throw rule("stage-revert-needs-reason", stage, to);
            }
            apply(new StageRevertedEvent(partnershipId, stage, to, reason, command.effectiveDate()));
        } else {
            requireExitConditions(to, reason);
            List<Stage> skipped = stage.stagesBetween(to);
            if (skipped.isEmpty()) {
                apply(new StageAdvancedEvent(partnershipId, stage, to, reason, command.effectiveDate()));
            } else if (reason == null) {
                throw rule("stage-skip-needs-reason", stage, to, skipped);
            } else {
                apply(new StageSkippedEvent(partnershipId, stage, to, skipped, reason, command.effectiveDate()));
            }
        }
        if (procedure != null) {
            apply(procedure);
        }
        return state();
    }

    /** The tender's procedure a move into TENDER records, or null when the move gives none. */
    private TenderProcedureChosenEvent procedure(TransitionStageCommand command) {
        boolean procedureFields = command.procedure() != null || !command.publishedContacts().isEmpty()
                || blankToNull(command.procedureReason()) != null;
        if (procedureFields && command.to() != Stage.TENDER) {
            throw rule("procedure-only-into-tender", command.to());
        }
        if (command.procedure() == null) {
            if (procedureFields) {
                throw rule("procedure-missing");
            }
            return null;
        }
        String reason = blankToNull(command.procedureReason());
        if (command.procedure() == TenderProcedure.NONE && reason == null) {
            throw rule("procedure-none-needs-reason");
        }
        for (String contactId : command.publishedContacts()) {
            if (!marketContacts.contains(contactId)) {
                throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "market-contact-not-found",
                        contactId);
            }
        }
        return new TenderProcedureChosenEvent(partnershipId, command.procedure(), reason,
                command.publishedContacts().stream().distinct().toList(), command.effectiveDate());
    }

    /** What must be true before the partnership may leave its current stage forward. */
    private void requireExitConditions(Stage to, String reason) {
        if (stage == Stage.TENDER && !awardedInThisTender) {
            throw rule("award-missing", to);
        }
        if (stage == Stage.PILOT) {
            if (outcomeOfThisPilot == null) {
                throw rule("pilot-outcome-missing", to);
            }
            if (outcomeOfThisPilot == PilotOutcome.FAILED && reason == null) {
                throw rule("failed-pilot-needs-reason", to);
            }
        }
        if (stage == Stage.IMPLEMENTATION && hasOpenReadinessItems() && reason == null) {
            throw rule("open-readiness-items-need-reason", openReadinessItemCount(), to);
        }
    }

    @CommandHandler
    public PartnershipState handle(RecordAwardCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        requireStage(Stage.TENDER, "award-wrong-stage");
        if (awardedInThisTender) {
            throw rule("award-already-recorded");
        }
        int named = command.buyers() == null ? 0 : command.buyers().size();
        int buyerCount = command.buyerCount() == null ? named : command.buyerCount();
        if (buyerCount < named) {
            throw invalid("buyer-count-below-named-buyers", buyerCount, named);
        }
        apply(new AwardRecordedEvent(partnershipId, command.supplier(), command.valueDkk(), command.buyers(),
                buyerCount, command.frameworkAgreement(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(RecordPilotOutcomeCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        requireStage(Stage.PILOT, "pilot-outcome-wrong-stage");
        if (outcomeOfThisPilot != null) {
            throw rule("pilot-outcome-already-recorded", outcomeOfThisPilot);
        }
        apply(new PilotOutcomeRecordedEvent(partnershipId, command.outcome(), command.findings(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(AddReadinessItemCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        // Readiness is planned during the pilot as well: waiting until implementation is how the gap opens.
        if (stage != Stage.PILOT && stage != Stage.IMPLEMENTATION) {
            throw rule("readiness-item-wrong-stage", stage);
        }
        if (readinessItems.containsKey(command.itemId())) {
            throw rule("readiness-item-already-exists", command.itemId());
        }
        apply(new ReadinessItemAddedEvent(partnershipId, command.itemId(), command.type(), command.description(),
                command.owner(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(ResolveReadinessItemCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        Boolean resolved = readinessItems.get(command.itemId());
        if (resolved == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "readiness-item-not-found",
                    command.itemId());
        }
        if (resolved) {
            throw rule("readiness-item-already-resolved", command.itemId());
        }
        apply(new ReadinessItemResolvedEvent(partnershipId, command.itemId(), command.note(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(RecordEvaluationCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        requireStage(Stage.EVALUATION, "evaluation-wrong-stage");
        apply(new EvaluationRecordedEvent(partnershipId, command.summary(), command.benefitsExpected(),
                command.benefitsRealised(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(CompletePartnershipCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        requireStage(Stage.EVALUATION, "complete-wrong-stage");
        if (!evaluated) {
            throw rule("evaluation-missing");
        }
        apply(new PartnershipCompletedEvent(partnershipId, command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(RecordLessonCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireEffectiveDate(command.effectiveDate(), clock);
        apply(new LessonRecordedEvent(partnershipId, command.lessonId(), command.text(), command.tags(), stage,
                command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(RecordMarketContactCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        // Dialogue happens before and while the tender is out; after the award it is contract management.
        if (stage != Stage.IDEA && stage != Stage.MARKET_DIALOGUE && (stage != Stage.TENDER || awardedInThisTender)) {
            throw rule("market-contact-wrong-stage", stage);
        }
        if (marketContacts.contains(command.contactId())) {
            throw rule("market-contact-already-exists", command.contactId());
        }
        apply(new MarketContactRecordedEvent(partnershipId, command.contactId(), command.organisation(), command.form(),
                command.summary(), blankToNull(command.informationShared()), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(DeclareBenefitCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireActive();
        requireEffectiveDate(command.effectiveDate(), clock);
        String unit = blankToNull(command.unit());
        if (command.expected() != null && unit == null) {
            throw invalid("benefit-expected-needs-unit");
        }
        if (benefits.containsKey(command.benefitId())) {
            throw rule("benefit-already-exists", command.benefitId());
        }
        apply(new BenefitDeclaredEvent(partnershipId, command.benefitId(), command.category(), command.description(),
                unit, command.expected(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(FollowUpBenefitCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        // Benefits show after the project ends: a completed partnership is followed up, an abandoned one is not.
        if (status == PartnershipStatus.ABANDONED) {
            throw rule("benefit-follow-up-after-abandonment");
        }
        if (status == PartnershipStatus.ON_HOLD) {
            throw rule("partnership-on-hold");
        }
        requireEffectiveDate(command.effectiveDate(), clock);
        if (stage.isBefore(Stage.PILOT)) {
            throw rule("benefit-follow-up-wrong-stage", stage);
        }
        Boolean counted = benefits.get(command.benefitId());
        if (counted == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "benefit-not-found",
                    command.benefitId());
        }
        if (command.realised() != null && !counted) {
            throw invalid("benefit-realised-without-unit");
        }
        if (followUps.contains(command.followUpId())) {
            throw rule("benefit-follow-up-already-exists", command.followUpId());
        }
        apply(new BenefitFollowedUpEvent(partnershipId, command.followUpId(), command.benefitId(), command.assessment(),
                command.realised(), blankToNull(command.note()), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(RequestAdviceCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        // On hold is when advice is needed most; a closed partnership has nothing left to decide.
        requireNotClosed();
        requireEffectiveDate(command.effectiveDate(), clock);
        if (adviceRequests.containsKey(command.requestId())) {
            throw rule("advice-request-already-exists", command.requestId());
        }
        apply(new AdviceRequestedEvent(partnershipId, command.requestId(), command.topic(), command.question(),
                command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(AnswerAdviceRequestCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireEffectiveDate(command.effectiveDate(), clock);
        Boolean answered = adviceRequests.get(command.requestId());
        if (answered == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.NOT_FOUND, "advice-request-not-found",
                    command.requestId());
        }
        if (answered) {
            throw rule("advice-request-already-answered", command.requestId());
        }
        apply(new AdviceGivenEvent(partnershipId, command.requestId(), command.answer(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(PutOnHoldCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireNotClosed();
        requireEffectiveDate(command.effectiveDate(), clock);
        if (status == PartnershipStatus.ON_HOLD) {
            throw rule("partnership-already-on-hold");
        }
        requireReason(command.reason(), "hold-needs-reason");
        apply(new PartnershipPutOnHoldEvent(partnershipId, command.reason(), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(ResumePartnershipCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireNotClosed();
        requireEffectiveDate(command.effectiveDate(), clock);
        if (status != PartnershipStatus.ON_HOLD) {
            throw rule("partnership-not-on-hold");
        }
        apply(new PartnershipResumedEvent(partnershipId, blankToNull(command.reason()), command.effectiveDate()));
        return state();
    }

    @CommandHandler
    public PartnershipState handle(AbandonPartnershipCommand command, Clock clock) {
        requireVersion(command.expectedVersion());
        requireNotClosed();
        requireEffectiveDate(command.effectiveDate(), clock);
        requireReason(command.reason(), "abandon-needs-reason");
        apply(new PartnershipAbandonedEvent(partnershipId, stage, command.reason(), command.effectiveDate()));
        return state();
    }

    // --- state changes -------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(PartnershipProposedEvent event) {
        partnershipId = event.partnershipId();
        department = event.department();
        stage = Stage.IDEA;
        status = PartnershipStatus.ACTIVE;
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(StageAdvancedEvent event) {
        enterStage(event.to(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(StageSkippedEvent event) {
        enterStage(event.to(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(StageRevertedEvent event) {
        enterStage(event.to(), event.effectiveDate());
    }

    private void enterStage(Stage to, LocalDate effectiveDate) {
        stage = to;
        lastEffectiveDate = effectiveDate;
        // Entering TENDER or PILOT (again) starts a new round: a re-run tender needs its own award,
        // a repeated pilot its own outcome.
        if (to == Stage.TENDER) {
            awardedInThisTender = false;
        }
        if (to == Stage.PILOT) {
            outcomeOfThisPilot = null;
        }
        if (to == Stage.EVALUATION) {
            evaluated = false;
        }
    }

    @EventSourcingHandler
    void on(AwardRecordedEvent event) {
        awardedInThisTender = true;
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(PilotOutcomeRecordedEvent event) {
        outcomeOfThisPilot = event.outcome();
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(ReadinessItemAddedEvent event) {
        readinessItems.put(event.itemId(), false);
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(ReadinessItemResolvedEvent event) {
        readinessItems.put(event.itemId(), true);
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(EvaluationRecordedEvent event) {
        evaluated = true;
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(LessonRecordedEvent event) {
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(MarketContactRecordedEvent event) {
        marketContacts.add(event.contactId());
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(TenderProcedureChosenEvent event) {
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(BenefitDeclaredEvent event) {
        benefits.put(event.benefitId(), event.unit() != null);
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(BenefitFollowedUpEvent event) {
        followUps.add(event.followUpId());
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(AdviceRequestedEvent event) {
        adviceRequests.put(event.requestId(), false);
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(AdviceGivenEvent event) {
        adviceRequests.put(event.requestId(), true);
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(PartnershipPutOnHoldEvent event) {
        status = PartnershipStatus.ON_HOLD;
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(PartnershipResumedEvent event) {
        status = PartnershipStatus.ACTIVE;
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(PartnershipAbandonedEvent event) {
        status = PartnershipStatus.ABANDONED;
        lastEffectiveDate = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(PartnershipCompletedEvent event) {
        status = PartnershipStatus.COMPLETED;
        lastEffectiveDate = event.effectiveDate();
    }

    // --- guards --------------------------------------------------------------------------------------------

    /** The version a client sees: the number of events so far (Axon's sequence number starts at 0). */
    private long version() {
        Long lastSequence = AggregateLifecycle.getVersion();
        return lastSequence == null ? 0 : lastSequence + 1;
    }

    private PartnershipState state() {
        return new PartnershipState(partnershipId, stage, status, version());
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.STALE_VERSION, "stale-version",
                    version(), expectedVersion);
        }
    }

    private void requireNotClosed() {
        if (status.isFinal()) {
            throw rule("partnership-closed", status);
        }
    }

    private void requireActive() {
        requireNotClosed();
        if (status == PartnershipStatus.ON_HOLD) {
            throw rule("partnership-on-hold");
        }
    }

    private void requireStage(Stage required, String code) {
        if (stage != required) {
            throw rule(code, stage);
        }
    }

    /** Older dates are typos (0024 for 2024), not history: public-private innovation partnerships are younger. */
    static final LocalDate EARLIEST_EFFECTIVE_DATE = LocalDate.of(1990, 1, 1);

    private static void requireNotInFuture(LocalDate effectiveDate, Clock clock) {
        if (effectiveDate == null) {
            throw invalid("effective-date-missing");
        }
        if (effectiveDate.isBefore(EARLIEST_EFFECTIVE_DATE)) {
            throw invalid("effective-date-too-early", effectiveDate, EARLIEST_EFFECTIVE_DATE);
        }
        LocalDate today = LocalDate.now(clock);
        if (effectiveDate.isAfter(today)) {
            throw invalid("effective-date-in-future", effectiveDate, today);
        }
    }

    private void requireEffectiveDate(LocalDate effectiveDate, Clock clock) {
        requireNotInFuture(effectiveDate, clock);
        if (effectiveDate.isBefore(lastEffectiveDate)) {
            throw rule("effective-date-before-previous-event", effectiveDate, lastEffectiveDate);
        }
    }

    private static void requireReason(String reason, String code) {
        if (blankToNull(reason) == null) {
            throw invalid(code);
        }
    }

    private boolean hasOpenReadinessItems() {
        return openReadinessItemCount() > 0;
    }

    private long openReadinessItemCount() {
        return readinessItems.values().stream().filter(resolved -> !resolved).count();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
