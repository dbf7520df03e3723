# test_badinput.sh — every option is checked before anything is stored:
# dates, times, phones, lengths, enumerations, ids, amounts and control
# characters are refused (exit 1 or 6) with a message naming the field, and
# the database is left as it was.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users
file_card alice "好客户" 13100131001 phone --level B
c=$ID
sr --as alice followup add "$c" --method phone --note "第一次"
expect_id
f=$ID
sr --as rita traffic add --kind walkin --consultant alice
expect_id
tr=$ID

CTL=$(printf 'a\001b')
NL=$(printf 'line1\nline2')
LONG=$(printf '%0600d' 0)
NAME33=$(printf '%033d' 0)

# bad WORD AS ARGS...: refused with exit 1 or 6, WORD in the message, nothing
# changed.
bad()
{
	_word=$1
	_as=$2
	shift 2
	expect_refusal "1|6" --as "$_as" "$@"
	expect_err_contains "$_word"
}

# card file
bad "phone" alice card file --name 客户 --phone abc --channel phone
bad "phone" alice card file --name 客户 --phone 123 --channel phone
bad "--channel" alice card file --name 客户 --phone 13100139001 --channel fax
bad "--level" alice card file --name 客户 --phone 13100139001 --channel phone --level Z
bad "name" alice card file --name "$NAME33" --phone 13100139001 --channel phone
bad "name" alice card file --name "$CTL" --phone 13100139001 --channel phone
bad "name" alice card file --name "$NL" --phone 13100139001 --channel phone
bad "name" alice card file --name "" --phone 13100139001 --channel phone
bad "address" alice card file --name 客户 --phone 13100139001 --channel phone --address "$LONG"
bad "address" alice card file --name 客户 --phone 13100139001 --channel phone --address "$CTL"
bad "region" alice card file --name 客户 --phone 13100139001 --channel phone --region "$CTL"
bad "gender" alice card file --name 客户 --phone 13100139001 --channel phone --gender X
bad "expect" alice card file --name 客户 --phone 13100139001 --channel phone --expect 2026-02-30
bad "next" alice card file --name 客户 --phone 13100139001 --channel phone --next tomorrow
bad "next" alice card file --name 客户 --phone 13100139001 --channel phone --next 2026-13-01
bad "filing time" alice card file --name 客户 --phone 13100139001 --channel phone --at "yesterday noon"
bad "answer" alice card file --name 客户 --phone 13100139001 --channel phone --answer colour=red
bad "budget" alice card file --name 客户 --phone 13100139001 --channel phone --answer "budget=$CTL"
# An unknown reference (a level, a source) is "not found", naming it.
expect_refusal 5 --as alice card file --name 客户 --phone 13100139001 --channel phone --followup-level 9
expect_err_contains "follow-up level '9'"
bad "--traffic" alice card file --name 客户 --phone 13100139001 --channel phone --traffic x
bad "--status" alice card file --name 客户 --phone 13100139001 --channel phone --status maybe
bad "--deposit" alice card file --name 客户 --phone 13100139001 --channel phone --status order --deposit -5
bad "VIN" alice card file --name 客户 --phone 13100139001 --channel phone --status sold --deposit 1 --vin "$CTL"
# card edit / show / list
bad "card" alice card show abc
bad "card" alice card show 0
bad "--version" alice card edit "$c" --version x --address 新地址
bad "phone" alice card edit "$c" --phone 12
bad "address" alice card edit "$c" --address "$CTL"
bad "name" alice card edit "$c" --name "$NAME33"
bad "level" alice card edit "$c" --level Q
bad "next" alice card edit "$c" --next 2026-02-31
bad "--status" mgr card list --status lost-ish
bad "--level" mgr card list --level Z
bad "--channel" mgr card list --channel fax
# follow-ups
bad "--method" alice followup add "$c" --method pigeon
bad "--level" alice followup add "$c" --method phone --level Z
bad "next" alice followup add "$c" --method phone --next 2026-03-99
bad "follow-up time" alice followup add "$c" --method phone --at "2026-03-02 25:00"
bad "content" alice followup add "$c" --method phone --note "$CTL"
bad "content" alice followup add "$c" --method phone --note "$LONG$LONG$LONG$LONG"
bad "result" alice followup add "$c" --method phone --result "$CTL"
bad "comment" mgr followup comment "$f" --text "$CTL"
bad "follow-up" mgr followup comment x --text 好
# traffic
bad "--kind" rita traffic add --kind bus
bad "--persons" rita traffic add --kind walkin --persons -2
bad "--persons" rita traffic add --kind walkin --persons 0x10
bad "time" rita traffic add --kind walkin --at "2026-03-02 10:99"
bad "note" rita traffic add --kind call --note "$CTL"
bad "--from" rita traffic list --from 02/03/2026
bad "traffic" rita traffic leave abc
# lifecycle
bad "--date" alice appointment add "$c" --date 2026-04-31
bad "--deposit" alice order add "$c" --deposit 12,5
bad "--deposit" alice order add "$c" --deposit 1.234
bad "VIN" alice order add "$c" --vin "$CTL"
bad "--reason" alice loss request "$c" --reason bored
bad "note" alice loss request "$c" --reason gave-up --note "$CTL"
bad "--date" alice appointment add "$c" --date never
# admin
bad "login" admin user add "bad login" --name 名 --role consultant
bad "login" admin user add "$NAME33$NAME33" --name 名 --role consultant
bad "--role" admin user add newbie --name 名 --role boss
bad "--team" admin user add newbie --name 名 --role consultant --team sales
bad "name" admin user add newbie --name "$CTL" --role consultant
bad "Unix" admin user add newbie --name 名 --role consultant --unix "a b"
bad "month" admin source cost SRC --month 2026-13 --amount 100
bad "--amount" admin source cost SRC --month 2026-03 --amount lots
bad "--min" admin level set 1 --min x --max 3
bad "brand" admin model add M1 --brand "$CTL" --series s --model m
bad "--from" mgr audit --from 2026-99-01
bad "--to" mgr audit --to yesterday
bad "--card" mgr audit --card x
bad "--limit" mgr audit --limit -1
bad "--from" mgr export cards --out "$T/x.csv" --from 2026-3-1
bad "--format" mgr export cards --out "$T/x.csv" --format pdf
bad "--from" mgr report kpi --from 2026-02-30
bad "channel" mgr report kpi --channel fax
bad "customer type" mgr report kpi --type used
bad "--cards" admin demo --cards many
bad "--now" admin --now "2026-03-02 10:61" card list
finish
