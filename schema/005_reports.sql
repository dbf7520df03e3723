-- Monthly targets per consultant (集客目标) for the lead collection report:
-- traffic received and new cards, set by the director or an administrator.
CREATE TABLE targets (
    user_id  INTEGER NOT NULL REFERENCES users(id),
    month    TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    traffic  INTEGER NOT NULL DEFAULT 0 CHECK (traffic >= 0),
    cards    INTEGER NOT NULL DEFAULT 0 CHECK (cards >= 0),
    PRIMARY KEY (user_id, month)
);
