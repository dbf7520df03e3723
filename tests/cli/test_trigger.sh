# test_trigger.sh — the rules live in the schema too: a stray sqlite3 session
# cannot change a sold or lost card, delete a card or a follow-up, rewrite
# the audit trail, or break the level and status rules.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "已成交" 13500000001 walkin --level A
sold=$ID
sr --as alice order add "$sold" --deposit 5000
expect_id
sr --as alice --now "2026-03-03 10:00" order deliver "$sold"
expect_ok
expect_card "$sold" status sold

file_card alice "已战败" 13500000002 phone --level C
lost=$ID
sr --as alice loss request "$lost" --reason competitor
expect_ok
sr --as mgr loss confirm "$lost"
expect_ok
expect_card "$lost" status lost

file_card alice "活跃中" 13500000003 phone --level B
act=$ID
sr --as alice followup add "$act" --method phone
expect_id
fu=$ID

# q SQL: run SQL in the sqlite3 shell on $DB; $RC and $ERR as for sr.
q()
{
	sqlite3 "$DB" "$1" >"$T/qout" 2>"$T/qerr"
	RC=$?
	OUT=$(cat "$T/qout")
	ERR=$(cat "$T/qerr")
}

# check_sql_refused SQL WHAT: the statement fails and the database is unchanged.
check_sql_refused()
{
	before=$(db_fingerprint)
	audit_before=$(db_val "select count(*) || '/' || coalesce(max(id), 0) from audit")
	q "$1"
	if [ "$RC" = 0 ]; then
		_fail "$2: sqlite3 accepted: $1"
	else
		_pass
	fi
	expect_eq "$(db_fingerprint)" "$before" "$2: database after the refused statement"
	expect_eq "$(db_val "select count(*) || '/' || coalesce(max(id), 0) from audit")" "$audit_before" \
		"$2: audit after the refused statement"
}

row_sold_before=$(db_val "select * from cards where id = $sold")

# --- sold and lost are final ------------------------------------------------------------------------------
check_sql_refused "UPDATE cards SET name = '改名' WHERE id = $sold" "rename a sold card"
expect_err_contains "final"
check_sql_refused "UPDATE cards SET status = 'active', level = 'A', next_date = '2026-03-05', sold_at = NULL WHERE id = $sold" \
	"reopen a sold card"
check_sql_refused "UPDATE cards SET version = version + 1 WHERE id = $sold" "touch a sold card"
check_sql_refused "UPDATE cards SET owner_id = (SELECT id FROM users WHERE login = 'bob') WHERE id = $sold" \
	"reassign a sold card"
check_sql_refused "UPDATE cards SET status = 'active', loss_reason = NULL, lost_at = NULL, next_date = '2026-03-05' WHERE id = $lost" \
	"reopen a lost card"
check_sql_refused "UPDATE cards SET phone = '13500000009' WHERE id = $lost" "change a lost card's phone"
expect_eq "$(db_val "select * from cards where id = $sold")" "$row_sold_before" "the sold card's row"

# --- nothing is deleted -----------------------------------------------------------------------------------------
check_sql_refused "DELETE FROM cards WHERE id = $act" "delete an active card"
expect_err_contains "never deleted"
check_sql_refused "DELETE FROM cards WHERE id = $sold" "delete a sold card"
check_sql_refused "DELETE FROM cards" "delete every card"
check_sql_refused "DELETE FROM followups WHERE id = $fu" "delete a follow-up"
expect_eq "$(db_val "select count(*) from cards")" "3" "cards left"

# --- follow-ups are history ----------------------------------------------------------------------------------------
check_sql_refused "UPDATE followups SET content = '改写历史' WHERE id = $fu" "rewrite a follow-up"
check_sql_refused "UPDATE followups SET at = '2026-01-01 00:00:00' WHERE id = $fu" "back-date a follow-up"
check_sql_refused "INSERT INTO followups(card_id, at, user_id, method, level_before, level, created_at)
	VALUES ($sold, '2026-03-04 10:00:00', 1, 'phone', 'O', 'O', '2026-03-04 10:00:00')" "a follow-up on a sold card"
check_sql_refused "INSERT INTO followups(card_id, at, user_id, method, level_before, level, created_at)
	VALUES ($lost, '2026-03-04 10:00:00', 1, 'phone', 'C', 'C', '2026-03-04 10:00:00')" "a follow-up on a lost card"
check_sql_refused "INSERT INTO orders(card_id, ordered_at, level_before, created_by)
	VALUES ($sold, '2026-03-04 10:00:00', 'A', 1)" "an order on a sold card"

# --- the audit trail is append-only ----------------------------------------------------------------------------------
check_sql_refused "UPDATE audit SET user_id = NULL" "rewrite the audit trail"
check_sql_refused "DELETE FROM audit" "erase the audit trail"

# --- the level and status rules -------------------------------------------------------------------------------------
check_sql_refused "UPDATE cards SET level = 'H' WHERE id = $act" "H without the seven answers"
check_sql_refused "UPDATE cards SET level = 'O' WHERE id = $act" "O without an order"
check_sql_refused "UPDATE cards SET next_date = NULL WHERE id = $act" "an active card without a next date"
check_sql_refused "UPDATE cards SET status = 'dormant' WHERE id = $act" "a dormant card with a next date"
check_sql_refused "UPDATE cards SET customer_type = 'wholesale' WHERE id = $act" "wholesale by phone"
check_sql_refused "UPDATE cards SET phone = '138-0013' WHERE id = $act" "a phone with a dash"
check_sql_refused "UPDATE cards SET merged_into = id WHERE id = $act" "merged into itself"

# The program is not fooled either: the card shows as before.
expect_card "$sold" name "已成交"
expect_card "$sold" status sold
expect_card "$lost" status lost
expect_card "$act" level B
sr check
expect_ok

finish
