-- The lifecycle dashboard's figures, kept up to date instead of computed per request. Each table holds counts per
-- cell of the dashboard's filters (department, kind, year of proposal); a request sums the cells its filters
-- select, a few hundred rows instead of every partnership and stay.
--
-- The counts are kept by triggers on the read tables they summarise, so they follow every change those tables
-- get (projection, rebuild copy, clearing) in the same transaction: each row contributes its counts, an update
-- takes the old row's contribution away and adds the new one's. They are therefore a function of the rows, exactly
-- what aggregating the rows would give, whichever statement changed them.

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

-- Adds one row's counts (sign 1) or takes them away (sign -1).
CREATE FUNCTION figure_count_quarter(p_department TEXT, p_kind TEXT, p_year INTEGER, p_day DATE,
                                     p_proposed INTEGER, p_pilots INTEGER, p_implementations INTEGER,
                                     p_completed INTEGER, p_abandoned INTEGER)
    RETURNS void LANGUAGE sql SET search_path FROM CURRENT AS $$
    INSERT INTO figure_quarter VALUES (p_department, p_kind, p_year, CAST(date_trunc('quarter', p_day) AS date),
                                       p_proposed, p_pilots, p_implementations, p_completed, p_abandoned)
    ON CONFLICT ON CONSTRAINT figure_quarter_pkey DO UPDATE
        SET proposed = figure_quarter.proposed + EXCLUDED.proposed,
            pilots_started = figure_quarter.pilots_started + EXCLUDED.pilots_started,
            implementations_started = figure_quarter.implementations_started + EXCLUDED.implementations_started,
            completed = figure_quarter.completed + EXCLUDED.completed,
            abandoned = figure_quarter.abandoned + EXCLUDED.abandoned
$$;

CREATE FUNCTION figure_count_summary(r partnership_summary, sign INTEGER) RETURNS void LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF r.status IN ('ACTIVE', 'ON_HOLD') THEN
        INSERT INTO figure_active VALUES (r.department, r.kind, extract(year FROM r.proposed_on), r.stage, sign)
        ON CONFLICT (department, kind, year, stage)
            DO UPDATE SET partnerships = figure_active.partnerships + EXCLUDED.partnerships;
    END IF;
END $$;

CREATE FUNCTION figure_count_lifecycle(r partnership_lifecycle, sign INTEGER) RETURNS void LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    y INTEGER := extract(year FROM r.proposed_on);
BEGIN
    INSERT INTO figure_conversion
    SELECT r.department, r.kind, y, o, sign, CASE WHEN r.furthest_stage > o THEN sign ELSE 0 END
    FROM generate_series(0, 14) AS o WHERE r.reached_stages & (1 << o) <> 0
    ON CONFLICT (department, kind, year, stage_order) DO UPDATE
        SET entered = figure_conversion.entered + EXCLUDED.entered,
            went_on = figure_conversion.went_on + EXCLUDED.went_on;
    PERFORM figure_count_quarter(r.department, r.kind, y, r.proposed_on, sign, 0, 0, 0, 0);
    IF r.closed_on IS NOT NULL AND r.closed_as IN ('COMPLETED', 'ABANDONED') THEN
        PERFORM figure_count_quarter(r.department, r.kind, y, r.closed_on, 0, 0, 0,
                                     CASE WHEN r.closed_as = 'COMPLETED' THEN sign ELSE 0 END,
                                     CASE WHEN r.closed_as = 'ABANDONED' THEN sign ELSE 0 END);
    END IF;
END $$;

CREATE FUNCTION figure_count_stay(r partnership_stage_stay, sign INTEGER) RETURNS void LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    y INTEGER := extract(year FROM r.proposed_on);
BEGIN
    IF r.left_on IS NOT NULL THEN
        INSERT INTO figure_stay_length VALUES (r.department, r.kind, y, r.stage, r.left_on - r.entered_on, sign)
        ON CONFLICT (department, kind, year, stage, days) DO UPDATE SET stays = figure_stay_length.stays + EXCLUDED.stays;
    END IF;
    IF r.first_in_quarter AND r.stage IN ('PILOT', 'IMPLEMENTATION') THEN
        PERFORM figure_count_quarter(r.department, r.kind, y, r.entered_on, 0,
                                     CASE WHEN r.stage = 'PILOT' THEN sign ELSE 0 END,
                                     CASE WHEN r.stage = 'IMPLEMENTATION' THEN sign ELSE 0 END, 0, 0);
    END IF;
END $$;


-- The row triggers. An update that leaves every counted column as it was (most do: a title, a version) does not
-- call the function at all (the WHEN clause is checked without it).
CREATE FUNCTION figure_summary_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM figure_count_summary(OLD, -1); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM figure_count_summary(NEW, 1); END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION figure_lifecycle_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM figure_count_lifecycle(OLD, -1); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM figure_count_lifecycle(NEW, 1); END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION figure_stay_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM figure_count_stay(OLD, -1); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM figure_count_stay(NEW, 1); END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER figure_summary_added_or_removed AFTER INSERT OR DELETE ON partnership_summary
    FOR EACH ROW EXECUTE FUNCTION figure_summary_changed();
CREATE TRIGGER figure_summary_updated AFTER UPDATE ON partnership_summary FOR EACH ROW
    WHEN ((OLD.status, OLD.stage, OLD.department, OLD.kind, OLD.proposed_on)
          IS DISTINCT FROM (NEW.status, NEW.stage, NEW.department, NEW.kind, NEW.proposed_on))
    EXECUTE FUNCTION figure_summary_changed();

CREATE TRIGGER figure_lifecycle_added_or_removed AFTER INSERT OR DELETE ON partnership_lifecycle
    FOR EACH ROW EXECUTE FUNCTION figure_lifecycle_changed();
CREATE TRIGGER figure_lifecycle_updated AFTER UPDATE ON partnership_lifecycle FOR EACH ROW
    WHEN ((OLD.reached_stages, OLD.furthest_stage, OLD.closed_on, OLD.closed_as, OLD.department, OLD.kind,
           OLD.proposed_on)
          IS DISTINCT FROM (NEW.reached_stages, NEW.furthest_stage, NEW.closed_on, NEW.closed_as, NEW.department,
                            NEW.kind, NEW.proposed_on))
    EXECUTE FUNCTION figure_lifecycle_changed();

CREATE TRIGGER figure_stay_added_or_removed AFTER INSERT OR DELETE ON partnership_stage_stay
    FOR EACH ROW EXECUTE FUNCTION figure_stay_changed();
CREATE TRIGGER figure_stay_updated AFTER UPDATE ON partnership_stage_stay FOR EACH ROW
    WHEN ((OLD.left_on, OLD.entered_on, OLD.stage, OLD.first_in_quarter, OLD.department, OLD.kind, OLD.proposed_on)
          IS DISTINCT FROM (NEW.left_on, NEW.entered_on, NEW.stage, NEW.first_in_quarter, NEW.department, NEW.kind,
                            NEW.proposed_on))
    EXECUTE FUNCTION figure_stay_changed();

-- Emptying a table (a projection's clear) empties its counts; TRUNCATE fires no row triggers.
CREATE FUNCTION figure_summary_emptied() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM figure_active;
    RETURN NULL;
END $$;

CREATE FUNCTION figure_lifecycle_emptied() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM figure_conversion;
    UPDATE figure_quarter SET proposed = 0, completed = 0, abandoned = 0;
    RETURN NULL;
END $$;

CREATE FUNCTION figure_stay_emptied() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
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

-- The counts of the rows already there.
INSERT INTO figure_active
SELECT department, kind, extract(year FROM proposed_on), stage, count(*) FROM partnership_summary
WHERE status IN ('ACTIVE', 'ON_HOLD') GROUP BY 1, 2, 3, 4;

INSERT INTO figure_conversion
SELECT department, kind, extract(year FROM proposed_on), o,
       count(*), count(*) FILTER (WHERE furthest_stage > o)
FROM partnership_lifecycle CROSS JOIN generate_series(0, 14) AS o
WHERE reached_stages & (1 << o) <> 0 GROUP BY 1, 2, 3, 4;

INSERT INTO figure_quarter
SELECT department, kind, y, quarter, sum(proposed), sum(pilots), sum(implementations), sum(completed), sum(abandoned)
FROM (SELECT department, kind, extract(year FROM proposed_on) AS y, date_trunc('quarter', proposed_on) AS quarter,
             1 AS proposed, 0 AS pilots, 0 AS implementations, 0 AS completed, 0 AS abandoned
      FROM partnership_lifecycle
      UNION ALL
      SELECT department, kind, extract(year FROM proposed_on), date_trunc('quarter', closed_on), 0, 0, 0,
             CASE WHEN closed_as = 'COMPLETED' THEN 1 ELSE 0 END, CASE WHEN closed_as = 'ABANDONED' THEN 1 ELSE 0 END
      FROM partnership_lifecycle WHERE closed_on IS NOT NULL AND closed_as IN ('COMPLETED', 'ABANDONED')
      UNION ALL
      SELECT department, kind, extract(year FROM proposed_on), date_trunc('quarter', entered_on), 0,
             CASE WHEN stage = 'PILOT' THEN 1 ELSE 0 END, CASE WHEN stage = 'IMPLEMENTATION' THEN 1 ELSE 0 END, 0, 0
      FROM partnership_stage_stay WHERE first_in_quarter AND stage IN ('PILOT', 'IMPLEMENTATION')) AS counted
GROUP BY 1, 2, 3, 4;

INSERT INTO figure_stay_length
SELECT department, kind, extract(year FROM proposed_on), stage, left_on - entered_on, count(*)
FROM partnership_stage_stay WHERE left_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
