# test_reports.sh — every report but kpi (test_report.sh) on a hand-built
# March 2026 where each number is known in advance: the funnel, follow-up
# effectiveness, order and sales conversion by several groupings, loss
# reasons with a competitor named in the note, customer structure, traffic by
# hour and weekday, the consultants' daily work, collection against targets
# (by consultant and by day) and media sources with costs and changes. Then
# the same March after repeated visits, a back-dated duplicate merged in
# April and April records (unchanged); the xlsx file opened and read; CSV
# with a BOM; the DCC's calls and appointments in May (report dcc); permissions,
# the audit row and refusals.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# rep NAME [OPTIONS]: report NAME for March 2026 as a manager, CSV in $OUT.
rep()
{
	_name=$1
	shift
	sr --as mgr --now "2026-04-02 09:00" report "$_name" --from 2026-03-01 --to 2026-03-31 --csv "$@"
}

# expect_row_is KEY... = VALUES: the data row of $OUT whose first fields are
# KEY... holds exactly VALUES after them (CSV that needs no quoting).
expect_row_is()
{
	_k=
	while [ "$1" != "=" ]; do
		_k="$_k$1,"
		shift
	done
	_r=$(printf '%s\n' "$OUT" | tr -d '\r' | awk -v k="$_k" 'index($0, k) == 1 { print substr($0, length(k) + 1) }')
	expect_eq "$_r" "$2" "row $_k"
}

# --- the data -------------------------------------------------------------------------
# P1: alice's phone card from February (stock at start), autohome, envision;
#     receptions 03-07 (T4) and 03-25 (T5, level B): visited, returned.
# A1: alice's walk-in from T1 (03-02), passing, envision; reception + test
#     drive 03-05; order 03-10; delivered 03-20.
# B1: bob's phone card from call T3 (03-03, autohome), excelle; lost 03-13,
#     competitor, note "已购明锐".
# B2: bob's outreach card 03-15, event, envision; survivor of M1 (alice's
#     walk-in 03-16, merged 03-17): visited through the merged walk-in.
# T2: a walk-in batch for bob 03-02 that left no details.
sr --as admin source cost autohome --month 2026-02 --amount 2000
expect_ok
sr --as admin source cost autohome --month 2026-03 --amount 3000
expect_ok
sr --as boss target set alice --month 2026-03 --traffic 4 --cards 2
expect_ok
sr --as boss target set bob --month 2026-03 --traffic 2 --cards 4
expect_ok

sr --as alice --now "2026-02-10 09:00" card file --name P1 --phone 13900000101 --channel phone \
	--source autohome --model envision --level C
expect_id; P1=$ID
sr --as rita --now "2026-03-02 10:15" traffic add --kind walkin --consultant alice
expect_id; T1=$ID
sr --as alice --now "2026-03-02 10:20" card file --name A1 --phone 13900000102 --channel walkin \
	--source passing --model envision --level B --traffic "$T1"
expect_id; A1=$ID
sr --as rita --now "2026-03-02 10:40" traffic add --kind walkin --consultant bob
expect_id
sr --as rita --now "2026-03-03 14:05" traffic add --kind call --consultant bob --source autohome
expect_id; T3=$ID
sr --as bob --now "2026-03-03 14:10" card file --name B1 --phone 13900000103 --channel phone \
	--source autohome --model excelle --level B --traffic "$T3"
expect_id; B1=$ID
sr --as alice --now "2026-03-05 11:00" followup add "$A1" --method reception --test-drive
expect_ok
sr --as rita --now "2026-03-07 15:30" traffic add --kind walkin --consultant alice
expect_id; T4=$ID
sr --as alice --now "2026-03-07 15:35" followup add "$P1" --method reception --traffic "$T4"
expect_ok
sr --as alice --now "2026-03-10 10:00" order add "$A1"
expect_ok
sr --as bob --now "2026-03-12 10:00" loss request "$B1" --reason competitor --note "已购明锐"
expect_ok
sr --as mgr --now "2026-03-13 10:00" loss confirm "$B1"
expect_ok
sr --as bob --now "2026-03-15 10:00" card file --name B2 --phone 13900000104 --channel outreach \
	--source event --model envision --level C
expect_id; B2=$ID
sr --as alice --now "2026-03-16 09:00" card file --name M1 --phone 13900000105 --channel walkin
expect_id; M1=$ID
sr --as mgr --now "2026-03-17 09:00" merge "$B2" "$M1"
expect_ok
sr --as alice --now "2026-03-20 10:00" order deliver "$A1"
expect_ok
sr --as rita --now "2026-03-25 10:00" traffic add --kind walkin --consultant alice
expect_id; T5=$ID
sr --as alice --now "2026-03-25 10:05" followup add "$P1" --method reception --traffic "$T5" --level B
expect_ok
expect_eq "$(db_val "select count(*) from followups")" "3" "follow-ups: only the three receptions"

# --- funnel -------------------------------------------------------------------------------
check_funnel()
{
	rep funnel
	expect_ok
	expect_header "step,count,step_rate,overall_rate"
	expect_row_is traffic = "5,,1"
	expect_row_is filed = "3,0.6,0.6"
	expect_row_is visited = "2,0.6667,0.4"
	expect_row_is test_drive = "1,0.5,0.2"
	expect_row_is order = "1,1,0.2"
	expect_row_is sold = "1,1,0.2"
}
check_funnel
FUNNEL=$OUT

# --- follow-up effectiveness, conversions ---------------------------------------------------
check_followup()
{
	rep followup
	expect_ok
	expect_header "group,name,base,visited,overall_visit_rate,remote,first_visited,first_visit_rate,returned,return_visit_rate,test_drives,test_drive_rate,new_cards"
	expect_row_is alice "Alice Li" = "2,2,1,1,1,1,2,1,1,0.5,1"
	expect_row_is bob "Bob Chen" = "2,1,0.5,2,1,0.5,0,0,0,0,2"
	expect_row_is total "" = "4,3,0.75,3,2,0.6667,2,0.6667,1,0.25,3"
	expect_eq "$(csv_rows)" "3" "followup rows"
}
check_followup
FOLLOWUP=$OUT

check_conversion()
{
	rep order-conversion
	expect_ok
	expect_header "group,name,base,orders,order_conversion,new_cards,new_orders,new_order_conversion"
	expect_row_is alice "Alice Li" = "2,1,0.5,1,1,1"
	expect_row_is bob "Bob Chen" = "2,0,0,2,0,0"
	expect_row_is total "" = "4,1,0.25,3,1,0.3333"
	rep sales-conversion
	expect_ok
	expect_header "group,name,base,sold,sales_conversion,new_cards,new_sold,new_sales_conversion"
	expect_row_is alice "Alice Li" = "2,1,0.5,1,1,1"
	expect_row_is total "" = "4,1,0.25,3,1,0.3333"
	rep order-conversion --by channel
	expect_ok
	expect_eq "$(csv_col group | tr '\n' ' ')" "outreach phone walkin total " "groups by channel"
	expect_row_is walkin = "1,1,1,1,1,1"
	expect_row_is phone = "2,0,0,1,0,0"
	rep sales-conversion --by level
	expect_ok
	expect_row_is B = "2,1,0.5,2,1,0.5"
	expect_row_is C = "2,0,0,1,0,0"
	rep order-conversion --by model
	expect_ok
	expect_row_is "昂科威 Plus 2.0T" = "3,1,0.3333,2,1,0.5"
	expect_row_is "英朗 1.5L" = "1,0,0,1,0,0"
	rep sales-conversion --by source
	expect_ok
	expect_row_is "路过" = "1,1,1,1,1,1"
	expect_row_is "汽车之家" = "2,0,0,1,0,0"
}
check_conversion

# --- loss ---------------------------------------------------------------------------------------
check_loss()
{
	rep loss
	expect_ok
	expect_header "dimension,value,name,cards,share"
	expect_row_is reason competitor "" = "1,1"
	expect_row_is reason same-brand "" = "0,0"
	expect_row_is reason unreachable "" = "0,0"
	expect_row_is consultant bob "Bob Chen" = "1,1"
	expect_row_is model "英朗 1.5L" "" = "1,1"
	expect_row_is competitor "明锐" "" = "1,1"
	expect_eq "$(csv_rows)" "8" "loss rows: five reasons, one consultant, model, competitor"
}
check_loss
LOSS=$OUT

# --- structure ------------------------------------------------------------------------------------
check_structure()
{
	rep structure
	expect_ok
	expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | sed 1d | tr '\n' ' ')" \
		"level,B,1,0.5 level,C,1,0.5 status,active,2,1 age,16-30,1,0.5 age,31-60,1,0.5 channel,outreach,1,0.5 channel,phone,1,0.5 source,汽车之家,1,0.5 source,车展及外拓活动,1,0.5 model,昂科威 Plus 2.0T,2,1 " \
		"structure rows"
}
check_structure
STRUCTURE=$OUT

# --- traffic by hour and weekday -------------------------------------------------------------------
check_traffic()
{
	rep traffic
	expect_ok
	expect_header "group,key,walkin,calls,traffic,filed,share"
	expect_eq "$(csv_rows)" "31" "24 hours and 7 weekdays"
	expect_row_is hour 09 = "0,0,0,0,0"
	expect_row_is hour 10 = "3,0,3,1,0.6"
	expect_row_is hour 14 = "0,1,1,1,0.2"
	expect_row_is hour 15 = "1,0,1,0,0.2"
	expect_row_is weekday 1 = "2,0,2,1,0.4"
	expect_row_is weekday 2 = "0,1,1,1,0.2"
	expect_row_is weekday 3 = "1,0,1,0,0.2"
	expect_row_is weekday 6 = "1,0,1,0,0.2"
	expect_row_is weekday 7 = "0,0,0,0,0"
}
check_traffic
TRAFFIC=$OUT

# --- daily -------------------------------------------------------------------------------------------
check_daily()
{
	rep daily
	expect_ok
	expect_header "date,consultant,name,traffic,filed,followups,visits,test_drives,orders,deliveries"
	expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | sed 1d | tr '\n' ' ')" \
		"2026-03-02,alice,Alice Li,1,1,0,1,0,0,0 2026-03-02,bob,Bob Chen,1,0,0,0,0,0,0 2026-03-03,bob,Bob Chen,1,1,0,0,0,0,0 2026-03-05,alice,Alice Li,0,0,1,1,1,0,0 2026-03-07,alice,Alice Li,1,0,1,1,0,0,0 2026-03-10,alice,Alice Li,0,0,0,0,0,1,0 2026-03-15,bob,Bob Chen,0,1,0,0,0,0,0 2026-03-20,alice,Alice Li,0,0,0,0,0,0,1 2026-03-25,alice,Alice Li,1,0,1,1,0,0,0 " \
		"daily rows"
}
rep daily --consultant bob
expect_ok
expect_eq "$(csv_rows)" "3" "bob's days"
check_daily
DAILY=$OUT

# --- collection against targets ------------------------------------------------------------------------
check_collection()
{
	rep collection
	expect_ok
	expect_header "consultant,name,traffic_target,traffic,traffic_progress,cards_target,new_cards,walkin,phone,outreach,cards_progress"
	expect_row_is alice "Alice Li" = "4,3,0.75,2,1,1,0,0,0.5"
	expect_row_is bob "Bob Chen" = "2,2,1,4,2,0,1,1,0.5"
	expect_row_is total "" = "6,5,0.8333,6,3,1,1,1,0.5"
	expect_eq "$(csv_rows)" "3" "collection rows"
	rep collection --by day
	expect_ok
	expect_header "date,traffic,new_cards,walkin,phone,outreach,month_traffic,traffic_target,traffic_progress,month_cards,cards_target,cards_progress"
	expect_eq "$(csv_rows)" "31" "every day of March"
	expect_row_is 2026-03-01 = "0,0,0,0,0,0,6,0,0,6,0"
	expect_row_is 2026-03-02 = "2,1,1,0,0,2,6,0.3333,1,6,0.1667"
	expect_row_is 2026-03-15 = "0,1,0,0,1,4,6,0.6667,3,6,0.5"
	expect_row_is 2026-03-31 = "0,0,0,0,0,5,6,0.8333,3,6,0.5"
}
check_collection
COLLECTION=$OUT

# --- media sources ----------------------------------------------------------------------------------------
check_sources()
{
	rep sources
	expect_ok
	expect_header "month,source,calls,cards,visits,orders,sales,cards_mom,cards_yoy,sales_mom,sales_yoy,cost,cost_per_visit,cost_per_order"
	expect_eq "$(csv_col source | tr '\n' ' ')" "汽车之家 车展及外拓活动 路过 " "sources in code order"
	expect_row_is 2026-03 "汽车之家" = "1,1,1,0,0,0,,,,3000.00,3000.00,"
	expect_row_is 2026-03 "车展及外拓活动" = "0,1,1,0,0,,,,,,,"
	expect_row_is 2026-03 "路过" = "0,1,1,1,1,,,,,,,"
}
check_sources
SOURCES=$OUT

# February on its own: the month before, with its cost.
sr --as mgr --now "2026-04-02 09:00" report sources --from 2026-02-01 --to 2026-02-28 --csv
expect_ok
expect_row_is 2026-02 "汽车之家" = "0,1,0,0,0,,,,,2000.00,,"

# --- repeated visits, a back-dated duplicate merged later, April: March unchanged --------------------------
sr --as alice --now "2026-03-20 16:00" card file --name P1b --phone 13900000101 --channel walkin \
	--new-opportunity
expect_id; D=$ID
sr --as mgr --now "2026-04-01 09:00" merge "$P1" "$D"
expect_ok
sr --as alice --now "2026-04-01 10:00" followup add "$P1" --method reception --test-drive
expect_ok
sr --as rita --now "2026-04-01 11:00" traffic add --kind walkin --consultant bob
expect_id
sr --as bob --now "2026-04-01 11:10" card file --name N9 --phone 13900000109 --channel walkin \
	--source autohome --traffic "$ID"
expect_id
sr --as bob --now "2026-04-01 12:00" followup add "$B2" --method reception --test-drive
expect_ok

rep funnel
expect_eq "$OUT" "$FUNNEL" "funnel of March after later records"
rep followup
expect_eq "$OUT" "$FOLLOWUP" "followup of March after later records"
rep loss
expect_eq "$OUT" "$LOSS" "loss of March after later records"
rep structure
expect_eq "$OUT" "$STRUCTURE" "structure of March after later records"
rep traffic
expect_eq "$OUT" "$TRAFFIC" "traffic of March after later records"
rep daily
expect_eq "$OUT" "$DAILY" "daily of March after later records"
rep collection --by day
expect_eq "$OUT" "$COLLECTION" "collection of March after later records"
rep sources
expect_eq "$OUT" "$SOURCES" "sources of March after later records"
check_conversion

# April sees them: its funnel has the new card and its visit.
sr --as mgr --now "2026-04-02 09:00" report funnel --csv
expect_ok
expect_row_is traffic = "1,,1"
expect_row_is filed = "1,1,1"
expect_row_is visited = "1,1,1"

# --- the table ----------------------------------------------------------------------------------------------------
sr --as mgr --now "2026-04-02 09:00" report funnel --from 2026-03-01 --to 2026-03-31
expect_ok
expect_out_contains "Sales funnel 2026-03-01 to 2026-03-31"
expect_out_contains "66.7%"
expect_eq "$(printf '%s\n' "$OUT" | awk '$1 == "visited" { print $2 }')" "2" "table: visited count"
expect_out_contains "The period's new cards from traffic to sold"
expect_out_not_contains "test_drive"
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/showroom.mo" "$SR_CLI_DIR/../../data/po/zh_CN.po"
SHOWROOM_LOCALEDIR=$T/locale SHOWROOM_LANG=zh_CN
export SHOWROOM_LOCALEDIR SHOWROOM_LANG
sr --as mgr --now "2026-04-02 09:00" report funnel --from 2026-03-01 --to 2026-03-31
expect_ok
expect_out_contains "销售漏斗"
expect_out_contains "试乘试驾"
expect_out_contains "此处成交只计本期新增客户"
sr --as mgr --now "2026-04-02 09:00" report followup --from 2026-03-01 --to 2026-03-31
expect_ok
expect_out_contains "销售顾问"
expect_out_contains "合计"
expect_out_not_contains "alice"
expect_out_not_contains "total"
sr --as mgr --now "2026-04-02 09:00" report loss --from 2026-03-01 --to 2026-03-31
expect_ok
expect_out_contains "已购竞品"
expect_out_contains "Bob Chen"
expect_out_not_contains "competitor"
expect_out_not_contains "bob "
sr --as mgr --now "2026-04-02 09:00" report structure --from 2026-03-01 --to 2026-03-31 --channel phone
expect_ok
expect_out_contains "活跃"
expect_out_contains "B级"
expect_out_contains "31-60 天"
expect_out_contains "留档渠道：电话"
expect_out_not_contains "active"
# CSV keeps the codes whatever the language.
rep structure --channel phone
expect_ok
expect_row_is status active = "1,1"
expect_row_is channel phone = "1,1"
unset SHOWROOM_LANG SHOWROOM_LOCALEDIR
sr --as mgr report list
expect_ok
expect_out_contains "sales-conversion"
expect_out_contains "Customer structure"

# --- xlsx, opened --------------------------------------------------------------------------------------------------
# xlsx_dump FILE: the workbook read back (tests/cli/xlsx_dump.py): "sheet
# NAME", "frozen ROWS COLS", "width COL W" and "A1<TAB>value" lines.
xlsx_dump()
{
	python3 "$SR_CLI_DIR/xlsx_dump.py" "$1"
}
# xlsx_cell FILE SHEET REF: the value of cell REF of sheet SHEET.
xlsx_cell()
{
	xlsx_dump "$1" | awk -F '\t' -v s="$2" -v r="$3" '
		/^sheet / { in_s = substr($0, 7) == s; next }
		in_s && $1 == r { print $2; exit }'
}
X=$T/funnel.xlsx
sr --as boss --now "2026-04-02 09:00" report funnel --from 2026-03-01 --to 2026-03-31 --format xlsx --out "$X"
expect_ok
expect_out_contains "exported 6 rows to $X"
expect_true "no xlsx file" test -f "$X"
expect_true "no temporary file left" test ! -e "$X.tmp"
sheet=$(unzip -p "$X" xl/worksheets/sheet1.xml)
styles=$(unzip -p "$X" xl/styles.xml)
dump=$(xlsx_dump "$X")
expect_eq "$(printf '%s\n' "$dump" | grep '^sheet ')" "sheet Sales funnel" "one sheet, named by its title"
# Three title rows, then the header row, frozen with the first column.
expect_eq "$(xlsx_cell "$X" "Sales funnel" A1)" "our store — Sales funnel" "title row: store and report"
expect_eq "$(xlsx_cell "$X" "Sales funnel" A2)" "Period: 2026-03-01 to 2026-03-31; as of 2026-03-31 23:59" "period and as-of row"
expect_match "$(xlsx_cell "$X" "Sales funnel" A3)" "The period's new cards from traffic to sold*" "what it counts"
expect_match "$dump" "*frozen 4 1*" "header row and first column frozen"
expect_eq "$(printf '%s\n' "$dump" | awk -F '\t' '$1 ~ /^[A-Z]4$/ { printf "%s|", $2 }')" "step|count|from previous step|from traffic|" "header row: the labels people read"
expect_eq "$(printf '%s\n' "$dump" | awk -F '\t' '$1 ~ /^A([5-9]|10)$/ { printf "%s|", $2 }')" "showroom traffic|filed|visited|test drive|order|sold|" "the steps in words, no codes"
printf '%s\n' "$dump" >"$T/dump.txt"
expect_true "no step code in the sheet" sh -c "! grep -q 'test_drive' '$T/dump.txt'"
# B5 = 5 traffic rows, B7 = 2 visited: numbers, not strings.
expect_match "$sheet" '*<c r="B5"><v>5</v></c>*|*<c r="B5" s="[0-9]*"><v>5</v></c>*' "B5 is the number 5"
expect_match "$sheet" '*<c r="B7"*><v>2</v></c>*' "B7 is the number 2"
# C7 = 2/3 with the percentage style.
c7=$(printf '%s' "$sheet" | grep -o '<c r="C7"[^>]*><v>[^<]*</v>')
expect_match "$c7" '<c r="C7" s="[0-9]*"><v>0.66666*' "C7 is the rate 2/3: $c7"
xf=$(printf '%s' "$c7" | sed 's/.* s="\([0-9]*\)".*/\1/')
fmtid=$(printf '%s' "$styles" | tr '\n' ' ' | sed 's/.*<cellXfs[^>]*>//; s/<\/cellXfs>.*//' | grep -o '<xf [^>]*>' |
	sed -n "$((xf + 1))p" | sed 's/.*numFmtId="\([0-9]*\)".*/\1/')
expect_match "$styles" "*<numFmt numFmtId=\"$fmtid\" formatCode=\"0.0%\"/>*" "C7's style is 0.0% (numFmt $fmtid)"
expect_eq "$(db_val "select count(*) from audit where action = 'export' and entity = 'report' and after like '%\"reports\":\"funnel\"%'")" "1" "audited export"

# every report, one sheet each
X=$T/all.xlsx
sr --as boss --now "2026-04-02 09:00" report all --from 2026-03-01 --to 2026-03-31 --out "$X"
expect_ok
expect_eq "$(xlsx_dump "$X" | grep '^sheet ' | tr '\n' '|')" \
	"sheet Key management report|sheet Lead collection progress|sheet Follow-up effectiveness|sheet Order conversion|sheet Sales conversion|sheet Loss reasons|sheet Customer structure|sheet Traffic by hour and weekday|sheet Consultants’ daily work|sheet Media sources by month|sheet Sales funnel|sheet Month-by-month trend|sheet DCC calls and appointments|" \
	"every report a sheet, named by its title within Excel's 31 characters"
expect_eq "$(xlsx_cell "$X" "Key management report" A5)" "showroom traffic" "kpi: the figures' names as people read them"
expect_eq "$(xlsx_cell "$X" "Key management report" B5)" "5" "kpi: the traffic as a number"
# In Chinese, with the store's name: the sheets read as the screens do.
sr --as admin setting set store_name "上海浦东4S店"
expect_ok
X=$T/all-zh.xlsx
SHOWROOM_LOCALEDIR=$T/locale SHOWROOM_LANG=zh_CN sr --as boss --now "2026-04-02 09:00" report all --from 2026-03-01 --to 2026-03-31 --out "$X"
expect_ok
dump=$(xlsx_dump "$X")
expect_eq "$(printf '%s\n' "$dump" | grep '^sheet ' | tr '\n' '|')" \
	"sheet 关键管理报表|sheet 集客进度分析|sheet 跟进效果分析|sheet 订单转化分析|sheet 成交转化分析|sheet 战败原因分析|sheet 客户结构分析|sheet 展厅流量分析（时段／星期）|sheet 销售顾问日报|sheet 信息来源分析|sheet 销售漏斗|sheet 月度趋势|sheet DCC呼叫邀约统计|" \
	"sheets named in Chinese, / as the full-width ／ Excel allows"
expect_eq "$(xlsx_cell "$X" 集客进度分析 A1)" "上海浦东4S店　集客进度分析" "title row: the store's name and the report"
expect_eq "$(xlsx_cell "$X" 集客进度分析 A2)" "期间：2026-03-01 至 2026-03-31；统计截至 2026-03-31 23:59" "period in Chinese"
expect_eq "$(xlsx_cell "$X" 集客进度分析 A4)" "销售顾问" "header in Chinese"
expect_eq "$(printf '%s\n' "$dump" | awk -F '\t' '/^sheet / { s = substr($0, 7) } s == "集客进度分析" && $1 ~ /^A[5-9]$/ { printf "%s|", $2 }')" \
	"Alice Li|Bob Chen|合计|" "collection: names, not logins, and 合计"
expect_eq "$(xlsx_cell "$X" 销售顾问日报 B5)" "Alice Li" "daily: the consultant's name"
expect_eq "$(xlsx_cell "$X" 战败原因分析 B5)" "已购竞品" "loss: the reason in words"
expect_eq "$(xlsx_cell "$X" 战败原因分析 A5)" "战败原因" "loss: the dimension in words"
expect_eq "$(xlsx_cell "$X" 客户结构分析 B5)" "B级" "structure: the level in words"
printf '%s\n' "$dump" | awk -F '\t' 'NF == 2 { print $2 }' >"$T/values.txt"
expect_true "no login and no code in any sheet" \
	sh -c "! grep -wE 'alice|bob|total|competitor|active|walkin|outreach|test_drive|traffic' '$T/values.txt'"
# Column widths fit the widest text in display columns (a Chinese
# character takes two): 有望客户基数 is 12 columns, its column at least 14.
w=$(printf '%s\n' "$dump" | awk '/^sheet / { s = substr($0, 7) } s == "跟进效果分析" && $1 == "width" && $2 == "B" { print int($3) }')
expect_true "the 有望客户基数 column is wide enough ($w)" test "${w:-0}" -ge 14
w=$(printf '%s\n' "$dump" | awk '/^sheet / { s = substr($0, 7) } s == "信息来源分析" && $1 == "width" && $2 == "B" { print int($3) }')
expect_true "the source column fits 车展及外拓活动 ($w)" test "${w:-0}" -ge 16
expect_match "$dump" "*frozen 4 1*" "frozen header in Chinese too"

# export cards as xlsx: ids as numbers, names as text
X=$T/cards.xlsx
sr --as boss export cards --out "$X" --format xlsx
expect_ok
expect_out_contains "exported 7 rows"
expect_match "$(unzip -p "$X" xl/worksheets/sheet1.xml)" '*<c r="A2"><v>1</v></c>*|*<c r="A2" s="[0-9]*"><v>1</v></c>*' "card id 1 as a number"
expect_match "$(unzip -p "$X" xl/worksheets/sheet1.xml)" '*<c r="B2" t="inlineStr"><is><t>P1</t></is></c>*' "card name as text"
expect_eq "$(db_val "select count(*) from audit where action = 'export' and entity = 'cards'")" "1" "card export audited"

# --- CSV files and the BOM ----------------------------------------------------------------------------------------
sr --as mgr --now "2026-04-02 09:00" report loss --from 2026-03-01 --to 2026-03-31 --csv --bom
expect_ok
expect_eq "$(printf '%s' "$OUT" | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf" "BOM first"
C=$T/loss.csv
sr --as boss --now "2026-04-02 09:00" report loss --from 2026-03-01 --to 2026-03-31 --out "$C" --bom
expect_ok
expect_eq "$(head -c 3 "$C" | od -An -tx1 | tr -d ' ')" "efbbbf" "BOM in the file"
expect_eq "$(sed 1d "$C" | tr -d '\r')" "$(printf '%s\n' "$LOSS" | tr -d '\r' | sed 1d)" "loss.csv rows"

# --- dcc: the DCC's calls, appointments and what came of them, in May ------------------------------------------
# D1: dana's phone lead (autohome), filed 05-04; dana calls it no-answer
#     05-04 and appointment 05-05, sets an appointment (05-05) for 05-08;
#     shown 05-08, handed to alice, received (visit) 05-08, ordered 05-12,
#     delivered 05-20: a visit, an order and a sale credited to dana.
# D2: dana's phone lead without a source, 05-04; one call 05-06, wrong number.
# I1: ivan's outreach lead (event), 05-05; calls 05-05 reached and 05-06
#     call-back; appointments set 05-06 (missed 05-10) and 05-11 (shown only
#     on 06-01, after May); lost 05-26.
# alice (showroom) calls her own card P1 on 05-06: out of the DCC's figures.
sr --as rita --now "2026-05-04 09:00" card file --name D1 --phone 13900000201 --channel phone \
	--source autohome --owner dana
expect_id; D1=$ID
sr --as rita --now "2026-05-04 09:05" card file --name D2 --phone 13900000202 --channel phone \
	--owner dana
expect_id; D2=$ID
sr --as rita --now "2026-05-05 10:00" card file --name I1 --phone 13900000203 --channel outreach \
	--source event --owner ivan
expect_id; I1=$ID
sr --as dana --now "2026-05-04 10:01" call add "$D1" --result no-answer --start "2026-05-04 10:00" --end "2026-05-04 10:01"
expect_id
sr --as dana --now "2026-05-05 10:05" call add "$D1" --result appointment --start "2026-05-05 10:00" --end "2026-05-05 10:04"
expect_id
sr --as dana --now "2026-05-05 10:06" appointment add "$D1" --date 2026-05-08 --consultant alice
expect_id; AD1=$ID
sr --as dana --now "2026-05-06 11:01" call add "$D2" --result wrong-number --start "2026-05-06 11:00" --end "2026-05-06 11:01"
expect_id
sr --as ivan --now "2026-05-05 11:05" call add "$I1" --result reached --start "2026-05-05 11:00" --end "2026-05-05 11:05"
expect_id
sr --as ivan --now "2026-05-06 11:05" call add "$I1" --result call-back --start "2026-05-06 11:00" --end "2026-05-06 11:02"
expect_id
sr --as ivan --now "2026-05-06 11:10" appointment add "$I1" --date 2026-05-09
expect_id; AI1=$ID
sr --as ivan --now "2026-05-10 09:00" appointment missed "$AI1"
expect_ok
sr --as ivan --now "2026-05-11 09:00" appointment add "$I1" --date 2026-05-16
expect_id; AI2=$ID
sr --as alice --now "2026-05-06 15:05" call add "$P1" --result reached --start "2026-05-06 15:00" --end "2026-05-06 15:03"
expect_id
sr --as rita --now "2026-05-08 10:00" traffic add --kind walkin --consultant alice
expect_id; TD1=$ID
sr --as dana --now "2026-05-08 10:02" appointment showed "$AD1" --traffic "$TD1"
expect_ok
sr --as mgr --now "2026-05-08 10:05" assign "$D1" --to alice
expect_ok
sr --as alice --now "2026-05-08 10:30" followup add "$D1" --method reception --level A
expect_ok
sr --as alice --now "2026-05-12 10:00" order add "$D1"
expect_ok
sr --as alice --now "2026-05-20 10:00" order deliver "$D1"
expect_ok
sr --as ivan --now "2026-05-25 10:00" loss request "$I1" --reason gave-up
expect_ok
sr --as mgr --now "2026-05-26 10:00" loss confirm "$I1"
expect_ok

# may NAME [OPTIONS]: report NAME for May 2026 as a manager, CSV in $OUT.
may()
{
	_name=$1
	shift
	sr --as mgr --now "2026-06-02 09:00" report "$_name" --from 2026-05-01 --to 2026-05-31 --csv "$@"
}

check_dcc()
{
	may dcc
	expect_ok
	expect_header "group,name,filed,calls,connected,cards_called,appointments,shown,show_rate,visits,orders,sold,lost"
	expect_row_is dana "Dana Sun" = "2,3,1,2,1,1,1,1,1,1,0"
	expect_row_is ivan "Ivan Wu" = "1,2,2,1,2,0,0,0,0,0,1"
	expect_row_is total "" = "3,5,3,3,3,1,0.3333,1,1,1,1"
	expect_eq "$(csv_rows)" "3" "dcc rows: two callers and the total"
}
check_dcc
DCC=$OUT
may dcc --by channel
expect_ok
expect_eq "$(csv_col group | tr '\n' ' ')" "outreach phone total " "dcc groups by channel"
expect_row_is phone = "2,3,1,2,1,1,1,1,1,1,0"
expect_row_is outreach = "1,2,2,1,2,0,0,0,0,0,1"
expect_row_is total = "3,5,3,3,3,1,0.3333,1,1,1,1"
may dcc --by source
expect_ok
expect_eq "$(csv_col group | tr '\n' ' ')" "- 汽车之家 车展及外拓活动 total " "dcc groups by source"
expect_row_is - = "1,1,0,1,0,0,,0,0,0,0"
expect_row_is "汽车之家" = "1,2,1,1,1,1,1,1,1,1,0"
expect_row_is "车展及外拓活动" = "1,2,2,1,2,0,0,0,0,0,1"
may dcc --consultant dana
expect_ok
expect_eq "$(csv_col group | tr '\n' ' ')" "dana total " "one caller"
expect_row_is total "" = "2,3,1,2,1,1,1,1,1,1,0"
may dcc --channel outreach
expect_ok
expect_row_is total "" = "1,2,2,1,2,0,0,0,0,0,1"
may dcc --team showroom
expect_ok
expect_eq "$(csv_col group | tr '\n' ' ')" "alice total " "the consultants' own calls"
expect_row_is alice "Alice Li" = "0,1,1,1,0,0,,0,0,0,0"
# The DCC supervisor reads the DCC team, and only it.
sr --as sue --now "2026-06-02 09:00" report dcc --from 2026-05-01 --to 2026-05-31 --csv
expect_ok
expect_eq "$OUT" "$DCC" "the supervisor's dcc report"
expect_refusal 3 --as sue report dcc --team showroom
expect_refusal 6 --as mgr report dcc --by model
# March had no DCC work.
rep dcc
expect_ok
expect_eq "$(csv_rows)" "0" "no DCC work in March"

# June: a later call, a visit and the late showing of I1's second
# appointment leave May unchanged.
sr --as dana --now "2026-06-01 10:05" call add "$D2" --result reached --start "2026-06-01 10:00" --end "2026-06-01 10:03"
expect_id
sr --as ivan --now "2026-06-01 11:00" appointment showed "$AI2"
expect_ok
may dcc
expect_eq "$OUT" "$DCC" "dcc of May after June records"
sr --as mgr --now "2026-06-02 09:00" report dcc --from 2026-06-01 --to 2026-06-30 --csv
expect_ok
expect_row_is dana "Dana Sun" = "0,1,1,1,0,0,,0,0,0,0"
expect_eq "$(csv_rows)" "2" "June: dana's call and the total"

# The table and the xlsx sheet, opened.
sr --as mgr --now "2026-06-02 09:00" report dcc --from 2026-05-01 --to 2026-05-31
expect_ok
expect_out_contains "DCC calls, appointments and results 2026-05-01 to 2026-05-31"
expect_out_contains "33.3%"
X=$T/dcc.xlsx
sr --as boss --now "2026-06-02 09:00" report dcc --from 2026-05-01 --to 2026-05-31 --out "$X"
expect_ok
expect_out_contains "exported 3 rows to $X"
expect_eq "$(xlsx_dump "$X" | grep '^sheet ')" "sheet DCC calls and appointments" "sheet named by its (short) title"
strings=$(unzip -p "$X" xl/sharedStrings.xml)
for s in caller "leads filed" "appointments shown" "Dana Sun" "Ivan Wu" total; do
	expect_match "$strings" "*<t>$s</t>*" "dcc shared string $s"
done
printf '%s' "$strings" >"$T/strings.xml"
for s in dana ivan group; do
	expect_true "no '$s' in the dcc sheet" sh -c "! grep -q '<t>$s</t>' '$T/strings.xml'"
done
sheet=$(unzip -p "$X" xl/worksheets/sheet1.xml)
# Row 5 is dana: B5 filed 2, C5 calls 3, I5 visits 1; row 7 the total: C7 calls 5, H7 1/3.
for cell in B5:2 C5:3 D5:1 E5:2 I5:1 J5:1 K5:1 L5:0 C6:2 D6:2 F6:2 G6:0 L6:1 B7:3 C7:5 D7:3 F7:3 I7:1; do
	expect_match "$sheet" "*<c r=\"${cell%%:*}\"*><v>${cell#*:}</v></c>*" "dcc cell $cell"
done
expect_match "$(printf '%s' "$sheet" | grep -o '<c r="H7"[^>]*><v>[^<]*</v>')" '<c r="H7" s="[0-9]*"><v>0.3333*' "dcc H7 show rate 1/3"

# --- permissions and refusals ----------------------------------------------------------------------------------------
# A consultant reads the figures of their own work, and only those.
sr --as alice --now "2026-04-02 09:00" report funnel --from 2026-03-01 --to 2026-03-31 --csv
expect_ok
expect_row_is traffic = "3,,1"
expect_row_is filed = "1,0.3333,0.3333"
sr --as alice --now "2026-04-02 09:00" report daily --from 2026-03-01 --to 2026-03-31 --csv
expect_ok
expect_eq "$(csv_col consultant | sort -u)" "alice" "alice's daily report is hers alone"
sr --as alice --now "2026-04-02 09:00" report collection --from 2026-03-01 --to 2026-03-31 --csv
expect_ok
expect_row_is alice "Alice Li" = "4,3,0.75,2,1,1,0,0,0.5"
expect_no_row consultant bob
sr --as alice --now "2026-04-02 09:00" report kpi --from 2026-03-01 --to 2026-03-31
expect_ok
expect_out_contains "consultant: Alice Li"
expect_refusal 3 --as alice report kpi --consultant bob
expect_refusal 3 --as alice report sources
expect_refusal 3 --as alice report dcc
expect_refusal 3 --as alice report funnel --out "$T/alice.csv"
sr --as alice report all --csv
expect_ok
expect_out_not_contains "cost_per_order"
sr --as alice target list
expect_ok
expect_out_contains "alice"
expect_out_not_contains "bob"
expect_refusal 3 --as alice campaign list
expect_refusal 3 --as sue report funnel --out "$T/x.xlsx"
expect_true "no file after a refusal" test ! -e "$T/x.xlsx"
expect_refusal 3 --as alice target set alice --month 2026-03 --traffic 1
expect_refusal 1 --as mgr report funnel --format xlsx
expect_refusal 1 --as mgr report funnel --format pdf
expect_refusal 1 --as mgr report funnel --out "$T/y.csv" --format table
expect_refusal 6 --as mgr report funnel --by consultant
expect_refusal 6 --as mgr report followup --by colour
expect_refusal 6 --as boss target set alice --month 2026-13 --traffic 1
expect_refusal 5 --as boss target set nobody --month 2026-03 --traffic 1
expect_refusal 1 --as boss target set alice --traffic 1
sr --as sue report funnel --csv
expect_ok

finish
