# test_bidi.sh — issue 12 item 14: bidi controls (U+202A-E, U+2066-9,
# U+200E/F, U+061C) and the line and paragraph separators (U+2028/9) show
# nothing, yet make a phone read backwards or a name pose as another. Every
# text input refuses them with exit 6 naming the field, and changes nothing;
# an import row holding one goes to the rejects file, naming the field.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

RLO=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
LRE=$(printf '\342\200\252')   # U+202A
LRM=$(printf '\342\200\216')   # U+200E
ALM=$(printf '\330\234')       # U+061C
FSI=$(printf '\342\201\250')   # U+2068
LS=$(printf '\342\200\250')    # U+2028 LINE SEPARATOR
PS=$(printf '\342\200\251')    # U+2029 PARAGRAPH SEPARATOR

file_card alice "好客户" 13100131001 phone --level B
c=$ID
sr --as alice followup add "$c" --method phone --note "第一次"
expect_id
f=$ID

# bad WORD AS ARGS...: exit 6, WORD (the field) in the message, nothing changed.
bad()
{
	_word=$1
	_as=$2
	shift 2
	expect_refusal 6 --as "$_as" "$@"
	expect_err_contains "$_word"
}

# Names, addresses, regions, answers: the card.
bad "name" alice card file --name "王${RLO}伟" --phone 13100139001 --channel phone
expect_err_contains "U+202E"
bad "name" alice card file --name "王${LRM}伟" --phone 13100139001 --channel phone
bad "name" alice card file --name "王${ALM}伟" --phone 13100139001 --channel phone
bad "address" alice card file --name 客户 --phone 13100139001 --channel phone --address "朝阳${LS}路"
expect_err_contains "U+2028"
bad "region" alice card file --name 客户 --phone 13100139001 --channel phone --region "北京${FSI}"
bad "budget" alice card file --name 客户 --phone 13100139001 --channel phone --answer "budget=20${RLO}万"
bad "name" alice card edit "$c" --name "好${RLO}客户"
bad "address" alice card edit "$c" --address "${LRE}朝阳"
# Notes: multi-line text keeps newlines, but not U+2028/9.
bad "content" alice followup add "$c" --method phone --note "第一行
第二行${PS}第三行"
expect_err_contains "U+2029"
bad "result" alice followup add "$c" --method phone --result "${RLO}ok"
bad "comment" mgr followup comment "$f" --text "好${LS}"
bad "note" rita traffic add --kind call --note "${RLO}来电"
bad "note" alice loss request "$c" --reason gave-up --note "${RLO}不买了"
bad "note" admin call add "$c" --result reached --note "${PS}"
# Call scripts, campaigns, the catalogue, users, settings.
bad "title" admin script add --title "邀约${RLO}" --body 您好
bad "body" admin script add --title 邀约 --body "您好${LS}"
bad "tags" admin script add --title 邀约 --body 您好 --tags "a${RLO}"
bad "name" mgr campaign add "春季${RLO}车展" --from 2026-03-01 --to 2026-03-31
bad "brand" admin model add M1 --brand "别克${RLO}" --series s --model m
bad "name" admin source add web2 --name "${RLO}网站"
bad "name" admin user add newbie --name "新${RLO}人" --role consultant
bad "setting" admin setting set work_hours "09:00${RLO}-18:00"

# A password holding one is refused (it could not be typed back anyway).
before=$(db_fingerprint)
printf 'abcd%sefgh\n' "$RLO" | "$SHOWROOM" --db "$DB" --as admin user passwd bob >"$T/out" 2>"$T/err"
RC=$?
ERR=$(cat "$T/err")
OUT=$(cat "$T/out")
expect_rc 6
expect_err_contains "password"
expect_eq "$(db_fingerprint)" "$before" "refused password changed nothing"

# An order's cancel reason.
file_card alice "订单客户" 13100131002 phone --level B
o=$ID
sr --as alice order add "$o" --deposit 5000
expect_id
bad "cancel reason" alice order cancel "$o" --reason "${RLO}不要了"

# Post-sale callbacks and complaints.
sr --as admin setting set callback_offsets 0,3,7,15,90
expect_ok
file_card alice "成交客户" 13100131003 walkin --status sold --deposit 5000
cb=$(db_val "select min(id) from callbacks where card_id = $ID")
bad "note" sam callback done "$cb" --result unhappy --note "太久${RLO}"
sr --as sam callback done "$cb" --result unhappy --note "交车等太久"
expect_id
bad "note" sam complaint close "$ID" --note "已道歉${PS}"

# An import row holding one is rejected, naming the field; the others go in.
printf '姓名,手机,留言,城市\n张伟,13800000001,想了解,北京\n王%s芳,13800000002,,上海\n李娜,13800000003,看车%s周末,\n赵六,13800000004,,广%s州\n' \
	"$RLO" "$LS" "$FSI" >"$T/leads.csv"
sr --as mgr import "$T/leads.csv" --source autohome
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^filed: //p')" 1 "filed"
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^rejected: //p')" 3 "rejected"
OUT=$(cat "$T/leads.csv.rejects.csv")
expect_eq "$(printf '%s\n' "$OUT" | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')" "3 4 5 " "rejected lines"
expect_match "$(printf '%s\n' "$OUT" | sed -n 1p)" "3,*name holds U+202E*" "line 3 names the name"
expect_match "$(printf '%s\n' "$OUT" | sed -n 2p)" "4,*note holds U+2028*" "line 4 names the note"
expect_match "$(printf '%s\n' "$OUT" | sed -n 3p)" "5,*region holds U+2068*" "line 5 names the region"
expect_eq "$(db_val "select count(*) from cards where name like '%${RLO}%' or region like '%${FSI}%'")" 0 \
	"nothing stored with a bidi control"
# The fields the importer only looks up or keys on are checked too: a
# model or a submit time holding one rejects the row, naming it.
printf '姓名,手机,意向车型,提交时间\n周一,13800000011,英朗%s,2026-03-01 09:00\n周二,13800000012,,2026-03-01%s 09:10\n' \
	"$RLO" "$LRM" >"$T/leads2.csv"
sr --as mgr import "$T/leads2.csv" --source autohome
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^rejected: //p')" 2 "rejected model and time"
OUT=$(cat "$T/leads2.csv.rejects.csv")
expect_match "$(printf '%s\n' "$OUT" | sed -n 1p)" "2,*model holds U+202E*" "line 2 names the model"
expect_match "$(printf '%s\n' "$OUT" | sed -n 2p)" "3,*time holds U+200E*" "line 3 names the time"
finish
