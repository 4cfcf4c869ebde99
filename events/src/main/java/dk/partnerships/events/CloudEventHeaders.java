package dk.partnerships.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a partnership event travels on Kafka: CloudEvents 1.0 in binary mode. The record's key is the partnership
 * id (so each partnership's events stay in order in one partition), its value the event's JSON (the frozen form
 * in this module), and its headers the CloudEvents attributes plus extensions for what an auditor or a projection
 * needs besides the payload. Extension names follow CloudEvents' rule: lower-case letters and digits only.
 */
public final class CloudEventHeaders {

    public static final String TOPIC = "partnership-events";

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    /** Extension: the event's {@code @Revision}. */
    public static final String REVISION = "ce_revision";
    /** Extension: the event's position in its partnership's stream, from 0 (CloudEvents' "sequence" extension). */
    public static final String SEQUENCE = "ce_sequence";
    /** Extensions carrying the event's metadata (see {@link EventMetadata}). */
    public static final String USER_ID = "ce_userid";
    public static final String USER_NAME = "ce_username";
    public static final String USER_ROLE = "ce_userrole";
    public static final String EFFECTIVE_DATE = "ce_effectivedate";
    public static final String COMMAND_ID = "ce_commandid";
    public static final String CORRELATION_ID = "ce_correlationid";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** Metadata key to header name, for the metadata carried as extensions. */
    public static final Map<String, String> METADATA_HEADERS;

    static {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EventMetadata.USER_ID, USER_ID);
        headers.put(EventMetadata.USER_NAME, USER_NAME);
        headers.put(EventMetadata.USER_ROLE, USER_ROLE);
        headers.put(EventMetadata.EFFECTIVE_DATE, EFFECTIVE_DATE);
        headers.put(EventMetadata.COMMAND_ID, COMMAND_ID);
        headers.put(EventMetadata.CORRELATION_ID, CORRELATION_ID);
        METADATA_HEADERS = Map.copyOf(headers);
    }

    private CloudEventHeaders() {
    }

    /** The {@code ce_type} of an event class: its fully qualified name, which is also its type in the event store. */
    public static String typeOf(Class<?> eventClass) {
        return eventClass.getName();
    }
}
