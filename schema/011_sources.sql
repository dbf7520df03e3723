-- report sources on a million cards (issue 7: a year within 1.5 s): the
-- card facts of a month's figures read from indexes alone.
--
-- Cards by filing date and sold cards by date of sale carry what the
-- source report groups and filters by, so counting a source's cards and
-- sales reads no card rows; the same number of indexes as before, each a
-- little wider, so filing a card costs about what it did.
DROP INDEX cards_filed;
CREATE INDEX cards_filed ON cards(filed_at, source_id, channel, merged_into, owner_id,
    model_id, customer_type);
DROP INDEX cards_sold_at;
CREATE INDEX cards_sold_at ON cards(sold_at, source_id, channel, merged_into, owner_id,
    model_id, customer_type) WHERE sold_at IS NOT NULL;

-- Showroom visits (receptions) of a period, without reading the other
-- follow-ups: about a quarter of them, so the index is small and only a
-- reception's insert writes it.
CREATE INDEX followups_reception ON followups(at, card_id) WHERE method = 'reception';
