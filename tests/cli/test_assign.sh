# test_assign.sh — reassigning cards (managers and the director only), all
# or none; the new owner sees them, the old one no longer does.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "钱一" 13200132001 phone --level B
c1=$ID
file_card alice "钱二" 13200132002 walkin --level A
c2=$ID
file_card alice "钱三" 13200132003 phone
c3=$ID
file_card bob "钱四" 13200132004 phone
c4=$ID

# --- who may ---------------------------------------------------------------------------------------
expect_refusal 3 --as alice assign "$c1" --to bob
expect_refusal 3 --as bob assign "$c1" --to bob
expect_refusal 3 --as rita assign "$c1" --to bob
expect_refusal 3 --as dana assign "$c1" --to dana
expect_refusal 3 --as sam assign "$c1" --to bob

# --- nonsense ----------------------------------------------------------------------------------------
expect_refusal 1 --as mgr assign "$c1"
expect_refusal 1 --as mgr assign --to bob
expect_refusal "5|6" --as mgr assign "$c1" --to nobody
# Cards go to consultants and DCC callers, not to a receptionist.
expect_refusal "2|6" --as mgr assign "$c1" --to rita
expect_refusal "2|6" --as mgr assign "$c1" --to sam
# All or none: one unknown card and nothing moves.
expect_refusal 5 --as mgr assign "$c1" 999 --to bob
expect_card "$c1" owner alice

# --- a batch of two ----------------------------------------------------------------------------------
sr --as mgr --now "2026-03-03 09:00" assign "$c1" "$c2" --to bob
expect_ok
expect_card "$c1" owner bob
expect_card "$c2" owner bob
expect_card "$c3" owner alice
# Status, level and next date are untouched.
expect_card "$c2" status active
expect_card "$c2" level A
expect_card "$c1" next_date 2026-03-03
expect_eq "$(db_val "select count(*) from assignments where card_id = $c1")" "2" "assignment rows of $c1 (filing + reassign)"

# The old owner no longer reaches them; the new one does.
expect_refusal 3 --as alice --now "2026-03-03 09:10" card show "$c1"
expect_refusal 3 --as alice --now "2026-03-03 09:10" followup add "$c1" --method phone
sr --as bob --now "2026-03-03 09:10" card list --csv
expect_ok
expect_row id "$c1"
expect_row id "$c2"
expect_row id "$c4"
expect_no_row id "$c3"
sr --as alice --now "2026-03-03 09:10" card list --csv
expect_ok
expect_row id "$c3"
expect_no_row id "$c1"
sr --as bob --now "2026-03-03 10:00" followup add "$c1" --method phone
expect_id

# Work lists follow the owner.
sr --as mgr --now "2026-03-03 10:00" list today --owner bob --csv
expect_ok
expect_row card_id "$c2"
expect_no_row card_id "$c3"
sr --as mgr --now "2026-03-03 10:00" list today --owner alice --csv
expect_ok
expect_row card_id "$c3"
expect_no_row card_id "$c2"

# --- the director; to a DCC caller; the audit trail -----------------------------------------------------
sr --as boss --now "2026-03-04 09:00" assign "$c3" --to dana
expect_ok
expect_card "$c3" owner dana
sr --as mgr audit --card "$c3" --csv
expect_ok
expect_true "audit of card $c3 has fewer than 2 rows" test "$(csv_rows)" -ge 2

# --- not a final card ---------------------------------------------------------------------------------
sr --as bob --now "2026-03-04 10:00" order add "$c4" --deposit 1000
expect_id
# An order card may change hands (the consultant left)...
sr --as mgr --now "2026-03-04 11:00" assign "$c4" --to alice
expect_ok
expect_card "$c4" owner alice
sr --as alice --now "2026-03-05 10:00" order deliver "$c4"
expect_ok
# ...a sold one may not.
expect_refusal 2 --as mgr --now "2026-03-05 11:00" assign "$c4" --to bob
expect_refusal 2 --as mgr --now "2026-03-05 11:00" assign "$c2" "$c4" --to alice
expect_card "$c2" owner bob

finish
