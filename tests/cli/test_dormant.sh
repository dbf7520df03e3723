# test_dormant.sh — dormancy (休眠): allowed for phone/outreach cards more
# than 15 days old that never visited, or for visited cards with
# introduction, negotiation and test drive done; refused otherwise.
# Reactivation by an explicit command or a follow-up. The clock moves by --now.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# All filed on 2026-03-02 (SHOWROOM_NOW).
file_card alice "电话甲" 13600136001 phone
p1=$ID
file_card alice "外拓乙" 13600136002 outreach --source event
o1=$ID
file_card alice "进店丙" 13600136003 walkin --level B
w1=$ID
file_card alice "电话丁" 13600136004 phone --level C
p2=$ID
file_card alice "订单戊" 13600136005 phone --level B
p4=$ID
file_card alice "电话己" 13600136006 phone
p5=$ID

# --- a phone card: more than 15 days old --------------------------------------------------------
expect_refusal 2 --as alice --now "2026-03-12 10:00" dormant "$p1"
expect_err_contains "15"
# 15 days old is not more than 15.
expect_refusal 2 --as alice --now "2026-03-17 10:00" dormant "$p1"
sr --as alice --now "2026-03-18 10:00" dormant "$p1"
expect_ok
sr --as admin --now "2026-03-18 10:00" card show "$p1" --csv
expect_eq "$(csv_field status)" "dormant" "status after dormant"
expect_eq "$(csv_field next_date)" "" "a dormant card has no next date"
expect_eq "$(csv_field age_days)" "16" "age on 2026-03-18"
expect_refusal 2 --as alice --now "2026-03-18 10:05" dormant "$p1"

# Dormant cards are not due nor overdue, but still following.
sr --as alice --now "2026-03-18 10:10" list overdue --csv
expect_ok
expect_no_row card_id "$p1"
expect_row card_id "$o1"
sr --as alice --now "2026-03-18 10:10" card list --csv
expect_ok
expect_row id "$p1"
sr --as alice --now "2026-03-18 10:10" card list --status dormant --csv
expect_ok
expect_row id "$p1"
expect_no_row id "$o1"

# --- not someone else's, not a receptionist ----------------------------------------------------------
expect_refusal 3 --as bob --now "2026-03-18 10:00" dormant "$o1"
expect_refusal 3 --as rita --now "2026-03-18 10:00" dormant "$o1"
expect_refusal 5 --as alice --now "2026-03-18 10:00" dormant 999

# --- reactivate ---------------------------------------------------------------------------------------
expect_refusal 1 --as alice --now "2026-03-18 11:00" reactivate "$p1"
# Within the follow-up level (N: level 5, 1–30 days), not in the past.
expect_refusal 2 --as alice --now "2026-03-18 11:00" reactivate "$p1" --next 2026-04-30
expect_refusal 2 --as alice --now "2026-03-18 11:00" reactivate "$p1" --next 2026-03-10
expect_refusal 2 --as alice --now "2026-03-18 11:00" reactivate "$p1" --next 2026-03-18
expect_refusal "1|6" --as alice --now "2026-03-18 11:00" reactivate "$p1" --next 2026-02-30
expect_refusal 3 --as bob --now "2026-03-18 11:00" reactivate "$p1" --next 2026-03-20
sr --as alice --now "2026-03-18 11:00" reactivate "$p1" --next 2026-03-20
expect_ok
expect_card "$p1" status active
expect_card "$p1" next_date 2026-03-20
expect_refusal 2 --as alice --now "2026-03-18 11:05" reactivate "$p1" --next 2026-03-21

# --- an outreach card; a follow-up wakes it ---------------------------------------------------------------
sr --as alice --now "2026-03-18 10:00" dormant "$o1"
expect_ok
expect_card "$o1" status dormant
sr --as alice --now "2026-03-19 10:00" followup add "$o1" --method phone --note "客户来电询价"
expect_id
sr --as admin --now "2026-03-19 10:00" card show "$o1" --csv
expect_eq "$(csv_field status)" "active" "status after a follow-up on a dormant card"
expect_eq "$(csv_field next_date)" "2026-03-20" "next date after the follow-up (earliest allowed)"

# --- a walk-in card: visited, so all three steps are needed ------------------------------------------------
expect_refusal 2 --as alice --now "2026-03-20 10:00" dormant "$w1"
sr --as alice --now "2026-03-05 10:00" followup add "$w1" --method reception --intro
expect_id
expect_refusal 2 --as alice --now "2026-03-20 10:00" dormant "$w1"
sr --as alice --now "2026-03-06 10:00" followup add "$w1" --method reception --negotiation
expect_id
expect_refusal 2 --as alice --now "2026-03-20 10:00" dormant "$w1"
sr --as alice --now "2026-03-07 10:00" followup add "$w1" --method reception --test-drive --next 2026-03-10
expect_id
sr --as admin --now "2026-03-07 10:05" card show "$w1" --csv
expect_eq "$(csv_field intro),$(csv_field negotiation),$(csv_field test_drive)" "1,1,1" "steps of $w1"
# All three done: allowed at once, whatever its age.
sr --as alice --now "2026-03-08 10:00" dormant "$w1"
expect_ok
expect_card "$w1" status dormant

# --- a phone card that visited without the three steps: the 15 days do not help --------------------------------
sr --as alice --now "2026-03-05 10:00" followup add "$p2" --method reception --intro
expect_id
expect_refusal 2 --as alice --now "2026-03-25 10:00" dormant "$p2"
expect_card "$p2" status active

# --- an order card cannot sleep --------------------------------------------------------------------------------
sr --as alice --now "2026-03-03 10:00" order add "$p4" --deposit 2000
expect_id
expect_refusal 2 --as alice --now "2026-03-25 10:00" dormant "$p4"

# --- a dormant card may be requested lost; a rejection wakes it ---------------------------------------------------
sr --as alice --now "2026-03-20 10:00" dormant "$p5"
expect_ok
sr --as alice --now "2026-03-21 10:00" loss request "$p5" --reason gave-up
expect_ok
sr --as mgr --now "2026-03-21 15:00" loss reject "$p5"
expect_ok
sr --as admin --now "2026-03-21 15:00" card show "$p5" --csv
expect_eq "$(csv_field status)" "active" "status of a dormant card after a rejected loss"
expect_ne "$(csv_field next_date)" "" "next date of a dormant card after a rejected loss"

finish
