# test_lists.sh — the daily work lists with a moving clock: today, overdue,
# contacted, arrivals, calls, pending-loss, callbacks, to-comment.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

H="card_id,name,phone,level,status,owner,date,days_late,ref_id,detail"

# Filed on 2026-03-02: next dates 03-03 by default.
file_card alice "今日甲" 13000130001 phone --level B
c1=$ID
file_card alice "今日乙" 13000130002 phone --level B --next 2026-03-04
c2=$ID
file_card alice "今日丙" 13000130003 phone
c3=$ID
file_card bob "鲍勃丁" 13000130004 phone --level B
c4=$ID
file_card dana "呼出戊" 13000130005 phone --level C
c5=$ID

# --- usage -------------------------------------------------------------------------------------------------
sr --as alice list
expect_rc 1
sr --as alice list yesterday
expect_rc 1

# --- 2026-03-03: due today ----------------------------------------------------------------------------------
now="2026-03-03 09:00"
sr --as alice --now "$now" list today --csv
expect_ok
expect_header "$H"
expect_row card_id "$c1"
expect_row card_id "$c3"
expect_no_row card_id "$c2"
expect_no_row card_id "$c4"
expect_eq "$(csv_field date)" "2026-03-03" "date of a row due today"
expect_eq "$(csv_col owner | sort -u)" "alice" "owners in alice's list"
sr --as alice --now "$now" list overdue --csv
expect_ok
expect_header "$H"
expect_eq "$(csv_rows)" "0" "overdue rows on 03-03"
# Managers see everyone's, or one owner's.
sr --as mgr --now "$now" list today --csv
expect_ok
expect_row card_id "$c1"
expect_row card_id "$c4"
sr --as mgr --now "$now" list today --owner alice --csv
expect_ok
expect_row card_id "$c1"
expect_no_row card_id "$c4"
sr --as bob --now "$now" list today --csv
expect_ok
expect_row card_id "$c4"
expect_no_row card_id "$c1"
# The DCC call list of a caller.
sr --as dana --now "$now" list calls --csv
expect_ok
expect_header "$H,new_lead,waited_min,flagged"
expect_row card_id "$c5"
expect_no_row card_id "$c1"
# Without --csv: a table, names and all.
sr --as alice --now "$now" list today
expect_ok
expect_out_contains "今日甲"

# --- 2026-03-05: overdue -------------------------------------------------------------------------------------
now="2026-03-05 09:00"
sr --as alice --now "$now" list today --csv
expect_ok
expect_eq "$(csv_rows)" "0" "due today on 03-05"
sr --as alice --now "$now" list overdue --csv
expect_ok
expect_row card_id "$c1"
expect_row card_id "$c2"
expect_row card_id "$c3"
expect_no_row card_id "$c4"
days_of()
{
	row=$(csv_col card_id | grep -nxF "$1" | cut -d: -f1)
	[ -n "$row" ] && csv_field days_late "$row"
}
expect_eq "$(days_of "$c1")" "2" "days late of $c1"
expect_eq "$(days_of "$c2")" "1" "days late of $c2"

# A follow-up clears it and counts as contacted today.
sr --as alice --now "2026-03-05 10:00" followup add "$c1" --method phone --next 2026-03-06
expect_id
sr --as alice --now "2026-03-05 10:05" list overdue --csv
expect_ok
expect_no_row card_id "$c1"
expect_row card_id "$c3"
sr --as alice --now "2026-03-05 10:05" list contacted --csv
expect_ok
expect_header "$H"
expect_row card_id "$c1"
expect_no_row card_id "$c3"

# --- 2026-03-06 ------------------------------------------------------------------------------------------------
sr --as alice --now "2026-03-06 09:00" list contacted --csv
expect_ok
expect_no_row card_id "$c1"
sr --as alice --now "2026-03-06 09:00" list today --csv
expect_ok
expect_row card_id "$c1"

# --- arrivals: tomorrow's appointments ------------------------------------------------------------------------
expect_refusal "2|6" --as alice --now "2026-03-05 11:00" appointment add "$c3" --date 2026-03-04
expect_refusal 1 --as alice --now "2026-03-05 11:00" appointment add "$c3"
sr --as alice --now "2026-03-05 11:00" appointment add "$c3" --date 2026-03-06
expect_id
a1=$ID
sr --as alice --now "2026-03-05 11:05" appointment add "$c2" --date 2026-03-06
expect_id
a2=$ID
sr --as alice --now "2026-03-05 17:00" list arrivals --csv
expect_ok
expect_header "$H"
expect_row card_id "$c3"
expect_row ref_id "$a1"
expect_row date 2026-03-06
sr --as mgr --now "2026-03-05 17:00" list arrivals --csv
expect_ok
expect_row card_id "$c3"

# The next day: one shows, with a traffic row; the other is missed.
sr --as rita --now "2026-03-06 15:00" traffic add --kind walkin --consultant alice
expect_id
t=$ID
sr --as rita --now "2026-03-06 15:05" appointment showed "$a1" --traffic "$t"
expect_ok
expect_eq "$(db_val "select status from appointments where id = $a1")" "showed" "appointment $a1"
expect_eq "$(db_val "select card_id from traffic where id = $t")" "$c3" "card of traffic $t"
expect_refusal 2 --as rita --now "2026-03-06 15:10" appointment showed "$a1"
sr --as alice --now "2026-03-07 09:00" appointment missed "$a2"
expect_ok
expect_eq "$(db_val "select status from appointments where id = $a2")" "missed" "appointment $a2"
expect_refusal 2 --as alice --now "2026-03-07 09:05" appointment showed "$a2"
expect_refusal 5 --as alice --now "2026-03-07 09:05" appointment missed 999

# --- pending loss requests ---------------------------------------------------------------------------------------
sr --as bob --now "2026-03-06 10:00" loss request "$c4" --reason same-brand
expect_ok
sr --as mgr --now "2026-03-06 11:00" list pending-loss --csv
expect_ok
expect_header "$H"
expect_row card_id "$c4"
expect_no_row card_id "$c1"
expect_eq "$(csv_field ref_id)" "$(db_val "select id from loss_requests where card_id = $c4")" "ref_id of the pending request"
sr --as mgr --now "2026-03-06 11:30" loss reject "$c4"
expect_ok
sr --as mgr --now "2026-03-06 11:35" list pending-loss --csv
expect_ok
expect_eq "$(csv_rows)" "0" "pending requests after the rejection"

# --- post-sale callbacks ------------------------------------------------------------------------------------------
file_card alice "交车客" 13000130006 walkin --level A
c6=$ID
sr --as alice --now "2026-03-03 10:00" order add "$c6" --deposit 5000
expect_id
sr --as alice --now "2026-03-05 16:00" order deliver "$c6"
expect_ok
# Same day, 3 and 7 days, half a month, the first service.
expect_eq "$(db_val "select group_concat(due_date, ',') from (select due_date from callbacks where card_id = $c6 order by due_date)")" \
	"2026-03-05,2026-03-08,2026-03-12,2026-03-20,2026-05-04" "callbacks of $c6"
sr --as mgr --now "2026-03-05 17:00" list callbacks --csv
expect_ok
expect_header "$H"
expect_eq "$(csv_col card_id | grep -cxF "$c6")" "1" "callbacks of $c6 due on 03-05"
sr --as mgr --now "2026-03-08 09:00" list callbacks --csv
expect_ok
expect_eq "$(csv_col card_id | grep -cxF "$c6")" "2" "callbacks of $c6 due on 03-08"
# A sold card is no longer due for follow-ups.
sr --as alice --now "2026-03-08 09:00" list overdue --csv
expect_ok
expect_no_row card_id "$c6"

# --- to-comment: the last week's follow-ups no manager has commented on (批复) -----------------------------
sr --as alice --now "2026-03-09 10:00" followup add "$c1" --method phone --next 2026-03-12 --note "报价已发"
expect_id
fa=$ID
sr --as bob --now "2026-03-09 11:00" followup add "$c4" --method phone --next 2026-03-12
expect_id
fb=$ID
sr --as mgr --now "2026-03-09 12:00" list to-comment --csv
expect_ok
expect_header "$H"
expect_eq "$(csv_col ref_id | head -n 2 | tr '\n' ,)" "$fb,$fa," "newest follow-up first"
expect_eq "$(csv_field detail 2)" "Alice Li: phone 报价已发" "detail names who, how and what"
# A commented record leaves the list; so does one older than seven days.
sr --as mgr --now "2026-03-09 12:00" followup comment "$fb" --text "好"
expect_ok
sr --as mgr --now "2026-03-09 12:00" list to-comment --csv
expect_no_row ref_id "$fb"
expect_row ref_id "$fa"
sr --as mgr --now "2026-03-16 12:00" list to-comment --csv
expect_ok
expect_no_row ref_id "$fa"
# A consultant's own list holds only records on their cards.
sr --as bob --now "2026-03-09 12:00" list to-comment --csv
expect_ok
expect_no_row ref_id "$fa"

finish
