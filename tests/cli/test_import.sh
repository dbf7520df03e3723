# test_import.sh — showroom import: internet leads from portal CSV files.
# Good rows file cards owned by DCC callers in turn; bad rows go to
# FILE.rejects.csv with their physical line (where the record starts; the
# header is line 1) and reason; GB18030 and a UTF-8 BOM are read; a lead is
# never imported twice; --dry-run writes nothing; a killed import leaves
# whole batches only.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

cp "${SR_CLI_DIR:-$(dirname "$0")}"/data/*.csv "$T/"

# kv KEY: the value of "KEY: value" in $OUT.
kv()
{
	printf '%s\n' "$OUT" | sed -n "s/^$1: //p"
}

imp()
{
	sr --as mgr import "$@"
}

# Permission: importing hands leads out, a manager's right.
expect_refusal 3 --as dana import "$T/good.csv" --source autohome
expect_refusal 3 --as alice import "$T/good.csv" --source autohome

# No phone column: nothing can be read.
expect_refusal 6 --as mgr import "$T/nophone.csv" --source autohome
expect_err_contains "no phone column"
expect_refusal 6 --as mgr import "$T/missing.csv" --source autohome
expect_refusal 1 --as mgr import "$T/good.csv" --source autohome --encoding latin9

# Dry run: the same counts, nothing written.
before=$(db_fingerprint)
imp "$T/good.csv" --source autohome --dry-run
expect_ok
expect_eq "$(kv filed)" 3 "dry-run filed"
expect_eq "$(db_fingerprint)" "$before" "dry run changed the database"
expect_eq "$(db_val 'select count(*) from imports')" 0 "dry run imports rows"

# Good rows, in turn to dana and ivan (round robin, by user id).
imp "$T/good.csv" --source autohome
expect_ok
expect_eq "$(kv rows)" 3 "rows"
expect_eq "$(kv filed)" 3 "filed"
expect_eq "$(kv rejected)" 0 "rejected"
expect_eq "$(kv batches)" 1 "batches"
expect_eq "$(db_val "select group_concat(login, ' ') from (select u.login from cards c join users u on u.id = c.owner_id order by c.id)")" \
	"dana ivan dana" "round robin"
expect_eq "$(db_val "select count(*) from assignments where reason = 'import'")" 3 "assignment reason"
expect_eq "$(db_val "select channel || level || source_id from cards where phone = '13800000001'")" \
	"phoneN1" "channel, level, source"
expect_eq "$(db_val "select m.code from cards c join models m on m.id = c.model_id where phone = '13800000001'")" \
	"excelle" "model by series name"
expect_eq "$(db_val "select region from cards where phone = '13800000001'")" "北京" "city"
expect_eq "$(db_val "select count(*) from cards where phone = '13800000003'")" 1 "+86 phone normalised"

# Re-import: nothing twice; the rotation goes on across imports.
imp "$T/good.csv" --source autohome
expect_ok
expect_eq "$(kv filed)" 0 "re-import filed"
expect_eq "$(kv already_imported)" 3 "re-import already imported"
cp "$T/good.csv" "$T/renamed.csv"
imp "$T/renamed.csv" --source autohome
expect_eq "$(kv already_imported)" 3 "another name, same rows"
expect_eq "$(db_val 'select count(*) from cards')" 3 "cards after re-import"

# Every kind of bad row, each with its line; the good ones imported.
imp "$T/bad.csv" --source autohome --require-model
expect_ok
expect_eq "$(kv rows)" 6 "bad rows read"
expect_eq "$(kv filed)" 1 "bad.csv filed"
expect_eq "$(kv rejected)" 5 "bad.csv rejected"
expect_eq "$(kv rejects)" "$T/bad.csv.rejects.csv" "rejects file named"
rej=$(cat "$T/bad.csv.rejects.csv")
expect_match "$rej" "*2,no phone,无电话*" "no phone on line 2"
expect_match "$rej" "*3,\"malformed phone \"\"12ab\"\"\"*" "malformed phone on line 3"
expect_match "$rej" "*4,no name,*" "no name on line 4"
expect_match "$rej" "*5,name is 33 characters long*" "long name on line 5"
expect_match "$rej" "*7,\"unknown model \"\"飞船\"\"\"*" "unknown model on line 7"
expect_eq "$(db_val "select count(*) from cards where phone = '13800000015'")" 1 "the good row"
# Without --require-model an unknown model is left out, the row filed.
imp "$T/bad.csv" --source autohome
expect_eq "$(kv filed)" 1 "unknown model ignored"
expect_eq "$(db_val "select model_id is null from cards where phone = '13800000016'")" 1 "no model"

# Quoted fields with commas, quotes and newlines; line numbers are physical.
imp "$T/quoted.csv" --source autohome
expect_eq "$(kv filed)" 2 "quoted filed"
expect_eq "$(db_val "select name from cards where phone = '13800000021'")" "赵, 六" "comma kept"
expect_eq "$(db_val "select line from import_rows where key like '%|13800000022|%'")" 4 "record after a two-line one is on line 4"

# Broken quoting: the row where parsing broke and the rest are rejected.
imp "$T/broken.csv" --source autohome
expect_rc 0
expect_eq "$(kv filed)" 1 "broken: rows before imported"
expect_eq "$(kv rejected)" 1 "broken: one reject"
expect_match "$(cat "$T/broken.csv.rejects.csv")" "3,broken quoting near line 3*" "broken line"
expect_eq "$(db_val "select count(*) from cards where phone in ('13800000032','13800000033')")" 0 "rest not read"

# A UTF-8 byte-order mark; GB18030 detected (and given).
imp "$T/bom.csv" --source bitauto
expect_eq "$(kv filed)" 1 "bom"
expect_eq "$(db_val "select name from cards where phone = '13800000041'")" "郑一" "bom name"
imp "$T/gb18030.csv" --source 汽车之家 --dry-run --encoding gb18030
expect_eq "$(kv filed)" 2 "gb18030 given"
imp "$T/gb18030.csv" --source 汽车之家
expect_eq "$(kv encoding)" gb18030 "gb18030 detected"
expect_eq "$(db_val "select name || region from cards where phone = '13800000051'")" "冯二广州" "gb18030 text"

# Duplicates in the file: the same lead twice is imported once; the same
# phone again later becomes a follow-up note on its card.
imp "$T/dups.csv" --source autohome
expect_eq "$(kv filed)/$(kv matched)/$(kv already_imported)" "1/1/1" "dups"
expect_eq "$(db_val "select content from followups f join cards c on c.id = f.card_id where c.phone = '13800000061'")" \
	"[import dups.csv line 4] " "note on the card"
# ...and against the database: a card filed by hand gets the note.
file_card alice "韩七" 13800000071 walkin
imp "$T/mapped.csv" --source autohome --map customer=name --map mobile=phone
expect_eq "$(kv matched)" 1 "matched a consultant's card"
expect_eq "$(db_val "select count(*) from cards where phone = '13800000071'")" 1 "no duplicate card"
expect_match "$(db_val "select content from followups where card_id = $ID")" "*自定义列*" "mapped note"

# By source: every autohome lead to ivan.
sr --as admin setting set import_rule by-source
sr --as admin setting set import_owner.autohome ivan
printf 'name,phone\nA,13900000001\nB,13900000002\n' >"$T/bysrc.csv"
imp "$T/bysrc.csv" --source autohome
expect_eq "$(db_val "select group_concat(u.login) from cards c join users u on u.id = c.owner_id where phone like '139%'")" \
	"ivan,ivan" "by source"
sr --as admin setting set import_rule round-robin

sr check
expect_ok

# A killed import leaves whole batches of 10 000 only.
awk 'BEGIN { print "姓名,手机,提交时间"; for (i = 0; i < 50000; i++) printf "客户%d,137%08d,t\n", i, i }' >"$T/big.csv"
"$SHOWROOM" --db "$DB" --as mgr import "$T/big.csv" --source autohome >/dev/null 2>&1 &
pid=$!
n=0
while [ "$n" -lt 200 ] && [ "$(db_val "select count(*) from import_rows where key like '%|137%'")" = 0 ]; do
	sleep 0.05
	n=$((n + 1))
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
got=$(db_val "select count(*) from import_rows where key like '%|137%'")
expect_eq "$((got % 10000))" 0 "killed import left $got rows"
expect_eq "$(db_val "select count(*) from cards where phone like '137%'")" "$got" "cards match rows"
sr check
expect_ok
# Run again: the rest comes in, nothing twice.
imp "$T/big.csv" --source autohome
expect_eq "$(kv already_imported)" "$got" "resumed"
expect_eq "$(db_val "select count(*) from cards where phone like '137%'")" 50000 "all in"

finish
