-- Reference data administrators maintain: the departments proposals may name. Seeded once from configuration
-- (partnerships.departments) when empty; never deleted, because partnerships keep naming them: retired instead.
CREATE TABLE department (
    code       TEXT PRIMARY KEY,
    name       TEXT        NOT NULL,
    active     BOOLEAN     NOT NULL DEFAULT true,
    changed_at TIMESTAMPTZ NOT NULL,
    changed_by TEXT        NOT NULL
);
