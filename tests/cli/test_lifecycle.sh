# test_lifecycle.sh — the life of a card: file, follow up with a test drive,
# order, deliver; a sold card is final. An order cancelled goes back to active.
# Intent levels: H needs the seven answers, O only through an order.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# --- filing ---------------------------------------------------------------------------
file_card alice "张伟" 13800138000 walkin --source autohome --model envision --level B \
	--gender M --region "北京" --expect 2026-04-01
c=$ID
sr --as alice card show "$c" --csv
expect_ok
expect_header "id,name,phone,gender,region,address,type,channel,source,model,filed_at,owner,level,level_at_filing,followup_level,expected_purchase,status,budget,current,usage,compare,payment,addons,use-date,intro,negotiation,test_drive,next_date,loss_reason,merged_into,version,visits,age_days"
expect_eq "$(csv_rows)" "1" "card show rows"
expect_eq "$(csv_field id)" "$c" "id"
expect_eq "$(csv_field name)" "张伟" "name"
expect_eq "$(csv_field phone)" "13800138000" "phone"
expect_eq "$(csv_field gender)" "M" "gender"
expect_eq "$(csv_field region)" "北京" "region"
expect_eq "$(csv_field type)" "retail" "type"
expect_eq "$(csv_field channel)" "walkin" "channel"
expect_eq "$(csv_field filed_at)" "2026-03-02 10:00:00" "filed_at"
expect_eq "$(csv_field owner)" "alice" "owner"
expect_eq "$(csv_field level)" "B" "level"
expect_eq "$(csv_field level_at_filing)" "B" "level_at_filing"
expect_eq "$(csv_field followup_level)" "3" "followup_level (default for B)"
expect_eq "$(csv_field expected_purchase)" "2026-04-01" "expected_purchase"
expect_eq "$(csv_field status)" "active" "status"
expect_eq "$(csv_field intro)" "0" "intro"
expect_eq "$(csv_field test_drive)" "0" "test_drive"
expect_eq "$(csv_field next_date)" "2026-03-03" "next_date (today + 1 by default)"
expect_eq "$(csv_field merged_into)" "0" "merged_into"
expect_eq "$(csv_field visits)" "1" "visits (a walk-in filing is a visit)"
expect_eq "$(csv_field age_days)" "0" "age_days"
expect_match "$(csv_field version)" "[1-9]*" "version"
expect_ne "$(csv_field source)" "" "source"
expect_ne "$(csv_field model)" "" "model"
v1=$(csv_field version)

# Without --csv: "key: value" lines, then the history.
sr --as alice card show "$c"
expect_ok
expect_out_contains "name: 张伟"
expect_out_contains "status: active"
expect_out_contains "history:"

# Default follow-up levels by intent level; --followup-level wins.
file_card alice "级别A" 13800138101 phone --level A
expect_card "$ID" followup_level 2
file_card alice "级别C" 13800138102 phone --level C
expect_card "$ID" followup_level 4
file_card alice "级别N" 13800138103 phone
expect_card "$ID" level N
expect_card "$ID" followup_level 5
file_card alice "级别6" 13800138104 phone --level C --followup-level 6 --next 2026-05-31
expect_card "$ID" followup_level 6
expect_card "$ID" next_date 2026-05-31

# --- H needs all seven answers ----------------------------------------------------------
expect_refusal 2 --as alice card file --name "急客" --phone 13800138105 --channel walkin --level H \
	--answer budget=20万 --answer current=无
file_card alice "急客" 13800138105 walkin --level H --answer budget=20万 --answer current=无 \
	--answer usage=通勤 --answer compare=雅阁 --answer payment=贷款 --answer addons=脚垫 \
	--answer use-date=五一前
h=$ID
expect_card "$h" level H
expect_card "$h" budget "20万"
expect_card "$h" use-date "五一前"
expect_card "$h" followup_level 2

# --- O only through an order -------------------------------------------------------------
expect_refusal "2|6" --as alice card file --name "订单客" --phone 13800138106 --channel walkin --level O
expect_refusal "2|6" --as alice card edit "$c" --level O
expect_refusal "2|6" --as alice followup add "$c" --method phone --level O

# --- a follow-up in the showroom with a test drive -------------------------------------------
sr --as alice --now "2026-03-03 15:00" followup add "$c" --method reception --intro --negotiation \
	--test-drive --level A --next 2026-03-05 --note "试驾昂科威，满意" --result "约周末谈价"
expect_id
f1=$ID
sr --as admin --now "2026-03-03 15:30" card show "$c" --csv
expect_ok
expect_eq "$(csv_field level)" "A" "level after the follow-up"
expect_eq "$(csv_field level_at_filing)" "B" "level_at_filing after the follow-up"
expect_eq "$(csv_field intro)" "1" "intro after the follow-up"
expect_eq "$(csv_field negotiation)" "1" "negotiation after the follow-up"
expect_eq "$(csv_field test_drive)" "1" "test_drive after the follow-up"
expect_eq "$(csv_field next_date)" "2026-03-05" "next_date after the follow-up"
expect_eq "$(csv_field visits)" "2" "visits after a reception follow-up"
expect_eq "$(csv_field age_days)" "1" "age_days a day later"
expect_ne "$(csv_field version)" "$v1" "version after a follow-up"
sr --as alice --now "2026-03-03 15:30" card show "$c"
expect_ok
expect_out_contains "试驾昂科威"

# A manager comments on the record.
sr --as mgr --now "2026-03-03 18:00" followup comment "$f1" --text "抓紧报价"
expect_ok
sr --as alice --now "2026-03-03 18:00" followup comment "$f1" --text "自己批复"
expect_rc 3

# A follow-up in the future, or before the card was filed, is refused.
expect_refusal "2|6" --as alice --now "2026-03-03 18:00" followup add "$c" --method phone --at "2026-03-04 09:00"
expect_refusal "2|6" --as alice --now "2026-03-03 18:00" followup add "$c" --method phone --at "2026-03-01 09:00"
expect_refusal "1|6" --as alice --now "2026-03-03 18:00" followup add "$c" --method telepathy

# --- edit, with and without the version -----------------------------------------------------
sr --as admin --now "2026-03-03 18:00" card show "$c" --csv
v=$(csv_field version)
sr --as alice --now "2026-03-03 18:05" card edit "$c" --address "朝阳区建国路1号" --version "$v"
expect_ok
expect_card "$c" address "朝阳区建国路1号"
expect_refusal 4 --as alice --now "2026-03-03 18:06" card edit "$c" --address "别处" --version "$v"
expect_card "$c" address "朝阳区建国路1号"
sr --as alice --now "2026-03-03 18:07" card edit "$c" --answer budget=25万 --answer payment=全款
expect_ok
expect_card "$c" budget "25万"
expect_card "$c" payment "全款"

# --- order ----------------------------------------------------------------------------------
# An appointment for the price talk, with the consultant named.
sr --as alice --now "2026-03-04 09:00" appointment add "$c" --date 2026-03-05 --consultant alice
expect_id
expect_eq "$(db_val "select date || '/' || status from appointments where id = $ID")" "2026-03-05/set" "appointment $ID"
# A follow-up back-dated to earlier today is fine.
sr --as alice --now "2026-03-05 11:00" followup add "$c" --method reception --at "2026-03-05 09:30" --negotiation
expect_id
expect_eq "$(db_val "select at from followups where id = $ID")" "2026-03-05 09:30:00" "back-dated follow-up"
sr --as alice --now "2026-03-05 11:00" order add "$c" --deposit 5000 --model envision --delivery 2026-03-20 \
	--vin LSGKB54H5KS012345
expect_id
o1=$ID
expect_card "$c" status order
expect_card "$c" level O
expect_eq "$(db_val "select deposit_cents || '/' || vin || '/' || expected_delivery from orders where id = $o1")" \
	"500000/LSGKB54H5KS012345/2026-03-20" "order $o1"
# A second order while one is open is refused.
expect_refusal 2 --as alice --now "2026-03-05 11:05" order add "$c" --deposit 1000
# An order card still takes follow-ups and keeps its next date.
sr --as alice --now "2026-03-06 11:00" followup add "$c" --method phone --next 2026-03-08 --note "确认交车"
expect_id
expect_card "$c" status order
expect_card "$c" level O

# --- delivery: sold, final --------------------------------------------------------------------
sr --as alice --now "2026-03-08 16:00" order deliver "$c"
expect_ok
expect_card "$c" status sold
expect_card "$c" level O
expect_eq "$(db_val "select status from orders where id = $o1")" "delivered" "order status"

now="2026-03-09 10:00"
expect_refusal 2 --as alice --now "$now" followup add "$c" --method phone
expect_refusal 2 --as alice --now "$now" card edit "$c" --name "改名"
expect_refusal 2 --as alice --now "$now" card edit "$c" --next 2026-03-10
expect_refusal 2 --as alice --now "$now" order cancel "$c" --reason "退车"
expect_refusal 2 --as alice --now "$now" order add "$c" --deposit 1000
expect_refusal 2 --as alice --now "$now" order deliver "$c"
expect_refusal 2 --as alice --now "$now" loss request "$c" --reason gave-up
expect_refusal 2 --as alice --now "$now" dormant "$c"
expect_refusal 2 --as alice --now "$now" reactivate "$c" --next 2026-03-10
expect_refusal 2 --as alice --now "$now" appointment add "$c" --date 2026-03-10
expect_refusal 2 --as mgr --now "$now" assign "$c" --to bob
expect_refusal 2 --as mgr --now "$now" card promote "$c"
expect_refusal 2 --as mgr --now "$now" card edit "$c" --level A
expect_card "$c" owner alice
expect_card "$c" status sold

# --- order cancelled: back to active -------------------------------------------------------------
file_card bob "李娜" 13900139000 phone --level B --model octavia
c2=$ID
sr --as bob order add "$c2" --deposit 2000
expect_id
expect_card "$c2" status order
expect_refusal 1 --as bob order cancel "$c2"
sr --as bob --now "2026-03-04 10:00" order cancel "$c2" --reason "资金不足"
expect_ok
expect_card "$c2" status active
expect_card "$c2" level B
expect_ne "$(card_get "$c2" next_date)" "" "next date after the order was cancelled"
expect_eq "$(db_val "select status || '/' || cancel_reason from orders where card_id = $c2")" "cancelled/资金不足" "cancelled order"
# Nothing to deliver or cancel now.
expect_refusal 2 --as bob --now "2026-03-04 10:00" order deliver "$c2"
expect_refusal 2 --as bob --now "2026-03-04 10:00" order cancel "$c2" --reason "再取消"
# It can sign again.
sr --as bob --now "2026-03-05 10:00" order add "$c2" --deposit 3000
expect_id
expect_card "$c2" status order

# --- filed straight as an order, or as sold ------------------------------------------------------
file_card alice "当场订" 13900139001 walkin --status order --deposit 5000
c3=$ID
expect_card "$c3" status order
expect_card "$c3" level O
expect_eq "$(db_val "select count(*) from orders where card_id = $c3 and status = 'open'")" "1" "open order of a card filed as order"
file_card alice "批售客" 13900139002 outreach --wholesale --status sold --deposit 0
c4=$ID
expect_card "$c4" status sold
expect_card "$c4" type wholesale
expect_refusal 2 --as alice followup add "$c4" --method phone
# Wholesale means outreach: a walk-in wholesale filing is refused or filed as outreach.
sr --as alice card file --name "批售进店" --phone 13900139004 --channel walkin --wholesale
expect_rc "0|2"
if [ "$RC" = 0 ]; then
	ws=$OUT
	expect_card "$ws" channel outreach
	expect_card "$ws" type wholesale
fi
expect_refusal "1|6" --as alice card file --name "怪状态" --phone 13900139003 --channel walkin --status dormant

# --- the audit trail saw it all ------------------------------------------------------------------
sr --as mgr audit --card "$c" --csv
expect_ok
expect_header "id,at,user,action,entity,entity_id,card_id,before,after"
expect_true "audit of card $c has fewer than 5 rows" test "$(csv_rows)" -ge 5
expect_row user alice

finish
