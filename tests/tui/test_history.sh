#!/bin/sh
# test_history.sh — a card's history as staff read it, in Chinese at 80×24:
# the card screen and the DCC call list's side pane show each event's kind,
# who (by name) and the line the core renders, with a short prefix so the
# customer's words get the room; no English word, no login, no id; a
# comment (批复) right under its follow-up; a call with its duration; and
# `card show` prints the same lines as the screen (the screen's are cut to
# fit, the command's whole).
. "$(dirname "$0")/lib.sh"

sr init >/dev/null || { echo "FAIL: init"; echo "0 passed, 1 failed"; exit 1; }
for u in "wangfang 王芳 consultant showroom" "liqiang 李强 consultant showroom" \
	"qianhong 钱红 manager showroom" "zhaomin 赵敏 dcc-outbound dcc" \
	"lina 李娜 receptionist showroom"; do
	set -- $u
	sr --as admin user add "$1" --name "$2" --role "$3" --team "$4" >/dev/null
done

# --- a rich history: filed at reception, a visit with a long note, a comment,
# an edit, an order and its cancellation, a reassignment, a loss handed to
# the DCC and the DCC's call ----------------------------------------------------------

LONG="客户想周末带家人再来试驾一次，比较关心油耗和保养费用，另外想了解置换补贴和金融方案的具体月供"
t=$(sr --as lina --now "2026-03-02 09:00" traffic add --kind walkin --consultant wangfang)
C=$(sr --as lina --now "2026-03-02 09:05" card file --name 欧阳明月 --phone 13800138000 \
	--channel walkin --traffic "$t" --level B --model envision --source autohome)
F=$(sr --as wangfang --now "2026-03-02 10:00" followup add "$C" --method reception --level A \
	--test-drive --note "$LONG" --result 约周末到店)
sr --as wangfang --now "2026-03-02 11:00" followup add "$C" --method wechat --note 发了报价单 >/dev/null
sr --as qianhong --now "2026-03-02 15:00" followup comment "$F" --text 注意报价策略，别急于让价
sr --as wangfang --now "2026-03-02 12:00" card edit "$C" --level B --next 2026-03-05 --model excelle
sr --as wangfang --now "2026-03-02 13:00" order add "$C" --deposit 5000 >/dev/null
sr --as wangfang --now "2026-03-02 14:00" order cancel "$C" --reason 客户资金未到位
sr --as qianhong --now "2026-03-02 16:00" assign "$C" --to liqiang
sr --as liqiang --now "2026-03-02 17:00" loss request "$C" --reason competitor --note 已订丰田凯美瑞
sr --as qianhong --now "2026-03-02 18:00" loss to-dcc "$C" --to zhaomin
sr --as zhaomin --now "2026-03-03 09:20" call add "$C" --result reached --start "2026-03-03 09:10" \
	--end "2026-03-03 09:13:12" --note 客户说周末带家人来店看车 >/dev/null
# The screens open a day after the call: the card is overdue on the call list.
NOW="2026-03-04 09:00:00"

# What `card show` prints in Chinese: "MM-DD HH:MM KIND WHO WHAT", blanks
# squeezed (the command pads its columns, the screen has its own widths).
SHOWROOM_LANG=zh_CN sr --as qianhong card show "$C" | sed -n '/^历史记录：$/,$p' | sed 1d |
	sed 's/^2026-//' | tr -s ' ' >"$T/cli.txt"
check "card show prints the 11 events" test "$(wc -l <"$T/cli.txt")" -eq 11

# screen_rows FILE: the history rows of a capture, blanks squeezed.
screen_rows() {
	grep -E '^[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} ' "$1" | tr -s ' '
}

# same_as_cli ROWS: every row is the start of a line of card show (the
# screen cuts a long line with …).
same_as_cli() {
	ok=0
	while IFS= read -r row; do
		cut=${row%…}
		if ! awk -v p="$cut" 'index($0, p) == 1 { f = 1 } END { exit !f }' "$T/cli.txt"; then
			echo "  row not printed by card show: $row" >&2
			ok=1
		fi
	done <"$1"
	return $ok
}

# no_english ROWS: no ASCII word but the model names, level letters and DCC.
no_english() {
	words=$(sed 's/昂科威 Plus 2\.0T//g; s/英朗 1\.5L//g' "$1" | grep -oE '[A-Za-z]{2,}' |
		grep -vx DCC | sort -u | tr '\n' ' ')
	[ -z "$words" ] || { echo "  English on screen: $words" >&2; return 1; }
}

# --- the card screen, as the manager ------------------------------------------------------

start q qianhong SHOWROOM_LANG=zh_CN
tmux -L "$SOCK" resize-window -t q -x 80 -y 24
wait_for q "逾期未跟进" >/dev/null
keys q F2
type_text q "明月"
keys q Enter
wait_for q "13800138000" >/dev/null
keys q Enter
check "the card opens at 80x24" wait_for q "客户信息卡"
check "the newest event shows: the call with its duration and what was said" \
	wait_for q "03-03 09:10 去电  赵敏   去电 3 分 12 秒，已接通：客户说周末带家人来店看车"
check "the history's column titles are whole" wait_for q "时间        事件  操作人 内容"

# Walk up to the oldest event, a row at a time, keeping every row seen:
# each line of card show, from the newest, is waited for on the screen.
: >"$T/rows.txt"
n=$(wc -l <"$T/cli.txt")
i=$n
while [ "$i" -ge 1 ]; do
	key="$(sed -n "${i}p" "$T/cli.txt" | cut -d' ' -f1-3) "
	tries=0
	until screen q | tr -s ' ' | grep -qF -- "$key"; do
		[ $tries -lt 40 ] || break
		keys q Up
		tries=$((tries + 1))
		sleep 0.05
	done
	screen q >"$T/cap.txt"
	screen_rows "$T/cap.txt" >>"$T/rows.txt"
	i=$((i - 1))
done
sort -u "$T/rows.txt" >"$T/seen.txt"
check "every event was seen on the card screen" test "$(wc -l <"$T/seen.txt")" -eq "$n"
check "each row is the start of card show's line" same_as_cli "$T/seen.txt"
check "no English word in the card's history" no_english "$T/seen.txt"
check "no login in the card's history" sh -c "! grep -qE 'wangfang|qianhong|zhaomin|liqiang|lina' '$T/seen.txt'"
check "the filing: by reception, for the consultant, by name" \
	grep -qF "03-02 09:05 留档 李娜 留档（进店），级别 B，分配给 王芳" "$T/seen.txt"
check "the visit: a short prefix, then the customer's words" \
	grep -qF "03-02 10:00 跟进 王芳 展厅接待，级别 B→A，试驾，下次 03-03：客户想周末" "$T/seen.txt"
check "the edit: fields and models by name" \
	grep -qF "修改 王芳 修改：意向车型 昂科威 Plus 2.0T→英朗 1.5L，级别 A→B" "$T/seen.txt"
check "the order and its cancellation" \
	sh -c "grep -qF '订单 王芳 签订单，定金 5000 元' '$T/seen.txt' && grep -qF '退订 王芳 取消订单：客户资金未到位' '$T/seen.txt'"
check "the reassignment by name" grep -qF "转派 钱红 重新分配：王芳 → 李强" "$T/seen.txt"
check "the loss handed to the DCC by name" grep -qF "审批 钱红 战败转 DCC：李强 → 赵敏" "$T/seen.txt"
# The oldest rows are on screen now: the comment right under its follow-up.
screen_rows "$T/cap.txt" >"$T/top.txt"
check "the comment (批复) is the row under its follow-up" \
	sh -c "grep -A1 '10:00 跟进' '$T/top.txt' | tail -n 1 | grep -qF '03-02 15:00 批复 钱红 注意报价策略，别急于让价'"
# Enter on the visit shows it whole: the long note and its result (跟进结果).
keys q Down Enter
check "Enter shows the whole entry with its result" wait_for q "结果：约周末到店"
keys q Escape
keys q q
check "the card screen quits cleanly" wait_exit q
check "nothing on stderr (card screen)" test ! -s "$T/q.err"

# --- the call list's side pane, as the DCC caller -------------------------------------------

start d zhaomin SHOWROOM_LANG=zh_CN
tmux -L "$SOCK" resize-window -t d -x 80 -y 24
wait_for d "逾期未跟进" >/dev/null
keys d c
check "the call list shows the card's history" wait_for d "欧阳明月 的历史"
check "the side pane shows the call with its duration" \
	wait_for d "去电 3 分 12 秒，已接通：客户说周末带家人来店看车"
screen d >"$T/calls.txt"
screen_rows "$T/calls.txt" >"$T/pane.txt"
check "the side pane shows several events" test "$(wc -l <"$T/pane.txt")" -ge 5
check "each side-pane row is the start of card show's line" same_as_cli "$T/pane.txt"
check "no English word in the side pane" no_english "$T/pane.txt"
keys d q
check "the call list quits cleanly" wait_exit d
check "nothing on stderr (call list)" test ! -s "$T/d.err"

finish
