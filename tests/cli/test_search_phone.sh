# test_search_phone.sh — masked phones cannot be recovered by search (issue
# 12, item 7): rita (reception) sees 139****4321; she finds the card by the
# whole number only, and a search by part of a number is refused with a
# message naming the rule; managers keep their partial searches; every
# search by phone is in the audit trail.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

file_card alice "王先生" 13912344321 walkin --level B
c=$ID
file_card bob "陈女士" 13912349999 walkin --level B

# --- the receptionist: whole numbers only ------------------------------------------
sr --as rita search 13912344321 --csv
expect_ok
expect_out_contains "王先生"
expect_out_contains "139****4321"
expect_out_not_contains "13912344321"
sr --as rita search "139 1234 4321" --csv
expect_ok
expect_out_contains "王先生"
expect_out_not_contains "陈女士"

# The prefixes that recovered the number one digit at a time, the last
# four (尾号), and longer ends: each refused, naming the rule.
for part in 1391234 13912344 139123443 4321 44321 912344321 391 9; do
	expect_refusal 3 --as rita search "$part"
	expect_err_contains "whole phone numbers only: a receptionist sees phones masked"
	expect_err_contains "may not search by part of a number ($part)"
	expect_err_contains "all 11 digits of a mobile"
done
# A page or a limit changes nothing.
expect_refusal 3 --as rita search 1391234 --limit 1
# Ten digits may be a whole landline (0755-1234567): looked up whole, so
# one digit short of a mobile finds nothing.
sr --as rita search 1391234432 --csv
expect_ok
expect_out_not_contains "王先生"

# A name still finds the card.
sr --as rita search 王先 --csv
expect_ok
expect_out_contains "139****4321"

# --- those who see the phone whole keep partial search -----------------------------
for who in mgr boss sam; do
	sr --as "$who" search 1391234 --csv
	expect_ok
	expect_out_contains "13912344321"
	expect_out_contains "13912349999"
	sr --as "$who" search 4321 --csv
	expect_ok
	expect_out_contains "13912344321"
	expect_out_not_contains "13912349999"
done
# A consultant among their own cards.
sr --as alice search 4321 --csv
expect_ok
expect_out_contains "13912344321"
sr --as alice search 9999 --csv
expect_ok
expect_out_not_contains "陈女士"

# --- every search by phone is audited ------------------------------------------------
# rita: three whole-number searches, and nine refused partial ones.
expect_eq "$(db_val "select count(*) from audit a join users u on u.id = a.user_id where u.login = 'rita' and a.action = 'search-phone'")" 3 \
	"rita's searches by phone audited"
expect_eq "$(db_val "select group_concat(json_extract(after, '\$.phone') || ' ' || json_extract(after, '\$.match'), ',') from audit a join users u on u.id = a.user_id where u.login = 'rita' and a.action = 'search-phone'")" \
	"13912344321 whole,13912344321 whole,1391234432 whole" "what rita searched"
expect_eq "$(db_val "select count(*) from audit a join users u on u.id = a.user_id where u.login = 'rita' and a.action = 'refused' and after like '%part of a number%'")" 9 \
	"rita's refused partial searches audited"
expect_eq "$(db_val "select count(*) from audit a join users u on u.id = a.user_id where u.login = 'mgr' and a.action = 'search-phone'")" 2 \
	"mgr's searches by phone audited"
# A search by name is not a search by phone.
n=$(db_val "select count(*) from audit")
sr --as mgr search 王先 --csv
expect_ok
expect_eq "$(db_val "select count(*) from audit")" "$n" "a search by name audited"
# Managers read them in the trail.
sr --as mgr audit --user rita --csv
expect_ok
expect_out_contains "search-phone"
expect_out_contains "13912344321"
expect_out_contains "1391234"

# Guessing the hidden digits one whole number at a time runs out: 30
# searches by phone in 15 minutes for those who see phones masked (the
# ones above count), then each is refused and audited; a name still works.
i=0
while [ $i -lt 40 ]; do
	sr_raw --db "$DB" --as rita search "1391234$(printf '%04d' $i)" --csv
	[ "$RC" != 0 ] && break
	i=$((i + 1))
done
expect_rc 3
expect_err_contains "too many searches by phone number: 30 within 15 minutes"
expect_true "the limit came after $i searches" test "$i" -gt 10 -a "$i" -lt 30
expect_eq "$(db_val "select count(*) from audit a join users u on u.id = a.user_id where u.login = 'rita' and a.action = 'search-phone' and a.at >= '2026-03-02 09:45:00'")" "30" "rita's audited phone searches"
# A manager is not limited.
j=0
while [ $j -lt 35 ]; do
	sr_raw --db "$DB" --as mgr search "1391234$(printf '%04d' $j)" --csv
	[ "$RC" != 0 ] && break
	j=$((j + 1))
done
expect_eq "$j" "35" "a manager's searches by phone"
# Fifteen minutes later the desk searches again.
sr --now "2026-03-02 10:16:00" --as rita search 13912344321 --csv
expect_ok

finish
