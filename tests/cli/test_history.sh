# test_history.sh — `card show` prints the card's history as the card screen
# does: one line per event, "TIME  KIND  WHO  WHAT", rendered by the core in
# the user's language with the staff's words; names, never logins or ids;
# a comment (批复) under its follow-up; DCC calls with their duration; a
# phone in an edit masked as the card is. --csv stays one header and one
# row, without the history.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

top=$(cd "${SR_CLI_DIR:-$(dirname "$0")}/../.." && pwd)

sr init
expect_ok
for u in "wangfang 王芳 consultant showroom" "liqiang 李强 consultant showroom" \
	"qianhong 钱红 manager showroom" "zhaomin 赵敏 dcc-outbound dcc" \
	"lina 李小娜 receptionist showroom"; do
	set -- $u
	sr --as admin user add "$1" --name "$2" --role "$3" --team "$4"
	expect_id
done

# --- a card's life, a step an hour ------------------------------------------------

sr --as lina --now "2026-03-02 09:00" traffic add --kind walkin --consultant wangfang --model envision
expect_id; t=$ID
sr --as lina --now "2026-03-02 09:05" card file --name 欧阳明月 --phone 13800138000 \
	--channel walkin --traffic "$t" --level B --model envision --source autohome
expect_id; c=$ID
long="客户想周末带家人再来试驾一次，比较关心油耗和保养费用，另外想了解置换补贴和金融方案的具体月供"
sr --as wangfang --now "2026-03-02 10:00" followup add "$c" --method reception --level A \
	--test-drive --note "$long" --result "约周末到店"
expect_id; f=$ID
sr --as wangfang --now "2026-03-02 11:00" followup add "$c" --method wechat --note "发了报价单"
expect_id
sr --as qianhong --now "2026-03-02 15:00" followup comment "$f" --text "注意报价策略，别急于让价"
expect_ok
sr --as wangfang --now "2026-03-02 12:00" card edit "$c" --level B --next 2026-03-05 \
	--model excelle --answer budget=20万
expect_ok
sr --as wangfang --now "2026-03-02 13:00" order add "$c" --deposit 5000
expect_ok
sr --as wangfang --now "2026-03-02 14:00" order cancel "$c" --reason 客户资金未到位
expect_ok
sr --as qianhong --now "2026-03-02 16:00" assign "$c" --to liqiang
expect_ok
sr --as liqiang --now "2026-03-02 17:00" loss request "$c" --reason competitor --note 已订丰田凯美瑞
expect_ok
sr --as qianhong --now "2026-03-02 18:00" loss to-dcc "$c" --to zhaomin
expect_ok
sr --as zhaomin --now "2026-03-03 09:20" call add "$c" --result reached \
	--start "2026-03-03 09:10" --end "2026-03-03 09:13:12" --note 客户说周末来店
expect_id
sr --as zhaomin --now "2026-03-03 09:30" appointment add "$c" --date 2026-03-07 --consultant wangfang
expect_id

# history HEADING: the lines of `card show` after the history's heading.
history() { printf '%s\n' "$OUT" | sed -n "/^$1\$/,\$p" | sed 1d; }

# expect_event TEXT: a line of $OUT, its runs of blanks squeezed (the kind
# and name columns are padded), holds "KIND WHO WHAT".
expect_event() {
	case $(printf '%s\n' "$OUT" | tr -s ' ') in
	*"$1"*) _pass ;;
	*)
		_fail "no event '$1' in: $OUT"
		return 1
		;;
	esac
}

# --- in English ------------------------------------------------------------------------

sr --as qianhong --now "2026-03-03 10:00" card show "$c"
expect_ok
h=$(history "history:")
expect_eq "$(printf '%s\n' "$h" | wc -l)" "12" "one line per event: $h"
expect_match "$h" "2026-03-02 09:05  Filing *李小娜 *Filed (Walk-in), level B, assigned to 王芳
*" "the filing first, by the receptionist for 王芳"
expect_event "Follow-up 王芳 Showroom visit, level B→A, test-drove, next 03-03: $long; result: 约周末到店"
expect_event "Comment 钱红 注意报价策略，别急于让价"
expect_event "Edit 王芳 Edited: model 昂科威 Plus 2.0T→英朗 1.5L, level A→B, Budget —→20万, next follow-up date 03-03→03-05"
expect_event "Order 王芳 Order signed, deposit 5000 yuan"
expect_event "Cancellation 王芳 Order cancelled: 客户资金未到位"
expect_event "Handover 钱红 Reassigned: 王芳 → 李强"
expect_event "Loss 李强 Loss requested (Bought a competitor): 已订丰田凯美瑞"
expect_event "Decision 钱红 Loss handed to the DCC: 李强 → 赵敏"
expect_event "2026-03-03 09:10 Phone call 赵敏 Called 3 min 12 s, reached: 客户说周末来店"
expect_event "Appointment 赵敏 Appointment for 03-07, with 王芳 (expected)"
# The comment sits right under its follow-up, though written hours later.
expect_match "$(printf '%s\n' "$h" | grep -A1 "Showroom visit")" "*
2026-03-02 15:00  Comment *钱红 *注意报价策略，别急于让价" "the comment under its follow-up"
# No ids, logins or column names.
for word in owner_id model_id source_id wangfang liqiang zhaomin "->" "\[" next_date; do
	expect_true "'$word' in the history: $h" sh -c "! printf '%s' \"\$1\" | grep -qF -- '$word'" - "$h"
done

# --- in Chinese ------------------------------------------------------------------------

mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/showroom.mo" "$top/data/po/zh_CN.po"
expect_true "msgfmt" test -s "$T/locale/zh_CN/LC_MESSAGES/showroom.mo"
SHOWROOM_LOCALEDIR=$T/locale SHOWROOM_LANG=zh_CN
export SHOWROOM_LOCALEDIR SHOWROOM_LANG
sr --as qianhong --now "2026-03-03 10:00" card show "$c"
expect_ok
zh=$(history "历史记录：")
expect_eq "$(printf '%s\n' "$zh" | wc -l)" "12" "one line per event in Chinese: $zh"
expect_event "2026-03-02 09:05 留档 李小娜 留档（进店），级别 B，分配给 王芳"
expect_event "跟进 王芳 展厅接待，级别 B→A，试驾，下次 03-03：$long；结果：约周末到店"
expect_event "批复 钱红 注意报价策略，别急于让价"
expect_event "修改 王芳 修改：意向车型 昂科威 Plus 2.0T→英朗 1.5L，级别 A→B，购车预算 —→20万，下次跟进日期 03-03→03-05"
expect_event "订单 王芳 签订单，定金 5000 元"
expect_event "退订 王芳 取消订单：客户资金未到位"
expect_event "转派 钱红 重新分配：王芳 → 李强"
expect_event "战败 李强 申请战败（已购竞品）：已订丰田凯美瑞"
expect_event "审批 钱红 战败转 DCC：李强 → 赵敏"
expect_event "2026-03-03 09:10 去电 赵敏 去电 3 分 12 秒，已接通：客户说周末来店"
expect_event "邀约 赵敏 邀约到店 03-07，接待 王芳（待到店）"
# No English word: only model names (Plus 2.0T, 1.5L), level letters and DCC.
left=$(printf '%s\n' "$zh" | sed 's/昂科威 Plus 2\.0T//g; s/英朗 1\.5L//g' |
	grep -oE '[A-Za-z][A-Za-z]+' | grep -vx DCC | sort -u | tr '\n' ' ')
expect_eq "$left" "" "ASCII words in the Chinese history"
# The same events, line for line, as in English; the text column lines up
# (display columns: the kind and name columns are padded by width).
expect_eq "$(printf '%s\n' "$zh" | cut -c1-16)" "$(printf '%s\n' "$h" | cut -c1-16)" "same times"
cols=$(printf '%s\n' "$zh" | while IFS= read -r l; do
	printf '%s\n' "$l" | sed -E 's/^(.{16}  [^ ]+ +[^ ]+ +).*/\1/' | wc -L
done | sort -u | wc -l)
expect_eq "$cols" "1" "the text starts at one display column on every line"

# Machine output as it was: one header row and one row, no history.
sr --as qianhong card show "$c" --csv
expect_ok
expect_eq "$(csv_rows)" "1" "card show --csv: one row"
expect_out_not_contains "历史记录"
unset SHOWROOM_LANG SHOWROOM_LOCALEDIR

# --- a phone in an edit is masked as the card's own -------------------------------------------

sr --as zhaomin --now "2026-03-03 11:00" card edit "$c" --phone 13912345678
expect_ok
sr --as zhaomin --now "2026-03-03 11:00" card show "$c"
expect_out_contains "Edited: phone 13800138000→13912345678"
# Reception reads every card, but only the numbers of its own customers.
sr --as lina --now "2026-03-03 11:00" card show "$c"
expect_ok
expect_out_contains "Edited: phone 138****8000→139****5678"
expect_out_not_contains "13912345678"

# A refusal prints no half history.
sr --as wangfang --now "2026-03-03 11:00" card show "$c"
expect_rc 3
expect_eq "$OUT" "" "nothing on stdout when refused"

finish
