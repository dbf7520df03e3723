-- Monthly targets per consultant (集客目标) for the lead collection report:
-- traffic received and new cards, set by the director or an administrator.
CREATE TABLE targets (
    user_id  INTEGER NOT NULL REFERENCES users(id),
    month    TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    traffic  INTEGER NOT NULL DEFAULT 0 CHECK (traffic >= 0),
    cards    INTEGER NOT NULL DEFAULT 0 CHECK (cards >= 0),
    PRIMARY KEY (user_id, month)
);

-- The loss report reads each lost card's confirmed request, and the loss
-- and source reports find the cards lost or sold in a period.
CREATE INDEX IF NOT EXISTS loss_requests_card ON loss_requests(card_id);
CREATE INDEX IF NOT EXISTS cards_lost_at ON cards(lost_at) WHERE lost_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS cards_sold_at ON cards(sold_at) WHERE sold_at IS NOT NULL;
