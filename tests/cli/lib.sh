# lib.sh — helpers for the command-line tests (POSIX sh, dash-compatible).
#
# A test file sources this, then drives the real program on a fresh database
# in its own temporary directory:
#
#	. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
#	setup_users                  # init + a cast of users (see below)
#	sr --as alice card file --name 张伟 --phone 13800138000 --channel walkin
#	expect_id; C1=$ID
#	expect_refusal 2 --as bob card file --name x --phone 13800138000 --channel phone
#	finish
#
# run.sh runs each test file with SHOWROOM (the program, absolute path),
# SR_TALLY (a file that gets one line per check: "P" or "F", and "END" from
# finish) and SR_TEST (the file's name). It rewrites each line of the test
# that begins with a check (expect_*, check_*) to set _L to its line number
# first, because dash has no $LINENO; run directly, a failure shows line "?".
#
# Failures go to stderr, never stdout, so that helpers can be used inside
# $(...) without their messages ending up in the captured value.

: "${SR_TEST:=$(basename "$0")}"
: "${SR_TALLY:=/dev/null}"
if [ -z "$SHOWROOM" ]; then
	echo "FAIL $SR_TEST: SHOWROOM is not set (run through tests/cli/run.sh)" >&2
	exit 1
fi

# The same messages and sorting whatever the caller's locale; no database
# or clock from the environment unless a test sets one.
LC_ALL=C.UTF-8
export LC_ALL
unset SHOWROOM_DB LANGUAGE LANG

T=$(mktemp -d "${TMPDIR:-/tmp}/showroom-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
# The database alone in its folder, as installed: nothing the tests write
# (exports, backups, rejects) may go there.
mkdir "$T/db"
DB=$T/db/test.db

# Today, for every test unless it moves the clock: a Monday.
SHOWROOM_NOW="2026-03-02 10:00:00"
export SHOWROOM_NOW

US=$(printf '\037')
OUT=
ERR=
RC=
ID=

# --- tally -------------------------------------------------------------------

_pass()
{
	echo P >>"$SR_TALLY"
}

# _fail MESSAGE: one line on stderr, "FAIL test_x.sh:NN: MESSAGE".
_fail()
{
	echo F >>"$SR_TALLY"
	printf 'FAIL %s:%s: %s\n' "$SR_TEST" "${_L:-?}" "$1" >&2
}

# stderr squeezed onto one line, shortened, for failure messages.
_errline()
{
	printf '%s' "$ERR" | tr '\n' '|' | cut -c1-300
}

_outline()
{
	printf '%s' "$OUT" | tr '\n' '|' | cut -c1-300
}

# finish: the last line of every test file; run.sh counts a file that never
# gets here (a crash or a syntax error) as a failure.
finish()
{
	echo END >>"$SR_TALLY"
}

# --- running the program -----------------------------------------------------

# sr ARGS...: run the program on $DB; stdout in $OUT, stderr in $ERR, the exit
# code in $RC. A sanitizer report or a hang is a failure of its own.
sr()
{
	sr_raw --db "$DB" "$@"
}

# sr_raw ARGS...: the same without --db.
sr_raw()
{
	timeout 120 "$SHOWROOM" "$@" </dev/null >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
	if [ "$RC" -eq 124 ]; then
		_fail "timed out after 120 s: showroom $*"
	fi
	case $ERR in
	*Sanitizer* | *"runtime error:"*)
		_fail "sanitizer report from: showroom $*: $(printf '%s' "$ERR" | grep -m3 -E 'ERROR|runtime error|SUMMARY' | tr '\n' '|')"
		;;
	esac
	return 0
}

# --- checks ------------------------------------------------------------------

# expect_rc N: the last command exited with N ("2|6": any of them). For a
# non-zero code, stderr must be exactly one line beginning "showroom: ".
expect_rc()
{
	_want=$1
	_ok=
	_save=$IFS
	IFS='|'
	for _w in $_want; do
		[ "$RC" = "$_w" ] && _ok=1
	done
	IFS=$_save
	if [ -z "$_ok" ]; then
		_fail "expected exit $_want, got $RC: $(_errline)"
		return 1
	fi
	if [ "$RC" != 0 ]; then
		_n=$(printf '%s\n' "$ERR" | wc -l)
		case $ERR in
		"showroom: "*) ;;
		*)
			_fail "exit $RC but stderr does not begin with 'showroom: ': $(_errline)"
			return 1
			;;
		esac
		if [ "$_n" -ne 1 ]; then
			_fail "exit $RC with $_n lines on stderr, expected one: $(_errline)"
			return 1
		fi
		if [ -n "$OUT" ]; then
			_fail "exit $RC but something on stdout: $(_outline)"
			return 1
		fi
	fi
	_pass
}

expect_ok()
{
	expect_rc 0
}

# expect_id: exit 0 and stdout is the new record's id alone; sets $ID.
expect_id()
{
	ID=
	if [ "$RC" != 0 ]; then
		_fail "expected exit 0 and an id, got $RC: $(_errline)"
		return 1
	fi
	case $OUT in
	'' | *[!0-9]*)
		_fail "expected an id alone on stdout, got '$(_outline)'"
		return 1
		;;
	esac
	ID=$OUT
	_pass
}

# expect_eq ACTUAL EXPECTED [WHAT]
expect_eq()
{
	if [ "$1" = "$2" ]; then
		_pass
	else
		_fail "${3:-value}: expected '$2', got '$1'"
		return 1
	fi
}

expect_ne()
{
	if [ "$1" != "$2" ]; then
		_pass
	else
		_fail "${3:-value}: expected anything but '$2'"
		return 1
	fi
}

# expect_match VALUE PATTERN [WHAT]: a shell case pattern; "a|b" is either.
expect_match()
{
	_save=$IFS
	IFS='|'
	set -f
	for _p in $2; do
		# shellcheck disable=SC2254
		case $1 in
		$_p)
			set +f
			IFS=$_save
			_pass
			return 0
			;;
		esac
	done
	set +f
	IFS=$_save
	_fail "${3:-value}: '$1' does not match '$2'"
	return 1
}

expect_out_contains()
{
	case $OUT in
	*"$1"*) _pass ;;
	*)
		_fail "stdout does not contain '$1': $(_outline)"
		return 1
		;;
	esac
}

expect_out_not_contains()
{
	case $OUT in
	*"$1"*)
		_fail "stdout contains '$1': $(_outline)"
		return 1
		;;
	*) _pass ;;
	esac
}

expect_err_not_contains()
{
	case $ERR in
	*"$1"*)
		_fail "stderr contains '$1': $ERR"
		return 1
		;;
	*) _pass ;;
	esac
}

expect_err_contains()
{
	case $ERR in
	*"$1"*) _pass ;;
	*)
		_fail "stderr does not contain '$1': $(_errline)"
		return 1
		;;
	esac
}

# expect_true WHAT COMMAND...: the command succeeds.
expect_true()
{
	_what=$1
	shift
	if "$@"; then
		_pass
	else
		_fail "$_what"
		return 1
	fi
}

# --- the database ------------------------------------------------------------

# The contents of the domain tables (not the audit trail), hashed: equal
# before and after means a refusal changed nothing.
db_fingerprint()
{
	sqlite3 "$DB" "
		select 'cards'; select * from cards order by id;
		select 'traffic'; select * from traffic order by id;
		select 'followups'; select * from followups order by id;
		select 'appointments'; select * from appointments order by id;
		select 'orders'; select * from orders order by id;
		select 'loss_requests'; select * from loss_requests order by id;
		select 'merges'; select * from merges order by id;
		select 'assignments'; select * from assignments order by id;
		select 'callbacks'; select * from callbacks order by id;
		select 'users'; select * from users order by id;" 2>&1 | sha256sum | cut -d' ' -f1
}

# db_val SQL: one value straight from the database (for what the command line
# does not show, e.g. a traffic row's card).
db_val()
{
	sqlite3 "$DB" "$1" 2>&1
}

# expect_refusal N ARGS...: `sr ARGS` exits with N (see expect_rc), prints one
# "showroom: " line and leaves the domain tables as they were.
expect_refusal()
{
	_code=$1
	shift
	_before=$(db_fingerprint)
	sr "$@"
	expect_rc "$_code" || return 1
	_after=$(db_fingerprint)
	if [ "$_before" != "$_after" ]; then
		_fail "refused (exit $RC) but the database changed: showroom $*"
		return 1
	fi
	_pass
}

# --- CSV -----------------------------------------------------------------------

# Read RFC 4180 CSV on stdin (CRLF or LF, quoted fields with "" and embedded
# newlines, a UTF-8 BOM) and write one record per line, fields separated by
# the unit separator, embedded newlines as "\n".
csv_norm()
{
	awk -v US="$US" '
	BEGIN { inq = 0; rec = ""; fld = "" }
	{
		line = $0
		if (NR == 1 && substr(line, 1, 3) == "\357\273\277")
			line = substr(line, 4)
		sub(/\r$/, "", line)
		n = length(line)
		for (i = 1; i <= n; i++) {
			ch = substr(line, i, 1)
			if (inq) {
				if (ch == "\"") {
					if (substr(line, i + 1, 1) == "\"") { fld = fld "\""; i++ }
					else inq = 0
				} else fld = fld ch
			} else if (ch == "\"") inq = 1
			else if (ch == ",") { rec = rec fld US; fld = "" }
			else fld = fld ch
		}
		if (inq) { fld = fld "\\n"; next }
		print rec fld
		rec = ""; fld = ""
	}'
}

# csv_col NAME: the column NAME of every data row of $OUT, one per line.
csv_col()
{
	printf '%s\n' "$OUT" | csv_norm | awk -F "$US" -v name="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		c { print $c }'
}

# csv_field NAME [ROW]: column NAME of data row ROW (1) of $OUT.
csv_field()
{
	printf '%s\n' "$OUT" | csv_norm | awk -F "$US" -v name="$1" -v row="${2:-1}" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		c && NR == row + 1 { print $c; exit }'
}

# csv_header: the header row of $OUT, as is.
csv_header()
{
	printf '%s\n' "$OUT" | head -n 1 | tr -d '\r' | sed 's/^\xef\xbb\xbf//'
}

# csv_rows: how many data rows $OUT holds.
csv_rows()
{
	printf '%s\n' "$OUT" | csv_norm | awk 'NF && NR > 1 { n++ } END { print n + 0 }'
}

# csv_has_row COL VALUE: some data row of $OUT has VALUE in column COL.
csv_has_row()
{
	csv_col "$1" | grep -qxF -- "$2"
}

# expect_row COL VALUE / expect_no_row COL VALUE, on $OUT.
expect_row()
{
	if csv_has_row "$1" "$2"; then
		_pass
	else
		_fail "no row with $1=$2 in: $(_outline)"
		return 1
	fi
}

expect_no_row()
{
	if csv_has_row "$1" "$2"; then
		_fail "unexpected row with $1=$2 in: $(_outline)"
		return 1
	fi
	_pass
}

# expect_header TEXT: the CSV header of $OUT is exactly TEXT.
expect_header()
{
	expect_eq "$(csv_header)" "$1" "CSV header"
}

# --- cards -----------------------------------------------------------------------

# card_get ID FIELD: FIELD of `card show ID --csv`, read as admin (who sees
# every card and every phone). Leaves $OUT/$ERR/$RC of the caller alone when
# used in $(...).
card_get()
{
	sr --as admin card show "$1" --csv
	if [ "$RC" != 0 ]; then
		printf '<exit %s>' "$RC"
		return 1
	fi
	csv_field "$2"
}

# expect_card ID FIELD VALUE
expect_card()
{
	_v=$(card_get "$1" "$2")
	expect_eq "$_v" "$3" "card $1 $2"
}

# --- a cast ----------------------------------------------------------------------

# setup_users: a fresh database and its people.
#   mgr (manager), boss (director), alice and bob (consultants), rita
#   (receptionist), dana (dcc-outbound), ivan (dcc-inbound), sue
#   (dcc-supervisor), sam (service), and the built-in admin.
setup_users()
{
	sr init
	expect_ok || return 1
	_add_user mgr "王经理" manager showroom
	_add_user boss "赵总监" director showroom
	_add_user alice "Alice Li" consultant showroom
	_add_user bob "Bob Chen" consultant showroom
	_add_user rita "Rita Xu" receptionist showroom
	_add_user dana "Dana Sun" dcc-outbound dcc
	_add_user ivan "Ivan Wu" dcc-inbound dcc
	_add_user sue "Sue Ma" dcc-supervisor dcc
	_add_user sam "Sam Hu" service showroom
}

_add_user()
{
	sr --as admin user add "$1" --name "$2" --role "$3" --team "$4"
	expect_id
}

# file_card AS NAME PHONE CHANNEL [MORE OPTIONS...]: file a card as AS,
# checked; sets $ID.
file_card()
{
	_as=$1 _name=$2 _phone=$3 _ch=$4
	shift 4
	sr --as "$_as" card file --name "$_name" --phone "$_phone" --channel "$_ch" "$@"
	expect_id
}
