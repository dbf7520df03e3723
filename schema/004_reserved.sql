-- Placeholder on the reports branch: migration 004 belongs to another
-- branch (the lead's merge replaces this file with the real 004).
SELECT 1;
