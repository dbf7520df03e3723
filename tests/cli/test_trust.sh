# test_trust.sh — passwords and login, the rate limit, audited refusals,
# exports and backups, masked phones on every output, restore, and the
# refusal of a world-writable database.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# sr_in INPUT ARGS...: like sr, with INPUT as one line on stdin (not a
# terminal: how scripts give a password).
sr_in()
{
	_in=$1
	shift
	printf '%s\n' "$_in" | timeout 120 "$SHOWROOM" --db "$DB" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

# --- passwords ------------------------------------------------------------------
sr_in "alice-secret-1" --as admin user passwd alice
expect_ok
expect_out_contains "password of alice set"
expect_match "$(db_val "select substr(password_hash, 1, 10) from users where login = 'alice'")" \
	'$argon2id$' "alice's stored hash"
expect_eq "$(db_val "select count(*) from users where password_hash like '%alice-secret%'")" 0 \
	"password stored in clear"
expect_eq "$(db_val "select count(*) from audit where coalesce(after, '') || coalesce(before, '') like '%alice-secret%'")" 0 \
	"password in the audit trail"
sr_in "short" --as admin user passwd bob
expect_rc 6
expect_err_contains "at least 8"
sr_in "bob-wants-in" --as alice user passwd bob
expect_rc 3
sr_in "alice-own-pw" --as alice user passwd alice
expect_ok
sr_in "alice-own-pw" --as admin user login alice
expect_ok
expect_out_contains "logged in as alice"
sr_in "not-her-pw" --as admin user login alice
expect_rc 3
expect_err_contains "wrong login or password"
expect_err_not_contains "not-her-pw"
sr_in "whatever-pw" --as admin user login ghost
expect_rc 3
expect_err_contains "wrong login or password"
for i in 2 3 4 5; do
	sr_in "not-her-pw" --as admin user login alice
done
expect_rc 3
sr_in "alice-own-pw" --as admin user login alice
expect_rc 3
expect_err_contains "too many failed logins for alice"
expect_err_contains "2026-03-02 10:15:01"
sr_in "alice-own-pw" --as admin --now "2026-03-02 10:16" user login alice
expect_ok
expect_eq "$(db_val "select count(*) from audit where action = 'login-failed'")" 6 "failed logins audited"
expect_eq "$(db_val "select count(*) from audit where action = 'login'")" 2 "logins audited"
sr --as admin user passwd --help
expect_ok

# --- refusals, exports and backups are audited -------------------------------------
file_card alice "爱丽丝客户" 13100131001 phone --level B
a=$ID
file_card bob "鲍勃客户" 13100131002 phone --level B
b=$ID
n0=$(db_val "select count(*) from audit where action = 'refused'")
expect_refusal 3 --as alice card edit "$b" --name "偷改"
expect_refusal 3 --as alice user add eve --name Eve --role admin
expect_eq "$(db_val "select count(*) from audit a join users u on u.id = a.user_id where a.action = 'refused' and u.login = 'alice'")" \
	$((n0 + 2)) "alice's refusals audited"
sr --as mgr audit --user alice --csv
expect_ok
expect_out_contains "refused"
sr --as mgr export cards --out "$T/cards.csv"
expect_ok
sr --as mgr backup "$T/b1.db"
expect_ok
expect_eq "$(db_val "select count(*) from audit where action in ('export', 'backup')")" 2 \
	"export and backup audited"
sr --as mgr audit --from 2026-03-02 --to 2026-03-02 --card "$b" --csv
expect_ok
expect_out_contains "$b"
expect_refusal 3 --as alice audit
expect_refusal 3 --as rita audit

# --- masked phones: rita (reception) sees other people's customers masked ------------
for cmd in "card show $b" "card list" "search 鲍勃" "search 13100131002"; do
	# shellcheck disable=SC2086
	sr --as rita $cmd --csv
	expect_ok
	expect_out_contains "131****1002"
	expect_out_not_contains "13100131002"
done
sr --as bob card show "$b" --csv
expect_out_contains "13100131002"
for who in mgr boss; do
	sr --as "$who" card show "$b" --csv
	expect_out_contains "13100131002"
	sr --as "$who" card list --csv
	expect_out_contains "13100131002"
done
sr --as mgr list today --owner bob --csv
expect_ok
expect_out_not_contains "131****1002"

# --- restore --------------------------------------------------------------------------
sr --as alice card edit "$a" --name "改了名"
expect_ok
expect_refusal 3 --as mgr restore "$T/b1.db"
echo "not a database at all" >"$T/junk.db"
expect_refusal 6 --as admin restore "$T/junk.db"
sqlite3 "$T/other.db" "create table t(x); insert into t values (1);"
expect_refusal 6 --as admin restore "$T/other.db"
expect_refusal 5 --as admin restore "$T/missing.db"
# Someone else has the database open: refused, naming why.
{ echo "select count(*) from users;"; sleep 4; } | sqlite3 "$DB" >/dev/null &
holder=$!
sleep 1
expect_refusal 4 --as admin restore "$T/b1.db"
expect_err_contains "has the database open"
wait "$holder"
sr --as admin restore "$T/b1.db"
expect_ok
expect_eq "$(db_val "select name from cards where id = $a")" "爱丽丝客户" "name back from the backup"
expect_eq "$(db_val "select count(*) from audit where action = 'restore'")" 1 "restore audited"
sr --as admin check
expect_ok

# --- the nightly backup script: a checked copy, old ones rotated out -----------------
ROT=$T/rot
mkdir "$ROT"
touch -d "20 days ago" "$ROT/showroom-20000101-000000.db"
touch "$ROT/keep-me.txt"
made=$(SHOWROOM=$SHOWROOM SHOWROOM_DB=$DB SHOWROOM_BACKUP_AS=admin \
	sh "$SR_CLI_DIR/../../tools/backup-rotate.sh" "$ROT" 14 2>"$T/rot.err")
expect_eq "$?" 0 "backup-rotate.sh exit status ($(cat "$T/rot.err"))"
expect_match "$made" "$ROT/showroom-*.db" "the new backup's name"
expect_eq "$(sqlite3 "$made" "select count(*) from cards")" "$(db_val "select count(*) from cards")" \
	"cards in the rotated backup"
expect_true "an old backup is rotated out" test ! -e "$ROT/showroom-20000101-000000.db"
expect_true "other files are left alone" test -e "$ROT/keep-me.txt"

# --- a database others may write is refused ----------------------------------------------
chmod o+w "$DB"
sr --as admin card list
expect_rc 3
expect_err_contains "writable by everyone"
chmod o-w "$DB"
chmod o+w "$T/db"
sr --as admin card list
expect_rc 3
expect_err_contains "directory"
chmod o-w "$T/db"
sr --as admin card list
expect_ok

finish
