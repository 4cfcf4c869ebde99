/**
 * Audit on the event store itself: each partnership's events form a SHA-256 hash chain computed by PostgreSQL when
 * an event is stored; verification recomputes it, and exports carry the hashes so auditors can verify offline.
 */
package dk.partnerships.command.audit;
