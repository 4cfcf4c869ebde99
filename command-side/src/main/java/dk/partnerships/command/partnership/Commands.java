package dk.partnerships.command.partnership;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import dk.partnerships.events.AdviceTopic;
import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;
import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.TenderProcedure;

import java.time.LocalDate;
import java.util.List;

/**
 * The commands a partnership accepts. Every command on an existing partnership may carry the version the
 * client last saw ({@code expectedVersion}, from {@code If-Match}); a different current version rejects it.
 * Versions count events: a freshly proposed partnership has version 1.
 */
public final class Commands {

    private Commands() {
    }

    public record ProposePartnershipCommand(
            @TargetAggregateIdentifier String partnershipId,
            String title,
            PartnershipKind kind,
            String department,
            String owningOrganisation,
            String leadPersonId,
            String need,
            List<String> partners,
            BigDecimal expectedValueDkk,
            LocalDate effectiveDate) {
    }

    /**
     * @param procedure         into TENDER only: the tender's procedure (optional, so clients of before keep working)
     * @param procedureReason   why no procedure ({@link TenderProcedure#NONE})
     * @param publishedContacts into TENDER: the market contacts whose shared information went out with the tender
     */
    public record TransitionStageCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            Stage to,
            String reason,
            TenderProcedure procedure,
            String procedureReason,
            List<String> publishedContacts,
            LocalDate effectiveDate) {

        public TransitionStageCommand(String partnershipId, Long expectedVersion, Stage to, String reason,
                                      LocalDate effectiveDate) {
            this(partnershipId, expectedVersion, to, reason, null, null, List.of(), effectiveDate);
        }

        public TransitionStageCommand {
            publishedContacts = publishedContacts == null ? List.of() : List.copyOf(publishedContacts);
        }
    }

    public record RecordAwardCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String supplier,
            BigDecimal valueDkk,
            List<String> buyers,
            Integer buyerCount,
            boolean frameworkAgreement,
            LocalDate effectiveDate) {
    }

    public record RecordPilotOutcomeCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            PilotOutcome outcome,
            String findings,
            LocalDate effectiveDate) {
    }

    public record AddReadinessItemCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String itemId,
            ReadinessType type,
            String description,
            String owner,
            LocalDate effectiveDate) {
    }

    public record ResolveReadinessItemCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String itemId,
            String note,
            LocalDate effectiveDate) {
    }

    public record RecordEvaluationCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String summary,
            String benefitsExpected,
            String benefitsRealised,
            LocalDate effectiveDate) {
    }

    public record CompletePartnershipCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            LocalDate effectiveDate) {
    }

    public record RecordLessonCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String lessonId,
            String text,
            List<String> tags,
            LocalDate effectiveDate) {
    }

    public record RecordMarketContactCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String contactId,
            String organisation,
            MarketContactForm form,
            String summary,
            String informationShared,
            LocalDate effectiveDate) {
    }

    public record DeclareBenefitCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String benefitId,
            BenefitCategory category,
            String description,
            String unit,
            BigDecimal expected,
            LocalDate effectiveDate) {
    }

    public record FollowUpBenefitCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String followUpId,
            String benefitId,
            BenefitAssessment assessment,
            BigDecimal realised,
            String note,
            LocalDate effectiveDate) {
    }

    public record RequestAdviceCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String requestId,
            AdviceTopic topic,
            String question,
            LocalDate effectiveDate) {
    }

    /** The one command an advisor sends: it is checked against the author's role, not their departments. */
    public record AnswerAdviceRequestCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String requestId,
            String answer,
            LocalDate effectiveDate) {
    }

    public record PutOnHoldCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String reason,
            LocalDate effectiveDate) {
    }

    public record ResumePartnershipCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String reason,
            LocalDate effectiveDate) {
    }

    public record AbandonPartnershipCommand(
            @TargetAggregateIdentifier String partnershipId,
            Long expectedVersion,
            String reason,
            LocalDate effectiveDate) {
    }
}
