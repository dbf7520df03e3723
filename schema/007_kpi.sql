-- report kpi on a million cards (issue 7): per-card visit facts and covering
-- indexes, so a year of figures reads one index instead of every card row.
--

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
