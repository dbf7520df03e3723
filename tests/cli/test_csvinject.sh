# test_csvinject.sh — issue 12 item 8: a CSV cell that begins with = + - @
# (or a tab) is written as text with ' in front, as OWASP advises, in every
# CSV the program writes: exports, report --out, --csv output and the
# import's rejects file. Plain numbers (-5, -0.25, +8613800138000) stay
# numbers; a cell that begins with ' gets one more, so a reader takes one '
# off to undo it.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# Portal leads named as formulas: imported as text, as they are.
cat >"$T/leads.csv" <<'CSV'
姓名,手机,留言,城市
"=HYPERLINK(""http://x"",""y"")",13800000001,好,北京
@SUM(A1),13800000002,-5,上海
+cmd,12,"=1+1",广州
CSV
sr --as mgr import "$T/leads.csv" --source autohome
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^filed: //p')" 2 "filed"
expect_eq "$(db_val "select name from cards where phone = '13800000001'")" '=HYPERLINK("http://x","y")' \
	"stored as typed"
expect_eq "$(db_val "select name from cards where phone = '13800000002'")" '@SUM(A1)' "stored as typed"

# The export: the formulas come out as text.
sr --as mgr export cards --out "$T/cards.csv"
expect_ok
OUT=$(cat "$T/cards.csv")
expect_row name "'=HYPERLINK(\"http://x\",\"y\")"
expect_row name "'@SUM(A1)"
expect_out_contains "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
expect_out_not_contains ',=HYPERLINK'
expect_out_not_contains ',@SUM'

# --csv output: the same writer, the same rule (scripts take one ' off).
sr --as mgr card list --csv
expect_ok
expect_row name "'=HYPERLINK(\"http://x\",\"y\")"
expect_row name "'@SUM(A1)"
# The table for people shows the name as stored.
sr --as mgr card list
expect_ok
expect_out_contains '=HYPERLINK("http://x","y")'
expect_out_not_contains "'=HYPERLINK"

# The rejects file: the rejected row's fields are cells like any other.
OUT=$(cat "$T/leads.csv.rejects.csv")
expect_out_contains "'+cmd"
expect_out_contains "'=1+1"
expect_out_not_contains ',+cmd'

# Numbers stay numbers; other text that begins with a sign gets the '.
file_card alice 数字客户 13100131001 walkin --level B --answer "budget=-5" \
	--answer "current=-0.25" --answer "usage=+8613800138000" --answer "compare=-比亚迪" \
	--answer "payment='全款" --answer "addons=@all"
c=$ID
sr --as alice card show "$c" --csv
expect_ok
expect_eq "$(csv_field budget)" "-5" "a negative number stays"
expect_eq "$(csv_field current)" "-0.25" "a negative decimal stays"
expect_eq "$(csv_field usage)" "+8613800138000" "a plain number with + stays"
expect_eq "$(csv_field compare)" "'-比亚迪" "text after - is prefixed"
expect_eq "$(csv_field payment)" "''全款" "a leading ' is doubled"
expect_eq "$(csv_field addons)" "'@all" "@ is prefixed"
sr --as alice card show "$c"
expect_ok
expect_out_contains "compare: -比亚迪"

# report --out: a model named as formulas, grouped by model.
sr --as admin model add evil --brand "=2+3" --series "+cmd" --model "-1+1"
expect_id
file_card alice 车型客户 13100131002 walkin --level B --model evil
sr --as mgr report followup --by model --out "$T/r.csv"
expect_ok
OUT=$(cat "$T/r.csv")
expect_out_contains "'-1+1,"
expect_out_not_contains "
-1+1,"
finish
