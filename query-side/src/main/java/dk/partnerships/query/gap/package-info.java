/**
 * The implementation gap (the core finding of the source document): pilots that succeeded, or tenders awarded without
 * a pilot, that have not reached ordinary operation; open readiness items; partnerships abandoned after a successful
 * pilot; and how often a successful pilot converts into implementation, per department. Computed from the history
 * read model by effective dates.
 */
package dk.partnerships.query.gap;
