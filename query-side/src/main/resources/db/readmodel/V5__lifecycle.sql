-- Read model "partnership-lifecycle" (dk.partnerships.query.lifecycle): where partnerships are, how long they stay
-- in each stage, what converts into operation, and the dashboards' figures kept from them. Every row and every
-- figure follows from PartnershipLifecycle.when (the rules) and FigureCounts (where a partnership counts), written
-- by LifecycleStore in the projection's transaction: these tables hold data, keys and indexes, no rules.
CREATE TABLE partnership_lifecycle (
    partnership_id     VARCHAR(64) PRIMARY KEY,
    version            BIGINT      NOT NULL,
    department         VARCHAR(20) NOT NULL,
    kind               VARCHAR(40) NOT NULL,
    proposed_on        DATE        NOT NULL,
    pilot_succeeded_on DATE,
    awarded_on         DATE,
    had_pilot          BOOLEAN     NOT NULL DEFAULT false,
    implemented_on     DATE,
    closed_on          DATE,
    title              TEXT        NOT NULL,
    stage              VARCHAR(20) NOT NULL,
    status             VARCHAR(20) NOT NULL,
    closed_reason      TEXT,
    -- Since when it waits to be put into operation (PartnershipLifecycle.waitingSince); null when it does not.
    waiting_since      DATE,
    reached_stages     TEXT[]      NOT NULL,
    furthest_stage     VARCHAR(20) NOT NULL
);
-- The implementation gap's lists, oldest first, read only the partnerships they can hold.
CREATE INDEX partnership_lifecycle_waiting ON partnership_lifecycle (waiting_since, partnership_id)
    WHERE waiting_since IS NOT NULL;
CREATE INDEX partnership_lifecycle_abandoned_after_pilot ON partnership_lifecycle (partnership_id)
    WHERE status = 'ABANDONED' AND pilot_succeeded_on IS NOT NULL;

-- A partnership's stays in its stages, in the order it entered them (sequence: the event that entered it).
CREATE TABLE partnership_stage_stay (
    partnership_id   VARCHAR(64) NOT NULL,
    sequence         BIGINT      NOT NULL,
    stage            VARCHAR(20) NOT NULL,
    entered_on       DATE        NOT NULL,
    left_on          DATE,
    -- Whether this is the partnership's first entry into the stage in that calendar quarter.
    first_in_quarter BOOLEAN     NOT NULL DEFAULT true,
    PRIMARY KEY (partnership_id, sequence)
);

-- The readiness items the implementation gap lists: unresolved, of partnerships not closed.
CREATE TABLE lifecycle_readiness_item (
    partnership_id VARCHAR(64) NOT NULL REFERENCES partnership_lifecycle (partnership_id) ON DELETE CASCADE,
    item_id        VARCHAR(64) NOT NULL,
    type           VARCHAR(40) NOT NULL,
    description    TEXT        NOT NULL,
    owner          TEXT        NOT NULL,
    added_on       DATE        NOT NULL,
    PRIMARY KEY (partnership_id, item_id)
);
CREATE INDEX lifecycle_readiness_item_oldest ON lifecycle_readiness_item (added_on, partnership_id, item_id);

-- The dashboards' kept figures (FigureTable): counts per cell of the dashboards' filters (department, kind, year
-- of proposal), so a request sums a few hundred cells instead of reading every partnership. A cell whose counts
-- fall to zero is removed.
CREATE TABLE figure_active (
    department           VARCHAR(20) NOT NULL,
    kind                 VARCHAR(40) NOT NULL,
    year                 INTEGER     NOT NULL,
    stage                VARCHAR(40) NOT NULL,
    partnerships         BIGINT      NOT NULL,
    open_readiness_items BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (department, kind, year, stage)
);

CREATE TABLE figure_after_pilot (
    department  VARCHAR(20) PRIMARY KEY,
    succeeded   BIGINT      NOT NULL,
    implemented BIGINT      NOT NULL
);

CREATE TABLE figure_conversion (
    department VARCHAR(20) NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    year       INTEGER     NOT NULL,
    entered    BIGINT      NOT NULL,
    went_on    BIGINT      NOT NULL,
    stage      VARCHAR(20) NOT NULL,
    PRIMARY KEY (department, kind, year, stage)
);

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

CREATE TABLE figure_stay_length (
    department VARCHAR(20) NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    year       INTEGER     NOT NULL,
    stage      VARCHAR(40) NOT NULL,
    days       INTEGER     NOT NULL,
    stays      BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, stage, days)
);

CREATE TABLE figure_waiting (
    waiting_since DATE   PRIMARY KEY,
    partnerships  BIGINT NOT NULL
);

-- 'dashboard-figures' moves whenever a kept figure does: the dashboards' caches listen to it alone.
INSERT INTO read_model_change (read_model, changes) VALUES ('partnership-lifecycle', 0), ('dashboard-figures', 0);
