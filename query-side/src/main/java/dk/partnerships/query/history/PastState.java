package dk.partnerships.query.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dk.partnerships.query.state.PartnershipState;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A partnership's state on a past effective date ({@code asOf}), as the system knew it at {@code knownAt}: the same
 * fields as today's state, with the two moments asked for echoed (null when not asked).
 */
public record PastState(@JsonUnwrapped PartnershipState state, LocalDate asOf, Instant knownAt) {
}
