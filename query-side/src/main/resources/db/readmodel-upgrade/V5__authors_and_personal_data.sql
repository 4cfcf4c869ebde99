-- Who recorded each event, as the sign-in gave it: the display name and the role acted in (metadata since sign-in).
ALTER TABLE partnership_event_log ADD COLUMN recorded_by_name TEXT, ADD COLUMN recorded_as TEXT;

-- The lead is a person: events since personal data left the payloads carry only a person id, whose name the
-- command side keeps (and erases on request). Older events' plain-text lead stays in "lead".
ALTER TABLE partnership_summary ALTER COLUMN lead DROP NOT NULL, ADD COLUMN lead_person_id TEXT;
