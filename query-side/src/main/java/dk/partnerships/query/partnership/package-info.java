/**
 * The read model "partnership-summaries": where each partnership stands, its award, pilot, readiness items and
 * lessons; served as {@code GET /api/partnerships} and {@code GET /api/partnerships/{id}}.
 */
package dk.partnerships.query.partnership;
