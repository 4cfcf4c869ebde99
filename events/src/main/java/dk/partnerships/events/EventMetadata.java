package dk.partnerships.events;

/**
 * Keys of the metadata stored with every event. Metadata answers who, when and under which request;
 * the payload answers what happened.
 */
public final class EventMetadata {

    /** Id of the signed-in user who caused the event (the account name or the identity provider's user id). */
    public static final String USER_ID = "userId";
    /** Display name of that user at the time, as the sign-in gave it. */
    public static final String USER_NAME = "userName";
    /** The role under which the user acted ({@code PROJECT_LEAD} for partnership writes). */
    public static final String USER_ROLE = "userRole";
    /** When the system accepted the command, ISO-8601 UTC. */
    public static final String RECORDED_AT = "recordedAt";
    /** The effective date the user gave, ISO {@code YYYY-MM-DD}. */
    public static final String EFFECTIVE_DATE = "effectiveDate";
    /** Id of the command; equals the {@code Idempotency-Key} when the client sent one. */
    public static final String COMMAND_ID = "commandId";
    /** Ties together everything one request caused; taken from {@code X-Correlation-Id} when given. */
    public static final String CORRELATION_ID = "correlationId";

    private EventMetadata() {
    }
}
