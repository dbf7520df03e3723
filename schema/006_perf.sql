-- Speed at scale (issue 7): what the hot searches need on a million cards.
--
-- Name fragments: every two-character piece of a card's name (lower-case,
-- so Latin names match either case), kept in step by triggers. A search
-- for a fragment of two or more characters starts from the cards that hold
-- its first and last pieces, then checks the whole fragment with LIKE.
-- (FTS5's trigram tokenizer needs three characters; most Chinese names
-- are two or three, and staff type two.) No foreign key: cards are never
-- deleted and a check per piece would slow every filing.
CREATE TABLE card_grams (
    gram    TEXT NOT NULL,
    card_id INTEGER NOT NULL,
    PRIMARY KEY (gram, card_id)
) WITHOUT ROWID;

-- Character positions 1..31 (a name is at most 32 characters): triggers
-- cannot use recursive WITH, so they join this table to cut the name.
CREATE TABLE gram_pos (n INTEGER PRIMARY KEY);
INSERT INTO gram_pos(n) VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15),(16),(17),(18),(19),(20),(21),(22),(23),(24),(25),(26),(27),(28),(29),(30),(31);

CREATE TRIGGER cards_grams_insert AFTER INSERT ON cards
BEGIN
    INSERT OR IGNORE INTO card_grams(gram, card_id)
        SELECT lower(substr(NEW.name, n, 2)), NEW.id FROM gram_pos WHERE n < length(NEW.name);
END;

CREATE TRIGGER cards_grams_update AFTER UPDATE OF name ON cards
WHEN NEW.name IS NOT OLD.name
BEGIN
    DELETE FROM card_grams WHERE card_id = OLD.id AND gram IN
        (SELECT lower(substr(OLD.name, n, 2)) FROM gram_pos WHERE n < length(OLD.name));
    INSERT OR IGNORE INTO card_grams(gram, card_id)
        SELECT lower(substr(NEW.name, n, 2)), NEW.id FROM gram_pos WHERE n < length(NEW.name);
END;

INSERT OR IGNORE INTO card_grams(gram, card_id)
    SELECT lower(substr(c.name, p.n, 2)), c.id FROM cards c JOIN gram_pos p ON p.n < length(c.name)
    ORDER BY 1, 2;

-- Phone by its last four digits (尾号), the way customers give it.
CREATE INDEX cards_phone_tail ON cards(substr(phone, -4));

-- The report's figures per card, kept on the card so that one index holds
-- everything `report kpi` asks of the cards of a period (cards_kpi below):
-- the first and second showroom visits recorded as reception follow-ups
-- and the first follow-up with a test drive. Triggers keep them in step
-- with the follow-ups; a walk-in filing and merged walk-in cards count as
-- visits too, as before (kpi.c).
ALTER TABLE cards ADD COLUMN visit1_at TEXT;
ALTER TABLE cards ADD COLUMN visit2_at TEXT;
ALTER TABLE cards ADD COLUMN drive_at TEXT;

CREATE TRIGGER followups_kpi_insert AFTER INSERT ON followups
WHEN NEW.method = 'reception' OR NEW.step_test_drive = 1
BEGIN
    UPDATE cards SET
        visit2_at = CASE WHEN NEW.method <> 'reception' OR visit1_at IS NULL THEN visit2_at
                         WHEN NEW.at < visit1_at THEN visit1_at
                         WHEN visit2_at IS NULL OR NEW.at < visit2_at THEN NEW.at
                         ELSE visit2_at END,
        visit1_at = CASE WHEN NEW.method = 'reception' AND (visit1_at IS NULL OR NEW.at < visit1_at)
                         THEN NEW.at ELSE visit1_at END,
        drive_at = CASE WHEN NEW.step_test_drive = 1 AND (drive_at IS NULL OR NEW.at < drive_at)
                        THEN NEW.at ELSE drive_at END
    WHERE id = NEW.card_id;
END;

-- A merge moves follow-ups to the survivor: both cards are counted again.
CREATE TRIGGER followups_kpi_move AFTER UPDATE OF card_id ON followups
WHEN NEW.card_id IS NOT OLD.card_id AND (NEW.method = 'reception' OR NEW.step_test_drive = 1)
BEGIN
    UPDATE cards SET
        visit1_at = (SELECT f.at FROM followups f WHERE f.card_id = cards.id
                     AND f.method = 'reception' ORDER BY f.at LIMIT 1),
        visit2_at = (SELECT f.at FROM followups f WHERE f.card_id = cards.id
                     AND f.method = 'reception' ORDER BY f.at LIMIT 1 OFFSET 1),
        drive_at = (SELECT min(f.at) FROM followups f WHERE f.card_id = cards.id
                    AND f.step_test_drive = 1)
    WHERE id IN (OLD.card_id, NEW.card_id);
END;

-- Existing cards: sold, lost and merged cards are frozen by triggers, set
-- aside while their figures are filled in and made again as they were.
DROP TRIGGER cards_final_frozen;
DROP TRIGGER cards_merged_frozen;
UPDATE cards SET
    visit1_at = (SELECT f.at FROM followups f WHERE f.card_id = cards.id
                 AND f.method = 'reception' ORDER BY f.at LIMIT 1),
    visit2_at = (SELECT f.at FROM followups f WHERE f.card_id = cards.id
                 AND f.method = 'reception' ORDER BY f.at LIMIT 1 OFFSET 1),
    drive_at = (SELECT min(f.at) FROM followups f WHERE f.card_id = cards.id
                AND f.step_test_drive = 1)
WHERE id IN (SELECT card_id FROM followups WHERE method = 'reception' OR step_test_drive = 1);

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

-- Everything report kpi reads of the cards of a period, in one index: the
-- cards still open at its start (closed = sold or lost, never both) in
-- filing order, with the columns the figures and filters need, so the
-- report never reads the (wide) card rows.
CREATE INDEX cards_kpi ON cards(coalesce(sold_at, lost_at, '9999-12-31'), filed_at,
    merged_into, owner_id, channel, source_id, model_id, customer_type, step_test_drive,
    visit1_at, visit2_at, drive_at, sold_at, lost_at);

-- Orders of a period with their card, for the order figure.
CREATE INDEX orders_at_card ON orders(ordered_at, card_id);

-- Traffic of a period, everything the report reads of it in the index;
-- and the few cards filed at first contact as an order or a sale.
CREATE INDEX traffic_kpi ON traffic(time_in, kind, result, consultant_id, source_id, model_id,
    card_id);
CREATE INDEX cards_filed_as_order ON cards(id) WHERE level_at_filing = 'O';

-- A card's history reads its loss requests and merges by card.
CREATE INDEX loss_card ON loss_requests(card_id);
CREATE INDEX merges_survivor ON merges(survivor_id);
