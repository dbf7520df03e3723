# test_login_flight.sh — the login limit (5 failures in 15 minutes) holds
# for attempts in flight (issue 12, item 6): many `user login` started at
# once with wrong passwords get at most 5 passwords checked, the rest are
# refused as locked without a check; an attempt killed midway counts.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# sr_in INPUT ARGS...: like sr, with INPUT as one line on stdin.
sr_in()
{
	_in=$1
	shift
	printf '%s\n' "$_in" | timeout 120 "$SHOWROOM" --db "$DB" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

sr_in "bob-real-secret" --as admin user passwd bob
expect_ok
sr_in "carl-real-secret" --as admin user passwd alice
expect_ok

# --- 40 wrong passwords at once ------------------------------------------------
N=40
i=0
while [ $i -lt $N ]; do
	(printf 'wrong-guess-%s\n' "$i" |
		timeout 120 "$SHOWROOM" --db "$DB" --as admin user login bob \
			>"$T/o.$i" 2>"$T/e.$i"
	echo $? >"$T/rc.$i") &
	i=$((i + 1))
done
wait

checked=$(db_val "select count(*) from audit where action = 'login-failed' and json_extract(after, '\$.login') = 'bob'")
locked=$(db_val "select count(*) from audit where action = 'login-locked' and json_extract(after, '\$.login') = 'bob'")
expect_true "$checked passwords of $N parallel attempts checked, at most 5 allowed" \
	test "$checked" -le 5
expect_eq "$checked" 5 "attempts checked (every attempt finished, so exactly the limit)"
expect_eq "$locked" $((N - checked)) "attempts refused as locked"
expect_eq "$(db_val "select count(*) from login_attempts where login = 'bob'")" "$checked" \
	"attempts counted"
expect_eq "$(db_val "select count(*) from login_attempts where login = 'bob' and outcome is null")" 0 \
	"attempts without an outcome"
# Every process was refused (exit 3) with one of the two messages.
wrong=0
toomany=0
i=0
while [ $i -lt $N ]; do
	expect_eq "$(cat "$T/rc.$i")" 3 "exit of attempt $i"
	case $(cat "$T/e.$i") in
	*"wrong login or password"*) wrong=$((wrong + 1)) ;;
	*"too many failed logins for bob"*) toomany=$((toomany + 1)) ;;
	*) expect_eq "$(cat "$T/e.$i")" "a refusal" "stderr of attempt $i" ;;
	esac
	i=$((i + 1))
done
expect_eq "$wrong" "$checked" "told 'wrong login or password'"
expect_eq "$toomany" "$locked" "told 'too many failed logins'"
# The right password waits too, then works after the window.
sr_in "bob-real-secret" --as admin user login bob
expect_rc 3
expect_err_contains "too many failed logins for bob"
expect_err_contains "2026-03-02 10:15:01"
sr_in "bob-real-secret" --as admin --now "2026-03-02 10:16" user login bob
expect_ok
expect_out_contains "logged in as bob"

# --- attempts killed midway count as failed --------------------------------------
# Each is killed once its attempt is recorded, during (or just after) its
# password check: with or without an outcome, it counts.
SHOWROOM_NOW="2026-03-02 11:00:00"
i=0
while [ $i -lt 5 ]; do
	n0=$(db_val "select count(*) from login_attempts where login = 'alice'")
	printf 'killed-guess\n' | "$SHOWROOM" --db "$DB" --as admin user login alice \
		>/dev/null 2>&1 &
	pid=$!
	tries=0
	while [ "$(db_val "select count(*) from login_attempts where login = 'alice'")" = "$n0" ] &&
		[ $tries -lt 2000 ]; do
		tries=$((tries + 1))
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	i=$((i + 1))
done
expect_eq "$(db_val "select count(*) from login_attempts where login = 'alice'")" 5 \
	"attempts of the killed logins"
sr_in "carl-real-secret" --as admin user login alice
expect_rc 3
expect_err_contains "too many failed logins for alice"

finish
