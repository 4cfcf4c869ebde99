-- Two indexes no reader has used since the dashboard's figures are kept (V8): the figures once aggregated stays by
-- stage and date and partnerships by date of proposal; now they are summed from the figure tables.
--
-- One of them also misled the projection: the look-up of a partnership's earlier stays in a stage (is this its
-- first stay there this quarter?) was planned while the table was still small — a projection catching up from the
-- first event — and PostgreSQL chose the index on stage and date over the primary key, then kept that plan,
-- reading every stay in the stage for each move: 100,000 events took 59 s instead of 15 s. Without the index only
-- the primary key can answer it. Every write is also one index cheaper.
DROP INDEX partnership_stage_stay_entered;
DROP INDEX partnership_lifecycle_proposed;
