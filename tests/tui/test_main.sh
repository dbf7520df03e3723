#!/bin/sh
# test_main.sh — the first day on screen: a consultant, reception, a
# manager and a DCC caller on one database (the story of the first
# sessions), then the Chinese UI, a planted catalogue, the login screen, a
# full disk and progress bars.
. "$(dirname "$0")/lib.sh"

# --- the data: two cards due today, one Chinese and one Latin name ------------

sr init >/dev/null || { echo "FAIL: init"; echo "0 passed, 1 failed"; exit 1; }
sr --as admin user add wangfang --name 王芳 --role consultant >/dev/null
sr --as admin user add lina --name 李娜 --role receptionist >/dev/null
sr --as admin user add boss --name 张经理 --role manager >/dev/null
sr --as admin user add zhaoqiang --name 赵强 --role consultant >/dev/null
# Filed yesterday at level B (follow-up every 1-7 days): due today.
C1=$(sr --now "2026-03-01 09:00" --as wangfang card file --name 欧阳明月 \
	--phone "138 0013 8000" --channel walkin --level B --model envision)
C2=$(sr --now "2026-03-01 09:30" --as wangfang card file --name "Li Lei" \
	--phone 13900139000 --channel phone --level B)

# --- consultant: home, card, follow-up --------------------------------------------

t0=$(now_ms)
start a wangfang
check "home screen opens with the due card" wait_for a "欧阳明月"
t1=$(now_ms)
FIRST_MS=$((t1 - t0))
check "home screen shows today's list" wait_for a "Due today 2"
screen a >"$T/home.txt"
check "home: 欧阳明月 and Li Lei line up (display width)" \
	same_column "$T/home.txt" 欧阳明月 13800138000 "Li Lei" 13900139000
check "key hint line at the bottom" sh -c "tail -n 1 '$T/home.txt' | grep -q 'Help'"

# Select the row of 欧阳明月 (rows follow the header line "List ...").
header=$(grep -n '^List' "$T/home.txt" | cut -d: -f1)
row=$(grep -n '欧阳明月' "$T/home.txt" | head -n 1 | cut -d: -f1)
i=$((header + 1))
while [ "$i" -lt "$row" ]; do
	keys a Down
	i=$((i + 1))
done
keys a Enter
check "Enter opens the customer card" wait_for a "Customer card"
check "the card shows its Chinese name and id" wait_for a "欧阳明月   #$C1"
check "the card shows the seven questions" wait_for a "Budget"

keys a F5
check "F5 opens the follow-up form" wait_for a "Follow-up for 欧阳明月"
check "the form shows the allowed next-date range" wait_for a "2026-03-03 … 2026-03-09"
# Method, Content, Result, Intent level, Next, Intro, Negotiation, Test drive
keys a Down
type_text a "试驾昂科威，关注油耗"
# q is a letter in a text field; ^X quits, and asks first when input would be lost.
keys a q BSpace C-x
check "^X in a form with input asks before quitting" wait_for a "Unsaved input will be lost"
keys a n
check "answering no keeps the form and its input" wait_for a "试驾昂科威，关注油耗"
check "... and the UI is still running" test ! -s "$T/a.exit"
keys a Down Down A Down Down Down Down Space F10
check "saving the follow-up returns to the card" wait_for a "Follow-up saved for 欧阳明月"
check "the card's history shows the follow-up" wait_for a "试驾昂科威，关注油耗"
check "follow-up changed the level (card show --csv)" \
	test "$(card_field "$C1" level)" = A
check "follow-up recorded the test drive (card show --csv)" \
	test "$(card_field "$C1" test_drive)" = 1
check "follow-up set the next date" test "$(card_field "$C1" next_date)" = 2026-03-03

# A refused save keeps the form: a next date out of range.
keys a f
wait_for a "Follow-up for" >/dev/null
keys a Down
type_text a "第二次"
keys a Down Down Down C-u
type_text a "2027-01-01"
keys a F10
check "a refused follow-up shows the core's message" wait_for a "is outside follow-up level"
check "the refused form keeps what was typed" wait_for a "第二次"
keys a Escape
check "Esc on a changed form asks first" wait_for a "Discard what you typed"
keys a y
check "confirmed: back on the card" wait_for a "Customer card"

# --- search by a Chinese fragment ---------------------------------------------------

keys a F2
check "F2 opens search" wait_for a "Name or phone"
type_text a "明月"
keys a Enter
check "search by a Chinese fragment finds the card" wait_for a "Rows 1–1"
screen a >"$T/search.txt"
check "search shows 欧阳明月 only" sh -c "grep -q 欧阳明月 '$T/search.txt' && ! grep -q 'Li Lei' '$T/search.txt'"
keys a Enter
check "Enter on a result opens its card" wait_for a "欧阳明月   #$C1"

# --- help, resize -----------------------------------------------------------------------

keys a '?'
check "? shows the keys of the screen" wait_for a "Keys: Customer card"
keys a Escape
wait_gone a "Keys: Customer card" >/dev/null
tmux -L "$SOCK" resize-window -t a -x 80 -y 24
check "resize to 80x24 redraws" wait_for a "Customer card"
tmux -L "$SOCK" resize-window -t a -x 60 -y 20
check "below 80x24: the too-small notice" wait_for a "Terminal too small: 60×20"
tmux -L "$SOCK" resize-window -t a -x 100 -y 30
check "back to 100x30 redraws the card" wait_for a "欧阳明月   #$C1"
check "still running after the resizes" test ! -s "$T/a.exit"

# --- an edit conflict: never overwrite silently ----------------------------------------

keys a F2
wait_for a "Name or phone" >/dev/null
keys a F2 C-u
type_text a "Li Lei"
keys a Enter
wait_for a "Rows 1–1" >/dev/null
keys a Enter
wait_for a "Li Lei   #$C2" >/dev/null
keys a e
check "e opens the edit form" wait_for a "Edit card Li Lei"
keys a Down Down Down
type_text a "上海"
sr --as wangfang card edit "$C2" --region 北京 >/dev/null
keys a F10
check "a conflicting save shows the other user's value" wait_for a "other user: 北京"
check "the conflict did not overwrite (card show --csv)" test "$(card_field "$C2" region)" = 北京
keys a F10
check "a second F10 saves the user's choice" wait_for a "Card Li Lei saved"
check "the chosen value is stored" test "$(card_field "$C2" region)" = 上海

# --- another user's change shows by itself -------------------------------------------------

keys a h
check "h goes home" wait_for a "Due today 1"
check "home lists Li Lei" wait_for a "Li Lei"
t0=$(now_ms)
sr --as boss assign "$C2" --to zhaoqiang >/dev/null
check "a card reassigned away leaves the home screen" wait_gone a "Li Lei"
t1=$(now_ms)
REFRESH_MS=$((t1 - t0))
check "... within two seconds (${REFRESH_MS} ms)" test "$REFRESH_MS" -le 2000

keys a q
check "q quits" wait_exit a
check "exit status 0" test "$(cat "$T/a.exit" 2>/dev/null)" = 0
check "nothing on stderr (no sanitizer report)" test ! -s "$T/a.err"

# --- reception: log a walk-in, file a card from it ------------------------------------

start r lina
check "receptionist starts on the traffic screen" wait_for r "Showroom traffic"
keys r a
wait_for r "Log a walk-in batch" >/dev/null
# Kind, Time in, Persons, Consultant: pick 王芳 (the first after "(none)").
keys r Down Down Down Right F10
check "the walk-in is logged" wait_for r "logged: F4/n files a card from it"
keys r n
check "n files a card from the row" wait_for r "File a card from traffic row"
type_text r "张伟"
keys r Tab
type_text r "138-0013-8000"
check "the phone's existing card shows as typed" wait_for r "#$C1  欧阳明月"
keys r C-u
type_text r "13700137000"
check "a new phone clears the duplicate list" wait_gone r "#$C1  欧阳明月"
keys r F10
check "the card is filed" wait_for r "filed for 张伟"
TR=$(sr --as lina traffic list --csv | awk -F, '
	NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "result") r = i; if ($i == "consultant") c = i } }
	END { print $r, $c }')
check "the traffic row is marked filed, received by wangfang" test "$TR" = "filed wangfang"

# --- a time out saved over another user's: the same choice as a card edit ----------------

time_out() {
	sr --as lina traffic list --csv | tr -d '\r' | awk -F, -v id="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == "time_out") c = i; next }
		$1 == id { print $c }'
}
TID=$(sr --as lina traffic list --csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
keys r x
check "x opens the time-out form on the row's version" wait_for r "Time out of traffic row $TID"
"$PROG" --db "$DB" --now "2026-03-02 10:20" --as lina traffic leave "$TID" --at "2026-03-02 10:20" \
	>/dev/null
keys r F10
check "a conflicting time out shows the other user's value" wait_for r "other user: 2026-03-02 10:20:00"
check "... and the choice: F10 saves yours, Esc keeps theirs" wait_for r "keeps theirs"
check "the conflict did not overwrite (traffic list --csv)" test "$(time_out "$TID")" = "2026-03-02 10:20:00"
keys r F10
check "a second F10 saves the user's time out" wait_for r "time out recorded"
check "the user's time out is stored" test "$(time_out "$TID")" = "2026-03-02 10:00:00"
keys r q
wait_exit r >/dev/null

# --- NO_COLOR ---------------------------------------------------------------------------

start c wangfang
wait_for c "Due today" >/dev/null
tmux -L "$SOCK" capture-pane -p -e -t c >"$T/color.txt"
check "a normal run uses colour" grep -qE '\[(3[0-7]|4[0-7]|38;|48;)' "$T/color.txt"
keys c q
wait_exit c >/dev/null

start n wangfang NO_COLOR=1
check "NO_COLOR: the home screen works" wait_for n "Due today"
tmux -L "$SOCK" capture-pane -p -e -t n >"$T/nocolor.txt"
check "NO_COLOR: no colour codes at all" sh -c "! grep -qE '\[(3[0-7]|4[0-7]|38;|48;)' '$T/nocolor.txt'"
keys n F2
wait_for n "Name or phone" >/dev/null
keys n Down Enter
check "NO_COLOR: a card opens from search" wait_for n "Customer card"
keys n q
check "NO_COLOR: quits cleanly" wait_exit n

# --- SIGTERM: the handler only sets a flag; the loop restores the terminal --------------

start s wangfang
wait_for s "Due today" >/dev/null
pid=$(cat "$T/s.pid" 2>/dev/null)
[ -n "$pid" ] && kill -TERM "$pid"
check "SIGTERM ends the program" wait_exit s
check "SIGTERM: exit status 0" test "$(cat "$T/s.exit" 2>/dev/null)" = 0
check "SIGTERM: the terminal is restored (the UI is gone)" wait_gone s "Due today"

# --- manager: merge two cards, confirm a loss ------------------------------------------

D1=$(sr --now "2026-03-01 10:00" --as wangfang card file --name 王小明 \
	--phone 13600136001 --channel walkin --level B)
D2=$(sr --now "2026-03-01 11:00" --as wangfang card file --name 王小明 \
	--phone 13600136002 --channel phone --level B)
L1=$(sr --now "2026-03-01 12:00" --as wangfang card file --name 陈静 \
	--phone 13500135000 --channel walkin --level C)
sr --as wangfang loss request "$L1" --reason competitor >/dev/null
# A phone follow-up of yesterday: the oldest awaiting comment, last on home.
P1=$(sr --now "2026-03-01 13:00" --as wangfang card file --name 林晓雨 \
	--phone 13700137999 --channel phone --level B)
sr --now "2026-03-01 13:30" --as wangfang followup add "$P1" --method phone \
	--note "电话询价" >/dev/null

# Tomorrow's arrival: the longest list name, shown whole.
sr --as wangfang appointment add "$P1" --date 2026-03-03 >/dev/null

start m boss
check "manager: home counts the pending loss requests" wait_for m "Loss requests pending 1"
check "manager: a long list name is shown whole (Arriving tomorrow)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep -q '^Arriving tomorrow  *林晓雨'"
check "manager: home shows the team's figures for today" wait_for m "Today: traffic 1, filed 1 (100%), new cards 1"
check "manager: the lists name the owner as people know them (王芳, not wangfang)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep '林晓雨' | grep -q '王芳'"
check "manager: home counts the follow-ups awaiting comment" wait_for m "Awaiting comment 2"
check "manager: home lists yesterday's follow-up" wait_for m "电话询价"
# p comments on the selected follow-up straight from home.
keys m Home p
check "p on a row that is no follow-up says where to go" wait_for m "Select a follow-up of the list"
keys m End p
check "p on a follow-up awaiting comment asks for the comment" wait_for m "Comment on follow-up #"
type_text m "明天再约到店"
keys m F10
check "the comment from home is saved" wait_for m "Comment saved."
check "home: the commented row is gone" wait_gone m "电话询价"
check "home: one follow-up still awaits comment" wait_for m "Awaiting comment 1"
check "the comment from home is stored (card show)" \
	sh -c "'$PROG' --db '$DB' --now '$NOW' --as boss card show $P1 | grep -qE '  Comment +张经理 +明天再约到店\$'"

keys m F2
wait_for m "Name or phone" >/dev/null
keys m F1
check "help lists the global keys: card list" wait_for m "F11/m            Manage"
check "help lists the global keys: loss approval" wait_for m "F12/L            Losses"
check "help lists the global keys: call list" wait_for m "c                Call list"
keys m Escape
wait_gone m "Keys: Find prospects" >/dev/null
keys m Escape
wait_gone m "Name or phone" >/dev/null
keys m m
check "m opens the manager's card list" wait_for m "Manage cards"
type_text m "王小明"
keys m F10
check "the card list finds both 王小明 cards" wait_for m "13600136002"
keys m Space Space
check "Space marks rows" wait_for m "2 marked"
keys m M
check "M shows the marked cards side by side" wait_for m "Merge 2 cards"
screen m >"$T/merge.txt"
check "side by side: both phones on one line" \
	sh -c "grep 13600136001 '$T/merge.txt' | grep -q 13600136002"
check "the oldest card is the default survivor" \
	sh -c "grep '#$D1' '$T/merge.txt' | grep -q '#$D2'"
keys m Enter
check "merging asks first" wait_for m "Merge 1 other card(s) into 王小明 (#$D1)?"
keys m y
check "the cards are merged" wait_for m "merged into 王小明 (#$D1)"
check "merged_into is set (card show --csv)" test "$(card_field "$D2" merged_into)" = "$D1"
check "the merged card leaves the list" wait_gone m "13600136002"
check "the marks are cleared after the merge" wait_for m "0 marked"
keys m A
check "A asks for the new owner of the selected card" wait_for m "Reassign 1 card(s) to"
keys m Right F10
check "the card is reassigned" wait_for m "1 card(s) reassigned to zhaoqiang"
check "the new owner is stored (card show --csv)" test "$(card_field "$D1" owner)" = zhaoqiang
keys m F12
check "F12 opens the pending loss requests" wait_for m "Loss approval"
check "the loss request is listed" wait_for m "陈静"
keys m C
check "confirming a loss asks first" wait_for m "Confirm the loss of 陈静"
keys m y
check "the loss is confirmed" wait_for m "Loss confirmed: 陈静"
check "the card is lost (card show --csv)" test "$(card_field "$L1" status)" = lost
keys m F2
wait_for m "Name or phone" >/dev/null
keys m F2 C-u
type_text m "明月"
keys m Enter
wait_for m "Rows 1–1" >/dev/null
keys m Enter
wait_for m "欧阳明月   #$C1" >/dev/null
keys m p
check "p on a follow-up asks for a comment" wait_for m "Comment on follow-up"
type_text m "周末再约试驾"
keys m F10
check "the comment is saved" wait_for m "Comment saved."
check "the comment is stored (card show)" \
	sh -c "'$PROG' --db '$DB' --now '$NOW' --as boss card show $C1 | grep -qE '  Comment +张经理 +周末再约试驾\$'"
# Reports: the key management report of this month, then the year.
keys m g
check "g opens the key management report of this month" \
	wait_for m "Key management report  2026-03-01 to 2026-03-31"
# The same figures as report kpi (both from the core's engine, read two ways).
kpi_of() { sr --as boss report kpi --from "$1" --to "$2" --csv | tr -d '\r' | awk -F, -v m="$3" '$1 == m { print $2 }'; }
traffic=$(kpi_of 2026-03-01 2026-03-31 traffic)
rate=$(kpi_of 2026-03-01 2026-03-31 filing_rate)
# on_screen_kpi SESSION LABEL VALUE: the report's row of the figure
# labelled LABEL (as people read it) shows VALUE.
on_screen_kpi() { screen "$1" | grep -Eq "^$2 +$3( |\$)"; }
check "the report shows report kpi's traffic ($traffic)" on_screen_kpi m "showroom traffic" "$traffic"
pct=$(awk -v r="$rate" 'BEGIN { printf "%.1f%%", r * 100 }')
check "the filing rate as a percentage ($pct) with a bar" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep '^filing rate' | grep -F '$pct' | grep -q '█'"
keys m y
check "y switches to the year" wait_for m "Key management report  2026-01-01 to 2026-12-31"
keys m [
check "[ goes to the year before" wait_for m "Key management report  2025-01-01 to 2025-12-31"
check "... where there was no traffic" on_screen_kpi m "showroom traffic" 0
keys m BTab
check "Shift-Tab goes round to the last report, the DCC's" wait_for m "DCC calls, appointments and results  2025-01-01"
keys m Tab Tab
check "Tab goes round past the KPI to the first report" wait_for m "Lead collection progress  2025-01-01"
keys m y
check "y: the month (March) of that year" wait_for m "Lead collection progress  2025-03-01"
keys m ]
check "] moves it a month on" wait_for m "Lead collection progress  2025-04-01"
# Back to this month: y, ] to this year, y (April would be to come: March).
keys m y ] y BTab BTab BTab BTab
check "back to the funnel, in March 2026" wait_for m "Sales funnel  2026-03-01"
check "the funnel's traffic step is drawn as a bar" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep '^showroom traffic' | grep -q '█'"
keys m Tab
check "the trend of March shows the twelve months up to it" wait_for m "Month-by-month trend  2025-04-01"
# Its sparklines end on report trend's figures for March.
trend_of() { sr --as boss report trend --from 2026-03-01 --to 2026-03-31 --csv | tr -d '\r' | awk -F, -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i } END { print $k }'; }
for fig in new_cards:"new cards" orders:orders sold:sold; do
	v=$(trend_of "${fig%%:*}")
	check "trend: a sparkline of ${fig#*:} ending on $v" \
		sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep '^ ${fig#*:} ' | grep '▁' | grep -q -- '→ 2026-03 $v\$'"
done
keys m BTab BTab BTab BTab
check "the traffic report draws traffic by hour as a bar chart" wait_for m "Traffic by hour of day"
check "... with the hours under the bars and the weekdays beside" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep -F ' 00 01 02 03' | grep -qF 'Mo Tu We Th Fr Sa Su'"
check "... and a bar for March's traffic" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep -q '██'"
keys m Tab
wait_for m "Consultants' daily work  2026-03-01" >/dev/null
check "daily: dates are never cut for a long title" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t m | grep -q '^2026-03-02 '"
keys m q
check "manager: quits cleanly" wait_exit m
check "manager: nothing on stderr" test ! -s "$T/m.err"

# Without a UTF-8 locale the bars fall back to ASCII.
start x boss LC_ALL=C
wait_for x "Due today" >/dev/null
keys x g
check "C locale: the report opens" wait_for x "filing rate"
check "C locale: bars are drawn in ASCII" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t x | grep '^filing rate' | grep -q '####'"
check "C locale: no block characters" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t x | grep -q '█'"
keys x BTab BTab
check "C locale: the trend's sparklines fall back to ASCII" wait_for x "trend  2025-04-01"
check "... drawn with _ . o #" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t x | grep '^ new cards' | grep -Eq ' [_.o#]{12} '"
check "... and no block characters there either" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t x | grep -q '▁'"
keys x q
check "C locale: quits cleanly" wait_exit x

# --- DCC caller: work the call list ----------------------------------------------------

sr --as admin user add xiaoliu --name 小刘 --role dcc-outbound --team dcc >/dev/null
K1=$(sr --now "2026-03-01 13:00" --as xiaoliu card file --name 孙悦 \
	--phone 13300133000 --channel phone --level B)
K2=$(sr --now "2026-03-01 14:00" --as xiaoliu card file --name 周杰 \
	--phone 13300133001 --channel phone --level B)

start d xiaoliu
wait_for d "My work" >/dev/null
keys d c
check "c opens the call list" wait_for d "2 call(s) today"
check "the first call's history shows beside the list" wait_for d "History of 孙悦"
keys d f
check "f records a phone call" wait_for d "Phone call with 孙悦"
type_text d "约周六来店看车"
keys d F10
check "the call is recorded" wait_for d "Call with 孙悦 recorded"
check "the next row is selected" wait_for d "History of 周杰"
check "the follow-up is stored (list contacted)" \
	sh -c "'$PROG' --db '$DB' --now '$NOW' --as xiaoliu list contacted | grep -q 孙悦"
check "the follow-up is on the card, by phone" \
	sh -c "'$PROG' --db '$DB' --now '$NOW' --as boss card show $K1 | grep -q 'Phoned.*约周六来店看车'"
tmux -L "$SOCK" resize-window -t d -x 80 -y 24
check "at 80x24 the call list and the history stack" wait_for d "History of 周杰"
screen d >"$T/calls80.txt"
check "... the list above the history" \
	sh -c "test \$(grep -n '周杰' '$T/calls80.txt' | head -n 1 | cut -d: -f1) -lt \$(grep -n 'History of' '$T/calls80.txt' | cut -d: -f1)"
keys d 2
check "2 records an unanswered call in one key" wait_for d "Call with 周杰 recorded: no-answer"
check "... stored as a call record" \
	sh -c "'$PROG' --db '$DB' --now '$NOW' --as xiaoliu call list --card $K2 --csv | grep -q ',no-answer,'"
keys d q
check "DCC: quits cleanly" wait_exit d
check "DCC: nothing on stderr" test ! -s "$T/d.err"

# --- card actions: appointment, deliver, cancel an order -----------------------------

O1=$(sr --now "2026-03-01 10:00" --as zhaoqiang card file --name 陈静 \
	--phone 18611186000 --channel walkin --level A)
O2=$(sr --now "2026-03-01 10:30" --as zhaoqiang card file --name 刘洋 \
	--phone 18611186001 --channel walkin --level A)
sr --as zhaoqiang order add "$O1" --deposit 5000 >/dev/null
sr --as zhaoqiang order add "$O2" --deposit 5000 >/dev/null

# open_card SESSION NAME ID: search NAME and open its card (F2 again goes
# to the name field when the search screen was open already).
open_card() {
	keys "$1" F2
	wait_for "$1" "Name or phone" >/dev/null
	keys "$1" F2 C-u
	type_text "$1" "$2"
	keys "$1" Enter
	wait_for "$1" "Rows 1–1" >/dev/null
	keys "$1" Enter
	wait_for "$1" "$2   #$3"
}

start o zhaoqiang
wait_for o "Due today" >/dev/null
check "an order's card opens" open_card o 陈静 "$O1"
check "the hint line offers deliver and cancel for an order" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t o | tail -n 1 | grep -q 'Deliver'"
keys o i
check "i opens the appointment form" wait_for o "Appointment (invitation) for 陈静"
keys o C-u
type_text o "2026-03-05"
keys o F10
check "the appointment is saved" wait_for o "Appointment for 陈静 on 2026-03-05"
check "the appointment is stored (list arrivals)" \
	sh -c "'$PROG' --db '$DB' --now '2026-03-04 09:00' --as zhaoqiang list arrivals | grep -q 陈静"
keys o v
check "v asks before delivering" wait_for o "Deliver the car to 陈静"
keys o y
check "delivered: the card says so" wait_for o "Delivered: the card is sold."
check "the card is sold (card show --csv)" test "$(card_field "$O1" status)" = sold
keys o v
check "v on a sold card is refused" wait_for o "has no open order"
check "a sold card does not offer deliver" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t o | tail -n 1 | grep -q 'Deliver'"
check "the other order's card opens" open_card o 刘洋 "$O2"
keys o X
check "X opens the cancel form" wait_for o "Cancel the order: 刘洋"
keys o F10
check "cancel without a reason is refused" wait_for o "reason"
type_text o "资金不足"
keys o F10
check "the order is cancelled" wait_for o "Order of 刘洋 cancelled"
check "the card is active again (card show --csv)" test "$(card_field "$O2" status)" = active
keys o q
check "card actions: quits cleanly" wait_exit o
check "card actions: nothing on stderr" test ! -s "$T/o.err"

# --- search filters: level, status, owner, card age -----------------------------------

start f boss
wait_for f "Loss requests pending" >/dev/null
keys f F2
wait_for f "Name or phone" >/dev/null
keys f Tab
type_text f "a"
keys f Enter
check "filter by level (lower case too) finds 欧阳明月" wait_for f "欧阳明月"
check "... and not the level B card" sh -c "! tmux -L '$SOCK' capture-pane -p -t f | grep -q 'Li Lei'"
# Fields: name, level, status, channel, model, source, owner, min age, max age.
keys f F2 Tab C-u Tab Tab Right Right Enter
check "filter by channel (phone) finds Li Lei" wait_for f "Li Lei"
check "... and not the walk-in card" sh -c "! tmux -L '$SOCK' capture-pane -p -t f | grep -q '欧阳明月'"
keys f F2 Tab Tab Tab Left Left Up Right Right Right Right Enter
check "filter by status sold finds the delivered card" wait_for f "18611186000"
check "... and not the active cards" sh -c "! tmux -L '$SOCK' capture-pane -p -t f | grep -q '欧阳明月'"
keys f F2 Tab Tab Left Left Left Left Tab Tab Tab Tab
type_text f "zhaoqiang"
keys f Enter
check "filter by owner finds his cards" wait_for f "刘洋"
check "... and not another consultant's" sh -c "! tmux -L '$SOCK' capture-pane -p -t f | grep -q '欧阳明月'"
keys f F2 Tab Tab Tab Tab Tab Tab Tab
type_text f "2"
keys f Enter
check "filter by min age: no card is two days old" wait_for f "No card matches."
keys f C-u
type_text f "x"
keys f Enter
check "a bad age is refused with a message" wait_for f "expected a number of days, got 'x'"
keys f F9
wait_for f "Loss requests pending" >/dev/null
keys f q
check "search filters: quits cleanly" wait_exit f
check "search filters: nothing on stderr" test ! -s "$T/f.err"

# --- Chinese UI (SHOWROOM_LANG=zh_CN): the SPEC's terms -----------------------------

start z wangfang SHOWROOM_LANG=zh_CN
check "zh_CN: the home screen shows 今日待跟进" wait_for z "今日待跟进"
check "zh_CN: the hint line names keys in Chinese (帮助)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | tail -n 1 | grep -q '帮助'"
check "zh_CN: ... and 查找" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | tail -n 1 | grep -q '查找'"
check "zh_CN: no English hint left (Help)" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t z | tail -n 1 | grep -q 'Help'"
keys z F2
type_text z "明月"
keys z Enter
check "zh_CN: search finds the card" wait_for z "13800138000"
keys z Enter
check "zh_CN: the card screen is the 客户信息卡" wait_for z "客户信息卡"
check "zh_CN: the card's labels are Chinese (电话, 状态)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t z | grep -q '电话' && tmux -L '$SOCK' capture-pane -p -t z | grep -q '状态'"
keys z q
check "zh_CN: quits cleanly" wait_exit z
check "zh_CN: nothing on stderr" test ! -s "$T/z.err"

# The reports in Chinese: the SPEC's report names, no catalogue header in a
# title (gettext("") is the .mo file's header), the trend's sparklines.
start zr boss SHOWROOM_LANG=zh_CN
wait_for zr "我的工作" >/dev/null
keys zr g
check "zh_CN: the report screen is the 关键管理报表" wait_for zr "关键管理报表"
check "zh_CN: ... with the figures' Chinese names (留档率)" wait_for zr "留档率"
keys zr BTab BTab
check "zh_CN: the trend is the 月度趋势" wait_for zr "月度趋势"
check "zh_CN: ... with a sparkline of 新增留档" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t zr | grep '新增留档' | grep -q '▁'"
check "zh_CN: no catalogue header on any report screen" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t zr | grep -q 'Project-Id'"
keys zr q
check "zh_CN: reports quit cleanly" wait_exit zr

# --- a planted catalogue (issue 12): a translation with conversions of its own ------
# is not used; the UI shows the English original, never addresses.
mkdir -p "$T/planted/zh_CN/LC_MESSAGES"
cat >"$T/planted.po" <<'EOF'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "My work"
msgstr "工作 PLANTED"

msgid "Keys: %s"
msgstr "PLANTED %p %p %p %p %p %p"
EOF
if msgfmt -o "$T/planted/zh_CN/LC_MESSAGES/showroom.mo" "$T/planted.po"; then
	start pc wangfang SHOWROOM_LANG=zh_CN SHOWROOM_LOCALEDIR="$T/planted"
	check "planted catalogue: a translation without conversions is used" \
		wait_for pc "工作 PLANTED"
	keys pc '?'
	check "planted catalogue: the help title is the English original" \
		wait_for pc "Keys: 工作 PLANTED"
	check "planted catalogue: no address on the screen" \
		sh -c "! tmux -L '$SOCK' capture-pane -p -t pc | grep -q -e 0x -e '(nil)'"
	keys pc Escape
	keys pc q
	check "planted catalogue: quits cleanly" wait_exit pc
	check "planted catalogue: nothing on stderr" test ! -s "$T/pc.err"
else
	fail "planted catalogue: msgfmt failed"
fi

# --- trust (issue 6): the password login screen of a shared terminal ---------------
# A Unix account that maps to no showroom user gets the login screen. Root
# acts as admin without a mapping, so as root the UI runs as nobody, on a
# database of its own in a directory nobody owns (0700: not o+w).

LG=$(mktemp -d "${TMPDIR:-/tmp}/showroom-login.XXXXXX")
LGDB=$LG/shared.db
"$PROG" --db "$LGDB" --now "$NOW" init >/dev/null
"$PROG" --db "$LGDB" --now "$NOW" --as admin user add wangfang --name 王芳 --role consultant \
	>/dev/null
printf 'lotus-pond-9\n' | "$PROG" --db "$LGDB" --now "$NOW" --as admin user passwd wangfang \
	>/dev/null
RUN_AS=
if [ "$(id -u)" = 0 ]; then
	chown -R nobody "$LG"
	RUN_AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
tmux -L "$SOCK" new-session -d -s L -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 SHOWROOM_DB='$LGDB' SHOWROOM_NOW='$NOW' $RUN_AS '$PROG' 2>'$T/L.err'; \
	echo \$? >'$T/L.exit'; sleep 600"
check "login: an unmapped account gets the login screen" wait_for L "log in"
check "login: it asks for the login" wait_for L "Login:"
type_text L "wangfang"
keys L Enter
type_text L "wrong-guess"
check "login: the password shows as stars" wait_for L "Password:   ***********"
check "login: the password itself is never on screen" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t L | grep -q 'wrong-guess'"
keys L Enter
check "login: a wrong password is refused on the status line" \
	wait_for L "wrong login or password"
type_text L "lotus-pond-9"
keys L Enter
check "login: the right password opens the home screen" wait_for L "王芳"
keys L q
check "login: quits cleanly" wait_exit L
check "login: nothing on stderr" test ! -s "$T/L.err"
check "login: the failed and the good login are audited" \
	test "$("$PROG" --db "$LGDB" --as admin audit --csv | grep -c ',login')" = 2
rm -rf "$LG"

# --- trust (issue 6): a full disk refuses the save and keeps the form ----------------
# The database on a 4 MB tmpfs (root only: mount), filled up while the
# follow-up form is open.

# --- long work on a terminal shows a progress bar ---------------------------------

PDB=$T/db/progress.db
"$PROG" --db "$PDB" init >/dev/null
tmux -L "$SOCK" new-session -d -s P -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 '$PROG' --db '$PDB' --now '$NOW' --as admin demo --cards 60; sleep 600"
check "progress: demo data shows a full bar on a terminal" wait_for P "demo data [####################] 100%"
check "progress: then the summary" wait_for P "added 60 cards"
awk 'BEGIN { print "姓名,手机"; for (i = 0; i < 800; i++) printf "进度%d,136%08d\n", i, i }' >"$T/p.csv"
tmux -L "$SOCK" new-session -d -s Q -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 SHOWROOM_LANG=zh_CN '$PROG' --db '$PDB' --now '$NOW' --as admin import '$T/p.csv' --source autohome; sleep 600"
check "progress: import shows its bar in Chinese" wait_for Q "导入 [####################] 100%"

FULL=$(mktemp -d "${TMPDIR:-/tmp}/showroom-full.XXXXXX")
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m,mode=0700 tmpfs "$FULL" 2>/dev/null; then
	FDB=$FULL/full.db
	"$PROG" --db "$FDB" --now "$NOW" init >/dev/null
	"$PROG" --db "$FDB" --now "$NOW" --as admin user add wangfang --name 王芳 \
		--role consultant >/dev/null
	"$PROG" --db "$FDB" --now "2026-03-01 09:00" --as wangfang card file --name 满盘客户 \
		--phone 13700137000 --channel walkin --level B >/dev/null
	tmux -L "$SOCK" new-session -d -s D -x 100 -y 30 \
		"env LC_ALL=C.UTF-8 '$PROG' --db '$FDB' --now '$NOW' --as wangfang 2>'$T/D.err'; \
		echo \$? >'$T/D.exit'; sleep 600"
	wait_for D "满盘客户" >/dev/null
	keys D F2
	wait_for D "Name or phone" >/dev/null
	type_text D "满盘"
	keys D Enter
	wait_for D "Rows 1–1" >/dev/null
	keys D Enter
	wait_for D "Customer card" >/dev/null
	keys D F5
	check "disk full: the follow-up form is open" wait_for D "Follow-up for 满盘客户"
	keys D Down
	type_text D "磁盘满了也不丢"
	dd if=/dev/zero of="$FULL/filler" bs=64k >/dev/null 2>&1
	keys D F10
	check "disk full: the save is refused with a clear message" wait_for D "the disk is full"
	check "disk full: the form keeps what was typed" wait_for D "磁盘满了也不丢"
	check "disk full: still on the form" wait_for D "Follow-up for 满盘客户"
	rm -f "$FULL/filler"
	keys D F10
	check "disk full: with room again the same form saves" wait_for D "Follow-up saved for 满盘客户"
	keys D q
	check "disk full: quits cleanly" wait_exit D
	check "disk full: nothing on stderr" test ! -s "$T/D.err"
	check "disk full: the database is sound afterwards" \
		test "$("$PROG" --db "$FDB" --as admin check)" = ok
	check "disk full: the follow-up is stored once" \
		test "$(sqlite3 "$FDB" "select count(*) from followups where content = '磁盘满了也不丢'")" = 1
	umount "$FULL"
else
	echo "skip disk full in the UI: needs root and a tmpfs mount"
fi
rmdir "$FULL" 2>/dev/null

echo "time to first screen: ${FIRST_MS} ms (tmux start until the home screen showed the card)"
echo "another user's change on screen after: ${REFRESH_MS:-?} ms"
finish
