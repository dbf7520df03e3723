# test_i18n.sh — Simplified Chinese through gettext: the catalogue is
# complete and valid; SHOWROOM_LANG=zh_CN, LANGUAGE or LANG=zh_CN.UTF-8
# bring Chinese messages and help; English otherwise; machine output (CSV
# headers, "key: value" keys, enum values) and exit codes never change.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

top=$(cd "${SR_CLI_DIR:-$(dirname "$0")}/../.." && pwd)
po=$top/data/po/zh_CN.po
pot=$top/data/po/showroom.pot

# --- the catalogue -----------------------------------------------------------------------
# msgfmt, msgcmp and xgettext come with the Debian package gettext (tools/deps.sh).
have() { command -v "$1" >/dev/null 2>&1; }
for tool in msgfmt msgcmp xgettext; do
	expect_true "$tool is missing (apt-get install gettext)" have "$tool"
done

# Valid (format strings match their msgid) and compiled the way the Makefile
# does; the program under test is a copy without build/locale beside it, so
# it is pointed at this one. (rc=$? on the command's own line: run.sh puts
# an assignment before each check.)
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt --check --statistics -o "$T/locale/zh_CN/LC_MESSAGES/showroom.mo" "$po" 2>"$T/stats"; rc=$?
expect_eq "$rc" "0" "msgfmt --check $po: $(tr '\n' ' ' <"$T/stats")"
stats=$(cat "$T/stats")
# Every message translated: "N translated messages." and nothing fuzzy or untranslated.
expect_match "$stats" "[0-9]* translated messages." "msgfmt --statistics"
n=$(grep -c '^msgid ' "$pot")
n=$((n - 1)) # the header
expect_eq "$stats" "$n translated messages." "every msgid of showroom.pot translated in zh_CN.po"
msgcmp "$po" "$pot" >"$T/cmp" 2>&1; rc=$?
expect_eq "$rc" "0" "msgcmp zh_CN.po showroom.pot: $(head -c 300 "$T/cmp" | tr '\n' ' ')"

# The sources have no message the catalogue lacks (else: make pot, then
# translate what is new in data/po/zh_CN.po).
(cd "$top" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--package-name=showroom --msgid-bugs-address= -o "$T/fresh.pot" \
	src/core/*.c src/cli/*.c $(ls src/tui/*.c 2>/dev/null) &&
	xgettext --join-existing --from-code=UTF-8 --keyword= --keyword=X:3 -o "$T/fresh.pot" \
		include/showroom/error.h include/showroom/perm.h &&
	xgettext --join-existing --from-code=UTF-8 --keyword= --keyword=X:2 -o "$T/fresh.pot" \
		include/showroom/kpi.h) 2>"$T/xgettext"; rc=$?
expect_eq "$rc" "0" "xgettext: $(head -c 300 "$T/xgettext" | tr '\n' ' ')"
msgcmp "$po" "$T/fresh.pot" >"$T/cmp" 2>&1; rc=$?
expect_eq "$rc" "0" "$(grep -c 'not defined' "$T/cmp") messages of the sources have no translation in data/po/zh_CN.po (run make pot, then translate them): $(head -c 300 "$T/cmp" | tr '\n' ' ')"

SHOWROOM_LOCALEDIR=$T/locale
export SHOWROOM_LOCALEDIR

# --- help ----------------------------------------------------------------------------------------
sr_raw --help
expect_ok
expect_out_contains "usage: showroom"
expect_out_contains "Global options"
expect_out_not_contains "用法"

SHOWROOM_LANG=zh_CN
export SHOWROOM_LANG
sr_raw --help
expect_ok
expect_out_contains "用法：showroom"
expect_out_contains "全局选项"
expect_out_contains "新建客户信息卡"
expect_out_contains "card file" # command words stay as typed
sr_raw card file --help
expect_ok
expect_out_contains "意向级别"
expect_out_contains "--new-opportunity"
# Usage errors too, still one line and exit 1.
sr_raw card
expect_rc 1
expect_err_contains "需要一个命令"
unset SHOWROOM_LANG

# --- refusals from the core --------------------------------------------------------------------
setup_users
file_card alice "中文甲" 13900139001 phone
a=$ID
file_card alice "中文乙" 13900139002 walkin --level B
b=$ID

expect_refusal 2 --as bob card file --name "重复" --phone 13900139001 --channel phone
expect_err_contains "already has following card"

SHOWROOM_LANG=zh_CN
export SHOWROOM_LANG
expect_refusal 2 --as bob card file --name "重复" --phone 13900139001 --channel phone
expect_err_contains "已有跟进中的客户信息卡"
expect_refusal 2 --as alice dormant "$a"
expect_err_contains "休眠"
expect_err_contains "15"
expect_refusal 3 --as rita followup add "$a" --method reception
expect_err_contains "权限不足"
# Role, status and channel names inside a sentence are in Chinese too.
expect_err_contains "前台"
expect_err_not_contains "receptionist"
expect_refusal 5 --as alice card show 999
expect_err_contains "未找到客户信息卡 999"
expect_refusal 6 --as alice card file --name x --phone 13900139009 --channel bogus
expect_err_contains "外拓"
expect_refusal 1 --as alice card show
expect_err_contains "缺少一个客户信息卡编号"
# Machine output stays as it is: keys, CSV headers, status values.
sr --as alice card show "$a"
expect_ok
expect_out_contains "status: active"
expect_out_contains "历史记录："
sr --as alice card show "$a" --csv
expect_ok
expect_match "$(csv_header)" "id,name,phone,*" "CSV header in Chinese"
expect_eq "$(csv_field status)" "active" "status value in Chinese"
sr --as alice list today --csv
expect_ok
expect_header "card_id,name,phone,level,status,owner,date,days_late,ref_id,detail"
sr --as alice card file --name "中文丙" --phone 13900139003 --channel walkin
expect_id

# SHOWROOM_LANG wins over the locale and LANGUAGE: en is English.
SHOWROOM_LANG=en
LANGUAGE=zh_CN
export LANGUAGE
expect_refusal 2 --as alice dormant "$a"
expect_err_contains "cannot mark dormant"
unset SHOWROOM_LANG LANGUAGE

# Under LC_ALL=C gettext ignores LANGUAGE; SHOWROOM_LANG still works.
LC_ALL=C SHOWROOM_LANG=zh_CN timeout 60 "$SHOWROOM" --db "$DB" --as alice dormant "$a" >"$T/out" 2>"$T/err"; rc=$?
expect_eq "$rc" "2" "exit code under LC_ALL=C"
expect_match "$(cat "$T/err")" "*休眠*" "SHOWROOM_LANG=zh_CN under LC_ALL=C"

# --- the locale chooses without SHOWROOM_LANG ---------------------------------------------------
# gettext's own LANGUAGE, in a UTF-8 locale.
LANGUAGE=zh_CN timeout 60 "$SHOWROOM" --db "$DB" --as alice dormant "$a" >"$T/out" 2>"$T/err"
expect_match "$(cat "$T/err")" "*休眠*" "LANGUAGE=zh_CN"
# LANG=zh_CN.UTF-8, whether or not that locale is generated on this machine.
env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 timeout 60 "$SHOWROOM" --db "$DB" --as alice dormant "$a" \
	>"$T/out" 2>"$T/err"
expect_match "$(cat "$T/err")" "*休眠*" "LANG=zh_CN.UTF-8"
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 timeout 60 "$SHOWROOM" --db "$DB" --as alice dormant "$a" \
	>"$T/out" 2>"$T/err"
expect_match "$(cat "$T/err")" "*cannot mark dormant*" "LANG=en_US.UTF-8"

# --- where the catalogue is found ----------------------------------------------------------------
# Next to the program (build/showroom and build/locale), without SHOWROOM_LOCALEDIR.
mkdir -p "$T/bin"
cp "$SHOWROOM" "$T/bin/showroom"
cp -R "$T/locale" "$T/bin/locale"
env -u SHOWROOM_LOCALEDIR SHOWROOM_LANG=zh_CN timeout 60 "$T/bin/showroom" --help >"$T/out" 2>&1
expect_match "$(head -n 1 "$T/out")" "用法：*" "catalogue found in locale/ beside the program"
# No catalogue anywhere: English, nothing worse.
mkdir -p "$T/empty"
SHOWROOM_LOCALEDIR=$T/empty SHOWROOM_LANG=zh_CN timeout 60 "$SHOWROOM" --db "$DB" --as alice \
	dormant "$a" >"$T/out" 2>"$T/err"; rc=$?
expect_eq "$rc" "2" "exit code without a catalogue"
expect_match "$(cat "$T/err")" "showroom: cannot mark dormant*" "no catalogue: English"

finish
