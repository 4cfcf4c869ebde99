package dk.partnerships.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The partnership jumped forward over one or more stages, for a stated reason
 * (a strategic partnership without a tender, a tender that needs no pilot).
 */
@Revision("1")
public record StageSkippedEvent(
        String partnershipId,
        Stage from,
        Stage to,
        List<Stage> skipped,
        String reason,
        LocalDate effectiveDate) implements PartnershipEvent {

    public StageSkippedEvent {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
