package dk.partnerships.events;

public enum PilotOutcome {
    SUCCEEDED,
    PARTLY_SUCCEEDED,
    FAILED
}
