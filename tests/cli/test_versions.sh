# test_versions.sh — optimistic versioning on every editable record: two
# users read the same version and both save with --version N; the first
# wins, the second exits 4 (conflict) naming the record, both versions and
# who changed it, and the first's value stays. Listings show the version so
# that a script can pass it back.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# --- traffic time out ------------------------------------------------------------------------------
sr --as rita traffic add --kind walkin --at "2026-03-02 09:30" --consultant alice
expect_id
t1=$ID
sr --as rita traffic list --csv
expect_row id "$t1"
expect_eq "$(csv_field version)" "1" "a new traffic row is at version 1"
sr --as rita traffic leave "$t1" --at "2026-03-02 09:50" --version 1
expect_ok
expect_refusal 4 --as mgr traffic leave "$t1" --at "2026-03-02 09:55" --version 1
expect_err_contains "traffic row $t1 was changed by rita"
expect_err_contains "version 1, now 2"
expect_eq "$(db_val "select time_out from traffic where id = $t1")" "2026-03-02 09:50:00" "the first time out stays"
sr --as rita traffic list --csv
expect_eq "$(csv_field version)" "2" "the leave bumped the version"
# Filing a card from the row changes it too: a time out read before is stale.
sr --as rita traffic add --kind walkin --at "2026-03-02 09:40"
expect_id
t2=$ID
file_card alice "张伟" 13800138000 walkin --traffic "$t2"
expect_refusal 4 --as rita traffic leave "$t2" --version 1
sr --as rita traffic leave "$t2" --version 2
expect_ok
# Without --version the last writer wins, as before.
sr --as mgr traffic leave "$t1" --at "2026-03-02 09:58"
expect_ok
expect_refusal 1 --as rita traffic leave "$t1" --version 0

# --- call scripts ----------------------------------------------------------------------------------
sr --as sue script add --title "首次邀约" --body "您好"
expect_id
s1=$ID
sr --as dana script show "$s1" --csv
expect_eq "$(csv_field version)" "1" "script show has the version"
sr --as sue script edit "$s1" --body "您好，这里是别克4S店" --version 1
expect_ok
expect_refusal 4 --as mgr script edit "$s1" --body "喂" --version 1
expect_err_contains "call script $s1 was changed by sue"
expect_eq "$(db_val "select body from call_scripts where id = $s1")" "您好，这里是别克4S店" "the first edit stays"
expect_refusal 4 --as mgr script delete "$s1" --version 1
sr --as dana script list --csv
expect_row id "$s1"
expect_eq "$(csv_field version)" "2" "script list has the version"
sr --as mgr script delete "$s1" --version 2
expect_ok

# --- complaints --------------------------------------------------------------------------------------
file_card alice "成交甲" 13000500020 walkin --status sold --deposit 5000
k1=$ID
cb=$(db_val "select min(id) from callbacks where card_id = $k1")
sr --as sam callback done "$cb" --result unhappy --note "交车等太久"
expect_id
cp=$ID
sr --as sam complaint list --open --csv
expect_row id "$cp"
expect_eq "$(csv_field version)" "1" "complaint list has the version"
sr --as sam complaint assign "$cp" --to mgr --version 1
expect_ok
expect_refusal 4 --as mgr complaint close "$cp" --note "已道歉" --version 1
expect_err_contains "complaint $cp was changed by sam"
expect_refusal 4 --as mgr complaint assign "$cp" --to sam --version 1
expect_eq "$(db_val "select u.login || '/' || k.status from complaints k join users u on u.id = k.handler_id where k.id = $cp")" \
	"mgr/open" "the first assignment stays"
sr --as mgr complaint close "$cp" --note "已道歉" --version 2
expect_ok

# --- users ---------------------------------------------------------------------------------------------
sr --as admin user list --csv
expect_header "id,login,name,role,team,unix,active,version"
v=$(printf '%s\n' "$OUT" | tr -d '\r' | awk -F, '$2 == "bob" { print $8 }')
expect_eq "$v" "1" "bob is at version 1"
sr --as admin user disable bob --version 1
expect_ok
expect_refusal 4 --as admin user enable bob --version 1
expect_err_contains "user bob was changed by admin"
expect_eq "$(db_val "select active || '/' || version from users where login = 'bob'")" "0/2" "bob stays disabled"
sr --as admin user enable bob --version 2
expect_ok

# --- follow-up levels -----------------------------------------------------------------------------------
sr --as admin level list --csv
expect_header "code,name,min_days,max_days,version"
sr --as admin level set 5 --min 1 --max 20 --version 1
expect_ok
expect_refusal 4 --as admin level set 5 --min 1 --max 45 --version 1
expect_err_contains "follow-up level 5 was changed by admin"
expect_eq "$(db_val "select max_days || '/' || version from followup_levels where code = '5'")" "20/2" "the first bounds stay"

# --- settings ------------------------------------------------------------------------------------------
sr --as admin setting get callback_offsets --csv
expect_header "key,value,version"
expect_eq "$(csv_field version)" "1" "setting get --csv has the version"
sr --as admin setting get callback_offsets
expect_ok
expect_eq "$OUT" "0,3,7,15,60" "plain setting get prints the value alone"
sr --as admin setting set callback_offsets 0,3,7 --version 1
expect_ok
expect_refusal 4 --as admin setting set callback_offsets 0,7 --version 1
expect_err_contains "setting callback_offsets was changed by admin"
expect_eq "$(db_val "select value from settings where key = 'callback_offsets'")" "0,3,7" "the first value stays"

# --- source costs ---------------------------------------------------------------------------------------
sr --as admin source cost autohome --month 2026-03
expect_ok
expect_out_contains "version: 0"
sr --as admin source cost autohome --month 2026-03 --amount 5000
expect_ok
sr --as admin source cost autohome --month 2026-03 --amount 6000 --version 1
expect_ok
expect_refusal 4 --as admin source cost autohome --month 2026-03 --amount 7000 --version 1
expect_err_contains "the cost of source autohome for 2026-03 was changed by admin"
sr --as admin source cost autohome --month 2026-03 --csv
expect_eq "$(csv_field cost)" "6000.00" "the first cost stays"
expect_eq "$(csv_field version)" "2" "two changes"

# --- monthly targets -------------------------------------------------------------------------------------
sr --as boss target set alice --month 2026-03 --traffic 40 --cards 20
expect_ok
sr --as boss target set alice --month 2026-03 --cards 25 --version 1
expect_ok
expect_refusal 4 --as admin target set alice --month 2026-03 --traffic 99 --version 1
expect_err_contains "the target of alice for 2026-03 was changed by boss"
sr --as boss target list --month 2026-03 --csv
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | tr -d '\r')" "month,login,name,traffic,cards,version
2026-03,alice,$(db_val "select name from users where login = 'alice'"),40,25,2" "the targets: traffic kept, cards changed, two versions"
expect_refusal 4 --as boss target set bob --month 2026-03 --traffic 5 --version 2
expect_err_contains "the target of bob for 2026-03 has changed"
expect_refusal 6 --as boss target list --month 2026-3
expect_err_contains "month '2026-3'"

# --- the conflict in Chinese ---------------------------------------------------------------------------
# The catalogue from the sources (run.sh runs a copy of the program that
# has no locale directory beside it).
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/showroom.mo" "$(cd "${SR_CLI_DIR:-$(dirname "$0")}/../.." && pwd)/data/po/zh_CN.po"
SHOWROOM_LOCALEDIR=$T/locale SHOWROOM_LANG=zh_CN
export SHOWROOM_LOCALEDIR SHOWROOM_LANG
expect_refusal 4 --as admin setting set callback_offsets 0,7 --version 1
expect_err_contains "设置 callback_offsets 在你读取后已被 admin"
unset SHOWROOM_LANG SHOWROOM_LOCALEDIR

finish
