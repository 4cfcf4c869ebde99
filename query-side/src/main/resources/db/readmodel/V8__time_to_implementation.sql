-- The time-to-implementation curve's kept figures (FigureCounts, ImplementationJourney): per department, kind and year
-- of proposal, the partnerships whose way to operation came to an outcome after so many days, and those still under
-- way by day of proposal (followed up to the day of the request).
CREATE TABLE figure_time_to_outcome (
    department   VARCHAR(20) NOT NULL,
    kind         VARCHAR(40) NOT NULL,
    year         INTEGER     NOT NULL,
    outcome      VARCHAR(20) NOT NULL,
    days         INTEGER     NOT NULL,
    partnerships BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, outcome, days)
);

CREATE TABLE figure_under_way (
    department   VARCHAR(20) NOT NULL,
    kind         VARCHAR(40) NOT NULL,
    year         INTEGER     NOT NULL,
    proposed_on  DATE        NOT NULL,
    partnerships BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, proposed_on)
);

-- Counted in place for the partnerships already there, as FigureCounts counts them (ImplementationJourney): the first
-- entry into IMPLEMENTATION or EVALUATION, else abandoned or completed on the day it closed, else still under way.
-- The live projection moves these cells from the first event after the upgrade, so they must hold every partnership
-- now; ReadModelUpgradeTest holds a rebuild of an upgraded folder to change none of them.
WITH journey AS (
    SELECT l.department, l.kind, CAST(extract(year FROM l.proposed_on) AS integer) AS year, l.proposed_on, l.status,
           l.closed_on,
           (SELECT min(s.entered_on) FROM partnership_stage_stay s
            WHERE s.partnership_id = l.partnership_id AND s.stage IN ('IMPLEMENTATION', 'EVALUATION')) AS implemented_on
    FROM partnership_lifecycle l),
outcome AS (
    SELECT department, kind, year,
           CASE WHEN implemented_on IS NOT NULL THEN 'IMPLEMENTED'
                WHEN status = 'ABANDONED' THEN 'ABANDONED' ELSE 'ENDED' END AS outcome,
           greatest(0, coalesce(implemented_on, closed_on) - proposed_on) AS days
    FROM journey WHERE implemented_on IS NOT NULL OR status IN ('ABANDONED', 'COMPLETED'))
INSERT INTO figure_time_to_outcome (department, kind, year, outcome, days, partnerships)
SELECT department, kind, year, outcome, days, count(*) FROM outcome GROUP BY 1, 2, 3, 4, 5;

INSERT INTO figure_under_way (department, kind, year, proposed_on, partnerships)
SELECT l.department, l.kind, CAST(extract(year FROM l.proposed_on) AS integer), l.proposed_on, count(*)
FROM partnership_lifecycle l
WHERE l.status NOT IN ('ABANDONED', 'COMPLETED')
  AND NOT EXISTS (SELECT 1 FROM partnership_stage_stay s
                  WHERE s.partnership_id = l.partnership_id AND s.stage IN ('IMPLEMENTATION', 'EVALUATION'))
GROUP BY 1, 2, 3, 4;
