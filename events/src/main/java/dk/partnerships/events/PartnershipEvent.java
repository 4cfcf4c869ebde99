package dk.partnerships.events;

import java.time.LocalDate;

/**
 * Something that happened to one partnership. Every event names its partnership and the effective date the
 * user gave: the day it happened in the world, which may lie before the day it was recorded (back-filling).
 */
public sealed interface PartnershipEvent permits
        PartnershipProposedEvent,
        StageAdvancedEvent,
        StageSkippedEvent,
        StageRevertedEvent,
        AwardRecordedEvent,
        PilotOutcomeRecordedEvent,
        ReadinessItemAddedEvent,
        ReadinessItemResolvedEvent,
        EvaluationRecordedEvent,
        LessonRecordedEvent,
        MarketContactRecordedEvent,
        TenderProcedureChosenEvent,
        BenefitDeclaredEvent,
        BenefitFollowedUpEvent,
        AdviceRequestedEvent,
        AdviceGivenEvent,
        PartnershipPutOnHoldEvent,
        PartnershipResumedEvent,
        PartnershipAbandonedEvent,
        PartnershipCompletedEvent {

    String partnershipId();

    LocalDate effectiveDate();
}
