-- Monthly targets are edited like any other record (issue 6): versioned,
-- so a director saving over another's change is told (exit 4) instead of
-- one of the two targets silently winning. A month without a target is at
-- version 0 for an edit; a new one starts at 1.
ALTER TABLE targets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
