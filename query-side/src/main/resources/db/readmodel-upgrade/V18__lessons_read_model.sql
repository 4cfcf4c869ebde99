-- Lessons learned are a read model of their own (dk.partnerships.query.lessons): the lessons, and what a search
-- shows of their partnership, which the summaries no longer lend it.
CREATE TABLE lesson_partnership (
    id         VARCHAR(64) PRIMARY KEY,
    title      TEXT        NOT NULL,
    department VARCHAR(20) NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    version    BIGINT      NOT NULL
);
INSERT INTO lesson_partnership (id, title, department, kind, version)
SELECT id, title, department, kind, version FROM partnership_summary;

-- Lessons of partnerships whose title shares a word with a new idea (SimilarLessons).
CREATE INDEX lesson_partnership_title_search ON lesson_partnership USING gin (to_tsvector('danish', title));
DROP INDEX partnership_summary_title_search;

ALTER TABLE partnership_lesson DROP CONSTRAINT partnership_lesson_partnership_id_fkey,
    ADD FOREIGN KEY (partnership_id) REFERENCES lesson_partnership (id) ON DELETE CASCADE;

INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-lessons', 0) ON CONFLICT DO NOTHING;
