package dk.partnerships.query.lifecycle;

import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.TenderProcedureChosenEvent;
import dk.partnerships.events.PartnershipAbandonedEvent;
import dk.partnerships.events.PartnershipCompletedEvent;
import dk.partnerships.events.PartnershipEvent;
import dk.partnerships.events.PartnershipKind;
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

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One partnership as the lifecycle read model keeps it: what the dashboards filter and count by, the milestones
 * the implementation gap is defined by, and its stays in the stages. {@link #when} is the read model's one set of
 * rules: every row of {@code partnership_lifecycle} and {@code partnership_stage_stay}, and every kept figure
 * ({@link FigureCounts}), follows from folding a partnership's events through it.
 *
 * @param version            events applied: the next event expected has this sequence number
 * @param onHoldSince        put on hold on, while it is on hold
 * @param openReadinessItems the readiness items not resolved yet, by id; none once the partnership is closed
 * @param pilotSucceededOn   the latest SUCCEEDED pilot outcome
 * @param awardedOn          the latest award
 * @param hadPilot           ever entered PILOT
 * @param implementedOn      the latest move forward into IMPLEMENTATION or EVALUATION
 * @param closedOn           completed or abandoned on
 * @param closedReason       why it was abandoned
 * @param reachedStages      every stage the partnership ever entered
 * @param furthestStage      the furthest stage it ever entered
 * @param stays              its stays, in the order it entered them
 */
public record PartnershipLifecycle(String partnershipId, long version, String title, String department,
                                   PartnershipKind kind, LocalDate proposedOn, Stage stage, PartnershipStatus status,
                                   LocalDate onHoldSince, Map<String, OpenReadinessItem> openReadinessItems, LocalDate pilotSucceededOn,
                                   LocalDate awardedOn, boolean hadPilot, LocalDate implementedOn, LocalDate closedOn,
                                   String closedReason, Set<Stage> reachedStages, Stage furthestStage,
                                   List<StageStay> stays) {

    public PartnershipLifecycle {
        openReadinessItems = Collections.unmodifiableSortedMap(new TreeMap<>(openReadinessItems));
        reachedStages = Collections.unmodifiableSet(reachedStages.isEmpty()
                ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(reachedStages));
        stays = List.copyOf(stays);
    }

    /** The partnership as its proposal (the event at {@code sequence}, the first of its stream) creates it. */
    public static PartnershipLifecycle proposed(PartnershipProposedEvent proposal, long sequence) {
        LocalDate on = proposal.effectiveDate();
        return new PartnershipLifecycle(proposal.partnershipId(), sequence + 1, proposal.title(), proposal.department(),
                proposal.kind(), on, Stage.IDEA, PartnershipStatus.ACTIVE, null, Map.of(), null, null, false, null, null,
                null, EnumSet.of(Stage.IDEA), Stage.IDEA, List.of(new StageStay(sequence, Stage.IDEA, on, null, true)));
    }

    /** The partnership after the event at {@code sequence}, which must be the next one ({@link #version}). */
    public PartnershipLifecycle when(PartnershipEvent event, long sequence) {
        if (sequence != version) {
            throw new IllegalArgumentException("Event " + sequence + " of " + partnershipId + " applied at version " + version);
        }
        LocalDate on = event.effectiveDate();
        Changes next = new Changes(this, sequence + 1);
        if (event instanceof StageAdvancedEvent moved) {
            next.enter(moved.to(), sequence, on).forwardMilestone(moved.to(), on);
        } else if (event instanceof StageSkippedEvent skipped) {
            next.enter(skipped.to(), sequence, on).forwardMilestone(skipped.to(), on);
        } else if (event instanceof StageRevertedEvent reverted) {
            // Going back into a pilot is a pilot too; going back is never reaching operation.
            next.enter(reverted.to(), sequence, on).hadPilot |= reverted.to() == Stage.PILOT;
        } else if (event instanceof AwardRecordedEvent) {
            next.awardedOn = on;
        } else if (event instanceof PilotOutcomeRecordedEvent outcome) {
            if (outcome.outcome() == PilotOutcome.SUCCEEDED) {
                next.pilotSucceededOn = on;
            }
        } else if (event instanceof ReadinessItemAddedEvent added) {
            next.openReadinessItems.put(added.itemId(), new OpenReadinessItem(added.itemId(), added.type(),
                    added.description(), added.owner(), on));
        } else if (event instanceof ReadinessItemResolvedEvent resolved) {
            next.openReadinessItems.remove(resolved.itemId());
        } else if (event instanceof PartnershipPutOnHoldEvent) {
            next.status = PartnershipStatus.ON_HOLD;
            next.onHoldSince = on;
        } else if (event instanceof PartnershipResumedEvent) {
            next.status = PartnershipStatus.ACTIVE;
            next.onHoldSince = null;
        } else if (event instanceof PartnershipCompletedEvent) {
            next.close(PartnershipStatus.COMPLETED, on, null);
        } else if (event instanceof PartnershipAbandonedEvent abandoned) {
            next.close(PartnershipStatus.ABANDONED, on, abandoned.reason());
        } else if (event instanceof PartnershipProposedEvent) {
            throw new IllegalArgumentException("Partnership " + partnershipId + " proposed again at event " + sequence);
        } else if (!(event instanceof EvaluationRecordedEvent || event instanceof LessonRecordedEvent
                || event instanceof MarketContactRecordedEvent || event instanceof TenderProcedureChosenEvent
                || event instanceof dk.partnerships.events.BenefitDeclaredEvent
                || event instanceof dk.partnerships.events.BenefitFollowedUpEvent
                || event instanceof dk.partnerships.events.AdviceRequestedEvent
                || event instanceof dk.partnerships.events.AdviceGivenEvent)) {
            throw new IllegalArgumentException("No lifecycle rule for " + event.getClass().getName());
        }
        return next.build();
    }

    /** Neither completed nor abandoned. */
    public boolean isOpen() {
        return !status.isFinal();
    }

    /**
     * Since when the partnership has waited to be put into operation, or null when it does not wait: open, its
     * latest pilot succeeded (or it was awarded and never piloted), and not implemented since.
     */
    public LocalDate waitingSince() {
        LocalDate since = pilotSucceededOn != null ? pilotSucceededOn : hadPilot ? null : awardedOn;
        if (!isOpen() || since == null || (implementedOn != null && !implementedOn.isBefore(since))) {
            return null;
        }
        return since;
    }

    /** Since when it has been in its current stage (for a closed partnership: the stage it closed in). */
    public LocalDate stageEnteredOn() {
        return stays.get(stays.size() - 1).enteredOn();
    }

    /** The day it first reached ordinary operation (entered IMPLEMENTATION or EVALUATION), or null. */
    public LocalDate firstImplementedOn() {
        return stays.stream().filter(stay -> stay.stage() == Stage.IMPLEMENTATION || stay.stage() == Stage.EVALUATION)
                .map(StageStay::enteredOn).min(LocalDate::compareTo).orElse(null);
    }

    /** The days it entered this stage for the first time in their calendar quarter, in order. */
    public List<LocalDate> firstEntriesPerQuarter(Stage entered) {
        return stays.stream().filter(stay -> stay.stage() == entered && stay.firstInQuarter())
                .map(StageStay::enteredOn).toList();
    }

    /** Implemented on or after the day its latest pilot succeeded (false without a successful pilot). */
    public boolean implementedAfterPilot() {
        return pilotSucceededOn != null && implementedOn != null && !implementedOn.isBefore(pilotSucceededOn);
    }

    /** The mutable working copy one event changes. */
    private static final class Changes {
        private final PartnershipLifecycle from;
        private final long version;
        private Stage stage;
        private PartnershipStatus status;
        private LocalDate onHoldSince;
        private final Map<String, OpenReadinessItem> openReadinessItems;
        private LocalDate pilotSucceededOn;
        private LocalDate awardedOn;
        private boolean hadPilot;
        private LocalDate implementedOn;
        private LocalDate closedOn;
        private String closedReason;
        private final Set<Stage> reachedStages;
        private Stage furthestStage;
        private final List<StageStay> stays;

        Changes(PartnershipLifecycle from, long version) {
            this.from = from;
            this.version = version;
            stage = from.stage;
            status = from.status;
            onHoldSince = from.onHoldSince;
            openReadinessItems = new TreeMap<>(from.openReadinessItems);
            pilotSucceededOn = from.pilotSucceededOn;
            awardedOn = from.awardedOn;
            hadPilot = from.hadPilot;
            implementedOn = from.implementedOn;
            closedOn = from.closedOn;
            closedReason = from.closedReason;
            reachedStages = from.reachedStages.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(from.reachedStages);
            furthestStage = from.furthestStage;
            stays = new ArrayList<>(from.stays);
        }

        /** Leaves the open stay and opens one in {@code to}. */
        Changes enter(Stage to, long sequence, LocalDate on) {
            leave(on);
            boolean firstInQuarter = stays.stream().noneMatch(earlier -> earlier.stage() == to
                    && sameQuarter(earlier.enteredOn(), on));
            stays.add(new StageStay(sequence, to, on, null, firstInQuarter));
            stage = to;
            reachedStages.add(to);
            if (furthestStage.isBefore(to)) {
                furthestStage = to;
            }
            return this;
        }

        /** What a move forward marks: entering a pilot, or reaching operation. */
        void forwardMilestone(Stage to, LocalDate on) {
            if (to == Stage.PILOT) {
                hadPilot = true;
            } else if (to == Stage.IMPLEMENTATION || to == Stage.EVALUATION) {
                implementedOn = on;
            }
        }

        /** A closed partnership no longer waits for its readiness items. */
        void close(PartnershipStatus closedAs, LocalDate on, String reason) {
            leave(on);
            status = closedAs;
            onHoldSince = null;
            closedOn = on;
            closedReason = reason;
            openReadinessItems.clear();
        }

        private void leave(LocalDate on) {
            stays.replaceAll(stay -> stay.isOpen() ? stay.leftOn(on) : stay);
        }

        PartnershipLifecycle build() {
            return new PartnershipLifecycle(from.partnershipId, version, from.title, from.department, from.kind,
                    from.proposedOn, stage, status, onHoldSince, openReadinessItems, pilotSucceededOn, awardedOn, hadPilot,
                    implementedOn, closedOn, closedReason, reachedStages, furthestStage, stays);
        }
    }

    static boolean sameQuarter(LocalDate one, LocalDate other) {
        return one.getYear() == other.getYear()
                && one.get(IsoFields.QUARTER_OF_YEAR) == other.get(IsoFields.QUARTER_OF_YEAR);
    }
}
