package dk.partnerships.events;

/** The procurement procedure of a tender (EU procurement law as Danish law implements it). */
public enum TenderProcedure {
    INNOVATION_PARTNERSHIP,
    COMPETITIVE_DIALOGUE,
    COMPETITIVE_WITH_NEGOTIATION,
    OPEN,
    RESTRICTED,
    PRE_COMMERCIAL_PROCUREMENT,
    FRAMEWORK_CALL_OFF,
    /** No procurement procedure (e.g. below the thresholds, or a strategic partnership); needs a reason. */
    NONE
}
