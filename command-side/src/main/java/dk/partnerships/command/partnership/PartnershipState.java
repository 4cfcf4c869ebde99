package dk.partnerships.command.partnership;

import dk.partnerships.events.PartnershipStatus;
import dk.partnerships.events.Stage;

/** What a write answers with: where the partnership now stands, and its new version (the number of events). */
public record PartnershipState(String partnershipId, Stage stage, PartnershipStatus status, long version) {
}
