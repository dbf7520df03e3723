-- Internet-lead imports: one row per run, and one key per imported row so
-- the same lead (source, phone, submit time) is never imported twice.

CREATE TABLE imports (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    at        TEXT NOT NULL,
    by_user   INTEGER NOT NULL REFERENCES users(id),
    rows      INTEGER NOT NULL DEFAULT 0,
    filed     INTEGER NOT NULL DEFAULT 0,
    matched   INTEGER NOT NULL DEFAULT 0,
    duplicate INTEGER NOT NULL DEFAULT 0,
    rejected  INTEGER NOT NULL DEFAULT 0,
    batches   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_rows (
    key       TEXT PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    line      INTEGER NOT NULL,
    card_id   INTEGER NOT NULL REFERENCES cards(id)
);
CREATE INDEX import_rows_import ON import_rows(import_id);

INSERT INTO settings(key, value) VALUES ('import_rule', 'round-robin'), ('import_rr', '0');
