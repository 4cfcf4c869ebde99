package dk.partnerships.events;

/** What an implementation needs before the solution can run in ordinary operation. */
public enum ReadinessType {
    COMPETENCE,
    ORGANISATIONAL_CHANGE
}
