# tests/tui/lib.sh — helpers for the terminal-UI tests: each test file
# sources it, drives the real program in tmux and ends with `finish`.
#
# Each session runs `PROGRAM --as LOGIN` (no command: the full-screen UI)
# in a detached tmux server of the test file's own, on a fresh database
# with a fixed clock. Keys go in with send-keys, the screen comes back with
# capture-pane; every wait polls the screen (at most WAIT_S seconds) rather
# than sleeping a fixed time. The effect of a form is checked through the
# command line (`card show --csv`), not only on the screen.
#
# run.sh runs every tests/tui/test_*.sh with PROG set to the program; a
# test file run alone takes the program as its first argument.
set -u

PROG=${PROG:-${1:-}}
if [ -z "$PROG" ] || [ ! -x "$PROG" ]; then
	echo "usage: $0 PROGRAM (e.g. build/showroom)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
case $PROG in
/*) ;;
*) PROG=$(pwd)/$PROG ;;
esac
for tool in tmux; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: $tool is needed for the terminal UI tests (make deps)" >&2
		echo "0 passed, 1 failed"
		exit 1
	fi
done

LC_ALL=C.UTF-8
export LC_ALL
unset LANG LANGUAGE SHOWROOM_DB NO_COLOR
T=$(mktemp -d "${TMPDIR:-/tmp}/showroom-tui.XXXXXX") || exit 1
SOCK=srtest$$
# The database alone in its folder, as installed: nothing the tests write
# (exports, backups, rejects) may go there.
mkdir "$T/db"
DB=$T/db/test.db
NOW="2026-03-02 10:00:00"
WAIT_S=${WAIT_S:-5}
PASS=0
FAIL=0

cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() {
	PASS=$((PASS + 1))
	echo "ok   $1"
}

fail() {
	FAIL=$((FAIL + 1))
	echo "FAIL $1" >&2
}

check() { # check NAME COMMAND...: pass when the command succeeds
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

sr() {
	"$PROG" --db "$DB" --now "$NOW" "$@"
}

# start SESSION LOGIN [VAR=VALUE ...]: the UI in a 100x30 window. Its
# process id goes to $T/SESSION.pid; when it ends, its exit status to
# $T/SESSION.exit; stderr (sanitizer reports, messages) to $T/SESSION.err.
start() {
	s=$1
	login=$2
	shift 2
	tmux -L "$SOCK" new-session -d -s "$s" -x 100 -y 30 \
		"env LC_ALL=C.UTF-8 SHOWROOM_DB='$DB' SHOWROOM_NOW='$NOW' $* \
		sh -c 'echo \$\$ >\"$T/$s.pid\"; exec \"$PROG\" --as $login' 2>'$T/$s.err'; \
		echo \$? >'$T/$s.exit'; sleep 600"
}

screen() { # screen SESSION: the visible text
	tmux -L "$SOCK" capture-pane -p -t "$1"
}

keys() { # keys SESSION KEY...: tmux key names (Enter, F10, Down, ...)
	s=$1
	shift
	tmux -L "$SOCK" send-keys -t "$s" "$@"
}

type_text() { # type_text SESSION TEXT: literal text, Chinese too
	tmux -L "$SOCK" send-keys -t "$1" -l "$2"
}

# wait_for SESSION TEXT: true once TEXT is on the screen (polls).
wait_for() {
	i=0
	while [ $i -lt $((WAIT_S * 20)) ]; do
		if screen "$1" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "  (waited ${WAIT_S}s for '$2'; the screen was:)" >&2
	screen "$1" | sed 's/^/  | /' >&2
	return 1
}

# wait_gone SESSION TEXT: true once TEXT has left the screen.
wait_gone() {
	i=0
	while [ $i -lt $((WAIT_S * 20)) ]; do
		if ! screen "$1" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

wait_exit() { # wait_exit SESSION: true once the program has ended
	i=0
	while [ $i -lt $((WAIT_S * 20)) ]; do
		[ -s "$T/$1.exit" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# card_field ID FIELD: one field of `card show ID --csv` (the test data has
# no commas or quotes in the fields it looks at).
card_field() {
	sr --as boss card show "$1" --csv | awk -F, -v f="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == f) c = i }
		NR == 2 { print $c }'
}

# column FILE TEXT NEXT: the display column where NEXT starts on the first
# line holding TEXT. wc -L measures display width (wide characters count
# two), independently of the program's own width code.
column() {
	grep -F -- "$2" "$1" | grep -F -- "$3" | head -n 1 | sed "s/$3.*//" | wc -L
}

# same_column FILE TEXT1 NEXT1 TEXT2 NEXT2: NEXT1 on TEXT1's line starts at
# the same display column as NEXT2 on TEXT2's line.
same_column() {
	c1=$(column "$1" "$2" "$3")
	c2=$(column "$1" "$4" "$5")
	if [ -z "$c1" ] || [ "$c1" != "$c2" ]; then
		echo "  columns differ: '$3' at $c1 after '$2', '$5' at $c2 after '$4'" >&2
		return 1
	fi
}

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# finish: the last line of every test file: the tally, and the exit status.
finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
	exit $?
}
