-- Speed at scale, second round (issue 7): the import's set-wise writes and
-- the searches that still read every card.
--
-- 1. CHECK constraints with a list of three or more values, written
--    `x IN ('a','b','c')`, are rewritten as `(x = 'a' OR x = 'b' OR
--    x = 'c')`. Both say the same thing (NULL passes either way), but
--    SQLite 3.40 builds a temporary table for each such list every time it
--    checks a row: about a microsecond per list per row written, a third of
--    the cost of filing a card. The tables' text is changed in place (the
--    procedure SQLite documents for constraint changes that leave the
--    stored rows as they are: https://sqlite.org/lang_altertable.html,
--    "otheralter"); the trigger changes below bump the schema version, so
--    every connection reads the new text. Only the tables the daily work
--    writes; users and intent_levels are written rarely.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(replace(replace(replace(replace(sql,
    'gender IN ('''',''M'',''F'')',
    '(gender = '''' OR gender = ''M'' OR gender = ''F'')'),
    'channel IN (''walkin'',''phone'',''outreach'')',
    '(channel = ''walkin'' OR channel = ''phone'' OR channel = ''outreach'')'),
    'level IN (''O'',''H'',''A'',''B'',''C'',''N'')',
    '(level = ''O'' OR level = ''H'' OR level = ''A'' OR level = ''B'' OR level = ''C'' OR level = ''N'')'),
    'level_at_filing IN (''O'',''H'',''A'',''B'',''C'',''N'')',
    '(level_at_filing = ''O'' OR level_at_filing = ''H'' OR level_at_filing = ''A'' OR level_at_filing = ''B'' OR level_at_filing = ''C'' OR level_at_filing = ''N'')'),
    'status IN (''active'',''order'',''dormant'',''sold'',''lost'')',
    '(status = ''active'' OR status = ''order'' OR status = ''dormant'' OR status = ''sold'' OR status = ''lost'')'),
    'loss_reason IN (''competitor'',''same-brand'',''gave-up'',''region'',''unreachable'')',
    '(loss_reason = ''competitor'' OR loss_reason = ''same-brand'' OR loss_reason = ''gave-up'' OR loss_reason = ''region'' OR loss_reason = ''unreachable'')')
WHERE type = 'table' AND name = 'cards';
UPDATE sqlite_schema SET sql = replace(replace(replace(sql,
    'method IN (''reception'',''phone'',''sms'',''wechat'',''visit'',''other'')',
    '(method = ''reception'' OR method = ''phone'' OR method = ''sms'' OR method = ''wechat'' OR method = ''visit'' OR method = ''other'')'),
    'level_before IN (''O'',''H'',''A'',''B'',''C'',''N'')',
    '(level_before = ''O'' OR level_before = ''H'' OR level_before = ''A'' OR level_before = ''B'' OR level_before = ''C'' OR level_before = ''N'')'),
    'level IN (''O'',''H'',''A'',''B'',''C'',''N'')',
    '(level = ''O'' OR level = ''H'' OR level = ''A'' OR level = ''B'' OR level = ''C'' OR level = ''N'')')
WHERE type = 'table' AND name = 'followups';
UPDATE sqlite_schema SET sql = replace(sql,
    'result IN (''none'',''filed'',''followup'')',
    '(result = ''none'' OR result = ''filed'' OR result = ''followup'')')
WHERE type = 'table' AND name = 'traffic';
UPDATE sqlite_schema SET sql = replace(sql,
    'status IN (''set'',''showed'',''missed'',''cancelled'')',
    '(status = ''set'' OR status = ''showed'' OR status = ''missed'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'appointments';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'level_before IN (''H'',''A'',''B'',''C'',''N'')',
    '(level_before = ''H'' OR level_before = ''A'' OR level_before = ''B'' OR level_before = ''C'' OR level_before = ''N'')'),
    'status IN (''open'',''delivered'',''cancelled'')',
    '(status = ''open'' OR status = ''delivered'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'orders';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'reason IN (''competitor'',''same-brand'',''gave-up'',''region'',''unreachable'')',
    '(reason = ''competitor'' OR reason = ''same-brand'' OR reason = ''gave-up'' OR reason = ''region'' OR reason = ''unreachable'')'),
    'status IN (''pending'',''confirmed'',''rejected'',''to-dcc'')',
    '(status = ''pending'' OR status = ''confirmed'' OR status = ''rejected'' OR status = ''to-dcc'')')
WHERE type = 'table' AND name = 'loss_requests';
UPDATE sqlite_schema SET sql = replace(sql,
    'reason IN (''file'',''reassign'',''to-dcc'',''merge'',''import'',''pool'',''wholesale'')',
    '(reason = ''file'' OR reason = ''reassign'' OR reason = ''to-dcc'' OR reason = ''merge'' OR reason = ''import'' OR reason = ''pool'' OR reason = ''wholesale'')')
WHERE type = 'table' AND name = 'assignments';
UPDATE sqlite_schema SET sql = replace(replace(sql,
    'status IN (''due'',''done'',''unreachable'')',
    '(status = ''due'' OR status = ''done'' OR status = ''unreachable'')'),
    'satisfaction IN (''satisfied'',''neutral'',''unhappy'')',
    '(satisfaction = ''satisfied'' OR satisfaction = ''neutral'' OR satisfaction = ''unhappy'')')
WHERE type = 'table' AND name = 'callbacks';
UPDATE sqlite_schema SET sql = replace(sql,
    'result IN (''reached'',''no-answer'',''wrong-number'',''call-back'',
                                                ''appointment'',''not-interested'')',
    '(result = ''reached'' OR result = ''no-answer'' OR result = ''wrong-number'' OR result = ''call-back'' OR result = ''appointment'' OR result = ''not-interested'')')
WHERE type = 'table' AND name = 'calls';
PRAGMA writable_schema = OFF;

-- 2. One character of a name (a surname typed at reception): card_grams
--    also holds the last character of each name on its own, so every
--    character of a name begins a piece, and a one-character search reads
--    the pieces from that character up to the next (a range of the key)
--    instead of every card. A name of one character now has its piece too.
DROP TRIGGER cards_grams_insert;
CREATE TRIGGER cards_grams_insert AFTER INSERT ON cards
BEGIN
    INSERT OR IGNORE INTO card_grams(gram, card_id)
        SELECT lower(substr(NEW.name, n, 2)), NEW.id FROM gram_pos WHERE n <= length(NEW.name);
END;

DROP TRIGGER cards_grams_update;
CREATE TRIGGER cards_grams_update AFTER UPDATE OF name ON cards
WHEN NEW.name IS NOT OLD.name
BEGIN
    DELETE FROM card_grams WHERE card_id = OLD.id AND gram IN
        (SELECT lower(substr(OLD.name, n, 2)) FROM gram_pos WHERE n <= length(OLD.name));
    INSERT OR IGNORE INTO card_grams(gram, card_id)
        SELECT lower(substr(NEW.name, n, 2)), NEW.id FROM gram_pos WHERE n <= length(NEW.name);
END;

-- gram_pos reaches 32 (a name is at most 32 characters).
INSERT OR IGNORE INTO gram_pos(n) VALUES (32);

INSERT OR IGNORE INTO card_grams(gram, card_id)
    SELECT lower(substr(name, length(name), 1)), id FROM cards ORDER BY 1, 2;
