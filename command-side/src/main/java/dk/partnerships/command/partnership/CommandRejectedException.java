package dk.partnerships.command.partnership;

/**
 * A command the aggregate refused. {@link #code()} is stable and machine-readable (clients branch on it);
 * {@link #getMessage()} says in plain words what was wrong. Nothing is appended when this is thrown.
 */
public class CommandRejectedException extends RuntimeException {

    /** How the HTTP layer should answer: the kind of refusal, not the status code itself. */
    public enum Reason {
        /** The lifecycle rules forbid it in the current state (HTTP 409). */
        RULE_VIOLATED,
        /** The command itself is invalid whatever the state (HTTP 400). */
        INVALID,
        /** It names something that does not exist inside the partnership (HTTP 404). */
        NOT_FOUND,
        /** The client's expected version is not the current one (HTTP 412). */
        STALE_VERSION,
        /** The signed-in author may not change this partnership (HTTP 403). */
        FORBIDDEN
    }

    private final String code;
    private final Reason reason;

    public CommandRejectedException(Reason reason, String code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    static CommandRejectedException rule(String code, String message) {
        return new CommandRejectedException(Reason.RULE_VIOLATED, code, message);
    }

    static CommandRejectedException invalid(String code, String message) {
        return new CommandRejectedException(Reason.INVALID, code, message);
    }

    public String code() {
        return code;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // A refusal is an expected answer, not a fault: no stack trace to collect or log.
        return this;
    }
}
