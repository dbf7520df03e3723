# test_trend.sh — the month-by-month trend (report trend) on three hand-built
# months where every number is known: traffic, new cards (a merged duplicate
# counts once, as its survivor), orders (a card ordered twice in a month is
# one), sales and losses per month; the default of twelve months up to this
# month; a consultant filter; and the same months unchanged after later
# records.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# trend [OPTIONS]: the trend as the director, CSV in $OUT.
trend()
{
	sr --as boss --now "${NOW_AT:-2026-04-05 09:00}" report trend --csv "$@"
}

# --- the data -----------------------------------------------------------------------
# January: T1 walk-in → alice's C1; bob's phone card C2.
# February: a walk-in without details (T2); C1 ordered, cancelled, ordered again.
# March: C1 delivered (sold); C2 lost; T3 walk-in → alice's C3, and a
#        duplicate D3 merged into it.
sr --as rita --now "2026-01-10 10:00" traffic add --kind walkin --consultant alice
expect_id; T1=$ID
sr --as alice --now "2026-01-10 10:10" card file --name 趋势甲 --phone 13900000201 \
	--channel walkin --level B --traffic "$T1"
expect_id; C1=$ID
sr --as bob --now "2026-01-20 15:00" card file --name 趋势乙 --phone 13900000202 \
	--channel phone --level C
expect_id; C2=$ID
sr --as rita --now "2026-02-03 11:00" traffic add --kind walkin --consultant bob
expect_id
sr --as alice --now "2026-02-05 10:00" order add "$C1"
expect_ok
sr --as alice --now "2026-02-06 10:00" order cancel "$C1" --reason "改主意了"
expect_ok
sr --as alice --now "2026-02-07 10:00" order add "$C1"
expect_ok
sr --as alice --now "2026-03-03 10:00" order deliver "$C1"
expect_ok
sr --as bob --now "2026-03-09 10:00" loss request "$C2" --reason gave-up
expect_ok
sr --as mgr --now "2026-03-10 10:00" loss confirm "$C2"
expect_ok
sr --as rita --now "2026-03-15 10:00" traffic add --kind walkin --consultant alice
expect_id; T3=$ID
sr --as alice --now "2026-03-15 10:10" card file --name 趋势丙 --phone 13900000203 \
	--channel walkin --level B --traffic "$T3"
expect_id; C3=$ID
sr --as alice --now "2026-03-16 10:00" card file --name 趋势丙 --phone 13900000204 --channel phone
expect_id; D3=$ID
sr --as mgr --now "2026-03-17 10:00" merge "$C3" "$D3"
expect_ok

# --- the quarter --------------------------------------------------------------------
QUARTER="month,traffic,new_cards,orders,sold,lost
2026-01,1,2,0,0,0
2026-02,1,0,1,0,0
2026-03,1,1,0,1,1"
trend --from 2026-01-01 --to 2026-03-31
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r')" "$QUARTER" "the quarter's trend"

# --- one month asks for the twelve months up to it, oldest first ---------------------
NOW_AT="2026-03-20 12:00" trend
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 2p)" "2025-04,0,0,0,0,0" "the first of twelve months"
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | sed -n 13p)" "2026-03,1,1,0,1,1" "this month, as of today"
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | wc -l)" "13" "a header and twelve months"

# --- a consultant's trend ------------------------------------------------------------
trend --from 2026-01-01 --to 2026-03-31 --consultant bob
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r')" "month,traffic,new_cards,orders,sold,lost
2026-01,0,1,0,0,0
2026-02,1,0,0,0,0
2026-03,0,0,0,0,1" "bob's trend"

# --- later records leave the quarter as it was ----------------------------------------
sr --as rita --now "2026-04-02 10:00" traffic add --kind walkin --consultant alice
expect_id; T4=$ID
sr --as alice --now "2026-04-02 10:10" card file --name 趋势丁 --phone 13900000205 \
	--channel walkin --level B --traffic "$T4"
expect_id; C4=$ID
sr --as alice --now "2026-04-03 10:00" order add "$C4"
expect_ok
sr --as alice --now "2026-04-03 11:00" followup add "$C3" --method reception
expect_ok
trend --from 2026-01-01 --to 2026-03-31
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r')" "$QUARTER" "the quarter after April's records"
trend --from 2026-01-01 --to 2026-04-30
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r' | tail -n 1)" "2026-04,1,1,1,0,0" "April"

# --- who may read it -----------------------------------------------------------------
expect_refusal 3 --as rita report trend
finish
