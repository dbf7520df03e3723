-- The DCC (电话直销中心): call scripts, call records, complaints opened by
-- unhappy post-sale callbacks, marketing campaigns cards are attributed
-- to, and the settings of the new-lead flag and the DCC sweep.

-- Call scripts (话务范本). Never deleted once a call used them: "delete"
-- retires them (active = 0) so old call records still name their script.
CREATE TABLE call_scripts (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    tags        TEXT NOT NULL DEFAULT '' CHECK (length(tags) <= 200),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

-- One phone call to a card's customer by a DCC caller (or anyone who works
-- the card). Calls are history: never changed, never deleted.
CREATE TABLE calls (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES cards(id),
    caller_id   INTEGER NOT NULL REFERENCES users(id),
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL CHECK (ended_at >= started_at),
    result      TEXT NOT NULL CHECK (result IN ('reached','no-answer','wrong-number','call-back',
                                                'appointment','not-interested')),
    script_id   INTEGER REFERENCES call_scripts(id),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at  TEXT NOT NULL
);
CREATE INDEX calls_card ON calls(card_id, started_at);
CREATE INDEX calls_caller ON calls(caller_id, started_at);
CREATE INDEX calls_started ON calls(started_at);

CREATE TRIGGER calls_history_u BEFORE UPDATE ON calls
BEGIN
    SELECT RAISE(ABORT, 'call records are history: they cannot change');
END;

CREATE TRIGGER calls_never_deleted BEFORE DELETE ON calls
BEGIN
    SELECT RAISE(ABORT, 'call records are never deleted');
END;

-- The satisfaction of a post-sale callback; an unhappy one opens a complaint.
ALTER TABLE callbacks ADD COLUMN satisfaction TEXT
    CHECK (satisfaction IS NULL OR satisfaction IN ('satisfied','neutral','unhappy'));

CREATE TABLE complaints (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES cards(id),
    callback_id INTEGER REFERENCES callbacks(id),
    opened_at   TEXT NOT NULL,
    opened_by   INTEGER NOT NULL REFERENCES users(id),
    handler_id  INTEGER NOT NULL REFERENCES users(id),
    deadline    TEXT NOT NULL CHECK (deadline > opened_at),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
    closed_at   TEXT,
    closed_by   INTEGER REFERENCES users(id),
    closing_note TEXT CHECK (closing_note IS NULL OR length(closing_note) BETWEEN 1 AND 500),
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closing_note IS NOT NULL))
);
CREATE INDEX complaints_status ON complaints(status, deadline);
CREATE INDEX complaints_card ON complaints(card_id);

-- Marketing campaigns; cards name the campaign that brought them.
CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    starts       TEXT NOT NULL CHECK (date(starts) = starts),
    ends         TEXT NOT NULL CHECK (date(ends) = ends AND ends >= starts),
    budget_cents INTEGER NOT NULL DEFAULT 0 CHECK (budget_cents >= 0),
    models       TEXT NOT NULL DEFAULT '' CHECK (length(models) <= 200),
    source_id    INTEGER REFERENCES sources(id),
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   TEXT NOT NULL
);

ALTER TABLE cards ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id);
CREATE INDEX cards_campaign ON cards(campaign_id) WHERE campaign_id IS NOT NULL;

-- lead_contact_hours: a new lead not reached within this many working
-- hours is flagged on the call list; work_hours: the working day.
-- dcc_sweep_days: a consultant's card this many days overdue moves to the
-- DCC at `showroom dcc sweep` (0 = never).
INSERT INTO settings(key, value) VALUES
    ('lead_contact_hours', '2'),
    ('work_hours', '09:00-18:00'),
    ('dcc_sweep_days', '7')
    ON CONFLICT(key) DO NOTHING;
