package dk.partnerships.query.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** The command side's verdict on hash chains, as the verification and audit pages show it. */
final class ChainVerification {

    private ChainVerification() {
    }

    /** One partnership's chain: intact, or where it first breaks and why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OfPartnership(String partnershipId, boolean valid, long eventsChecked, Long firstBrokenSequence,
                         String problem, String lastHash) {
    }

    /** Every chain in the store: how many were checked and the ones that break. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OfStore(boolean valid, long partnerships, long events, List<OfPartnership> broken) {
    }
}
