# test_refusals.sh — every refusal: the exit code of its kind, one line on
# stderr beginning "showroom: ", and the database exactly as before.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "拒绝甲" 13300000001 phone --level B
a=$ID
file_card alice "拒绝乙" 13300000002 walkin --level A
b=$ID
file_card bob "拒绝丙" 13300000003 phone --level C
c=$ID
file_card alice "批售丁" 13300000004 outreach --wholesale
w=$ID
sr --as alice order add "$b" --deposit 2000
expect_id
sr --as alice followup add "$a" --method phone --next 2026-03-05
expect_id
f=$ID
v=$(card_get "$a" version)

# --- 2: business rules -------------------------------------------------------------------------------------
# A phone that already has a following card.
expect_refusal 2 --as bob card file --name "重复" --phone "+86 133 0000 0001" --channel phone
# H without the seven answers, at filing and by edit.
expect_refusal 2 --as alice card file --name "急" --phone 13300000010 --channel walkin --level H
expect_refusal 2 --as alice card edit "$a" --level H
expect_refusal 2 --as alice followup add "$a" --method phone --level H
# O by hand.
expect_refusal "2|6" --as alice card file --name "订" --phone 13300000011 --channel walkin --level O
expect_refusal "2|6" --as alice card edit "$a" --level O
# The next date within the follow-up level: B is level 3 (1–7 days), N level 5 (1–30).
expect_refusal 2 --as alice card file --name "远" --phone 13300000012 --channel phone --level B --next 2026-03-10
expect_refusal 2 --as alice card file --name "远" --phone 13300000012 --channel phone --next 2026-04-02
expect_refusal 2 --as alice card file --name "今" --phone 13300000012 --channel phone --next 2026-03-02
expect_refusal 2 --as alice card file --name "昨" --phone 13300000012 --channel phone --next 2026-03-01
expect_refusal 2 --as alice followup add "$a" --method phone --next 2026-03-20
expect_refusal 2 --as alice card edit "$a" --next 2026-03-30
expect_refusal "2|5|6" --as alice card edit "$a" --followup-level 9
# Order rules.
expect_refusal 2 --as alice order add "$b" --deposit 1000
expect_refusal 2 --as alice order deliver "$a"
expect_refusal 2 --as alice order cancel "$a" --reason "没有订单"
# Dormant too young; reactivate an active card.
expect_refusal 2 --as alice dormant "$a"
expect_refusal 2 --as alice reactivate "$a" --next 2026-03-04
# Loss: nothing pending; an order card.
expect_refusal "2|5" --as mgr loss confirm "$a"
expect_refusal 2 --as alice loss request "$b" --reason competitor
# Merge a wholesale card, or a card with an order.
expect_refusal 2 --as mgr merge "$a" "$w"
expect_refusal 2 --as mgr merge "$a" "$b"

# --- 3: permissions --------------------------------------------------------------------------------------------
expect_refusal 3 --as rita followup add "$a" --method reception
expect_refusal 3 --as alice card edit "$c" --name "别人的"
expect_refusal 3 --as alice followup add "$c" --method phone
expect_refusal 3 --as bob card show "$a"
expect_refusal 3 --as alice assign "$a" --to bob
expect_refusal 3 --as alice merge "$a" "$b"
expect_refusal 3 --as alice export cards --out "$T/x.csv"
expect_refusal 3 --as alice followup comment "$f" --text "自批"
expect_refusal 3 --as sam card file --name "客服" --phone 13300000013 --channel phone

# --- 4: conflict -------------------------------------------------------------------------------------------------
expect_refusal 4 --as alice card edit "$a" --name "旧版本" --version $((v - 1))
expect_refusal 4 --as alice card edit "$a" --name "新版本" --version $((v + 5))

# --- 5: not found ---------------------------------------------------------------------------------------------------
expect_refusal 5 --as alice card show 999
expect_refusal 5 --as alice card edit 999 --name "无"
expect_refusal 5 --as alice followup add 999 --method phone
expect_refusal 5 --as alice order add 999
expect_refusal 5 --as mgr assign 999 --to bob
expect_refusal 5 --as mgr followup comment 999 --text "无"
expect_refusal 5 --as alice appointment showed 999
expect_refusal "5|6" --as alice card file --name "无车" --phone 13300000014 --channel walkin --model zeppelin
expect_refusal "5|6" --as alice card file --name "无主" --phone 13300000014 --channel walkin --owner nobody

# --- 6: bad input ------------------------------------------------------------------------------------------------------
expect_refusal 6 --as alice card file --name "坏号" --phone "138-abc-0000" --channel phone
expect_refusal "1|6" --as alice card file --name "坏日" --phone 13300000015 --channel phone --next 2026-02-30
expect_refusal "1|6" --as alice card file --name "坏日" --phone 13300000015 --channel phone --expect "next week"
expect_refusal "1|6" --as alice card file --name "坏级" --phone 13300000015 --channel phone --level Z
expect_refusal "1|6" --as alice card file --name "坏性" --phone 13300000015 --channel phone --gender X
expect_refusal "1|6" --as alice order add "$a" --deposit "-5"
expect_refusal "1|6" --as alice order add "$a" --deposit "五千"
expect_refusal "1|6" --as alice order add "$a" --vin "SHORTVIN"
expect_refusal "1|6" --as alice followup add "$a" --method phone --at "tomorrow"
expect_refusal "1|6" --as alice card edit "$a" --answer colour=red

# --- 1: usage -----------------------------------------------------------------------------------------------------------
expect_refusal 1 --as alice card file --name "缺" --phone 13300000016
expect_refusal 1 --as alice followup add "$a"
expect_refusal 1 --as alice card edit "$a" --bogus x
expect_refusal 1 --as alice card frobnicate
expect_refusal 1 --as alice frobnicate
expect_refusal 1 --as alice order cancel "$b"
expect_refusal 1 --as alice --now "2026-02-30" card list

# After all that, the cards are as they were filed.
expect_card "$a" name "拒绝甲"
expect_card "$a" level B
expect_card "$a" version "$v"
expect_card "$b" status order
expect_eq "$(db_val "select count(*) from cards")" "4" "cards"

finish
