package dk.partnerships.query.state;

import dk.partnerships.query.lessons.Lesson;
import dk.partnerships.query.people.PersonNames;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One partnership: as the summaries hold it now, or folded from its history as it was on a past date. */
public record PartnershipState(String id, String title, String kind, String department, String stage, String status,
                               String lead, String leadPersonId, boolean leadErased, LocalDate stageEnteredOn,
                               Long daysInStage, long version, String owningOrganisation, String need,
                               List<String> partners, BigDecimal expectedValueDkk, LocalDate proposedOn,
                               LocalDate statusChangedOn, String statusReason, Award award, PilotResult pilotOutcome,
                               Evaluation evaluation, List<ReadinessItem> readinessItems, List<Lesson> lessons)
        implements PersonNames.Led<PartnershipState> {

    /** The contract awarded after the tender. */
    public record Award(String supplier, BigDecimal valueDkk, List<String> buyers, int buyerCount,
                        boolean frameworkAgreement, LocalDate awardedOn) {
    }

    /** How the pilot went ({@code outcome} a {@code PilotOutcome} name). */
    public record PilotResult(String outcome, String findings, LocalDate recordedOn) {
    }

    /** The evaluation after implementation. */
    public record Evaluation(String summary, String benefitsExpected, String benefitsRealised, LocalDate evaluatedOn) {
    }

    /** Something operation needs before it can take over: open until resolved. */
    public record ReadinessItem(String itemId, String type, String description, String owner, LocalDate addedOn,
                                boolean resolved, LocalDate resolvedOn, String resolutionNote, long daysOpen) {
    }

    @Override
    public PartnershipState withLead(String name, boolean erased) {
        return new PartnershipState(id, title, kind, department, stage, status, name, leadPersonId, erased,
                stageEnteredOn, daysInStage, version, owningOrganisation, need, partners, expectedValueDkk, proposedOn,
                statusChangedOn, statusReason, award, pilotOutcome, evaluation, readinessItems, lessons);
    }
}
