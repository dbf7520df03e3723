-- Optimistic versioning on every record that can be edited after it is
-- written (issue 6). Cards, traffic rows, appointments, call scripts and
-- complaints have carried a version since 001/004; these get one now.
-- Every UPDATE in the core bumps it (version = version + 1, as cards do),
-- and an edit given the version its user read is refused with a conflict
-- (exit 4) when the record has moved on since, instead of the last writer
-- silently winning.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE settings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE followup_levels ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE source_costs ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE callbacks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
