package dk.partnerships.events;

/** The forms of collaboration the source document names. */
public enum PartnershipKind {
    /** Public-private partnership (offentlig-privat partnerskab). */
    OPP,
    /** Public-private innovation collaboration (offentlig-privat innovationssamarbejde). */
    OPI,
    INNOVATIVE_TENDER,
    STRATEGIC_PARTNERSHIP
}
