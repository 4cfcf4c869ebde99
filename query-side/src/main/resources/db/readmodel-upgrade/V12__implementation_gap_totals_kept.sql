-- The implementation gap's totals and rates, kept like the lifecycle dashboard's figures (V8, counted at commit by
-- V10) instead of counted on the first read after every change.
--
-- Why: the gap's lists are read through partial indexes, oldest first, and stop at their limit; but their totals
-- (how many open readiness items, how many stalled partnerships) and the pilot-to-implementation rate per
-- department read every row they count. With 100,000 partnerships that was 250-310 ms on the first read after
-- each change, while every other dashboard answer took under 50 ms.
--
-- What is kept:
-- * open readiness items: partnership_summary carries how many of its readiness items are open (kept by the
--   summary projection in the same statement that adds or resolves an item), and figure_active sums it per cell
--   of the active and on-hold partnerships it already counts;
-- * figure_waiting: not-closed partnerships per date since which they wait to be put into operation (their latest
--   successful pilot, or their award when they never had a pilot) and not implemented since; the stalled total
--   for a threshold is the sum of the dates up to it;
-- * figure_after_pilot: per department, partnerships with a successful pilot and those of them implemented after
--   it.
-- The last two are functions of partnership_lifecycle alone: "not closed" is its closed_as, the same partnerships
-- the summary calls ACTIVE or ON_HOLD once both read models have projected the same events.

ALTER TABLE partnership_summary ADD COLUMN open_readiness_items INTEGER NOT NULL DEFAULT 0;
UPDATE partnership_summary s SET open_readiness_items = open.items
FROM (SELECT partnership_id, count(*) AS items FROM partnership_readiness_item WHERE resolved_on IS NULL
      GROUP BY partnership_id) open
WHERE open.partnership_id = s.id;

ALTER TABLE figure_active ADD COLUMN open_readiness_items BIGINT NOT NULL DEFAULT 0;
ALTER TABLE figure_pending_summary ADD COLUMN open_readiness_items INTEGER NOT NULL DEFAULT 0;

CREATE TABLE figure_waiting (
    waiting_since DATE   PRIMARY KEY,
    partnerships  BIGINT NOT NULL
);

CREATE TABLE figure_after_pilot (
    department  VARCHAR(20) PRIMARY KEY,
    succeeded   BIGINT      NOT NULL,  -- partnerships whose latest pilot succeeded
    implemented BIGINT      NOT NULL   -- of those, entered IMPLEMENTATION or EVALUATION on or after that day
);

-- The stalled list reads its rows, oldest first, from an index that holds only the partnerships that wait: V9's
-- index also held the ones implemented since, which the list skipped one by one (1,500 of the first 2,000 entries
-- in the benchmark's portfolio). The predicate repeats the list's conditions, so the planner can use it.
DROP INDEX partnership_lifecycle_waiting;
CREATE INDEX partnership_lifecycle_stalled ON partnership_lifecycle
    ((CASE WHEN pilot_succeeded_on IS NOT NULL THEN pilot_succeeded_on WHEN NOT had_pilot THEN awarded_on END),
     partnership_id)
    WHERE closed_as IS NULL
      AND (implemented_on IS NULL
           OR implemented_on < CASE WHEN pilot_succeeded_on IS NOT NULL THEN pilot_succeeded_on
                                    WHEN NOT had_pilot THEN awarded_on END);

-- What a lifecycle row contributes, worked out by the row trigger so the fold needs no more columns of it.
ALTER TABLE figure_pending_lifecycle ADD COLUMN waiting_since DATE;
ALTER TABLE figure_pending_lifecycle ADD COLUMN pilot_succeeded BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE figure_pending_lifecycle ADD COLUMN implemented_after_pilot BOOLEAN NOT NULL DEFAULT false;

-- Since when a lifecycle row's partnership waits to be put into operation, or null when it does not wait (closed,
-- implemented since, or neither awarded nor piloted successfully). The expression of ImplementationGapFigures'
-- list and of the partial index partnership_lifecycle_stalled.
-- One expression, so PostgreSQL inlines it where it is called: written as a query over a sub-select it ran as a
-- function call each time, and the lifecycle trigger cost 69 instead of 25 microseconds a row.
CREATE FUNCTION lifecycle_waiting_since(l partnership_lifecycle) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN l.closed_as IS NULL
                     AND (l.implemented_on IS NULL
                          OR l.implemented_on < CASE WHEN l.pilot_succeeded_on IS NOT NULL THEN l.pilot_succeeded_on
                                                     WHEN NOT l.had_pilot THEN l.awarded_on END)
                THEN CASE WHEN l.pilot_succeeded_on IS NOT NULL THEN l.pilot_succeeded_on
                          WHEN NOT l.had_pilot THEN l.awarded_on END END;
$$;

CREATE OR REPLACE FUNCTION figure_summary_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.status IN ('ACTIVE', 'ON_HOLD') THEN
            INSERT INTO figure_pending_summary (department, kind, proposed_on, stage, open_readiness_items, sign)
            VALUES (OLD.department, OLD.kind, OLD.proposed_on, OLD.stage, OLD.open_readiness_items, -1);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.status IN ('ACTIVE', 'ON_HOLD') THEN
            INSERT INTO figure_pending_summary (department, kind, proposed_on, stage, open_readiness_items, sign)
            VALUES (NEW.department, NEW.kind, NEW.proposed_on, NEW.stage, NEW.open_readiness_items, 1);
        END IF;
    END IF;
    PERFORM request_figures_fold();
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION figure_lifecycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO figure_pending_lifecycle (department, kind, proposed_on, reached_stages, furthest_stage, closed_on,
                                              closed_as, waiting_since, pilot_succeeded, implemented_after_pilot, sign)
        VALUES (OLD.department, OLD.kind, OLD.proposed_on, OLD.reached_stages, OLD.furthest_stage, OLD.closed_on,
                OLD.closed_as, lifecycle_waiting_since(OLD), OLD.pilot_succeeded_on IS NOT NULL,
                coalesce(OLD.implemented_on >= OLD.pilot_succeeded_on, false), -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO figure_pending_lifecycle (department, kind, proposed_on, reached_stages, furthest_stage, closed_on,
                                              closed_as, waiting_since, pilot_succeeded, implemented_after_pilot, sign)
        VALUES (NEW.department, NEW.kind, NEW.proposed_on, NEW.reached_stages, NEW.furthest_stage, NEW.closed_on,
                NEW.closed_as, lifecycle_waiting_since(NEW), NEW.pilot_succeeded_on IS NOT NULL,
                coalesce(NEW.implemented_on >= NEW.pilot_succeeded_on, false), 1);
    END IF;
    PERFORM request_figures_fold();
    RETURN NULL;
END $$;

-- The triggers' WHEN clauses gain the columns the new figures count.
DROP TRIGGER figure_summary_updated ON partnership_summary;
CREATE TRIGGER figure_summary_updated AFTER UPDATE ON partnership_summary FOR EACH ROW
    WHEN ((OLD.status, OLD.stage, OLD.department, OLD.kind, OLD.proposed_on, OLD.open_readiness_items)
          IS DISTINCT FROM (NEW.status, NEW.stage, NEW.department, NEW.kind, NEW.proposed_on, NEW.open_readiness_items)
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_summary_changed();

DROP TRIGGER figure_lifecycle_updated ON partnership_lifecycle;
CREATE TRIGGER figure_lifecycle_updated AFTER UPDATE ON partnership_lifecycle FOR EACH ROW
    WHEN ((OLD.reached_stages, OLD.furthest_stage, OLD.closed_on, OLD.closed_as, OLD.department, OLD.kind,
           OLD.proposed_on, OLD.pilot_succeeded_on, OLD.awarded_on, OLD.had_pilot, OLD.implemented_on)
          IS DISTINCT FROM (NEW.reached_stages, NEW.furthest_stage, NEW.closed_on, NEW.closed_as, NEW.department,
                            NEW.kind, NEW.proposed_on, NEW.pilot_succeeded_on, NEW.awarded_on, NEW.had_pilot,
                            NEW.implemented_on)
          AND current_setting('partnerships.figures', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION figure_lifecycle_changed();

-- V10's fold, with the new figures: each cell moved once, in key order.
CREATE OR REPLACE FUNCTION fold_pending_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('partnerships.figures_fold', '', true);
    DELETE FROM figure_fold_request WHERE transaction_id = pg_current_xact_id();

    WITH pending AS (DELETE FROM figure_pending_summary WHERE transaction_id = pg_current_xact_id() RETURNING *)
    INSERT INTO figure_active
    SELECT department, kind, CAST(extract(year FROM proposed_on) AS integer), stage, sum(sign),
           sum(sign * open_readiness_items)
    FROM pending
    GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 OR sum(sign * open_readiness_items) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (department, kind, year, stage)
        DO UPDATE SET partnerships = figure_active.partnerships + EXCLUDED.partnerships,
                      open_readiness_items = figure_active.open_readiness_items + EXCLUDED.open_readiness_items;

    WITH lifecycle AS (DELETE FROM figure_pending_lifecycle WHERE transaction_id = pg_current_xact_id() RETURNING *),
         stays AS (DELETE FROM figure_pending_stay WHERE transaction_id = pg_current_xact_id() RETURNING *),
         conversion AS (
             INSERT INTO figure_conversion
             SELECT department, kind, year, stage_order, sum(entered), sum(went_on)
             FROM (SELECT l.department, l.kind, CAST(extract(year FROM l.proposed_on) AS integer) AS year,
                          CAST(s AS smallint) AS stage_order, l.sign AS entered,
                          CASE WHEN l.furthest_stage > s THEN l.sign ELSE 0 END AS went_on
                   FROM lifecycle l CROSS JOIN generate_series(0, 14) AS s
                   WHERE l.reached_stages & (1 << s) <> 0) AS d
             GROUP BY 1, 2, 3, 4 HAVING sum(entered) <> 0 OR sum(went_on) <> 0 ORDER BY 1, 2, 3, 4
             ON CONFLICT (department, kind, year, stage_order) DO UPDATE
                 SET entered = figure_conversion.entered + EXCLUDED.entered,
                     went_on = figure_conversion.went_on + EXCLUDED.went_on),
         waiting AS (
             INSERT INTO figure_waiting
             SELECT waiting_since, sum(sign) FROM lifecycle WHERE waiting_since IS NOT NULL
             GROUP BY 1 HAVING sum(sign) <> 0 ORDER BY 1
             ON CONFLICT (waiting_since) DO UPDATE SET partnerships = figure_waiting.partnerships + EXCLUDED.partnerships),
         after_pilot AS (
             INSERT INTO figure_after_pilot
             SELECT department, sum(sign), sum(CASE WHEN implemented_after_pilot THEN sign ELSE 0 END)
             FROM lifecycle WHERE pilot_succeeded
             GROUP BY 1 HAVING sum(sign) <> 0 OR sum(CASE WHEN implemented_after_pilot THEN sign ELSE 0 END) <> 0
             ORDER BY 1
             ON CONFLICT (department) DO UPDATE
                 SET succeeded = figure_after_pilot.succeeded + EXCLUDED.succeeded,
                     implemented = figure_after_pilot.implemented + EXCLUDED.implemented),
         stay_lengths AS (
             INSERT INTO figure_stay_length
             SELECT department, kind, CAST(extract(year FROM proposed_on) AS integer), stage, left_on - entered_on,
                    sum(sign)
             FROM stays WHERE left_on IS NOT NULL
             GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
             ON CONFLICT (department, kind, year, stage, days)
                 DO UPDATE SET stays = figure_stay_length.stays + EXCLUDED.stays)
    INSERT INTO figure_quarter
    SELECT department, kind, year, quarter, sum(proposed), sum(pilots), sum(implementations), sum(completed),
           sum(abandoned)
    FROM (SELECT department, kind, CAST(extract(year FROM proposed_on) AS integer) AS year,
                 CAST(date_trunc('quarter', proposed_on) AS date) AS quarter, sign AS proposed, 0 AS pilots,
                 0 AS implementations, 0 AS completed, 0 AS abandoned
          FROM lifecycle
          UNION ALL
          SELECT department, kind, CAST(extract(year FROM proposed_on) AS integer),
                 CAST(date_trunc('quarter', closed_on) AS date), 0, 0, 0,
                 CASE WHEN closed_as = 'COMPLETED' THEN sign ELSE 0 END,
                 CASE WHEN closed_as = 'ABANDONED' THEN sign ELSE 0 END
          FROM lifecycle WHERE closed_on IS NOT NULL AND closed_as IN ('COMPLETED', 'ABANDONED')
          UNION ALL
          SELECT department, kind, CAST(extract(year FROM proposed_on) AS integer),
                 CAST(date_trunc('quarter', entered_on) AS date), 0,
                 CASE WHEN stage = 'PILOT' THEN sign ELSE 0 END,
                 CASE WHEN stage = 'IMPLEMENTATION' THEN sign ELSE 0 END, 0, 0
          FROM stays WHERE first_in_quarter AND stage IN ('PILOT', 'IMPLEMENTATION')) AS d
    GROUP BY 1, 2, 3, 4
    HAVING sum(proposed) <> 0 OR sum(pilots) <> 0 OR sum(implementations) <> 0 OR sum(completed) <> 0
        OR sum(abandoned) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (department, kind, year, quarter) DO UPDATE
        SET proposed = figure_quarter.proposed + EXCLUDED.proposed,
            pilots_started = figure_quarter.pilots_started + EXCLUDED.pilots_started,
            implementations_started = figure_quarter.implementations_started + EXCLUDED.implementations_started,
            completed = figure_quarter.completed + EXCLUDED.completed,
            abandoned = figure_quarter.abandoned + EXCLUDED.abandoned;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION figure_lifecycle_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM figure_conversion;
    DELETE FROM figure_waiting;
    DELETE FROM figure_after_pilot;
    UPDATE figure_quarter SET proposed = 0, completed = 0, abandoned = 0;
    DELETE FROM figure_pending_lifecycle WHERE transaction_id = pg_current_xact_id();
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION count_active_figures_from_rows() RETURNS void LANGUAGE sql AS $$
    DELETE FROM figure_active;
    INSERT INTO figure_active
    SELECT department, kind, extract(year FROM proposed_on), stage, count(*), sum(open_readiness_items)
    FROM partnership_summary
    WHERE status IN ('ACTIVE', 'ON_HOLD') GROUP BY 1, 2, 3, 4;
$$;

CREATE OR REPLACE FUNCTION count_lifecycle_figures_from_rows() RETURNS void LANGUAGE sql AS $$
    DELETE FROM figure_conversion;
    DELETE FROM figure_quarter;
    DELETE FROM figure_stay_length;
    DELETE FROM figure_waiting;
    DELETE FROM figure_after_pilot;

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

    INSERT INTO figure_waiting
    SELECT lifecycle_waiting_since(l), count(*) FROM partnership_lifecycle l
    WHERE lifecycle_waiting_since(l) IS NOT NULL GROUP BY 1;

    INSERT INTO figure_after_pilot
    SELECT department, count(*), count(*) FILTER (WHERE implemented_on >= pilot_succeeded_on)
    FROM partnership_lifecycle WHERE pilot_succeeded_on IS NOT NULL GROUP BY 1;
$$;

SELECT refresh_active_figures();
SELECT refresh_lifecycle_figures();
