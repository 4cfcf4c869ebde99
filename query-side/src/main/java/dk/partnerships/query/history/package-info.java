/**
 * The read model "partnership-history": each partnership's events in order, for people (who, when recorded, effective
 * date, why) and for time travel: the state on any effective date ({@code asOf}), as the system knew it at any moment
 * ({@code knownAt}), and the difference between two dates; the audit pages and the OCDS export are read from it.
 */
package dk.partnerships.query.history;
