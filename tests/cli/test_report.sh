# test_report.sh — report kpi (关键管理报表) through the command line: a
# hand-built February where every figure is known, checked metric by metric
# in --csv; the same month after repeated visits, a merge and later-dated
# records (unchanged); the SPEC's filing-rate example with 100 traffic rows;
# the table, permissions and refusals.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# kpi_val METRIC: the value of METRIC in the metric,value CSV of $OUT.
kpi_val()
{
	printf '%s\n' "$OUT" | tr -d '\r' | awk -F, -v m="$1" '$1 == m { print $2 }'
}

# expect_kpi METRIC VALUE ...: pairs, checked against $OUT.
expect_kpi()
{
	while [ $# -ge 2 ]; do
		expect_eq "$(kpi_val "$1")" "$2" "kpi $1"
		shift 2
	done
}

# --- February 2026, card by card -------------------------------------------------
# stock: S1 walk-in 01-05 (reception + test drive 02-10); S2 phone 2025-12-15,
# dormant; S3 phone 2025-10-01; S4 outreach 01-15, lost 02-12.
# new: N1 walk-in from T1 02-02, receptions 02-09 (T3), 02-16 (test drive),
# 02-23; N2 phone from call T2 02-04, reception 02-14, order 02-20, sold 02-25;
# N3 phone 02-20, survivor of M1 (walk-in 02-21, merged 02-22).
# not counted: X1 sold in January, W1 wholesale.
sr --as alice --now "2025-10-01 09:00" card file --name S3 --phone 13900000003 --channel phone
expect_id; S3=$ID
sr --as alice --now "2025-12-15 09:00" card file --name S2 --phone 13900000002 --channel phone
expect_id; S2=$ID
sr --as alice --now "2026-01-05 09:00" dormant "$S2"
expect_ok
sr --as alice --now "2026-01-05 09:00" card file --name S1 --phone 13900000001 --channel walkin
expect_id; S1=$ID
sr --as alice --now "2026-01-06 09:00" card file --name X1 --phone 13900000009 --channel walkin
expect_id; X1=$ID
sr --as alice --now "2026-01-07 09:00" order add "$X1"
expect_ok
sr --as alice --now "2026-01-20 09:00" order deliver "$X1"
expect_ok
sr --as alice --now "2026-01-15 09:00" card file --name S4 --phone 13900000004 --channel outreach
expect_id; S4=$ID
sr --as rita traffic add --kind walkin --at "2026-01-30 10:00" --consultant alice
expect_id

sr --as rita --now "2026-02-02 10:00" traffic add --kind walkin --consultant alice
expect_id; T1=$ID
sr --as rita --now "2026-02-02 10:30" card file --name N1 --phone 13900000011 --channel walkin --traffic "$T1"
expect_id; N1=$ID
sr --as rita --now "2026-02-03 10:00" traffic add --kind walkin --consultant alice
expect_id
sr --as boss --now "2026-02-03 11:00" card file --name W1 --phone 13900000019 --channel outreach --wholesale --owner bob
expect_id
sr --as rita --now "2026-02-04 11:00" traffic add --kind call --consultant alice
expect_id; T2=$ID
sr --as rita --now "2026-02-04 11:10" card file --name N2 --phone 13900000012 --channel phone --traffic "$T2"
expect_id; N2=$ID
sr --as rita --now "2026-02-09 10:00" traffic add --kind walkin --consultant alice
expect_id; T3=$ID
sr --as alice --now "2026-02-09 10:10" followup add "$N1" --method reception --traffic "$T3"
expect_ok
sr --as alice --now "2026-02-10 10:00" followup add "$S1" --method reception --test-drive
expect_ok
sr --as alice --now "2026-02-12 09:00" loss request "$S4" --reason gave-up
expect_ok
sr --as mgr --now "2026-02-12 10:00" loss confirm "$S4"
expect_ok
sr --as alice --now "2026-02-14 10:00" followup add "$N2" --method reception
expect_ok
sr --as alice --now "2026-02-16 10:00" followup add "$N1" --method reception --test-drive
expect_ok
sr --as alice --now "2026-02-20 09:00" card file --name N3 --phone 13900000013 --channel phone
expect_id; N3=$ID
sr --as alice --now "2026-02-20 10:00" order add "$N2"
expect_ok
sr --as alice --now "2026-02-21 10:00" card file --name M1 --phone 13900000014 --channel walkin
expect_id; M1=$ID
sr --as mgr --now "2026-02-22 10:00" merge "$N3" "$M1"
expect_ok
sr --as alice --now "2026-02-23 10:00" followup add "$N1" --method reception
expect_ok
sr --as alice --now "2026-02-25 10:00" order deliver "$N2"
expect_ok

check_february()
{
	expect_kpi traffic 4 daily_traffic 0.1429 followup_traffic 1 new_traffic 3 \
		filed_traffic 2 filing_rate 0.6667 \
		stock_start 4 new_cards 3 base 7 \
		overall_visit_rate 0.5714 new_overall_visit_rate 1 \
		first_visit_rate 0.4 new_first_visit_rate 1 \
		return_visit_rate 0.5 new_return_visit_rate 0.3333 \
		test_drive_rate 0.2857 new_test_drive_rate 0.3333 \
		order_conversion 0.1429 sales_conversion 0.1429 loss_rate 0.1429 \
		sold 1 lost 1 stock_end 5 retention_rate 0.5 \
		age_0_15 1 age_16_30 1 age_31_60 1 age_61_90 1 age_over_90 1
}

sr --as mgr --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --csv
expect_ok
expect_header "metric,value"
check_february
# every metric of CLI.md, in its order, first
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n '2,24p' | cut -d, -f1 | tr '\n' ' ')" \
	"traffic daily_traffic followup_traffic new_traffic filed_traffic filing_rate stock_start new_cards base overall_visit_rate new_overall_visit_rate first_visit_rate new_first_visit_rate return_visit_rate new_return_visit_rate test_drive_rate new_test_drive_rate order_conversion sales_conversion loss_rate sold lost stock_end " \
	"metric order"
FEB=$OUT

# --to alone: that month up to the day; --format csv is --csv
sr --as mgr --now "2026-03-01 09:00" report kpi --to 2026-02-28 --format csv
expect_ok
expect_eq "$OUT" "$FEB" "report kpi --to 2026-02-28"

# As of an earlier time: N2 ordered but not yet delivered, M1 not yet filed.
sr --as mgr --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --as-of "2026-02-20 23:59" --csv
expect_ok
expect_kpi traffic 4 new_cards 3 base 7 order_conversion 0.1429 sold 0 lost 1 stock_end 6 \
	daily_traffic 0.2 new_first_visit_rate 0.5
expect_refusal 6 --as mgr report kpi --from 2026-02-01 --to 2026-02-28 --as-of "2026-01-20"

# Filters: alice's cards and traffic; the wholesale card on its own.
sr --as mgr --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --consultant bob --csv
expect_ok
expect_kpi base 0 traffic 0 filing_rate 0
sr --as mgr --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --type wholesale --csv
expect_ok
expect_kpi base 1 new_cards 1 stock_end 1
sr --as mgr --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --channel walkin --csv
expect_ok
expect_kpi base 2 overall_visit_rate 1 return_visit_rate 1

# --- repeats, a merge and later records: February stays as it was ----------------
sr --as alice --now "2026-02-27 10:00" followup add "$N1" --method reception
expect_ok
sr --as alice --now "2026-02-28 10:00" followup add "$N1" --method reception --test-drive
expect_ok
sr --as alice --now "2026-02-12 09:00" card file --name S1b --phone 13900000021 --channel walkin
expect_id; D=$ID
sr --as mgr --now "2026-03-01 10:00" merge "$S1" "$D"
expect_ok
sr --as alice --now "2026-03-02 10:00" followup add "$N3" --method reception --test-drive
expect_ok
sr --as alice --now "2026-03-03 10:00" order add "$S1"
expect_ok
sr --as rita --now "2026-03-03 11:00" traffic add --kind walkin --consultant alice
expect_id
sr --as alice --now "2026-03-03 11:10" card file --name N9 --phone 13900000029 --channel walkin --traffic "$ID"
expect_id

sr --as mgr --now "2026-03-05 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --csv
expect_ok
check_february
expect_eq "$OUT" "$FEB" "February after later records"

# March so far (the default period) sees them.
sr --as mgr --now "2026-03-05 09:00" report kpi --csv
expect_ok
expect_kpi traffic 1 filed_traffic 1 stock_start 5 new_cards 1 base 6 order_conversion 0.1667 \
	sold 0 lost 0 stock_end 6

# --- the table --------------------------------------------------------------------
sr --as boss --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28
expect_ok
expect_out_contains "2026-02-01"
expect_out_contains "filing rate"
expect_out_contains "66.7%"
expect_out_contains "57.1%"
expect_out_contains "information retention rate"
expect_eq "$(printf '%s\n' "$OUT" | awk '$1 == "prospect" && $2 == "base" { print $NF }')" "7" "table base"
expect_out_not_contains "filing_rate"
# In Chinese the SPEC's terms label the figures; the CSV does not change.
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/showroom.mo" "$SR_CLI_DIR/../../data/po/zh_CN.po"
sr --as boss --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --csv
expect_ok
CSV_EN=$OUT
SHOWROOM_LOCALEDIR=$T/locale SHOWROOM_LANG=zh_CN
export SHOWROOM_LOCALEDIR SHOWROOM_LANG
sr --as boss --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28
expect_ok
for l in 展厅流量 留档率 期初有望客户 有望客户基数 新增试乘试驾率 成交数 战败数 期末有望客户 首洽客户信息留存率 卡龄90天以上; do
	expect_out_contains "$l"
done
expect_eq "$(printf '%s\n' "$OUT" | awk '$1 == "有望客户基数" { print $NF }')" "7" "Chinese table base"
expect_out_not_contains "filing_rate"
sr --as boss --now "2026-03-01 09:00" report kpi --from 2026-02-01 --to 2026-02-28 --csv
expect_ok
expect_eq "$OUT" "$CSV_EN" "kpi CSV the same in Chinese"
unset SHOWROOM_LANG SHOWROOM_LOCALEDIR

# --- who may read it, and refusals ----------------------------------------------------
sr --as sue report kpi --csv
expect_ok
# A consultant reads their own figures (test_reports.sh); the receptionist none.
expect_refusal 3 --as alice report kpi --consultant bob
expect_refusal 3 --as rita report kpi --csv
expect_refusal 3 --as sue report kpi --team showroom
expect_refusal 1 --as mgr report bogus
expect_err_contains "report bogus: unknown report 'bogus'; available: kpi, collection"
expect_refusal 1 --as mgr report
expect_refusal 6 --as mgr report kpi --from 2026-02-30
expect_refusal "1|6" --as mgr report kpi --from 2026-03-01 --to 2026-02-01
expect_refusal 5 --as mgr report kpi --consultant nobody
expect_refusal 5 --as mgr report kpi --model nothing
expect_refusal "1|6" --as mgr report kpi --team sales
expect_refusal 1 --as mgr report kpi --format pdf
expect_refusal 1 --as mgr report kpi --bogus

# --- the SPEC's example: 100 rows, 50 filed, 20 follow-up, 30 no details ----------------
DB=$T/spec.db
setup_users
sr --as alice --now "2026-01-05 09:00" card file --name 老客户 --phone 13800000000 --channel phone
expect_id; OLD=$ID
i=0
while [ $i -lt 100 ]; do
	day=$((1 + i % 28))
	at=$(printf '2026-02-%02d %02d:%02d' "$day" $((9 + i / 28)) $((i % 60)))
	sr --as rita --now "$at" traffic add --kind walkin --consultant alice
	t=$OUT
	if [ "$RC" != 0 ]; then
		expect_ok
	elif [ $i -lt 50 ]; then
		sr --as rita --now "$at" card file --name 客户 --phone "1370000$(printf '%04d' $i)" \
			--channel walkin --traffic "$t"
		[ "$RC" = 0 ] || expect_ok
	elif [ $i -lt 70 ]; then
		sr --as alice --now "$at" followup add "$OLD" --method reception --traffic "$t"
		[ "$RC" = 0 ] || expect_ok
	fi
	i=$((i + 1))
done
expect_eq "$(db_val "select count(*) || '/' || sum(result = 'filed') || '/' || sum(result = 'followup') from traffic")" \
	"100/50/20" "traffic rows"
sr --as mgr --now "2026-03-02 10:00" report kpi --from 2026-02-01 --to 2026-02-28 --csv
expect_ok
expect_kpi traffic 100 followup_traffic 20 new_traffic 80 filed_traffic 50 filing_rate 0.625 \
	daily_traffic 3.5714 retention_rate 0.625 new_cards 50 stock_start 1 base 51
sr --as mgr --now "2026-03-02 10:00" report kpi --from 2026-02-01 --to 2026-02-28
expect_ok
expect_out_contains "62.5%"

finish
