/**
 * Lessons learned shared across departments: {@code GET /api/lessons}, full-text search in Danish and English with
 * filters by department, stage and kind. Reads the lessons the partnership-summaries projection keeps.
 */
package dk.partnerships.query.lessons;
