/**
 * The read model "partnership-summaries": where each partnership stands, its award, pilot and readiness items;
 * served as {@code GET /api/partnerships} (also as CSV), {@code GET /api/partnerships/{id}}, and the pages listing
 * partnerships, showing one, and recording on it.
 */
package dk.partnerships.query.summaries;
