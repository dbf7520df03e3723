# test_permissions.sh — the core decides who may do what: consultants and
# DCC callers reach only their own cards; receptionists file and log traffic
# but add no follow-ups; managers and the director see everything, reassign,
# merge, confirm losses and export; only the administrator manages users.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "爱丽丝客户" 13100131001 phone --level B
a=$ID
file_card bob "鲍勃客户" 13100131002 phone --level B
b=$ID
file_card dana "呼出客户" 13100131003 phone --level C
d=$ID

# --- consultants: only their own cards ---------------------------------------------------------------
sr --as alice card show "$a" --csv
expect_ok
expect_refusal 3 --as alice card show "$b"
expect_refusal 3 --as alice card edit "$b" --name "偷改"
expect_refusal 3 --as alice followup add "$b" --method phone
expect_refusal 3 --as alice appointment add "$b" --date 2026-03-05
expect_refusal 3 --as alice order add "$b" --deposit 1000
expect_refusal 3 --as alice dormant "$b"
expect_refusal 3 --as alice loss request "$b" --reason gave-up
expect_refusal 3 --as alice card show "$d"
sr --as alice card list --csv
expect_ok
expect_row id "$a"
expect_no_row id "$b"
expect_no_row id "$d"
expect_eq "$(csv_col owner | sort -u)" "alice" "owners in alice's card list"
sr --as alice search "鲍勃" --csv
expect_ok
expect_eq "$(csv_rows)" "0" "alice searching bob's customer"
sr --as alice search "13100131002" --csv
expect_ok
expect_eq "$(csv_rows)" "0" "alice searching bob's customer's phone"
sr --as alice list today --owner bob --csv
expect_rc "0|3"
if [ "$RC" = 0 ]; then
	expect_no_row card_id "$b"
fi

# --- DCC callers: only their own --------------------------------------------------------------------
sr --as dana card show "$d" --csv
expect_ok
expect_refusal 3 --as dana card show "$a"
expect_refusal 3 --as dana followup add "$a" --method phone
sr --as dana card list --csv
expect_ok
expect_row id "$d"
expect_no_row id "$a"
expect_refusal 3 --as ivan card show "$d"
# The DCC supervisor reaches the DCC team's cards, not the showroom's.
sr --as sue card show "$d" --csv
expect_ok
expect_refusal 3 --as sue followup add "$a" --method phone

# --- receptionists: file and log traffic, no follow-ups -------------------------------------------------
sr --as rita traffic add --kind walkin --consultant alice
expect_id
sr --as rita traffic add --kind call
expect_id
sr --as rita card file --name "前台留档" --phone 13100131004 --channel walkin --owner alice
expect_id
r=$ID
expect_card "$r" owner alice
expect_refusal 3 --as rita followup add "$a" --method reception
expect_refusal 3 --as rita followup add "$r" --method phone
expect_refusal 3 --as rita card edit "$a" --name "前台改"
expect_refusal 3 --as rita order add "$a" --deposit 1000
expect_refusal 3 --as rita loss confirm "$a"
expect_refusal 3 --as rita export cards --out "$T/rita.csv"
expect_true "a refused export left a file" test ! -e "$T/rita.csv"
# A receptionist may look a visitor up; a phone she does not own shows masked
# or whole, never anything else.
sr --as rita card list --csv
expect_ok
expect_row id "$b"
bp=$(csv_col phone | sed -n "$(csv_col id | grep -nxF "$b" | cut -d: -f1)p")
expect_match "$bp" "13100131002|131\\*\\*\\*\\*1002" "bob's card's phone as rita sees it"

# --- customer service: reads, does not file ------------------------------------------------------------
expect_refusal 3 --as sam card file --name "客服" --phone 13100131005 --channel phone
expect_refusal 3 --as sam followup add "$a" --method phone

# --- managers and the director -------------------------------------------------------------------------
sr --as mgr card list --csv
expect_ok
expect_row id "$a"
expect_row id "$b"
expect_row phone 13100131001
expect_row phone 13100131002
sr --as mgr followup add "$b" --method phone --note "经理代跟进"
expect_id
f=$ID
sr --as mgr followup comment "$f" --text "好"
expect_ok
expect_refusal 3 --as alice followup comment "$f" --text "我也批"
sr --as boss card show "$b" --csv
expect_ok
expect_eq "$(csv_field phone)" "13100131002" "phone as the director sees it"

# --- manager-only actions ------------------------------------------------------------------------------
expect_refusal 3 --as alice assign "$a" --to bob
expect_refusal 3 --as alice merge "$a" "$r"
expect_refusal 3 --as alice card promote "$a"
sr --as alice loss request "$a" --reason gave-up
expect_ok
expect_refusal 3 --as alice loss confirm "$a"
expect_refusal 3 --as alice loss reject "$a"
expect_refusal 3 --as alice loss to-dcc "$a" --to dana
expect_refusal 3 --as dana loss confirm "$a"
sr --as mgr loss reject "$a"
expect_ok

# --- export ----------------------------------------------------------------------------------------------
expect_refusal 3 --as alice export cards --out "$T/alice.csv"
expect_true "a refused export left a file" test ! -e "$T/alice.csv"
expect_refusal 3 --as dana export followups --out "$T/dana.csv"
expect_refusal 3 --as sue export traffic --out "$T/sue.csv"
sr --as mgr export cards --out "$T/mgr.csv"
expect_ok
expect_true "manager's export file missing" test -s "$T/mgr.csv"
sr --as boss export cards --out "$T/boss.csv"
expect_ok
sr --as admin export cards --out "$T/admin.csv"
expect_ok

# --- audit, users, demo ------------------------------------------------------------------------------------
expect_refusal 3 --as alice audit --card "$a"
sr --as mgr audit --card "$a" --csv
expect_ok
expect_header "id,at,user,action,entity,entity_id,card_id,before,after"
expect_refusal 3 --as alice user add eve --name "Eve" --role consultant
expect_refusal 3 --as mgr user add eve --name "Eve" --role consultant
expect_refusal 3 --as alice demo --seed 1 --cards 5
expect_refusal 3 --as mgr demo --seed 1 --cards 5

# --- a promotion to wholesale is a manager's -----------------------------------------------------------------
sr --as mgr card promote "$b"
expect_ok
expect_card "$b" type wholesale
expect_card "$b" channel outreach

finish
