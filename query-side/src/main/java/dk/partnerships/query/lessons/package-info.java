/**
 * The read model "partnership-lessons": lessons learned shared across departments, with what a search shows of their
 * partnership. {@code GET /api/lessons} (full-text search in Danish and English, filters by department, stage and
 * kind), the {@code /lessons} page, the lessons beside a new idea and on a partnership's page.
 */
package dk.partnerships.query.lessons;
