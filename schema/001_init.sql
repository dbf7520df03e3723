-- showroom schema, version 1.
-- Rules live twice: in the C core (with messages staff can act on) and here
-- (CHECK constraints and triggers), so even a stray sqlite3 session cannot
-- break the books. Timestamps are local wall-clock text 'YYYY-MM-DD HH:MM:SS',
-- dates 'YYYY-MM-DD'; both sort and compare as text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    login       TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32 AND login NOT GLOB '*[^a-zA-Z0-9._-]*'),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
    role        TEXT NOT NULL CHECK (role IN ('receptionist','consultant','manager','director',
                                              'dcc-inbound','dcc-outbound','dcc-supervisor',
                                              'service','admin')),
    team        TEXT NOT NULL DEFAULT 'showroom' CHECK (team IN ('showroom','dcc')),
    unix_login  TEXT UNIQUE,
    password_hash TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_at  TEXT NOT NULL
);

-- Vehicle catalogue: brand / series (车系) / model (车型) / configuration (配置).
CREATE TABLE models (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    brand   TEXT NOT NULL,
    series  TEXT NOT NULL,
    model   TEXT NOT NULL,
    config  TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
);

-- Media sources (信息来源), each with an optional monthly cost.
CREATE TABLE sources (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name    TEXT NOT NULL,
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
);

CREATE TABLE source_costs (
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    cost_cents  INTEGER NOT NULL CHECK (cost_cents >= 0),
    PRIMARY KEY (source_id, month)
);

-- Follow-up levels (跟进级别): how far away the next follow-up date may be.
CREATE TABLE followup_levels (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    min_days  INTEGER NOT NULL CHECK (min_days >= 0),
    max_days  INTEGER NOT NULL,
    CHECK (max_days >= min_days)
);

-- Intent levels (意向级别) and the follow-up level a new card starts with.
CREATE TABLE intent_levels (
    code            TEXT PRIMARY KEY CHECK (code IN ('O','H','A','B','C','N')),
    rank            INTEGER NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    default_followup_level TEXT NOT NULL REFERENCES followup_levels(code)
);

-- The customer card (客户信息卡): one purchase opportunity for one vehicle.
CREATE TABLE cards (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
    phone           TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 20 AND phone NOT GLOB '*[^0-9]*'),
    gender          TEXT NOT NULL DEFAULT '' CHECK (gender IN ('','M','F')),
    region          TEXT NOT NULL DEFAULT '' CHECK (length(region) <= 64),
    address         TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 128),
    customer_type   TEXT NOT NULL DEFAULT 'retail' CHECK (customer_type IN ('retail','wholesale')),
    channel         TEXT NOT NULL CHECK (channel IN ('walkin','phone','outreach')),
    source_id       INTEGER REFERENCES sources(id),
    model_id        INTEGER REFERENCES models(id),
    filed_at        TEXT NOT NULL,
    filed_by        INTEGER NOT NULL REFERENCES users(id),
    owner_id        INTEGER NOT NULL REFERENCES users(id),
    level           TEXT NOT NULL CHECK (level IN ('O','H','A','B','C','N')),
    level_at_filing TEXT NOT NULL CHECK (level_at_filing IN ('O','H','A','B','C','N')),
    followup_level  TEXT NOT NULL REFERENCES followup_levels(code),
    expected_purchase TEXT CHECK (expected_purchase IS NULL OR date(expected_purchase) = expected_purchase),
    status          TEXT NOT NULL CHECK (status IN ('active','order','dormant','sold','lost')),
    -- The seven key questions (7个关键问题); '' means not answered yet.
    ans_budget      TEXT NOT NULL DEFAULT '' CHECK (length(ans_budget) <= 200),
    ans_current     TEXT NOT NULL DEFAULT '' CHECK (length(ans_current) <= 200),
    ans_usage       TEXT NOT NULL DEFAULT '' CHECK (length(ans_usage) <= 200),
    ans_compare     TEXT NOT NULL DEFAULT '' CHECK (length(ans_compare) <= 200),
    ans_payment     TEXT NOT NULL DEFAULT '' CHECK (length(ans_payment) <= 200),
    ans_addons      TEXT NOT NULL DEFAULT '' CHECK (length(ans_addons) <= 200),
    ans_use_date    TEXT NOT NULL DEFAULT '' CHECK (length(ans_use_date) <= 200),
    step_intro       INTEGER NOT NULL DEFAULT 0 CHECK (step_intro IN (0,1)),
    step_negotiation INTEGER NOT NULL DEFAULT 0 CHECK (step_negotiation IN (0,1)),
    step_test_drive  INTEGER NOT NULL DEFAULT 0 CHECK (step_test_drive IN (0,1)),
    next_date       TEXT CHECK (next_date IS NULL OR date(next_date) = next_date),
    loss_reason     TEXT CHECK (loss_reason IS NULL OR loss_reason IN ('competitor','same-brand','gave-up','region','unreachable')),
    sold_at         TEXT,
    lost_at         TEXT,
    merged_into     INTEGER REFERENCES cards(id),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    -- Every following card but a dormant one has a next follow-up date; a
    -- dormant one has none.
    CHECK (status NOT IN ('active','order') OR next_date IS NOT NULL),
    CHECK (status <> 'dormant' OR next_date IS NULL),
    -- O means an order was signed (it includes sold); it is never set by hand.
    CHECK ((level = 'O') = (status IN ('order','sold'))),
    -- H needs all seven answers.
    CHECK (level <> 'H' OR (ans_budget <> '' AND ans_current <> '' AND ans_usage <> ''
                            AND ans_compare <> '' AND ans_payment <> '' AND ans_addons <> ''
                            AND ans_use_date <> '')),
    CHECK ((status = 'lost') = (loss_reason IS NOT NULL AND lost_at IS NOT NULL)),
    CHECK ((status = 'sold') = (sold_at IS NOT NULL)),
    CHECK (customer_type <> 'wholesale' OR channel = 'outreach'),
    CHECK (merged_into IS NULL OR merged_into <> id)
);

CREATE INDEX cards_phone ON cards(phone);
CREATE INDEX cards_owner_next ON cards(owner_id, status, next_date);
CREATE INDEX cards_next ON cards(next_date) WHERE next_date IS NOT NULL;
CREATE INDEX cards_filed ON cards(filed_at);
CREATE INDEX cards_status ON cards(status);
-- Visits of merged cards count for their survivor (see SR_VISITS_SQL).
CREATE INDEX cards_merged ON cards(merged_into) WHERE merged_into IS NOT NULL;

-- Showroom traffic (展厅流量): a walk-in batch or a valid sales call.
CREATE TABLE traffic (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('walkin','call')),
    time_in       TEXT NOT NULL,
    time_out      TEXT CHECK (time_out IS NULL OR time_out >= time_in),
    persons       INTEGER NOT NULL DEFAULT 1 CHECK (persons BETWEEN 1 AND 99),
    consultant_id INTEGER REFERENCES users(id),
    model_id      INTEGER REFERENCES models(id),
    source_id     INTEGER REFERENCES sources(id),
    result        TEXT NOT NULL DEFAULT 'none' CHECK (result IN ('none','filed','followup')),
    card_id       INTEGER REFERENCES cards(id),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    CHECK ((result = 'none') = (card_id IS NULL))
);
CREATE INDEX traffic_time ON traffic(time_in);
CREATE INDEX traffic_card ON traffic(card_id) WHERE card_id IS NOT NULL;

-- Follow-up records (跟进记录). A 'reception' follow-up is a showroom visit.
CREATE TABLE followups (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES cards(id),
    at            TEXT NOT NULL,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    method        TEXT NOT NULL CHECK (method IN ('reception','phone','sms','wechat','visit','other')),
    content       TEXT NOT NULL DEFAULT '' CHECK (length(content) <= 2000),
    result        TEXT NOT NULL DEFAULT '' CHECK (length(result) <= 200),
    level_before  TEXT NOT NULL CHECK (level_before IN ('O','H','A','B','C','N')),
    level         TEXT NOT NULL CHECK (level IN ('O','H','A','B','C','N')),
    next_date     TEXT CHECK (next_date IS NULL OR date(next_date) = next_date),
    step_intro       INTEGER NOT NULL DEFAULT 0 CHECK (step_intro IN (0,1)),
    step_negotiation INTEGER NOT NULL DEFAULT 0 CHECK (step_negotiation IN (0,1)),
    step_test_drive  INTEGER NOT NULL DEFAULT 0 CHECK (step_test_drive IN (0,1)),
    traffic_id    INTEGER REFERENCES traffic(id),
    comment       TEXT CHECK (comment IS NULL OR length(comment) <= 500),
    comment_by    INTEGER REFERENCES users(id),
    comment_at    TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX followups_card ON followups(card_id, at);
CREATE INDEX followups_user_at ON followups(user_id, at);
CREATE INDEX followups_uncommented ON followups(at) WHERE comment IS NULL;

-- Appointments (邀约).
CREATE TABLE appointments (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES cards(id),
    date          TEXT NOT NULL CHECK (date(date) = date),
    consultant_id INTEGER REFERENCES users(id),
    status        TEXT NOT NULL DEFAULT 'set' CHECK (status IN ('set','showed','missed','cancelled')),
    traffic_id    INTEGER REFERENCES traffic(id),
    created_by    INTEGER NOT NULL REFERENCES users(id),
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX appointments_date ON appointments(date, status);
CREATE INDEX appointments_card ON appointments(card_id);

-- Orders (订单) and delivery (交车).
CREATE TABLE orders (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES cards(id),
    ordered_at    TEXT NOT NULL,
    deposit_cents INTEGER NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
    vin           TEXT NOT NULL DEFAULT '' CHECK (vin = '' OR (length(vin) = 17 AND vin NOT GLOB '*[^0-9A-HJ-NPR-Z]*')),
    model_id      INTEGER REFERENCES models(id),
    expected_delivery TEXT CHECK (expected_delivery IS NULL OR date(expected_delivery) = expected_delivery),
    level_before  TEXT NOT NULL CHECK (level_before IN ('H','A','B','C','N')),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','delivered','cancelled')),
    delivered_at  TEXT,
    cancelled_at  TEXT,
    cancel_reason TEXT CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 200),
    created_by    INTEGER NOT NULL REFERENCES users(id),
    CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL))
);
CREATE UNIQUE INDEX orders_one_open ON orders(card_id) WHERE status = 'open';
CREATE INDEX orders_card ON orders(card_id);
CREATE INDEX orders_at ON orders(ordered_at);

-- Loss requests (战败申请): pending until a manager decides.
CREATE TABLE loss_requests (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES cards(id),
    reason        TEXT NOT NULL CHECK (reason IN ('competitor','same-brand','gave-up','region','unreachable')),
    note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    requested_by  INTEGER NOT NULL REFERENCES users(id),
    requested_at  TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','rejected','to-dcc')),
    decided_by    INTEGER REFERENCES users(id),
    decided_at    TEXT,
    dcc_user_id   INTEGER REFERENCES users(id),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX loss_one_pending ON loss_requests(card_id) WHERE status = 'pending';
CREATE INDEX loss_status ON loss_requests(status);

-- Merges: the merged card stays, marked merged into its survivor.
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    survivor_id INTEGER NOT NULL REFERENCES cards(id),
    merged_id   INTEGER NOT NULL UNIQUE REFERENCES cards(id),
    merged_by   INTEGER NOT NULL REFERENCES users(id),
    merged_at   TEXT NOT NULL,
    CHECK (survivor_id <> merged_id)
);

-- Who owned a card when: every filing, reassignment and hand-over.
CREATE TABLE assignments (
    id        INTEGER PRIMARY KEY,
    card_id   INTEGER NOT NULL REFERENCES cards(id),
    from_user INTEGER REFERENCES users(id),
    to_user   INTEGER NOT NULL REFERENCES users(id),
    by_user   INTEGER NOT NULL REFERENCES users(id),
    at        TEXT NOT NULL,
    reason    TEXT NOT NULL CHECK (reason IN ('file','reassign','to-dcc','merge','import','pool','wholesale'))
);
CREATE INDEX assignments_card ON assignments(card_id);

-- Post-sale callbacks (成交回访), scheduled at delivery.
CREATE TABLE callbacks (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES cards(id),
    due_date    TEXT NOT NULL CHECK (date(due_date) = due_date),
    kind        TEXT NOT NULL CHECK (kind = 'service' OR (kind GLOB 'day[0-9]*' AND kind NOT GLOB 'day*[^0-9]*')),
    status      TEXT NOT NULL DEFAULT 'due' CHECK (status IN ('due','done','unreachable')),
    result      TEXT NOT NULL DEFAULT '' CHECK (length(result) <= 500),
    done_by     INTEGER REFERENCES users(id),
    done_at     TEXT
);
CREATE INDEX callbacks_due ON callbacks(status, due_date);
CREATE INDEX callbacks_card ON callbacks(card_id);

-- The audit trail: who, when, what, before and after (JSON). Append-only.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users(id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    card_id   INTEGER,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_card ON audit(card_id, at);
CREATE INDEX audit_user ON audit(user_id, at);
CREATE INDEX audit_at ON audit(at);

-- Sold and lost are final: nothing about the card may change, whoever asks.
CREATE TRIGGER cards_final_frozen BEFORE UPDATE ON cards
WHEN OLD.status IN ('sold','lost')
BEGIN
    SELECT RAISE(ABORT, 'card is sold or lost: final, it cannot change');
END;

CREATE TRIGGER cards_merged_frozen BEFORE UPDATE ON cards
WHEN OLD.merged_into IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'card was merged into another card: it cannot change');
END;

CREATE TRIGGER cards_never_deleted BEFORE DELETE ON cards
BEGIN
    SELECT RAISE(ABORT, 'cards are never deleted');
END;

CREATE TRIGGER followups_not_on_final BEFORE INSERT ON followups
WHEN (SELECT status IN ('sold','lost') OR merged_into IS NOT NULL FROM cards WHERE id = NEW.card_id)
BEGIN
    SELECT RAISE(ABORT, 'no follow-up on a sold, lost or merged card');
END;

-- A follow-up record is history: only the manager's comment may be added later,
-- and a record may move to a merge survivor.
CREATE TRIGGER followups_history BEFORE UPDATE ON followups
WHEN NEW.at IS NOT OLD.at OR NEW.user_id IS NOT OLD.user_id OR NEW.method IS NOT OLD.method
  OR NEW.content IS NOT OLD.content OR NEW.level IS NOT OLD.level
  OR NEW.next_date IS NOT OLD.next_date OR NEW.step_test_drive IS NOT OLD.step_test_drive
  OR (NEW.card_id IS NOT OLD.card_id
      AND (SELECT status IN ('sold','lost') FROM cards WHERE id = OLD.card_id))
BEGIN
    SELECT RAISE(ABORT, 'follow-up records are history: only a comment may be added');
END;

CREATE TRIGGER followups_never_deleted BEFORE DELETE ON followups
BEGIN
    SELECT RAISE(ABORT, 'follow-up records are never deleted');
END;

CREATE TRIGGER appointments_not_on_final BEFORE INSERT ON appointments
WHEN (SELECT status IN ('sold','lost') OR merged_into IS NOT NULL FROM cards WHERE id = NEW.card_id)
BEGIN
    SELECT RAISE(ABORT, 'no appointment on a sold, lost or merged card');
END;

CREATE TRIGGER orders_not_on_final BEFORE INSERT ON orders
WHEN (SELECT status IN ('sold','lost') OR merged_into IS NOT NULL FROM cards WHERE id = NEW.card_id)
BEGIN
    SELECT RAISE(ABORT, 'no order on a sold, lost or merged card');
END;

CREATE TRIGGER loss_not_on_final BEFORE INSERT ON loss_requests
WHEN (SELECT status IN ('sold','lost') OR merged_into IS NOT NULL FROM cards WHERE id = NEW.card_id)
BEGIN
    SELECT RAISE(ABORT, 'no loss request on a sold, lost or merged card');
END;

CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
