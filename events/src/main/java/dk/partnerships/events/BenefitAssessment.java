package dk.partnerships.events;

/** How far an expected benefit was achieved when someone followed it up. */
public enum BenefitAssessment {
    ACHIEVED,
    PARTLY_ACHIEVED,
    NOT_ACHIEVED,
    /** Followed up, but it is too early to tell: the follow-up still counts as one. */
    TOO_EARLY
}
