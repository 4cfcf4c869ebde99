-- Read model "partnership-lessons" (dk.partnerships.query.lessons): the lessons learned, searchable across
-- departments, and what a search shows of their partnership (set when it was proposed, never changed).
CREATE TABLE lesson_partnership (
    id         VARCHAR(64) PRIMARY KEY,
    title      TEXT        NOT NULL,
    department VARCHAR(20) NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    version    BIGINT      NOT NULL
);
-- Lessons of partnerships whose title shares a word with a new idea (SimilarLessons).
CREATE INDEX lesson_partnership_title_search ON lesson_partnership USING gin (to_tsvector('danish', title));

CREATE TABLE partnership_lesson (
    lesson_id      VARCHAR(64)  PRIMARY KEY,
    partnership_id VARCHAR(64)  NOT NULL REFERENCES lesson_partnership (id) ON DELETE CASCADE,
    text           TEXT         NOT NULL,
    tags           JSONB        NOT NULL DEFAULT '[]',
    stage          VARCHAR(40)  NOT NULL,
    effective_date DATE         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    -- Stored, so ranking reads it instead of computing it per lesson (LessonTextSearch).
    search_vector  TSVECTOR GENERATED ALWAYS AS (to_tsvector('danish', text) || to_tsvector('english', text)) STORED
);
CREATE INDEX partnership_lesson_partnership ON partnership_lesson (partnership_id);
CREATE INDEX partnership_lesson_search ON partnership_lesson USING gin (search_vector);
CREATE INDEX partnership_lesson_tags ON partnership_lesson USING gin (tags);
-- Without a search, the newest lessons first, read in the index's order.
CREATE INDEX partnership_lesson_recent ON partnership_lesson (recorded_at DESC, lesson_id);

INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-lessons', 0);
