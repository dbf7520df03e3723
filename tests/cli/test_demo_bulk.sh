# test_demo_bulk.sh — the large demo (from 20000 cards, demo_bulk.c): rows
# written in bulk obey every CHECK, trigger rule and foreign key (check),
# look like five years of a dealer group, are reproducible, and the
# indexes and triggers set aside during the load are all back.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

DB1=$T/bulk1.db
DB2=$T/bulk2.db
for d in "$DB1" "$DB2"; do
	DB=$d
	sr init
	expect_ok
done
schema()
{
	sqlite3 "$1" "select type, name, sql from sqlite_master order by type, name"
}
before=$(schema "$DB1" | sha256sum)

DB=$DB1
sr --as admin demo --cards 20000 --seed 7
expect_ok
expect_out_contains "20000"
DB=$DB2
sr --as admin demo --cards 20000 --seed 7
expect_ok

q()
{
	sqlite3 "$DB1" "$1"
}
expect_eq "$(q "select count(*) from cards")" "20000" "cards of the bulk demo"
expect_eq "$(schema "$DB1" | sha256sum)" "$before" "indexes and triggers after the bulk load"
expect_eq "$(q "select count(*) from cards" ; q "select * from followups order by id" | sha256sum)" \
	"$(sqlite3 "$DB2" "select count(*) from cards"; sqlite3 "$DB2" "select * from followups order by id" | sha256sum)" \
	"follow-ups of two bulk demos with the same seed"
expect_eq "$(q "select * from cards order by id" | sha256sum)" \
	"$(sqlite3 "$DB2" "select * from cards order by id" | sha256sum)" "cards of two bulk demos"

# Realistic proportions: about eight follow-ups a card, five years, every
# status, sales around a fifth, traffic, callbacks, name pieces indexed.
fu=$(q "select count(*) / 20000.0 >= 6 and count(*) / 20000.0 <= 10 from followups")
expect_eq "$fu" "1" "six to ten follow-ups a card"
expect_eq "$(q "select count(distinct status) from cards")" "5" "statuses in the bulk demo"
expect_eq "$(q "select julianday('2026-03-02') - julianday(min(date(filed_at))) between 1800 and 1830 from cards")" \
	"1" "the bulk demo spans five years"
expect_eq "$(q "select sum(status = 'sold') * 100 / count(*) between 12 and 35 from cards")" "1" "share of sold cards"
expect_true "no traffic" test "$(q "select count(*) from traffic where result = 'none'")" -gt 0
expect_true "no callbacks" test "$(q "select count(*) from callbacks")" -gt 0
expect_true "no appointments" test "$(q "select count(*) from appointments where status = 'showed'")" -gt 0
expect_eq "$(q "select count(*) from cards c where length(c.name) > 1 and not exists (select 1 from card_grams g where g.gram = lower(substr(c.name, 1, 2)) and g.card_id = c.id)")" \
	"0" "cards without name pieces"
expect_eq "$(q "select count(*) from audit where action = 'demo'")" "1" "audit rows of the bulk load"
# The report's facts on the cards (schema 006) agree with the follow-ups.
expect_eq "$(q "select count(*) from cards c where coalesce(visit1_at, '') <> coalesce((select f.at from followups f where f.card_id = c.id and f.method = 'reception' order by f.at limit 1), '') or coalesce(visit2_at, '') <> coalesce((select f.at from followups f where f.card_id = c.id and f.method = 'reception' order by f.at limit 1 offset 1), '') or coalesce(drive_at, '') <> coalesce((select min(f.at) from followups f where f.card_id = c.id and f.step_test_drive = 1), '')")" \
	"0" "cards whose visit and test-drive facts disagree with their follow-ups"
expect_eq "$(q "select max(filed_at) < '2026-03-02 10:00:00' from cards")" "1" "nothing after now"
expect_eq "$(q "select count(*) from followups where at > '2026-03-02 10:00:00'")" "0" "follow-ups after now"

sr check
expect_ok
expect_out_contains "ok"

# The staff and the lists work on it.
sr --as consultant001 list today --csv
expect_ok
sr --as consultant001 list overdue --csv
expect_ok
sr --as admin search "$(q "select substr(name, 1, 2) from cards where length(name) = 3 limit 1")" --status all --csv
expect_ok
expect_true "search by a name piece found nothing" test "$(csv_rows)" -gt 0

# Only on an empty database.
expect_refusal 2 --as admin demo --cards 20000 --seed 8

finish
