-- Login attempts, counted when they start (issue 12, item 6).
--
-- The limit of 5 failed logins in 15 minutes counted the audit rows of
-- attempts that had finished: 150 logins started at once all passed the
-- count before any of them had failed, and each got its password checked.
-- Now an attempt is a row written in the same write transaction that reads
-- the count, before the slow Argon2 check; its outcome is set after it.
-- An attempt that never got an outcome (its process was killed midway, or
-- it is still running) counts as failed. A good login forgives only the
-- attempts that started before it (a smaller id).
--
-- The audit trail keeps its rows (login, login-failed, login-locked): this
-- table is the counter, not the record.
CREATE TABLE login_attempts (
    id       INTEGER PRIMARY KEY,
    login    TEXT NOT NULL,
    at       TEXT NOT NULL,
    outcome  TEXT CHECK (outcome IS NULL OR outcome = 'ok' OR outcome = 'failed')
);
CREATE INDEX login_attempts_login ON login_attempts(login, at);
CREATE INDEX login_attempts_ok ON login_attempts(login, id) WHERE outcome = 'ok';

-- The attempts the audit trail already holds, so a database upgraded in the
-- middle of someone's guessing keeps its count.
INSERT INTO login_attempts(login, at, outcome)
SELECT coalesce(json_extract(after, '$.login'), ''), at,
       CASE action WHEN 'login' THEN 'ok' ELSE 'failed' END
  FROM audit WHERE action = 'login' OR action = 'login-failed' ORDER BY id;
