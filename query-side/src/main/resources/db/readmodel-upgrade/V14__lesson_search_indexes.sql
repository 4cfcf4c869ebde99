-- Lessons listed without a query, newest first (GET /api/lessons, the /lessons page): without an index in that
-- order PostgreSQL sorted every lesson for each page.
CREATE INDEX partnership_lesson_recent ON partnership_lesson (recorded_at DESC, lesson_id);

-- Lessons of partnerships whose title shares a word with a new idea (SimilarLessons): found through this index
-- instead of computing the search vector of every partnership's title. Titles never change, so the index costs one
-- entry per partnership.
CREATE INDEX partnership_summary_title_search ON partnership_summary USING gin (to_tsvector('danish', title));
