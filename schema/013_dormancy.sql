-- The dormancy rule's age as a setting (issue 15), as the other limits are:
-- a card filed by phone or outreach that never visited may become dormant
-- when it is more than dormant_days days old. 15 as before.
INSERT INTO settings(key, value) VALUES ('dormant_days', '15')
    ON CONFLICT(key) DO NOTHING;
