# test_dcc.sh — the DCC from the command line: distribution of new leads,
# the call list with the new-lead flag, calls and scripts, the sweep,
# appointments shown on arrival and missed, callbacks and complaints,
# campaigns.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

DANA=$(db_val "select id from users where login = 'dana'")
IVAN=$(db_val "select id from users where login = 'ivan'")

# --- distribution: reception's phone leads go round the DCC callers ---------------------
file_card rita "网甲" 13000500001 phone --source autohome
l1=$ID
file_card rita "网乙" 13000500002 phone --source autohome
l2=$ID
file_card ivan "网丙" 13000500003 phone
l3=$ID
expect_eq "$(db_val "select owner_id from cards where id = $l1")" "$DANA" "first lead to dana"
expect_eq "$(db_val "select owner_id from cards where id = $l2")" "$IVAN" "second lead to ivan"
expect_eq "$(db_val "select owner_id from cards where id = $l3")" "$DANA" "third lead to dana"
expect_eq "$(db_val "select count(*) from assignments where card_id = $l2 and to_user = $IVAN")" "1" \
	"assignment row of the distributed lead"
# An owner named by hand wins.
file_card rita "网丁" 13000500004 phone --owner ivan
expect_eq "$(db_val "select owner_id from cards where id = $ID")" "$IVAN" "named owner"
l4=$ID

# --- the call list: new leads first, with how long they waited; flagged past 2 working hours
sr --as dana --now "2026-03-02 11:30" list calls --csv
expect_ok
expect_header "card_id,name,phone,level,status,owner,date,days_late,ref_id,detail,new_lead,waited_min,flagged"
expect_eq "$(csv_col card_id | tr '\n' ' ')" "$l1 $l3 " "dana's call list"
expect_eq "$(csv_field waited_min 1)" "90" "waited since 10:00"
expect_eq "$(csv_field flagged 1)" "0" "not yet flagged"
sr --as dana --now "2026-03-02 12:30" list calls --csv
expect_eq "$(csv_field flagged 1)" "1" "flagged after 2 working hours"
# Evening and night do not count.
sr --as admin setting set work_hours 09:00-11:00
expect_ok
sr --as dana --now "2026-03-02 23:00" list calls --csv
expect_eq "$(csv_field waited_min 1)" "60" "only working minutes count"
sr --as admin setting set work_hours 9-18
expect_rc 6
sr --as admin setting set lead_contact_hours two
expect_rc 6

# --- calls --------------------------------------------------------------------------------
sr --as dana --now "2026-03-02 11:00" call add "$l1" --result no-answer --start "2026-03-02 10:40" --end "2026-03-02 10:41"
expect_id
sr --as dana --now "2026-03-02 11:00" call add "$l1" --result maybe
expect_rc 6
sr --as dana --now "2026-03-02 11:00" call add "$l2" --result reached
expect_rc 3
sr --as dana --now "2026-03-02 11:30" list calls --csv
expect_eq "$(csv_field card_id 1)" "$l1" "a call not answered leaves the lead new"
sr --as admin --now "2026-03-02 11:00" script add --title "首次邀约" --body "您好，这里是别克4S店" --tags "excelle,邀约"
expect_id
s1=$ID
sr --as dana --now "2026-03-02 11:10" call add "$l1" --result appointment --start "2026-03-02 11:00" --end "2026-03-02 11:03:20" --script "$s1" --note "约周六"
expect_id
sr --as dana --now "2026-03-02 11:30" list calls --csv
expect_eq "$(csv_field card_id 1)" "$l3" "a reached lead is no longer new"
sr --as dana call list --card "$l1" --csv
expect_ok
expect_header "id,card_id,name,caller,start,end,seconds,result,script_id,note"
expect_eq "$(csv_rows)" "2" "dana's calls on $l1"
expect_eq "$(csv_field seconds 2)" "200" "duration"
expect_eq "$(csv_field script_id 2)" "$s1" "script in use"
sr --as ivan call list --csv
expect_eq "$(csv_rows)" "0" "ivan sees no calls on dana's cards"
sr --as mgr call list --caller dana --from 2026-03-02 --to 2026-03-02 --csv
expect_eq "$(csv_rows)" "2" "manager sees dana's calls of the day"

# --- scripts ----------------------------------------------------------------------------
expect_refusal 3 --as dana script add --title x --body y
sr --as sue script edit "$s1" --body "您好，这里是别克4S店销售部"
expect_ok
sr --as dana script show "$s1"
expect_ok
expect_out_contains "销售部"
sr --as dana script search EXCELLE --csv
expect_row id "$s1"
sr --as dana script search 不存在 --csv
expect_eq "$(csv_rows)" "0" "search finds nothing"
sr --as sue script delete "$s1"
expect_ok
sr --as dana script list --csv
expect_no_row id "$s1"
expect_refusal 5 --as sue script delete "$s1"

# --- appointments: shown on arrival, missed back to the list -----------------------------------
sr --as dana appointment add "$l3" --date 2026-03-03 --consultant alice
expect_id
a1=$ID
sr --as dana appointment add "$l1" --date 2026-03-03 --consultant alice
expect_id
a2=$ID
sr --as mgr --now "2026-03-02 17:00" list arrivals --csv
expect_row ref_id "$a1"
expect_row ref_id "$a2"
sr --as rita --now "2026-03-03 10:00" traffic add --kind walkin --consultant alice
expect_id
t1=$ID
sr --as admin --now "2026-03-03 10:05" followup add "$l3" --method reception --note "到店看车" --traffic "$t1"
expect_id
expect_eq "$(db_val "select status || ' ' || traffic_id from appointments where id = $a1")" "showed $t1" \
	"appointment shown when the visit is linked"
# Reception links a visit to a card with no follow-up: the appointment shows.
file_card dana "邀约己" 13000500005 phone --owner dana
l5=$ID
sr --as dana appointment add "$l5" --date 2026-03-03
expect_id
a3=$ID
sr --as rita --now "2026-03-03 10:20" traffic add --kind walkin --consultant bob
expect_id
t2=$ID
expect_refusal 3 --as alice --now "2026-03-03 10:30" traffic link "$t2" --card "$l5"
sr --as rita --now "2026-03-03 10:30" traffic link "$t2"
expect_rc 1
sr --as rita --now "2026-03-03 10:30" traffic link "$t2" --card "$l5"
expect_ok
expect_eq "$OUT" "$a3" "the appointment shown"
expect_eq "$(db_val "select status from appointments where id = $a3")" "showed" "shown on the link"
expect_eq "$(db_val "select result || ' ' || card_id from traffic where id = $t2")" "followup $l5" "traffic linked"
expect_refusal 2 --as rita --now "2026-03-03 10:40" traffic link "$t2" --card "$l5"
# The other one passes without a visit: the sweep marks it missed and the card is due.
expect_refusal 3 --as dana --now "2026-03-04 07:00" dcc sweep
sr --as mgr --now "2026-03-04 07:00" dcc sweep
expect_ok
expect_out_contains "missed: 1"
expect_eq "$(db_val "select status from appointments where id = $a2")" "missed" "missed appointment"
sr --as dana --now "2026-03-04 08:00" list calls --csv
expect_row card_id "$l1"

# --- the sweep: consultants' long-overdue cards go to the DCC pool ----------------------------
file_card alice "顾问甲" 13000500010 walkin
k1=$ID
file_card alice "顾问乙" 13000500011 walkin
k2=$ID
sqlite3 "$DB" "update cards set next_date = '2026-02-20' where id = $k1; update cards set next_date = '2026-03-01' where id = $k2"
sr --as admin setting set dcc_sweep_days 5
expect_ok
sr --as sue --now "2026-03-04 07:00" dcc sweep --csv
expect_ok
expect_eq "$(csv_field moved)" "1" "one card moved"
expect_ne "$(db_val "select u.role from cards c join users u on u.id = c.owner_id where c.id = $k1")" "consultant" \
	"overdue card left the consultant"
expect_eq "$(db_val "select u.team from cards c join users u on u.id = c.owner_id where c.id = $k1")" "dcc" \
	"overdue card went to the DCC"
expect_eq "$(db_val "select owner_id = (select id from users where login = 'alice') from cards where id = $k2")" "1" \
	"a recent card stays"
expect_eq "$(db_val "select count(*) from assignments where card_id = $k1 and reason = 'pool'")" "1" "assignment reason"
expect_eq "$(db_val "select count(*) from audit where card_id = $k1 and action = 'sweep'")" "1" "audit row"

# --- post-sale callbacks and complaints -----------------------------------------------------------
sr --as admin setting set callback_offsets 0,3,7,15,90
expect_ok
file_card alice "成交戊" 13000500020 walkin --status sold --deposit 5000
k3=$ID
expect_eq "$(db_val "select group_concat(due_date || '/' || kind, ' ') from (select * from callbacks where card_id = $k3 order by due_date)")" \
	"2026-03-02/day0 2026-03-05/day3 2026-03-09/day7 2026-03-17/day15 2026-05-31/service" "callbacks at delivery"
cb=$(db_val "select min(id) from callbacks where card_id = $k3")
sr --as sam list callbacks --csv
expect_row ref_id "$cb"
sr --as sam callback done "$cb" --result angry
expect_rc 6
expect_refusal 3 --as alice callback done "$cb" --result satisfied
sr --as sam callback done "$cb" --result unhappy --note "交车等太久"
expect_id
cp=$ID
sr --as sam complaint list --open --csv
expect_ok
expect_header "id,card_id,name,handler,opened_at,deadline,status,overdue,note,closing_note,version"
expect_row id "$cp"
expect_eq "$(csv_field deadline)" "2026-03-03 10:00:00" "24-hour deadline"
expect_eq "$(csv_field overdue)" "0" "not overdue yet"
sr --as sam --now "2026-03-03 11:00" complaint list --overdue --csv
expect_row id "$cp"
expect_refusal 2 --as sam complaint assign "$cp" --to dana
sr --as sam complaint assign "$cp" --to mgr
expect_ok
sr --as mgr complaint close "$cp"
expect_rc 1
sr --as mgr complaint close "$cp" --note "已道歉，赠送一次保养"
expect_ok
sr --as mgr complaint list --open --csv
expect_no_row id "$cp"
expect_refusal 2 --as mgr complaint close "$cp" --note again
expect_refusal 3 --as alice complaint list

# --- campaigns -----------------------------------------------------------------------------------
sr --as mgr campaign add "春季车展" --from 2026-03-01 --to 2026-03-31 --budget 50000 --models excelle --source autohome
expect_id
g=$ID
expect_refusal 4 --as mgr campaign add "春季车展" --from 2026-03-01 --to 2026-03-31
expect_refusal 3 --as alice campaign add "x" --from 2026-03-01 --to 2026-03-31
file_card alice "活动甲" 13000500030 walkin --campaign "$g"
g1=$ID
sr --as alice card edit "$k2" --campaign "$g"
expect_ok
sr --as alice order add "$g1" --deposit 3000
expect_id
expect_refusal 5 --as alice card file --name x --phone 13000500031 --channel walkin --campaign 99
sr --as mgr campaign show "$g" --csv
expect_ok
expect_eq "$(csv_field leads)" "2" "campaign leads"
expect_eq "$(csv_field visits)" "2" "campaign visits"
expect_eq "$(csv_field orders)" "1" "campaign orders"
expect_eq "$(csv_field budget)" "50000.00" "campaign budget"
sr --as mgr campaign list --csv
expect_row id "$g"
# An import attributes the cards it filed.
printf '姓名,手机,意向车型\n导入甲,13000500040,excelle\n网甲,13000500001,excelle\n' >"$T/leads.csv"
sr --as mgr import "$T/leads.csv" --source bitauto --campaign "$g"
expect_ok
sr --as mgr campaign show "$g" --csv
expect_eq "$(csv_field leads)" "3" "imported lead counted, matched one not"
expect_eq "$(db_val "select campaign_id is null from cards where id = $l1")" "1" "matched card not attributed"

finish
