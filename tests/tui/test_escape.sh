#!/bin/sh
# test_escape.sh — issue 12 item 15 on screen: a name altered through the
# sqlite3 shell holds ESC, U+202E and BEL; the screens show \x1b, \u202e
# and \x07 (before: a blank, nothing, a blank), and the terminal is not
# driven by them.
. "$(dirname "$0")/lib.sh"

sr init >/dev/null || { echo "FAIL: init"; echo "0 passed, 1 failed"; exit 1; }
sr --as admin user add wangfang --name 王芳 --role consultant >/dev/null
# Filed yesterday at level B: due today, on the home list.
E1=$(sr --now "2026-03-01 08:00" --as wangfang card file --name 转义客户 \
	--phone 13600136999 --channel walkin --level B)
sqlite3 "$DB" "update cards set name = '转义' || char(27) || '[7m' || char(8238) || '客户' || char(7)
	where id = $E1"

start e wangfang
check "the home list shows ESC as \\x1b" wait_for e '转义\x1b[7m…'
keys e Down Enter
check "the card shows ESC, U+202E and BEL escaped" \
	wait_for e "转义\\x1b[7m\\u202e客户\\x07   #$E1"
keys e q
check "quits cleanly" wait_exit e
check "nothing on stderr" test ! -s "$T/e.err"
finish
