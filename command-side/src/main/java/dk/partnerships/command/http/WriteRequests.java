package dk.partnerships.command.http;

import dk.partnerships.events.PartnershipKind;
import dk.partnerships.events.PilotOutcome;
import dk.partnerships.events.ReadinessType;
import dk.partnerships.events.Stage;
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

    record ProposePartnership(
            @NotBlank @CleanText @Size(max = TITLE) String title,
            @NotNull PartnershipKind kind,
            @NotBlank @CleanText @Size(max = 20) String department,
            @NotBlank @CleanText @Size(max = NAME) String lead,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String need,
            @Size(max = LIST) List<@NotBlank @CleanText @Size(max = NAME) String> partners,
            @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal expectedValueDkk,
            LocalDate effectiveDate) {
    }

    record TransitionStage(
            @NotNull Stage to,
            LocalDate effectiveDate,
            @CleanText(multiline = true) @Size(max = TEXT) String reason) {
    }

    record RecordAward(
            @NotBlank @CleanText @Size(max = NAME) String supplier,
            @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal valueDkk,
            @Size(max = LIST) List<@NotBlank @CleanText @Size(max = NAME) String> buyers,
            @Min(1) @Max(10_000) Integer buyerCount,
            Boolean frameworkAgreement,
            LocalDate effectiveDate) {
    }

    record RecordPilotOutcome(
            @NotNull PilotOutcome outcome,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String findings,
            LocalDate effectiveDate) {
    }

    record AddReadinessItem(
            @NotNull ReadinessType type,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String description,
            @NotBlank @CleanText @Size(max = NAME) String owner,
            LocalDate effectiveDate) {
    }

    record ResolveReadinessItem(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String note,
            LocalDate effectiveDate) {
    }

    record RecordEvaluation(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String summary,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String benefitsExpected,
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String benefitsRealised,
            LocalDate effectiveDate) {
    }

    record Complete(LocalDate effectiveDate) {
    }

    record RecordLesson(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String text,
            @Size(max = 20) List<@NotBlank @CleanText @Size(max = 50) String> tags,
            LocalDate effectiveDate) {
    }

    record PutOnHold(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String reason,
            LocalDate effectiveDate) {
    }

    record Resume(
            @CleanText(multiline = true) @Size(max = TEXT) String reason,
            LocalDate effectiveDate) {
    }

    record Abandon(
            @NotBlank @CleanText(multiline = true) @Size(max = TEXT) String reason,
            LocalDate effectiveDate) {
    }
}
