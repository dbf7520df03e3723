# test_demo.sh — demo data is reproducible: the same seed and clock on two
# fresh databases give identical cards; the result passes `check`.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

DB1=$T/db/demo1.db
DB2=$T/db/demo2.db
DB3=$T/db/demo3.db

for d in "$DB1" "$DB2" "$DB3"; do
	DB=$d
	sr init
	expect_ok
done

DB=$DB1
sr --as admin demo --seed 1 --cards 100
expect_ok
DB=$DB2
sr --as admin demo --seed 1 --cards 100
expect_ok
DB=$DB3
sr --as admin demo --seed 2 --cards 100
expect_ok

cards()
{
	sqlite3 "$1" "select * from cards order by id"
}

expect_eq "$(sqlite3 "$DB1" "select count(*) from cards")" "100" "cards in the demo"
expect_true "the demo made no cards" test -n "$(cards "$DB1")"
if [ "$(cards "$DB1" | sha256sum)" = "$(cards "$DB2" | sha256sum)" ]; then
	_pass
else
	_fail "demo --seed 1 gave different cards on two databases: $(cards "$DB1" >"$T/c1"; cards "$DB2" >"$T/c2"; diff "$T/c1" "$T/c2" | head -n 4 | tr '\n' '|')"
fi
for tbl in followups traffic orders appointments; do
	expect_eq "$(sqlite3 "$DB1" "select * from $tbl order by id" | sha256sum)" \
		"$(sqlite3 "$DB2" "select * from $tbl order by id" | sha256sum)" "$tbl of two demos with seed 1"
done
expect_ne "$(cards "$DB1" | sha256sum)" "$(cards "$DB3" | sha256sum)" "cards of seeds 1 and 2"

# The demo is realistic enough to have every status and some follow-ups.
expect_true "the demo has no follow-ups" test "$(sqlite3 "$DB1" "select count(*) from followups")" -gt 0
expect_true "the demo has no traffic" test "$(sqlite3 "$DB1" "select count(*) from traffic")" -gt 0
expect_true "the demo has fewer than 3 statuses" \
	test "$(sqlite3 "$DB1" "select count(distinct status) from cards")" -ge 3
expect_true "the demo has consultants" \
	test "$(sqlite3 "$DB1" "select count(*) from users where role = 'consultant'")" -gt 0

for d in "$DB1" "$DB2" "$DB3"; do
	DB=$d
	sr check
	expect_ok
	expect_out_contains "ok"
done

# The program reads it: lists, search, export.
DB=$DB1
sr --as admin card list --csv
expect_ok
expect_true "card list of the demo is empty" test "$(csv_rows)" -gt 0
sr --as admin card list --status all --csv
expect_ok
expect_eq "$(csv_rows)" "100" "card list --status all of the demo"
sr --as admin list overdue --csv
expect_ok
sr --as admin export cards --out "$T/demo.csv"
expect_ok
sr --as admin backup "$T/backup.db"
expect_ok
expect_eq "$(cards "$T/backup.db" | sha256sum)" "$(cards "$DB1" | sha256sum)" "cards of the backup"
DB=$T/backup.db
sr check
expect_ok

# Not for everyone.
DB=$DB2
sr --as admin user add zz_tester --name "Tester" --role consultant
expect_id
expect_refusal 3 --as zz_tester demo --seed 1 --cards 5
expect_refusal "3|5" --as nobody demo --seed 1 --cards 5
expect_refusal "1|6" --as admin demo --seed 1 --cards lots

finish

# The progress bar is for a terminal only: into a file, stderr stays empty
# (the tmux tests check the bar on a terminal).
DB=$T/db/demo4.db
sr init
sr --as admin demo --cards 30
expect_ok
expect_true "demo wrote to stderr off a terminal: $(head -c 200 "$T/err")" test ! -s "$T/err"
