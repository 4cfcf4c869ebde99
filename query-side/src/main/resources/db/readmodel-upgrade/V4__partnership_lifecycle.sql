-- Read model "partnership-lifecycle": what the dashboard and the implementation gap aggregate, kept small and
-- indexed so their figures never scan the event log. Filled by PartnershipLifecycleProjector, idempotent by
-- (partnership id, version), rebuildable like every read model.

-- One row per partnership: its filters and the milestones the implementation gap is defined by.
CREATE TABLE partnership_lifecycle (
    partnership_id     VARCHAR(64) PRIMARY KEY,
    version            BIGINT      NOT NULL,  -- events applied; a redelivered event is recognised by it
    department         VARCHAR(20) NOT NULL,
    kind               VARCHAR(40) NOT NULL,
    proposed_on        DATE        NOT NULL,
    pilot_succeeded_on DATE,                  -- the latest SUCCEEDED pilot outcome
    awarded_on         DATE,                  -- the latest award
    had_pilot          BOOLEAN     NOT NULL DEFAULT false,  -- ever entered PILOT
    implemented_on     DATE,                  -- the latest move forward into IMPLEMENTATION or EVALUATION
    closed_on          DATE,                  -- completed or abandoned on
    closed_as          VARCHAR(20),           -- COMPLETED or ABANDONED
    reached_stages     SMALLINT    NOT NULL DEFAULT 1,  -- bit n set: ever entered the stage of order n (IDEA = 0)
    furthest_stage     SMALLINT    NOT NULL DEFAULT 0   -- the order of the furthest stage ever entered
);
CREATE INDEX partnership_lifecycle_proposed ON partnership_lifecycle (proposed_on);

-- One row per stay in a stage: entered by the event at `sequence`, left at the next stage move, completion or
-- abandonment (null while it lasts). Filters copied from the partnership so aggregates need no join.
CREATE TABLE partnership_stage_stay (
    partnership_id VARCHAR(64) NOT NULL,
    sequence       BIGINT      NOT NULL,
    stage          VARCHAR(20) NOT NULL,
    stage_order    SMALLINT    NOT NULL,      -- IDEA 0 ... EVALUATION 5
    entered_on     DATE        NOT NULL,
    left_on        DATE,
    department     VARCHAR(20) NOT NULL,
    kind           VARCHAR(40) NOT NULL,
    proposed_on    DATE        NOT NULL,
    PRIMARY KEY (partnership_id, sequence)
);
CREATE INDEX partnership_stage_stay_open ON partnership_stage_stay (partnership_id) WHERE left_on IS NULL;
CREATE INDEX partnership_stage_stay_entered ON partnership_stage_stay (stage, entered_on);
