package dk.partnerships.command.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.partnerships.command.partnership.PartnershipState;
import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an accepted write: the partnership as the write left it, and the id of what a write created inside
 * it (a readiness item, a lesson, a market contact, a benefit, a follow-up, an advice request). Its {@code version} is also the answer's {@code ETag}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The partnership as the write left it.")
record PartnershipWritten(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Stage stage,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) PartnershipStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") long version,
        @Schema(description = "The new readiness item's id (adding one only).", format = "uuid") String itemId,
        @Schema(description = "The new lesson's id (recording one only).", format = "uuid") String lessonId,
        @Schema(description = "The new market contact's id (recording one only).", format = "uuid") String contactId,
        @Schema(description = "The new benefit's id (declaring one only).", format = "uuid") String benefitId,
        @Schema(description = "The new follow-up's id (following a benefit up only).", format = "uuid") String followUpId,
        @Schema(description = "The new advice request's id (asking for advice only).", format = "uuid") String requestId) {

    static PartnershipWritten of(PartnershipState state) {
        return new PartnershipWritten(state.partnershipId(), state.stage(), state.status(), state.version(), null, null,
                null, null, null, null);
    }

    PartnershipWritten withItem(String itemId) {
        return new PartnershipWritten(id, stage, status, version, itemId, null, null, null, null, null);
    }

    PartnershipWritten withLesson(String lessonId) {
        return new PartnershipWritten(id, stage, status, version, null, lessonId, null, null, null, null);
    }

    PartnershipWritten withContact(String contactId) {
        return new PartnershipWritten(id, stage, status, version, null, null, contactId, null, null, null);
    }

    PartnershipWritten withBenefit(String benefitId) {
        return new PartnershipWritten(id, stage, status, version, null, null, null, benefitId, null, null);
    }

    PartnershipWritten withFollowUp(String followUpId) {
        return new PartnershipWritten(id, stage, status, version, null, null, null, null, followUpId, null);
    }

    PartnershipWritten withRequest(String requestId) {
        return new PartnershipWritten(id, stage, status, version, null, null, null, null, null, requestId);
    }
}
