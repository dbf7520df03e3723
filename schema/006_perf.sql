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
