# test_now.sh — --now and SHOWROOM_NOW accept exactly the documented forms,
# "YYYY-MM-DD[ HH:MM[:SS]]" in the years 2000 to 2099, and refuse anything
# else with exit 1 naming the option and the form (issue 12, item 12):
# 1970-01-01 was taken as "not set" (the system clock), 9999-12-31 filed a
# card due on 0000-01-01, and a 'T' for the space was accepted.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# now_refused WHAT: --now WHAT is a usage error naming --now and the form.
now_refused()
{
	expect_refusal 1 --as alice --now "$1" card list
	expect_err_contains "--now: expected YYYY-MM-DD[ HH:MM[:SS]] in the years 2000 to 2099"
	expect_err_contains "'$1'"
}

# The three cases of the issue.
now_refused "1970-01-01"
now_refused "9999-12-31 23:59:59"
now_refused "2026-01-01T10:00"
# Outside the years, or not exactly the form.
now_refused "1999-12-31 23:59:59"
now_refused "2100-01-01"
now_refused "0000-01-01"
now_refused "2026-01-01 10"
now_refused "2026-1-1"
now_refused " 2026-01-01"
now_refused "2026-01-01 10:00 "
now_refused "2026-01-01 10:00:00Z"
now_refused "2026-01-01  10:00"
now_refused "2026-02-29"
now_refused "2026-01-01 24:00"
now_refused ""

# SHOWROOM_NOW the same, naming the variable.
for bad in "1970-01-01" "9999-12-31 23:59:59" "2026-01-01T10:00"; do
	SHOWROOM_NOW=$bad
	expect_refusal 1 --as alice card list
	expect_err_contains "SHOWROOM_NOW: expected YYYY-MM-DD[ HH:MM[:SS]] in the years 2000 to 2099"
done
SHOWROOM_NOW="2026-03-02 10:00:00"

# The documented forms, and the first and last moments of the years.
file_card alice "早客" 13100000001 phone --level B --now 2026-03-05
expect_card "$ID" filed_at "2026-03-05 00:00:00"
file_card alice "中客" 13100000002 phone --level B --now "2026-03-05 09:30"
expect_card "$ID" filed_at "2026-03-05 09:30:00"
file_card alice "晚客" 13100000003 phone --level B --now "2026-03-05 09:30:07"
expect_card "$ID" filed_at "2026-03-05 09:30:07"
file_card alice "千禧" 13100000004 phone --level B --now 2000-01-01
expect_card "$ID" filed_at "2000-01-01 00:00:00"
# A card filed in the last second is due in 2100, never on 0000-01-01.
file_card alice "世纪末" 13100000005 phone --level B --now "2099-12-31 23:59:59"
expect_card "$ID" filed_at "2099-12-31 23:59:59"
expect_match "$(card_get "$ID" next_date)" "2100-01-*" "next date after the last second"

SHOWROOM_NOW="2026-03-06 08:00"
file_card alice "环境" 13100000006 phone --level B
expect_card "$ID" filed_at "2026-03-06 08:00:00"
SHOWROOM_NOW="2026-03-02 10:00:00"

finish
