# test_export.sh — export cards, follow-ups and traffic as CSV (RFC 4180,
# UTF-8): a header and one row per record; Chinese survives; commas, quotes
# are quoted. Export is a permission of its own.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "欧阳明月" 13400000001 walkin --level B --model envision --source autohome \
	--address "北京市朝阳区建国路1号"
c1=$ID
file_card alice "Smith, John" 13400000002 phone --level C --address "Room 5, Block B"
c2=$ID
file_card bob 'Bob "the" Builder' 13400000003 outreach
c3=$ID
sr --as alice --now "2026-03-03 10:00" followup add "$c1" --method reception --intro \
	--note "客户说：\"价格再优惠点，就订\"，下周再来"
expect_id
sr --as rita traffic add --kind walkin --persons 2 --consultant alice
expect_id

# rows FILE: data rows of a CSV file.
rows()
{
	csv_norm <"$1" | awk 'NF && NR > 1 { n++ } END { print n + 0 }'
}

# col FILE NAME: the column NAME of every data row of FILE.
col()
{
	OUT=$(cat "$1")
	csv_col "$2"
}

# --- cards ---------------------------------------------------------------------------------------------------
sr --as mgr export cards --out "$T/cards.csv"
expect_ok
expect_true "export cards wrote no file" test -s "$T/cards.csv"
expect_eq "$(rows "$T/cards.csv")" "3" "card rows"
hdr=$(head -n 1 "$T/cards.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')
expect_match "$hdr" "id,*" "header of the cards export"
expect_match "$hdr" "*name*" "header of the cards export"
expect_match "$hdr" "*phone*" "header of the cards export"
# Chinese survives, byte for byte.
expect_true "欧阳明月 lost in the export" grep -q "欧阳明月" "$T/cards.csv"
expect_true "the address lost in the export" grep -q "北京市朝阳区建国路1号" "$T/cards.csv"
expect_true "the address with a comma is not quoted" grep -qF '"Room 5, Block B"' "$T/cards.csv"
# A comma means quotes; a quote is doubled.
expect_true "the name with a comma is not quoted" grep -qF '"Smith, John"' "$T/cards.csv"
expect_true "the quote in a name is not doubled" grep -qF '"Bob ""the"" Builder"' "$T/cards.csv"
# Read back, the fields are whole again.
names=$(col "$T/cards.csv" name | sort | tr '\n' '|')
expect_eq "$names" 'Bob "the" Builder|Smith, John|欧阳明月|' "names read back from the export"
expect_eq "$(col "$T/cards.csv" phone | sort | tr '\n' ' ')" "13400000001 13400000002 13400000003 " \
	"phones in a manager's export"
# Valid UTF-8 throughout.
expect_true "the export is not valid UTF-8" iconv -f UTF-8 -t UTF-8 "$T/cards.csv" -o /dev/null

# --- follow-ups and traffic --------------------------------------------------------------------------------------
sr --as mgr export followups --out "$T/followups.csv"
expect_ok
expect_eq "$(rows "$T/followups.csv")" "1" "follow-up rows"
expect_true "the note with quotes is not quoted" grep -qF '""价格再优惠点，就订""' "$T/followups.csv"
sr --as boss export traffic --out "$T/traffic.csv" --format csv
expect_ok
expect_eq "$(rows "$T/traffic.csv")" "1" "traffic rows"

# --- the export is in the audit trail --------------------------------------------------------------------------------
sr --as mgr audit --csv
expect_ok
expect_match "$OUT" "*export*|*Export*" "the audit trail after the exports"

# --- refusals --------------------------------------------------------------------------------------------------------
expect_refusal 3 --as alice export cards --out "$T/alice.csv"
expect_true "a refused export left a file" test ! -e "$T/alice.csv"
expect_refusal 3 --as rita export traffic --out "$T/rita.csv"
expect_refusal "1|6" --as mgr export customers --out "$T/x.csv"
expect_refusal "1|6" --as mgr export cards --out "$T/x.csv" --format pdf
expect_true "a refused export left a file" test ! -e "$T/x.csv"
sr --as mgr export cards --out "$T/no/such/dir/cards.csv"
expect_ne "$RC" 0 "exit code of an export into a missing directory"
expect_match "$ERR" "showroom: *" "stderr of an export into a missing directory"

# --- the CSV of card list quotes too ---------------------------------------------------------------------------------
sr --as mgr card list --csv
expect_ok
expect_out_contains '"Smith, John"'
expect_out_contains '"Bob ""the"" Builder"'
expect_row name "Smith, John"
expect_row name "欧阳明月"

finish
