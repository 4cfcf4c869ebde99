package dk.partnerships.command.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The hash chain's algorithm, the same as the database trigger's (migration V2) and the README's:
 * {@code hash = hex(SHA-256(UTF-8 of previousHash, aggregateIdentifier, sequenceNumber, eventIdentifier,
 * payloadType, payloadRevision or "", timeStamp, base64(payload), base64(metaData) or "", joined by "\n"))},
 * with 64 zeros as the previous hash of sequence 0.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    static String canonicalForm(String previousHash, StoredEvent event) {
        return String.join("\n",
                previousHash,
                event.aggregateIdentifier(),
                Long.toString(event.sequenceNumber()),
                event.eventIdentifier(),
                event.payloadType(),
                event.payloadRevision() == null ? "" : event.payloadRevision(),
                event.timeStamp(),
                Base64.getEncoder().encodeToString(event.payload()),
                event.metaData() == null ? "" : Base64.getEncoder().encodeToString(event.metaData()));
    }

    static String hash(String previousHash, StoredEvent event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm(previousHash, event).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
