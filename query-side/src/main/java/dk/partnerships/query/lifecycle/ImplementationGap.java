package dk.partnerships.query.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/dashboard/implementation-gap}: where partnerships stall — in any stage for longer than its
 * threshold, and between a successful pilot (or an award) and ordinary operation. Each list holds its oldest rows up to the limit asked for; its {@code …Total} says how
 * many there are.
 *
 * @param department      the department filtered by; absent for the whole municipality
 * @param stallThresholds the days per stage beyond which an active partnership is stalled in it
 * @param stalledInStage  active partnerships in their current stage for longer than its threshold, the furthest past
 *                        it first
 * @param onHold          partnerships on hold (a decision to wait, not a stall), the longest on hold first
 */
public record ImplementationGap(int days, LocalDate today,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String department,
                                Map<Stage, Integer> stallThresholds,
                                long stalledInStageTotal, List<StalledInStage> stalledInStage,
                                long onHoldTotal, List<OnHold> onHold,
                                long stalledAfterPilotTotal, List<Stalled> stalledAfterPilot,
                                long openReadinessItemsTotal, List<OpenItem> openReadinessItems,
                                long abandonedAfterSuccessfulPilotTotal,
                                List<AbandonedAfterPilot> abandonedAfterSuccessfulPilot,
                                Map<String, BigDecimal> pilotToImplementationRate,
                                Map<String, RateCounts> pilotToImplementationCounts) {

    public ImplementationGap {
        stallThresholds = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(stallThresholds));
        stalledInStage = List.copyOf(stalledInStage);
        onHold = List.copyOf(onHold);
        stalledAfterPilot = List.copyOf(stalledAfterPilot);
        openReadinessItems = List.copyOf(openReadinessItems);
        abandonedAfterSuccessfulPilot = List.copyOf(abandonedAfterSuccessfulPilot);
        pilotToImplementationRate = java.util.Collections.unmodifiableMap(pilotToImplementationRate);
        pilotToImplementationCounts = java.util.Collections.unmodifiableMap(pilotToImplementationCounts);
    }

    /**
     * An open partnership waiting to be put into operation since {@code waitingSince}.
     *
     * @param trigger {@code pilot-succeeded} or {@code awarded-without-pilot}
     */
    public record Stalled(String id, String title, String department, PartnershipKind kind, Stage stage,
                          PartnershipStatus status, String trigger, LocalDate waitingSince, int daysWaiting) {
    }

    /** An active partnership in its current stage for longer than the stage's threshold. */
    public record StalledInStage(String id, String title, String department, Stage stage, LocalDate stageEnteredOn,
                                 int daysInStage, int thresholdDays) {
    }

    /** A partnership on hold, in the stage it was put on hold in ({@code onHoldSince} null until its rebuild). */
    public record OnHold(String id, String title, String department, Stage stage, int daysInStage,
                         LocalDate onHoldSince, Integer daysOnHold) {
    }

    /** A readiness item not resolved yet, of a partnership not closed. */
    public record OpenItem(String partnershipId, String title, String department, Stage stage, String itemId,
                           ReadinessType type, String description, String owner, LocalDate addedOn, int daysOpen) {
    }

    /** A partnership abandoned although its pilot had succeeded. */
    public record AbandonedAfterPilot(String id, String title, String department, PartnershipKind kind, Stage stage,
                                      LocalDate pilotSucceededOn, LocalDate abandonedOn, String reason) {
    }

    /** Partnerships whose latest pilot succeeded, and of those the ones implemented on or after that day. */
    public record RateCounts(long succeeded, long implemented) {
    }
}
