# test_escape.sh — issue 12 item 15: control characters that reached the
# database anyway (a restored backup, the sqlite3 shell) are shown escaped
# in every output: card show, tables, --csv, exports, messages and the
# import's rejects file. ESC shows as \x1b, BEL as \x07, U+202E as \u202e;
# a note's newlines stay in CSV (quoted) and become spaces in a table.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')

file_card alice "毒名" 13100131001 walkin --level B --address 朝阳路
c=$ID
sr --as alice followup add "$c" --method phone --note "第一次"
expect_id
# Around every check: the sqlite3 shell writes what the program refuses
# (and, for the follow-up, around the trigger that keeps history, as a
# backup made elsewhere and restored could).
history=$(sqlite3 "$DB" "select sql from sqlite_master where name = 'followups_history'")
sqlite3 "$DB" "update cards set name = '毒' || char(27) || '[41m名' || char(8238) || '字' || char(7),
	address = '朝阳' || char(27) || ']0;pwned' || char(7) || '路' where id = $c;
	drop trigger followups_history;
	update followups set content = '第一行' || char(10) || '响铃' || char(7) || char(8238) || '反' || char(27) || '[2J'
	where card_id = $c;
	$history;"
expect_eq "$(db_val "select count(*) from sqlite_master where name = 'followups_history'")" 1 "trigger back"

# no_raw WHAT: neither ESC nor BEL nor U+202E in $OUT.
no_raw()
{
	case $OUT in
	*"$ESC"* | *"$BEL"* | *"$RLO"*) _fail "$1: a raw control or bidi character in: $(printf '%s' "$OUT" | od -c | head -5 | tr '\n' ' ')" ;;
	*) _pass ;;
	esac
}

sr --as alice card show "$c"
expect_ok
no_raw "card show"
expect_out_contains 'name: 毒\x1b[41m名\u202e字\x07'
expect_out_contains 'address: 朝阳\x1b]0;pwned\x07路'
expect_out_contains '第一行 响铃\x07\u202e反\x1b[2J'

sr --as alice card show "$c" --csv
expect_ok
no_raw "card show --csv"
expect_eq "$(csv_field name)" '毒\x1b[41m名\u202e字\x07' "card show --csv name"

sr --as alice card list
expect_ok
no_raw "card list"
expect_out_contains '毒\x1b[41m名\u202e字\x07'

sr --as alice card list --csv
expect_ok
no_raw "card list --csv"
expect_row name '毒\x1b[41m名\u202e字\x07'

sr --as alice followup list "$c"
expect_ok
no_raw "followup list"
expect_out_contains '第一行 响铃\x07\u202e反\x1b[2J'

sr --as alice followup list "$c" --csv
expect_ok
no_raw "followup list --csv"
# The note's newline is kept in CSV (quoted), the controls escaped.
expect_out_contains '"第一行
响铃\x07\u202e反\x1b[2J"'

sr --as alice search 毒
expect_ok
no_raw "search"

sr --as mgr export cards --out "$T/cards.csv"
expect_ok
OUT=$(cat "$T/cards.csv")
no_raw "export cards"
expect_row name '毒\x1b[41m名\u202e字\x07'
sr --as mgr export followups --out "$T/fu.csv"
expect_ok
OUT=$(cat "$T/fu.csv")
no_raw "export followups"
expect_out_contains '响铃\x07\u202e反\x1b[2J'
# The workbook too: its text cells hold the escapes, never the raw bytes
# (written inline: the export streams in libxlsxwriter's constant memory).
sr --as mgr export cards --out "$T/cards.xlsx" --format xlsx
expect_ok
OUT=$(unzip -p "$T/cards.xlsx" xl/worksheets/sheet1.xml)
no_raw "export cards --format xlsx"
expect_out_contains '毒\x1b[41m名\u202e字\x07'

# A user's name reaches the home screen's heading.
sqlite3 "$DB" "update users set name = 'Alice' || char(27) || '[5m' where login = 'alice'"
sr --as alice
expect_ok
no_raw "home"
expect_out_contains 'Alice\x1b[5m (alice'

# A message quoting typed text shows it escaped too.
sr --as alice card file --name 客户 --phone "138${ESC}]0;x${BEL}" --channel phone
expect_rc 6
case $ERR in
*"$ESC"* | *"$BEL"*) _fail "the message holds a raw control: $(printf '%s' "$ERR" | od -c | head -3 | tr '\n' ' ')" ;;
*) _pass ;;
esac
expect_err_contains '138\x1b]0;x\x07'

# A portal file's raw ESC bytes do not reach the rejects file.
printf '姓名,手机,留言\n王%s[31m伟,13800000001,好\n李娜,138%s00000002,看车%s\n' "$ESC" "$BEL" "$ESC" >"$T/leads.csv"
sr --as mgr import "$T/leads.csv" --source autohome
expect_ok
OUT=$(cat "$T/leads.csv.rejects.csv")
no_raw "rejects file"
expect_out_contains '王\x1b[31m伟'
expect_out_contains '138\x0700000002'
finish
