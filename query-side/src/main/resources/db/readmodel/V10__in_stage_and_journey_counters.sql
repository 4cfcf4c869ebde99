-- Active partnerships per department, current stage and the day they entered it (FigureCounts): the implementation
-- gap's totals of partnerships stalled in a stage sum these cells instead of counting partnerships on every read.
CREATE TABLE figure_in_stage (
    department   VARCHAR(20) NOT NULL,
    stage        VARCHAR(20) NOT NULL,
    entered_on   DATE        NOT NULL,
    partnerships BIGINT      NOT NULL,
    PRIMARY KEY (department, stage, entered_on)
);
CREATE INDEX figure_in_stage_by_stage ON figure_in_stage (stage, entered_on);

-- Counted in place for the partnerships already there, as FigureCounts counts them; ReadModelUpgradeTest holds a
-- rebuild of an upgraded folder to change none of these cells.
INSERT INTO figure_in_stage (department, stage, entered_on, partnerships)
SELECT department, stage, stage_entered_on, count(*) FROM partnership_lifecycle WHERE status = 'ACTIVE'
GROUP BY 1, 2, 3;

-- 'journey-figures' moves only when a time-to-implementation cell does (a proposal, or a partnership reaching
-- operation, abandoned or completed), so the curves are not computed again after every stage change or hold.
INSERT INTO read_model_change (read_model, changes) VALUES ('journey-figures', 0);
