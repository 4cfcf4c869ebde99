package dk.partnerships.command.http;

import dk.partnerships.events.AdviceTopic;
import dk.partnerships.events.BenefitAssessment;
import dk.partnerships.events.BenefitCategory;
import dk.partnerships.events.MarketContactForm;
import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
import dk.partnerships.events.TenderProcedure;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The bodies of the write endpoints. Bounds keep every text and list to a size a person writes; a missing
 * {@code effectiveDate} means today. Unknown fields and unknown enum values are refused by the JSON reader.
 */
final class WriteRequests {

    static final int TITLE = 200;
    static final int NAME = 200;
    static final int TEXT = 4000;
    static final int LIST = 50;

    private WriteRequests() {
    }

    @Schema(example = """
            {"title": "Flydende cykeldata", "kind": "OPI", "department": "TMF", "lead": "Mette Holm",
             "need": "Data om cykeltrafikken i realtid", "partners": ["Cykeldata ApS"], "expectedValueDkk": 850000,
             "effectiveDate": "2024-03-01"}""")
    record ProposePartnership(
            @NotBlank @CleanText @Size(max = TITLE) String title,
            @NotNull PartnershipKind kind,
            @Schema(description = "An active department's code (GET /api/departments), e.g. TMF", example = "TMF")
            @NotBlank @CleanText @Size(max = 20) String department,
            @NotBlank @CleanText @Size(max = NAME) String lead,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String need,
            @Size(max = LIST) List<@NotBlank @CleanText @Size(max = NAME) String> partners,
            @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal expectedValueDkk,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"to": "TENDER", "effectiveDate": "2024-06-01", "reason": null}""")
    record TransitionStage(
            @NotNull Stage to,
            LocalDate effectiveDate,
            @CleanText(multiline = true) @Size(max = TEXT) String reason,
            @Schema(description = "Into TENDER only: the tender's procedure; tenders without one are listed for the central unit.")
            TenderProcedure procedure,
            @Schema(description = "Why there is no procedure (procedure NONE).")
            @CleanText(multiline = true) @Size(max = TEXT) String procedureReason,
            @Schema(description = "Into TENDER: the market contacts whose shared information went out with the tender documents.")
            @Size(max = 200) List<@NotBlank @CleanText @Size(max = 64) String> publishedContacts) {
    }

    @Schema(example = """
            {"supplier": "Cykeldata ApS", "valueDkk": 850000, "buyers": ["Københavns Kommune"], "frameworkAgreement": false,
             "effectiveDate": "2024-09-01"}""")
    record RecordAward(
            @NotBlank @CleanText @Size(max = NAME) String supplier,
            @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal valueDkk,
            @Size(max = LIST) List<@NotBlank @CleanText @Size(max = NAME) String> buyers,
            @Min(1) @Max(10_000) Integer buyerCount,
            Boolean frameworkAgreement,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"outcome": "SUCCEEDED", "findings": "Data kom hvert minut fra 300 cykler", "effectiveDate": "2025-03-01"}""")
    record RecordPilotOutcome(
            @NotNull PilotOutcome outcome,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String findings,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"type": "COMPETENCE", "description": "Analytikere skal kunne læse dataformatet", "owner": "TMF Data"}""")
    record AddReadinessItem(
            @NotNull ReadinessType type,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String description,
            @NotBlank @CleanText @Size(max = NAME) String owner,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"note": "Kursus gennemført", "effectiveDate": "2025-05-01"}""")
    record ResolveReadinessItem(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String note,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"summary": "I drift i hele byen", "benefitsExpected": "Bedre planlægning af cykelstier",
             "benefitsRealised": "To ruter omlagt efter data"}""")
    record RecordEvaluation(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String summary,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String benefitsExpected,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String benefitsRealised,
            LocalDate effectiveDate) {
    }

    /** Optional: a body left out, or the JSON null a generated client sends for it, completes today. */
    @Schema(nullable = true)
    record Complete(LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"text": "Afklar dataformatet før udbuddet", "tags": ["data", "udbud"]}""")
    record RecordLesson(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String text,
            @Size(max = 20) List<@NotBlank @CleanText @Size(max = 50) String> tags,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"organisation": "Cykeldata ApS", "form": "PRODUCT_TEST", "summary": "Test af GPS-data fra 500 cykler",
             "informationShared": "Forventet antal strækninger i udbuddet", "effectiveDate": "2024-02-01"}""")
    record RecordMarketContact(
            @NotBlank @CleanText @Size(max = NAME) String organisation,
            @NotNull MarketContactForm form,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String summary,
            @CleanText(multiline = true) @Size(max = TEXT) String informationShared,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"category": "CLIMATE", "description": "Mindre CO2 fra renovationsbilerne", "unit": "t CO2 pr. år",
             "expected": 120, "effectiveDate": "2024-05-01"}""")
    record DeclareBenefit(
            @NotNull BenefitCategory category,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String description,
            @Schema(description = "What `expected` and a follow-up's `realised` are counted in; a benefit without one is judged, not counted.")
            @CleanText @Size(max = 60) String unit,
            @Schema(description = "The amount expected, in `unit` (needs one).")
            @Digits(integer = 15, fraction = 4) BigDecimal expected,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"assessment": "PARTLY_ACHIEVED", "realised": 80, "note": "To af tre ruter omlagt",
             "effectiveDate": "2026-05-01"}""")
    record FollowUpBenefit(
            @NotNull BenefitAssessment assessment,
            @Schema(description = "The amount realised so far, in the benefit's unit (only where it has one).")
            @Digits(integer = 15, fraction = 4) BigDecimal realised,
            @CleanText(multiline = true) @Size(max = TEXT) String note,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"topic": "PROCEDURE", "question": "Kan vi bruge et innovationspartnerskab, når en leverandør allerede har testet en løsning?"}""")
    record RequestAdvice(
            @NotNull AdviceTopic topic,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String question,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"answer": "Ja, hvis testen er beskrevet i udbudsmaterialet, så alle tilbudsgivere kender resultatet."}""")
    record AnswerAdviceRequest(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String answer,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"reason": "Budgettet er ikke afklaret", "effectiveDate": "2025-01-15"}""")
    record PutOnHold(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String reason,
            LocalDate effectiveDate) {
    }

    /** Optional: a body left out, or the JSON null a generated client sends for it, resumes today without a reason. */
    @Schema(nullable = true)
    record Resume(
            @CleanText(multiline = true) @Size(max = TEXT) String reason,
            LocalDate effectiveDate) {
    }

    @Schema(example = """
            {"reason": "Leverandøren lukkede", "effectiveDate": "2025-02-01"}""")
    record Abandon(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String reason,
            LocalDate effectiveDate) {
    }
}
