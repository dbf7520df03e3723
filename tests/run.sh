#!/bin/sh
# tests/run.sh BUILD_DIR — run the unit tests, the command-line tests, the
# terminal-UI tests and the fault tests
# built in BUILD_DIR (normally build/asan) and print one total line:
#   N passed, N failed
# Each runner ends with its own "N passed, N failed" line; a runner that
# exits non-zero without that line (a crash, a sanitizer abort) counts as one
# failed test. Exits non-zero when anything failed.
set -u

build=${1:-build/asan}
here=$(dirname "$0")

: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=1}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS UBSAN_OPTIONS

total_pass=0
total_fail=0
summaries=""

# run NAME COMMAND...: run a test runner, show its output, add its summary.
run() {
	name=$1
	shift
	log=$(mktemp "${TMPDIR:-/tmp}/showroom-run.XXXXXX") || exit 1
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	rm -f "$log"
	if [ -n "$summary" ]; then
		p=${summary%% passed*}
		f=${summary#*passed, }
		f=${f%% failed}
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			# said all passed but exited non-zero (e.g. leaks at exit)
			f=1
			summary="$summary (but exited with status $rc)"
		fi
	else
		p=0
		f=1
		summary="no summary line (exit status $rc): counted as 1 failed"
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summaries="$summaries$name: $summary
"
}

if [ -x "$build/unit-tests" ]; then
	run unit "$build/unit-tests"
else
	echo "tests/run.sh: $build/unit-tests is missing (run make first)" >&2
	total_fail=$((total_fail + 1))
	summaries="${summaries}unit: missing, counted as 1 failed
"
fi

if [ -f "$here/cli/run.sh" ]; then
	if [ -x "$build/showroom" ]; then
		run cli sh "$here/cli/run.sh" "$build/showroom"
	else
		echo "tests/run.sh: $build/showroom is missing (run make first)" >&2
		total_fail=$((total_fail + 1))
		summaries="${summaries}cli: missing program, counted as 1 failed
"
	fi
else
	summaries="${summaries}cli: skipped (tests/cli/run.sh not written yet)
"
fi

# The terminal UI, driven for real in tmux (send-keys, capture-pane).
if [ -f "$here/tui/run.sh" ] && [ -x "$build/showroom" ]; then
	run tui sh "$here/tui/run.sh" "$build/showroom"
fi

# Faults: 16 writers at once, SIGKILLed writers, power loss through a
# fault-injecting VFS, a full database (tests/fault/fault.c).
if [ -x "$build/fault-tests" ]; then
	run fault "$build/fault-tests"
fi

echo
printf '%s' "$summaries"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
