# test_basics.sh — help, version, usage errors, the clock option, init,
# a missing database, global options anywhere.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

# --- help and version, no database needed ---------------------------------------
sr_raw --help
expect_ok
expect_out_contains "card"
expect_out_contains "followup"
expect_out_contains "--db"

sr_raw --version
expect_ok
expect_match "$OUT" "*[0-9]*" "--version output"

# --- usage errors: exit 1, one line ------------------------------------------------
sr_raw --db "$T/none.db" frobnicate
expect_rc 1
expect_true "an unknown command created the database" test ! -e "$T/none.db"

sr_raw --db "$T/none.db" card frobnicate
expect_rc 1

sr_raw --db "$T/none.db" --bogus-global card list
expect_rc 1

# --- init ----------------------------------------------------------------------------
sr init
expect_ok
expect_true "init did not create the database file" test -f "$DB"
expect_eq "$(db_val "select role from users where login = 'admin'")" "admin" "built-in admin"

fp=$(db_fingerprint)
sr init
expect_ok
expect_eq "$(db_fingerprint)" "$fp" "database after a second init"
expect_eq "$(db_val "select count(*) from users")" "1" "users after a second init"
expect_true "user_version after init" test "$(db_val "pragma user_version")" -ge 1

sr check
expect_ok
expect_out_contains "ok"

# --- a bad clock is a usage error ----------------------------------------------------
for bad in "yesterday" "2026-02-30" "2026-13-01" "2026-03-02 25:00" "02/03/2026" ""; do
	sr --now "$bad" card list
	expect_rc 1
done
SHOWROOM_NOW="not a time" sr card list
expect_rc 1
SHOWROOM_NOW="2026-03-02 10:00:00"

# --- the clock: --now wins over SHOWROOM_NOW; both reach the records ---------------------
sr --as admin user add carol --name "Carol" --role consultant
expect_id
sr --as carol --now "2026-03-02 09:15" card file --name "钟表" --phone 13500135000 --channel walkin
expect_id
c1=$ID
expect_card "$c1" filed_at "2026-03-02 09:15:00"
expect_card "$c1" age_days "0"

SHOWROOM_NOW="2026-03-01 08:00:00" sr --as carol card file --name "日历" --phone 13500135001 --channel phone
expect_id
SHOWROOM_NOW="2026-03-02 10:00:00"
c2=$ID
expect_card "$c2" filed_at "2026-03-01 08:00:00"
# Card age follows the clock.
sr --as admin --now "2026-03-11 10:00" card show "$c2" --csv
expect_ok
expect_eq "$(csv_field age_days)" "10" "age of a card filed 10 days before --now"

# --- global options anywhere on the line ------------------------------------------------
timeout 60 "$SHOWROOM" card list --csv --db "$DB" --as admin >"$T/o" 2>"$T/e" </dev/null
RC=$? OUT=$(cat "$T/o") ERR=$(cat "$T/e")
expect_ok
expect_header "id,name,phone,level,status,channel,source,model,owner,next_date,filed_at,age_days"
expect_row id "$c1"

timeout 60 "$SHOWROOM" card show "$c1" --db "$DB" --csv >"$T/o" 2>"$T/e" </dev/null
RC=$? OUT=$(cat "$T/o") ERR=$(cat "$T/e")
expect_ok
expect_eq "$(csv_field name)" "钟表" "card show with --db after the command"

# SHOWROOM_DB when there is no --db.
SHOWROOM_DB=$DB timeout 60 "$SHOWROOM" --as admin card show "$c1" --csv >"$T/o" 2>"$T/e" </dev/null
RC=$? OUT=$(cat "$T/o") ERR=$(cat "$T/e")
expect_ok
expect_eq "$(csv_field id)" "$c1" "card show with SHOWROOM_DB"

# --- a missing database is not found, and is not created --------------------------------
sr_raw --db "$T/missing.db" card list
expect_rc 5
expect_true "card list created a missing database" test ! -e "$T/missing.db"
sr_raw --db "$T/no/such/dir/x.db" card show 1
expect_rc 5
sr_raw --db "$T/missing.db" check
expect_rc 5

# --- not found, bad ids, missing required options --------------------------------------------
sr --as admin card show 999
expect_rc 5
sr --as admin card show abc
expect_rc "1|6"
sr --as admin card show
expect_rc 1
sr --as admin card show 1 2
expect_rc 1
sr --as admin card file --name "缺电话" --channel walkin
expect_rc 1
sr --as admin card file --phone 13500135009 --channel walkin
expect_rc 1
sr --as admin card file --name "无渠道" --phone 13500135009
expect_rc 1
sr --as admin card list --bogus
expect_rc 1
sr --as admin card file --name "坏渠道" --phone 13500135009 --channel fax
expect_rc "1|6"
sr --as admin card file --name "坏答案" --phone 13500135009 --channel walkin --answer colour=red
expect_rc "1|6"
sr --as admin card file --name "坏车型" --phone 13500135009 --channel walkin --model zeppelin
expect_rc "5|6"
sr --as admin card file --name "坏来源" --phone 13500135009 --channel walkin --source pigeon
expect_rc "5|6"
expect_eq "$(db_val "select count(*) from cards where phone = '13500135009'")" "0" "cards from refused filings"

# --- users ----------------------------------------------------------------------------------
sr --as admin user add alice --name "Alice Li" --role consultant
expect_id
sr --as admin user add alice --name "Alice Again" --role consultant
expect_rc "2|4|6"
sr --as admin user add zed --name "Zed" --role astronaut
expect_rc "1|6"
sr --as admin user add zed --role consultant
expect_rc 1
sr --as nobody card list
expect_rc "3|5"
sr --as alice card list --csv
expect_ok
expect_header "id,name,phone,level,status,channel,source,model,owner,next_date,filed_at,age_days"
expect_eq "$(csv_rows)" "0" "alice's cards (she owns none)"

# --- every command has --help, exit 0 -------------------------------------------------------
for cmd in "init" "demo" "user add" "traffic add" "traffic leave" "traffic list" \
	"card file" "card show" "card list" "card edit" "card promote" "search" \
	"followup add" "followup comment" "appointment add" "appointment showed" \
	"appointment missed" "order add" "order deliver" "order cancel" "loss request" \
	"loss confirm" "loss reject" "loss to-dcc" "dormant" "reactivate" "assign" "merge" \
	"list" "export" "audit" "backup" "check"; do
	# shellcheck disable=SC2086
	sr $cmd --help
	expect_ok
	expect_true "'$cmd --help' printed nothing on stdout" test -n "$OUT"
done

finish
