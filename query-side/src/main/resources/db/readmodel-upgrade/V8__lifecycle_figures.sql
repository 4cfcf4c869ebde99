-- The lifecycle dashboard's figures, kept up to date instead of computed per request. Each table holds counts per
-- cell of the dashboard's filters (department, kind, year of proposal); a request sums the cells its filters
-- select, a few hundred rows instead of every partnership and stay.
--
-- The counts are kept by triggers on the read tables they summarise, so they follow every change those tables
-- get (projection, clearing, changes by hand) in the same transaction: each row contributes its counts, a change
-- takes the old row's contribution away and adds the new one's (one upsert per figure table, only for cells whose
-- count moves). They are therefore a function of the rows, exactly what aggregating the rows would give, whichever
-- statement changed them. A statement that changes very many rows at once (a rebuild's copy into the live tables)
-- sets partnerships.figures to 'deferred' for its transaction, which skips the row triggers, and then recounts
-- everything once with refresh_active_figures() and refresh_lifecycle_figures().
--
-- The functions name tables without a schema, like the projection's own statements: they run in the schema the
-- session works in. (Pinning search_path on each function costs a configuration change per call; in a rebuild's
-- scratch schema these triggers are disabled.) Each trigger call costs about a tenth of a millisecond; see
-- docs/benchmarks.md for what that does to a projection catching up from the first event.

-- Partnerships ACTIVE or ON_HOLD per stage (from partnership_summary).
CREATE TABLE figure_active (
    department   VARCHAR(20) NOT NULL,
    kind         VARCHAR(40) NOT NULL,
    year         INTEGER     NOT NULL,
    stage        VARCHAR(40) NOT NULL,
    partnerships BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, stage)
);

-- Per stage order (IDEA 0 ... EVALUATION 5): partnerships that ever entered it, and of those the ones that went on
-- to a later stage (from partnership_lifecycle's reached_stages and furthest_stage).
CREATE TABLE figure_conversion (
    department  VARCHAR(20) NOT NULL,
    kind        VARCHAR(40) NOT NULL,
    year        INTEGER     NOT NULL,
    stage_order SMALLINT    NOT NULL,
    entered     BIGINT      NOT NULL,
    went_on     BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, stage_order)
);

-- Per calendar quarter: proposed, completed and abandoned (from partnership_lifecycle), pilots and implementations
-- started, each partnership once per quarter (from the stays marked first_in_quarter).
CREATE TABLE figure_quarter (
    department              VARCHAR(20) NOT NULL,
    kind                    VARCHAR(40) NOT NULL,
    year                    INTEGER     NOT NULL,
    quarter                 DATE        NOT NULL,
    proposed                BIGINT      NOT NULL,
    pilots_started          BIGINT      NOT NULL,
    implementations_started BIGINT      NOT NULL,
    completed               BIGINT      NOT NULL,
    abandoned               BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, quarter)
);

-- Finished stays per stage and length in days (what the medians and 90th percentiles are computed from).
CREATE TABLE figure_stay_length (
    department VARCHAR(20) NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    year       INTEGER     NOT NULL,
    stage      VARCHAR(40) NOT NULL,
    days       INTEGER     NOT NULL,
    stays      BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, stage, days)
);

-- A stay that is its partnership's first in that stage within its calendar quarter: the quarterly trend counts
-- partnerships, not stays. Set by the projection when it opens the stay (stays open in sequence order).
ALTER TABLE partnership_stage_stay ADD COLUMN first_in_quarter BOOLEAN NOT NULL DEFAULT true;
UPDATE partnership_stage_stay s SET first_in_quarter = false
WHERE EXISTS (SELECT 1 FROM partnership_stage_stay o
              WHERE o.partnership_id = s.partnership_id AND o.stage = s.stage AND o.sequence < s.sequence
                AND date_trunc('quarter', o.entered_on) = date_trunc('quarter', s.entered_on));

-- Partnerships ACTIVE or ON_HOLD per stage.
CREATE FUNCTION figure_summary_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o partnership_summary;
    n partnership_summary;
BEGIN
    IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
    IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
    INSERT INTO figure_active
    SELECT department, kind, year, stage, sum(delta)
    FROM (VALUES (o.department, o.kind, CAST(extract(year FROM o.proposed_on) AS integer), o.stage,
                  CASE WHEN o.status IN ('ACTIVE', 'ON_HOLD') THEN -1 ELSE 0 END),
                 (n.department, n.kind, CAST(extract(year FROM n.proposed_on) AS integer), n.stage,
                  CASE WHEN n.status IN ('ACTIVE', 'ON_HOLD') THEN 1 ELSE 0 END)) AS d(department, kind, year, stage, delta)
    WHERE department IS NOT NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0
    ON CONFLICT (department, kind, year, stage)
        DO UPDATE SET partnerships = figure_active.partnerships + EXCLUDED.partnerships;
    RETURN NULL;
END $$;

-- Conversion per stage, and the quarters of proposal and closing.
CREATE FUNCTION figure_lifecycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o partnership_lifecycle;
    n partnership_lifecycle;
BEGIN
    IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
    IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
    INSERT INTO figure_conversion
    SELECT department, kind, year, stage_order, sum(entered), sum(went_on)
    FROM (SELECT r.department, r.kind, CAST(extract(year FROM r.proposed_on) AS integer) AS year,
                 CAST(s AS smallint) AS stage_order, r.sign AS entered,
                 CASE WHEN r.furthest_stage > s THEN r.sign ELSE 0 END AS went_on
          FROM (VALUES (o.department, o.kind, o.proposed_on, o.reached_stages, o.furthest_stage, -1),
                       (n.department, n.kind, n.proposed_on, n.reached_stages, n.furthest_stage, 1))
                   AS r(department, kind, proposed_on, reached_stages, furthest_stage, sign)
               CROSS JOIN generate_series(0, 14) AS s
          WHERE r.department IS NOT NULL AND r.reached_stages & (1 << s) <> 0) AS d
    GROUP BY 1, 2, 3, 4 HAVING sum(entered) <> 0 OR sum(went_on) <> 0
    ON CONFLICT (department, kind, year, stage_order) DO UPDATE
        SET entered = figure_conversion.entered + EXCLUDED.entered,
            went_on = figure_conversion.went_on + EXCLUDED.went_on;

    INSERT INTO figure_quarter
    SELECT department, kind, year, quarter, sum(proposed), 0, 0, sum(completed), sum(abandoned)
    FROM (SELECT r.department, r.kind, CAST(extract(year FROM r.proposed_on) AS integer) AS year,
                 CAST(date_trunc('quarter', r.proposed_on) AS date) AS quarter, r.sign AS proposed,
                 0 AS completed, 0 AS abandoned
          FROM (VALUES (o.department, o.kind, o.proposed_on, -1), (n.department, n.kind, n.proposed_on, 1))
                   AS r(department, kind, proposed_on, sign)
          UNION ALL
          SELECT r.department, r.kind, CAST(extract(year FROM r.proposed_on) AS integer),
                 CAST(date_trunc('quarter', r.closed_on) AS date), 0,
                 CASE WHEN r.closed_as = 'COMPLETED' THEN r.sign ELSE 0 END,
                 CASE WHEN r.closed_as = 'ABANDONED' THEN r.sign ELSE 0 END
          FROM (VALUES (o.department, o.kind, o.proposed_on, o.closed_on, o.closed_as, -1),
                       (n.department, n.kind, n.proposed_on, n.closed_on, n.closed_as, 1))
                   AS r(department, kind, proposed_on, closed_on, closed_as, sign)
          WHERE r.closed_on IS NOT NULL AND r.closed_as IN ('COMPLETED', 'ABANDONED')) AS d
    WHERE department IS NOT NULL
    GROUP BY 1, 2, 3, 4 HAVING sum(proposed) <> 0 OR sum(completed) <> 0 OR sum(abandoned) <> 0
    ON CONFLICT (department, kind, year, quarter) DO UPDATE
        SET proposed = figure_quarter.proposed + EXCLUDED.proposed,
            completed = figure_quarter.completed + EXCLUDED.completed,
            abandoned = figure_quarter.abandoned + EXCLUDED.abandoned;
    RETURN NULL;
END $$;

-- Finished stays by length, and pilots and implementations started per quarter.
CREATE FUNCTION figure_stay_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o partnership_stage_stay;
    n partnership_stage_stay;
BEGIN
    IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
    IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
    INSERT INTO figure_stay_length
    SELECT department, kind, year, stage, days, sum(sign)
    FROM (VALUES (o.department, o.kind, CAST(extract(year FROM o.proposed_on) AS integer), o.stage,
                  o.left_on - o.entered_on, -1),
                 (n.department, n.kind, CAST(extract(year FROM n.proposed_on) AS integer), n.stage,
                  n.left_on - n.entered_on, 1)) AS d(department, kind, year, stage, days, sign)
    WHERE department IS NOT NULL AND days IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
    ON CONFLICT (department, kind, year, stage, days) DO UPDATE SET stays = figure_stay_length.stays + EXCLUDED.stays;

    INSERT INTO figure_quarter
    SELECT department, kind, year, quarter, 0, sum(pilots), sum(implementations), 0, 0
    FROM (SELECT r.department, r.kind, CAST(extract(year FROM r.proposed_on) AS integer) AS year,
                 CAST(date_trunc('quarter', r.entered_on) AS date) AS quarter,
                 CASE WHEN r.stage = 'PILOT' THEN r.sign ELSE 0 END AS pilots,
                 CASE WHEN r.stage = 'IMPLEMENTATION' THEN r.sign ELSE 0 END AS implementations
          FROM (VALUES (o.department, o.kind, o.proposed_on, o.entered_on, o.stage, o.first_in_quarter, -1),
                       (n.department, n.kind, n.proposed_on, n.entered_on, n.stage, n.first_in_quarter, 1))
                   AS r(department, kind, proposed_on, entered_on, stage, first_in_quarter, sign)
          WHERE r.department IS NOT NULL AND r.first_in_quarter AND r.stage IN ('PILOT', 'IMPLEMENTATION')) AS d
    GROUP BY 1, 2, 3, 4 HAVING sum(pilots) <> 0 OR sum(implementations) <> 0
    ON CONFLICT (department, kind, year, quarter) DO UPDATE
        SET pilots_started = figure_quarter.pilots_started + EXCLUDED.pilots_started,
            implementations_started = figure_quarter.implementations_started + EXCLUDED.implementations_started;
    RETURN NULL;
END $$;

-- The row triggers. Their WHEN clauses are checked without calling the function: a change that moves no count
-- (most updates: a title, a version; most new stays) costs nothing, nor does any change while deferred.
CREATE TRIGGER figure_summary_added AFTER INSERT ON partnership_summary FOR EACH ROW
    WHEN (NEW.status IN ('ACTIVE', 'ON_HOLD')
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_summary_changed();
CREATE TRIGGER figure_summary_removed AFTER DELETE ON partnership_summary FOR EACH ROW
    WHEN (OLD.status IN ('ACTIVE', 'ON_HOLD')
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_summary_changed();
CREATE TRIGGER figure_summary_updated AFTER UPDATE ON partnership_summary FOR EACH ROW
    WHEN ((OLD.status, OLD.stage, OLD.department, OLD.kind, OLD.proposed_on)
          IS DISTINCT FROM (NEW.status, NEW.stage, NEW.department, NEW.kind, NEW.proposed_on)
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_summary_changed();

CREATE TRIGGER figure_lifecycle_added_or_removed AFTER INSERT OR DELETE ON partnership_lifecycle FOR EACH ROW
    WHEN (current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_lifecycle_changed();
CREATE TRIGGER figure_lifecycle_updated AFTER UPDATE ON partnership_lifecycle FOR EACH ROW
    WHEN ((OLD.reached_stages, OLD.furthest_stage, OLD.closed_on, OLD.closed_as, OLD.department, OLD.kind,
           OLD.proposed_on)
          IS DISTINCT FROM (NEW.reached_stages, NEW.furthest_stage, NEW.closed_on, NEW.closed_as, NEW.department,
                            NEW.kind, NEW.proposed_on)
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_lifecycle_changed();

CREATE TRIGGER figure_stay_added AFTER INSERT ON partnership_stage_stay FOR EACH ROW
    WHEN ((NEW.left_on IS NOT NULL OR (NEW.first_in_quarter AND NEW.stage IN ('PILOT', 'IMPLEMENTATION')))
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_stay_changed();
CREATE TRIGGER figure_stay_removed AFTER DELETE ON partnership_stage_stay FOR EACH ROW
    WHEN ((OLD.left_on IS NOT NULL OR (OLD.first_in_quarter AND OLD.stage IN ('PILOT', 'IMPLEMENTATION')))
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_stay_changed();
CREATE TRIGGER figure_stay_updated AFTER UPDATE ON partnership_stage_stay FOR EACH ROW
    WHEN ((OLD.left_on, OLD.entered_on, OLD.stage, OLD.first_in_quarter, OLD.department, OLD.kind, OLD.proposed_on)
          IS DISTINCT FROM (NEW.left_on, NEW.entered_on, NEW.stage, NEW.first_in_quarter, NEW.department, NEW.kind,
                            NEW.proposed_on)
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_stay_changed();

-- Emptying a table (a projection's clear) empties its counts; TRUNCATE fires no row triggers.
CREATE FUNCTION figure_summary_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM figure_active;
    RETURN NULL;
END $$;

CREATE FUNCTION figure_lifecycle_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM figure_conversion;
    UPDATE figure_quarter SET proposed = 0, completed = 0, abandoned = 0;
    RETURN NULL;
END $$;

CREATE FUNCTION figure_stay_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM figure_stay_length;
    UPDATE figure_quarter SET pilots_started = 0, implementations_started = 0;
    RETURN NULL;
END $$;

CREATE TRIGGER figure_summary_truncated AFTER TRUNCATE ON partnership_summary
    FOR EACH STATEMENT EXECUTE FUNCTION figure_summary_emptied();
CREATE TRIGGER figure_lifecycle_truncated AFTER TRUNCATE ON partnership_lifecycle
    FOR EACH STATEMENT EXECUTE FUNCTION figure_lifecycle_emptied();
CREATE TRIGGER figure_stay_truncated AFTER TRUNCATE ON partnership_stage_stay
    FOR EACH STATEMENT EXECUTE FUNCTION figure_stay_emptied();

-- Everything counted again from the rows: after a deferred bulk change, and here for the rows already there.
CREATE FUNCTION refresh_active_figures() RETURNS void LANGUAGE sql AS $$
    DELETE FROM figure_active;
    INSERT INTO figure_active
    SELECT department, kind, extract(year FROM proposed_on), stage, count(*) FROM partnership_summary
    WHERE status IN ('ACTIVE', 'ON_HOLD') GROUP BY 1, 2, 3, 4;
$$;

CREATE FUNCTION refresh_lifecycle_figures() RETURNS void LANGUAGE sql AS $$
    DELETE FROM figure_conversion;
    DELETE FROM figure_quarter;
    DELETE FROM figure_stay_length;

    INSERT INTO figure_conversion
    SELECT department, kind, extract(year FROM proposed_on), o, count(*), count(*) FILTER (WHERE furthest_stage > o)
    FROM partnership_lifecycle CROSS JOIN generate_series(0, 14) AS o
    WHERE reached_stages & (1 << o) <> 0 GROUP BY 1, 2, 3, 4;

    INSERT INTO figure_quarter
    SELECT department, kind, y, quarter, sum(proposed), sum(pilots), sum(implementations), sum(completed),
           sum(abandoned)
    FROM (SELECT department, kind, extract(year FROM proposed_on) AS y, date_trunc('quarter', proposed_on) AS quarter,
                 1 AS proposed, 0 AS pilots, 0 AS implementations, 0 AS completed, 0 AS abandoned
          FROM partnership_lifecycle
          UNION ALL
          SELECT department, kind, extract(year FROM proposed_on), date_trunc('quarter', closed_on), 0, 0, 0,
                 CASE WHEN closed_as = 'COMPLETED' THEN 1 ELSE 0 END,
                 CASE WHEN closed_as = 'ABANDONED' THEN 1 ELSE 0 END
          FROM partnership_lifecycle WHERE closed_on IS NOT NULL AND closed_as IN ('COMPLETED', 'ABANDONED')
          UNION ALL
          SELECT department, kind, extract(year FROM proposed_on), date_trunc('quarter', entered_on), 0,
                 CASE WHEN stage = 'PILOT' THEN 1 ELSE 0 END, CASE WHEN stage = 'IMPLEMENTATION' THEN 1 ELSE 0 END,
                 0, 0
          FROM partnership_stage_stay WHERE first_in_quarter AND stage IN ('PILOT', 'IMPLEMENTATION')) AS counted
    GROUP BY 1, 2, 3, 4;

    INSERT INTO figure_stay_length
    SELECT department, kind, extract(year FROM proposed_on), stage, left_on - entered_on, count(*)
    FROM partnership_stage_stay WHERE left_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
$$;

SELECT refresh_active_figures();
SELECT refresh_lifecycle_figures();
