package dk.partnerships.query.history;


import dk.partnerships.events.AwardRecordedEvent;
import dk.partnerships.events.EvaluationRecordedEvent;
import dk.partnerships.events.LessonRecordedEvent;
import dk.partnerships.events.MarketContactRecordedEvent;
import dk.partnerships.events.TenderProcedureChosenEvent;
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

import java.text.NumberFormat;
import java.util.Locale;

/** What an event means, in one sentence a person reads, and why it happened when the event says so. */
final class HistoryEntries {

    private HistoryEntries() {
    }

    static String summary(PartnershipEvent event) {
        if (event instanceof PartnershipProposedEvent e) {
            return "Proposed \"" + e.title() + "\" (" + e.kind() + ", " + e.department() + ")";
        } else if (event instanceof StageAdvancedEvent e) {
            return "Moved from " + e.from() + " to " + e.to();
        } else if (event instanceof StageSkippedEvent e) {
            return "Moved from " + e.from() + " to " + e.to() + ", skipping " + String.join(", ",
                    e.skipped().stream().map(Enum::name).toList());
        } else if (event instanceof StageRevertedEvent e) {
            return "Went back from " + e.from() + " to " + e.to();
        } else if (event instanceof AwardRecordedEvent e) {
            String value = e.valueDkk() == null ? "value not disclosed"
                    : "DKK " + NumberFormat.getIntegerInstance(Locale.forLanguageTag("da-DK")).format(e.valueDkk());
            return "Awarded to " + e.supplier() + " (" + value + (e.frameworkAgreement()
                    ? ", framework agreement for " + e.buyerCount() + " buyers" : "") + ")";
        } else if (event instanceof PilotOutcomeRecordedEvent e) {
            return "Pilot outcome " + e.outcome() + ": " + e.findings();
        } else if (event instanceof ReadinessItemAddedEvent e) {
            return "Readiness item added (" + e.type() + "): " + e.description() + "; owner " + e.owner();
        } else if (event instanceof ReadinessItemResolvedEvent e) {
            return "Readiness item resolved: " + e.note();
        } else if (event instanceof EvaluationRecordedEvent e) {
            return "Evaluation recorded: " + e.summary();
        } else if (event instanceof LessonRecordedEvent e) {
            return "Lesson recorded: " + e.text();
        } else if (event instanceof TenderProcedureChosenEvent e) {
            return "Tender procedure " + e.procedure() + (e.reason() == null ? "" : ": " + e.reason())
                    + (e.publishedContacts().isEmpty() ? "" : "; published with the tender: " + e.publishedContacts().size()
                    + " contact(s)");
        } else if (event instanceof MarketContactRecordedEvent e) {
            return "Market contact (" + e.form() + ") with " + e.organisation() + ": " + e.summary();
        } else if (event instanceof dk.partnerships.events.BenefitDeclaredEvent e) {
            return "Benefit expected (" + e.category() + "): " + e.description() + (e.unit() == null ? ""
                    : "; " + (e.expected() == null ? "counted in " : e.expected().toPlainString() + " ") + e.unit());
        } else if (event instanceof dk.partnerships.events.BenefitFollowedUpEvent e) {
            return "Benefit followed up: " + e.assessment() + (e.realised() == null ? "" : ", realised "
                    + e.realised().toPlainString()) + (e.note() == null ? "" : ": " + e.note());
        } else if (event instanceof dk.partnerships.events.AdviceRequestedEvent e) {
            return "Advice asked (" + e.topic() + "): " + e.question();
        } else if (event instanceof dk.partnerships.events.AdviceGivenEvent e) {
            return "Advice given: " + e.answer();
        } else if (event instanceof PartnershipPutOnHoldEvent) {
            return "Put on hold";
        } else if (event instanceof PartnershipResumedEvent) {
            return "Resumed";
        } else if (event instanceof PartnershipAbandonedEvent e) {
            return "Abandoned in " + e.stage();
        } else if (event instanceof PartnershipCompletedEvent) {
            return "Completed";
        }
        return event.getClass().getSimpleName();
    }

    /** The reason the user gave, when the event carries one. */
    static String why(PartnershipEvent event) {
        if (event instanceof StageAdvancedEvent e) {
            return e.reason();
        } else if (event instanceof StageSkippedEvent e) {
            return e.reason();
        } else if (event instanceof StageRevertedEvent e) {
            return e.reason();
        } else if (event instanceof PartnershipPutOnHoldEvent e) {
            return e.reason();
        } else if (event instanceof PartnershipResumedEvent e) {
            return e.reason();
        } else if (event instanceof PartnershipAbandonedEvent e) {
            return e.reason();
        } else if (event instanceof dk.partnerships.events.BenefitFollowedUpEvent e) {
            return e.note();
        }
        return null;
    }
}
