-- Placeholder for migration 005, which another branch adds: delete this file
-- when that branch is merged (tools/embed.c wants the numbers without gaps).
SELECT 1;
