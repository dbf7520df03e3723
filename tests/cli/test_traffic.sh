# test_traffic.sh — showroom traffic (展厅流量): a walk-in batch is logged,
# a card is filed from it (result "filed"), a later visit is linked to a
# reception follow-up (result "followup"); traffic list shows it all.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# --- a walk-in batch ------------------------------------------------------------------------------------
sr --as rita traffic add --kind walkin --at "2026-03-02 09:30" --persons 3 --consultant alice \
	--model envision --source passing
expect_id
t1=$ID
expect_eq "$(db_val "select kind || '/' || time_in || '/' || persons || '/' || result from traffic where id = $t1")" \
	"walkin/2026-03-02 09:30:00/3/none" "traffic row $t1"
expect_eq "$(db_val "select u.login from traffic t join users u on u.id = t.consultant_id where t.id = $t1")" \
	"alice" "consultant of $t1"

sr --as rita traffic list --csv
expect_ok
expect_row id "$t1"
expect_eq "$(csv_rows)" "1" "traffic rows today"

# A call, and a second batch without a consultant.
sr --as rita --now "2026-03-02 09:40" traffic add --kind call --source hotline
expect_id
t2=$ID
sr --as rita --now "2026-03-02 09:45" traffic add --kind walkin
expect_id
t3=$ID
expect_eq "$(db_val "select persons || '/' || time_in from traffic where id = $t3")" "1/2026-03-02 09:45:00" "traffic $t3 defaults"

# Bad input changes nothing.
expect_refusal "1|6" --as rita traffic add --kind bus
expect_refusal 1 --as rita traffic add --persons 2
expect_refusal "1|6" --as rita traffic add --kind walkin --persons 0
expect_refusal "1|6" --as rita traffic add --kind walkin --persons 100
expect_refusal "5|6" --as rita traffic add --kind walkin --consultant nobody
expect_refusal "1|6" --as rita traffic add --kind walkin --at "2026-02-30 10:00"
expect_refusal 3 --as sam traffic add --kind walkin

# --- file a card from the batch --------------------------------------------------------------------------------
sr --as rita --now "2026-03-02 10:10" card file --name "李雷" --phone 13912345678 --channel walkin --traffic "$t1"
expect_id
c1=$ID
# The owner is the consultant who received the batch.
expect_card "$c1" owner alice
expect_card "$c1" channel walkin
expect_card "$c1" visits 1
expect_eq "$(db_val "select result || '/' || card_id from traffic where id = $t1")" "filed/$c1" "traffic $t1 after filing"
sr --as rita --now "2026-03-02 10:15" traffic list --csv
expect_ok
expect_row id "$t1"
expect_out_contains "filed"
# A row gives one card.
expect_refusal "2|4" --as rita --now "2026-03-02 10:20" card file --name "韩梅梅" --phone 13912345679 \
	--channel walkin --traffic "$t1"
expect_refusal 5 --as rita --now "2026-03-02 10:20" card file --name "韩梅梅" --phone 13912345679 \
	--channel walkin --traffic 999

# The batch leaves.
sr --as rita --now "2026-03-02 10:40" traffic leave "$t1"
expect_ok
expect_eq "$(db_val "select time_out from traffic where id = $t1")" "2026-03-02 10:40:00" "time out of $t1"
expect_refusal 5 --as rita traffic leave 999

# --- a return visit, linked to a reception follow-up --------------------------------------------------------------
sr --as rita --now "2026-03-05 14:00" traffic add --kind walkin --persons 2 --consultant alice
expect_id
t4=$ID
sr --as alice --now "2026-03-05 14:30" followup add "$c1" --method reception --traffic "$t4" --intro --test-drive \
	--note "再次到店试驾"
expect_id
f1=$ID
expect_eq "$(db_val "select result || '/' || card_id from traffic where id = $t4")" "followup/$c1" "traffic $t4 after the follow-up"
expect_eq "$(db_val "select traffic_id from followups where id = $f1")" "$t4" "traffic of follow-up $f1"
sr --as admin --now "2026-03-05 15:00" card show "$c1" --csv
expect_eq "$(csv_field visits)" "2" "visits after the return visit"
expect_eq "$(csv_field test_drive)" "1" "test drive of the return visit"
# The row is spent: it cannot serve another follow-up.
expect_refusal "2|4" --as alice --now "2026-03-05 15:00" followup add "$c1" --method reception --traffic "$t4"
sr --as rita --now "2026-03-05 15:00" traffic list --csv
expect_ok
expect_row id "$t4"
expect_out_contains "followup"

# --- a call becomes a card ---------------------------------------------------------------------------------------
sr --as ivan --now "2026-03-02 11:00" card file --name "电话客" --phone 13912345680 --channel phone \
	--traffic "$t2" --source hotline
expect_id
c2=$ID
expect_card "$c2" owner ivan
expect_eq "$(db_val "select result from traffic where id = $t2")" "filed" "traffic $t2 after filing"

# Untouched rows stay "none".
expect_eq "$(db_val "select result from traffic where id = $t3")" "none" "traffic $t3"

finish
