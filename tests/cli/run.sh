#!/bin/sh
# run.sh — run every command-line test against one program.
#
#	sh tests/cli/run.sh build/asan/showroom [test_x.sh ...]
#
# Each tests/cli/test_*.sh drives the program on fresh databases (lib.sh).
# Every check is counted; a failing one prints
#	FAIL test_x.sh:NN: expected exit 2, got 0: <stderr>
# and the last line is always "N passed, N failed". Exit status 1 when
# anything failed.
#
# dash has no $LINENO, so each test file is run from a copy in which every
# line that begins with a check (or sr, file_card, setup_users) first sets
# _L to its line number.

if [ $# -lt 1 ]; then
	echo "usage: sh tests/cli/run.sh PATH/TO/showroom [test_x.sh ...]" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

prog=$1
shift
case $prog in
/*) ;;
*) prog=$(pwd)/$prog ;;
esac

dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/showroom-run.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

if [ ! -x "$prog" ]; then
	echo "FAIL run.sh: no program at $prog (make SAN=1 build/asan/showroom)"
	echo "0 passed, 1 failed"
	exit 1
fi
# A private copy: a rebuild during the run (make in another terminal) must
# not swap the program under the tests.
if ! cp "$prog" "$work/showroom"; then
	echo "FAIL run.sh: cannot copy $prog"
	echo "0 passed, 1 failed"
	exit 1
fi
prog=$work/showroom
for tool in sqlite3 sha256sum timeout awk; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL run.sh: $tool is needed by the tests"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

if [ $# -gt 0 ]; then
	tests=
	for t in "$@"; do
		tests="$tests $dir/$(basename "$t")"
	done
else
	tests=$(ls "$dir"/test_*.sh 2>/dev/null)
fi

passed=0
failed=0
for t in $tests; do
	name=$(basename "$t")
	tally=$work/$name.tally
	copy=$work/$name
	: >"$tally"
	if [ ! -f "$t" ]; then
		echo "FAIL $name: no such test file"
		failed=$((failed + 1))
		continue
	fi
	awk '/^[ \t]*(expect_|check_|file_card |setup_users|sr |sr_raw )/ { sub(/^[ \t]*/, "&_L=" NR "; ") } { print }' "$t" >"$copy"
	SHOWROOM=$prog SR_TALLY=$tally SR_TEST=$name SR_CLI_DIR=$dir \
		sh "$copy" 2>&1
	rc=$?
	p=$(grep -c '^P$' "$tally")
	f=$(grep -c '^F$' "$tally")
	if ! grep -q '^END$' "$tally"; then
		echo "FAIL $name: stopped before its end (exit $rc)"
		f=$((f + 1))
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
