# test_merge.sh — a manager merges duplicate cards of one customer into a
# survivor: follow-ups, traffic links and appointments move; the merged card
# stays, marked merged_into, and can no longer change. Wholesale cards and
# cards with an order cannot be merged; all or none.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "孙丽" 13300133001 phone --level B
s=$ID
# The same customer filed again by walk-in (a second opportunity on paper).
sr --as rita --now "2026-03-03 10:00" traffic add --kind walkin --consultant alice
expect_id
t1=$ID
sr --as rita --now "2026-03-03 10:05" card file --name "孙丽" --phone 13300133001 --channel walkin \
	--traffic "$t1" --new-opportunity --owner alice
expect_id
d1=$ID
sr --as alice --now "2026-03-04 10:00" followup add "$d1" --method phone --note "重复卡上的跟进"
expect_id
fd1=$ID
sr --as alice --now "2026-03-04 10:05" appointment add "$d1" --date 2026-03-07
expect_id
a1=$ID
# A duplicate owned by bob.
file_card bob "孙丽丽" 13300133002 phone --level C
d2=$ID
sr --as bob --now "2026-03-04 11:00" followup add "$d2" --method wechat
expect_id
fd2=$ID

# --- who may merge --------------------------------------------------------------------------------
expect_refusal 3 --as alice --now "2026-03-05 10:00" merge "$s" "$d1"
expect_refusal 3 --as rita --now "2026-03-05 10:00" merge "$s" "$d1"
expect_refusal 3 --as dana --now "2026-03-05 10:00" merge "$s" "$d1"

# --- nonsense -----------------------------------------------------------------------------------------
expect_refusal 1 --as mgr --now "2026-03-05 10:00" merge "$s"
expect_refusal "1|2|6" --as mgr --now "2026-03-05 10:00" merge "$s" "$s"
expect_refusal 5 --as mgr --now "2026-03-05 10:00" merge "$s" 999
expect_refusal 5 --as mgr --now "2026-03-05 10:00" merge 999 "$d1"

# --- not a wholesale card, not a card with an order; all or none ----------------------------------------------
file_card alice "孙丽批售" 13300133003 outreach --wholesale
w=$ID
expect_card "$w" type wholesale
expect_card "$w" channel outreach
expect_refusal 2 --as mgr --now "2026-03-05 10:00" merge "$s" "$w"
expect_refusal 2 --as mgr --now "2026-03-05 10:00" merge "$w" "$d1"
expect_refusal 2 --as mgr --now "2026-03-05 10:00" merge "$s" "$d1" "$w"
expect_card "$d1" merged_into 0

file_card alice "孙丽订单" 13300133004 phone --level B
o=$ID
sr --as alice --now "2026-03-04 12:00" order add "$o" --deposit 1000
expect_id
expect_refusal 2 --as mgr --now "2026-03-05 10:00" merge "$s" "$o"
expect_refusal 2 --as mgr --now "2026-03-05 10:00" merge "$s" "$d2" "$o"
expect_card "$d2" merged_into 0
expect_card "$s" status active

# --- the merge --------------------------------------------------------------------------------------------
sr --as mgr --now "2026-03-05 10:00" merge "$s" "$d1" "$d2"
expect_ok
sr --as admin --now "2026-03-05 10:00" card show "$d1" --csv
expect_ok
expect_eq "$(csv_field merged_into)" "$s" "merged_into of $d1"
expect_eq "$(csv_field name)" "孙丽" "a merged card keeps its data"
expect_card "$d2" merged_into "$s"
expect_card "$s" merged_into 0
expect_card "$s" owner alice
expect_eq "$(db_val "select count(*) from merges where survivor_id = $s")" "2" "merge rows"

# Follow-ups, the traffic link and the appointment moved to the survivor.
expect_eq "$(db_val "select card_id from followups where id = $fd1")" "$s" "card of follow-up $fd1"
expect_eq "$(db_val "select card_id from followups where id = $fd2")" "$s" "card of follow-up $fd2"
expect_eq "$(db_val "select card_id from traffic where id = $t1")" "$s" "card of traffic $t1"
expect_eq "$(db_val "select card_id from appointments where id = $a1")" "$s" "card of appointment $a1"
expect_eq "$(db_val "select count(*) from cards")" "5" "cards are never deleted"
# The walk-in visit of the duplicate counts for the survivor now.
expect_true "survivor visits $(card_get "$s" visits) < 1" test "$(card_get "$s" visits)" -ge 1

sr --as alice --now "2026-03-05 10:00" card show "$s"
expect_ok
expect_out_contains "重复卡上的跟进"

# Merged cards are out of the following cards, still found with --status all.
sr --as mgr --now "2026-03-05 10:00" card list --csv
expect_ok
expect_row id "$s"
expect_no_row id "$d1"
expect_no_row id "$d2"
sr --as mgr --now "2026-03-05 10:00" card list --status all --csv
expect_ok
expect_row id "$d1"

# --- a merged card is frozen ---------------------------------------------------------------------------------
now="2026-03-06 10:00"
expect_refusal 2 --as mgr --now "$now" followup add "$d1" --method phone
expect_refusal 2 --as mgr --now "$now" card edit "$d1" --name "改"
expect_refusal 2 --as mgr --now "$now" order add "$d1" --deposit 1000
expect_refusal 2 --as mgr --now "$now" loss request "$d1" --reason gave-up
expect_refusal 2 --as mgr --now "$now" assign "$d1" --to bob
expect_refusal 2 --as mgr --now "$now" merge "$s" "$d1"
expect_refusal 2 --as mgr --now "$now" merge "$d1" "$o"
expect_refusal 2 --as mgr --now "$now" appointment add "$d1" --date 2026-03-08

# Now that the duplicates are gone, the phone has one following card, and a new
# filing of it is a duplicate again.
expect_refusal 2 --as bob --now "$now" card file --name "孙丽" --phone 13300133001 --channel phone

# The director may merge too.
file_card bob "再来一张" 13300133005 phone
d3=$ID
sr --as boss --now "$now" merge "$s" "$d3"
expect_ok
expect_card "$d3" merged_into "$s"

finish
