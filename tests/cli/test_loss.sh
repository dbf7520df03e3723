# test_loss.sh — loss requests (战败申请) and a manager's decision: confirm
# (lost, final), reject (active again), hand to the DCC for re-checking.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "周杰" 13700137001 phone --level C --model regal
c1=$ID
file_card alice "吴敏" 13700137002 phone --level B
c2=$ID
file_card alice "郑爽" 13700137003 walkin --level N
c3=$ID
file_card alice "冯巩" 13700137004 phone --level C
c4=$ID
file_card alice "陈红" 13700137005 outreach --level B
c5=$ID

# --- request ------------------------------------------------------------------------------
sr --as alice --now "2026-03-04 10:00" loss request "$c1" --reason competitor --note "买了雅阁"
expect_ok
# Pending: the card is still active until a manager decides.
expect_card "$c1" status active
expect_card "$c1" loss_reason ""
expect_eq "$(db_val "select status || '/' || reason from loss_requests where card_id = $c1")" "pending/competitor" "loss request row"
# One pending request at a time.
expect_refusal "2|4" --as alice --now "2026-03-04 10:05" loss request "$c1" --reason gave-up
# Only the five reasons.
expect_refusal "1|6" --as alice loss request "$c2" --reason bored
expect_refusal 1 --as alice loss request "$c2"
# Not on someone else's card.
expect_refusal 3 --as bob loss request "$c2" --reason gave-up
# A receptionist may not request one.
expect_refusal 3 --as rita loss request "$c2" --reason gave-up

sr --as mgr --now "2026-03-04 12:00" list pending-loss --csv
expect_ok
expect_header "card_id,name,phone,level,status,owner,date,days_late,ref_id,detail"
expect_row card_id "$c1"
expect_no_row card_id "$c2"

# --- confirm: lost, final -----------------------------------------------------------------------
expect_refusal 3 --as alice --now "2026-03-05 09:00" loss confirm "$c1"
expect_refusal 3 --as rita --now "2026-03-05 09:00" loss confirm "$c1"
expect_refusal 3 --as dana --now "2026-03-05 09:00" loss confirm "$c1"
sr --as mgr --now "2026-03-05 09:00" loss confirm "$c1"
expect_ok
expect_card "$c1" status lost
expect_card "$c1" loss_reason competitor
expect_card "$c1" next_date ""
sr --as mgr --now "2026-03-05 09:10" list pending-loss --csv
expect_ok
expect_no_row card_id "$c1"

now="2026-03-06 09:00"
expect_refusal 2 --as alice --now "$now" followup add "$c1" --method phone
expect_refusal 2 --as alice --now "$now" card edit "$c1" --level B
expect_refusal 2 --as alice --now "$now" loss request "$c1" --reason gave-up
expect_refusal "2|5" --as mgr --now "$now" loss confirm "$c1"
expect_refusal "2|5" --as mgr --now "$now" loss reject "$c1"
expect_refusal 2 --as alice --now "$now" reactivate "$c1" --next 2026-03-08
expect_refusal 2 --as alice --now "$now" order add "$c1" --deposit 1000
expect_refusal 2 --as mgr --now "$now" assign "$c1" --to bob
expect_card "$c1" status lost
# A lost card stays out of the following cards but is found with --status all.
sr --as alice --now "$now" card list --csv
expect_ok
expect_no_row id "$c1"
sr --as alice --now "$now" card list --status all --csv
expect_ok
expect_row id "$c1"
sr --as alice --now "$now" card list --status lost --csv
expect_ok
expect_row id "$c1"
expect_no_row id "$c2"

# --- reject: back to active ------------------------------------------------------------------------
sr --as alice --now "2026-03-04 10:00" loss request "$c2" --reason gave-up
expect_ok
sr --as mgr --now "2026-03-04 16:00" loss reject "$c2"
expect_ok
expect_card "$c2" status active
expect_card "$c2" owner alice
expect_card "$c2" loss_reason ""
expect_ne "$(card_get "$c2" next_date)" "" "next date after a rejected loss request"
expect_eq "$(db_val "select status from loss_requests where card_id = $c2")" "rejected" "request after reject"
# Nothing pending any more.
expect_refusal "2|5" --as mgr --now "2026-03-04 16:05" loss confirm "$c2"
expect_refusal "2|5" --as mgr --now "2026-03-04 16:05" loss to-dcc "$c2" --to dana
# Alice may ask again later.
sr --as alice --now "2026-03-06 10:00" loss request "$c2" --reason region
expect_ok
# The director decides too.
sr --as boss --now "2026-03-06 11:00" loss confirm "$c2"
expect_ok
expect_card "$c2" status lost
expect_card "$c2" loss_reason region

# --- to the DCC for re-checking -------------------------------------------------------------------
sr --as alice --now "2026-03-04 10:00" loss request "$c3" --reason unreachable
expect_ok
# Only to a DCC caller.
expect_refusal "2|6" --as mgr --now "2026-03-04 17:00" loss to-dcc "$c3" --to bob
expect_refusal 5 --as mgr --now "2026-03-04 17:00" loss to-dcc "$c3" --to nobody
sr --as mgr --now "2026-03-04 17:00" loss to-dcc "$c3" --to dana
expect_ok
expect_card "$c3" status active
expect_card "$c3" owner dana
expect_ne "$(card_get "$c3" next_date)" "" "next date after the hand-over"
expect_eq "$(db_val "select status from loss_requests where card_id = $c3")" "to-dcc" "request after to-dcc"
expect_refusal 3 --as alice --now "2026-03-04 17:10" card show "$c3"
expect_refusal 3 --as alice --now "2026-03-04 17:10" followup add "$c3" --method phone
sr --as dana --now "2026-03-04 17:10" card show "$c3" --csv
expect_ok
expect_eq "$(csv_field owner)" "dana" "owner seen by dana"
sr --as dana --now "2026-03-05 10:00" followup add "$c3" --method phone --note "打通了，还在考虑"
expect_id

# Without --to: some DCC caller takes it.
sr --as alice --now "2026-03-04 10:00" loss request "$c4" --reason gave-up
expect_ok
sr --as mgr --now "2026-03-04 17:00" loss to-dcc "$c4"
expect_ok
expect_match "$(card_get "$c4" owner)" "dana|ivan|sue" "owner after to-dcc without --to"
expect_card "$c4" status active

# --- what cannot be requested ----------------------------------------------------------------------
# An order must be cancelled first.
sr --as alice order add "$c5" --deposit 1000
expect_id
expect_refusal 2 --as alice --now "2026-03-04 10:00" loss request "$c5" --reason competitor
sr --as alice --now "2026-03-04 11:00" order cancel "$c5" --reason "客户反悔"
expect_ok
sr --as alice --now "2026-03-04 11:05" loss request "$c5" --reason competitor
expect_ok
expect_refusal 5 --as mgr loss confirm 999
expect_refusal 5 --as alice loss request 999 --reason gave-up

finish
