-- Lessons learned, searchable across departments in Danish and English (PostgreSQL full-text search).
-- An expression index rather than a stored column, so the read tables keep the same columns in every schema
-- (rebuilds copy them with INSERT ... SELECT *).
CREATE INDEX partnership_lesson_search ON partnership_lesson
    USING gin ((to_tsvector('danish', text) || to_tsvector('english', text)));
CREATE INDEX partnership_lesson_tags ON partnership_lesson USING gin (tags);
