package dk.partnerships.command.partnership;

import dk.partnerships.security.ProblemTexts;

import java.util.Locale;

/**
 * A command the aggregate refused. {@link #code()} is stable and machine-readable (clients branch on it);
 * {@link #getMessage()} says in plain English what was wrong; {@link #detail} in the language asked for. Nothing is appended when this is thrown.
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
    private final Object[] arguments;

    /** @param arguments what the code's text names ({@link ProblemTexts}): stages, dates, ids, counts */
    public CommandRejectedException(Reason reason, String code, Object... arguments) {
        super(ProblemTexts.detail(code, Locale.ENGLISH, arguments));
        this.reason = reason;
        this.code = code;
        this.arguments = arguments.clone();
    }

    static CommandRejectedException rule(String code, Object... arguments) {
        return new CommandRejectedException(Reason.RULE_VIOLATED, code, arguments);
    }

    static CommandRejectedException invalid(String code, Object... arguments) {
        return new CommandRejectedException(Reason.INVALID, code, arguments);
    }

    /** The refusal in the language asked for. */
    public String detail(Locale language) {
        return ProblemTexts.detail(code, language, arguments);
    }

    public Object[] arguments() {
        return arguments.clone();
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
