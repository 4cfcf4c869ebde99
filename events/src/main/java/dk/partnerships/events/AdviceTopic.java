package dk.partnerships.events;

/** What a project lead asks the central procurement and legal unit about. */
public enum AdviceTopic {
    /** OPP/OPI law, contracts, state aid, data protection. */
    LEGAL,
    /** Which tender procedure, how to run market dialogue with equal treatment. */
    PROCEDURE,
    /** Putting a pilot into operation: organisation, competences, operation budget. */
    IMPLEMENTATION,
    FUNDING,
    OTHER
}
