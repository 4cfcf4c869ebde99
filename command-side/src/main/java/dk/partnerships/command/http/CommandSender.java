package dk.partnerships.command.http;

import dk.partnerships.command.partnership.PartnershipState;
import dk.partnerships.command.partnership.CommandMetadata;
import dk.partnerships.security.Role;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends one write's command with its metadata and turns the result into the HTTP answer.
 * <p>
 * Everything a write does happens in one database transaction: with an {@code Idempotency-Key}, claiming the key,
 * building the command (which may register a person's name), appending the events (Axon joins the surrounding
 * Spring transaction) and storing the answer; either all of it is durable or none, so a refused proposal leaves no
 * name behind. A write with nothing but events to store runs in Axon's own transaction.
 */
class CommandSender {

    static final String NEW_PARTNERSHIP_SCOPE = "new-partnership";

    private final CommandGateway gateway;
    private final IdempotencyStore idempotency;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    CommandSender(CommandGateway gateway, IdempotencyStore idempotency, TransactionTemplate transaction,
                  JsonMapper json, Clock clock) {
        this.gateway = gateway;
        this.idempotency = idempotency;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * @param scope    the partnership id, or {@link #NEW_PARTNERSHIP_SCOPE} for a proposal
     * @param request  what the client sent (with the path), hashed to tell a retry from a different request
     *                 reusing the key
     * @param answer   builds the answer from the command's result
     */
    ResponseEntity<String> send(WriteContext context, String scope, Object request, Object command,
                                LocalDate effectiveDate, Function<Object, WriteAnswerBody> answer) {
        if (context.idempotencyKey() == null) {
            // Nothing to write besides the events: Axon's unit of work is the transaction, taken as late as it can be
            // (a surrounding one held a pooled connection through the whole request; measured on the writes benchmark).
            return dispatch(context, command, effectiveDate, answer).toResponse(false);
        }
        return send(context, scope, request, () -> command, effectiveDate, answer);
    }

    /** As above, with the command built inside the write's transaction (and only when it is not a retry). */
    ResponseEntity<String> send(WriteContext context, String scope, Object request, Supplier<Object> command,
                                LocalDate effectiveDate, Function<Object, WriteAnswerBody> answer) {
        if (context.idempotencyKey() == null) {
            return transaction.execute(status -> dispatch(context, command.get(), effectiveDate, answer).toResponse(false));
        }
        String requestHash = sha256(json.writeValueAsString(request));
        return transaction.execute(status -> {
            Optional<IdempotencyStore.Stored> earlier = idempotency.claim(scope, context.idempotencyKey(), requestHash);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(requestHash)) {
                    throw new IdempotencyKeyReusedException(context.idempotencyKey());
                }
                return earlier.get().answer().toResponse(true);
            }
            WriteAnswer written = dispatch(context, command.get(), effectiveDate, answer);
            idempotency.complete(scope, context.idempotencyKey(), written);
            return written.toResponse(false);
        });
    }

    private WriteAnswer dispatch(WriteContext context, Object command, LocalDate effectiveDate,
                                 Function<Object, WriteAnswerBody> answer) {
        CommandMetadata metadata = new CommandMetadata(context.author().id(), context.author().name(),
                context.role().name(), context.author().departments(), clock.instant(), effectiveDate,
                context.commandId(), context.correlationId());
        Object result;
        try {
            result = gateway.sendAndWait(metadata.wrap(command), 30, TimeUnit.SECONDS);
        } catch (CommandExecutionException e) {
            // A remote command bus wraps the handler's exception; the caller wants the original refusal.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        WriteAnswerBody body = answer.apply(result);
        return new WriteAnswer(body.status(), body.location(), json.writeValueAsString(body.body()), body.body().version());
    }

    /** Status, location and body of an answer before it is serialised. */
    record WriteAnswerBody(int status, String location, PartnershipWritten body) {

        static WriteAnswerBody ok(PartnershipState state) {
            return new WriteAnswerBody(200, null, PartnershipWritten.of(state));
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static final class IdempotencyKeyReusedException extends RuntimeException {
        private final String key;

        IdempotencyKeyReusedException(String key) {
            super("Idempotency-Key " + key + " was already used for a different request");
            this.key = key;
        }

        String key() {
            return key;
        }
    }
}
