#!/bin/sh
# tests/tui/run.sh PROGRAM — run every terminal-UI test file (test_*.sh)
# against one program, each with its own tmux server and database, and
# print their total as the last line: "N passed, N failed". Exits 1 when
# anything failed. A file that ends without its own tally line (a crash, a
# syntax error) counts as one failure.
set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 PROGRAM [test_x.sh ...]" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
case $1 in
/*) PROG=$1 ;;
*) PROG=$(pwd)/$1 ;;
esac
export PROG
shift
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -gt 0 ]; then
	files=
	for f in "$@"; do
		files="$files $here/$(basename "$f")"
	done
else
	files=$(ls "$here"/test_*.sh)
fi
pass=0
fail=0
for f in $files; do
	log=$(mktemp "${TMPDIR:-/tmp}/showroom-tui-run.XXXXXX") || exit 1
	sh "$f" >"$log" 2>&1
	rc=$?
	sed "s|^|$(basename "$f"): |" "$log"
	tally=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	rm -f "$log"
	if [ -z "$tally" ]; then
		echo "FAIL $(basename "$f"): no tally line (exit status $rc)" >&2
		fail=$((fail + 1))
		continue
	fi
	p=${tally%% passed*}
	n=${tally#*passed, }
	n=${n%% failed}
	if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
		n=1
	fi
	pass=$((pass + p))
	fail=$((fail + n))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
