#!/bin/sh
# test_reports.sh — the reports as the staff read them (issues 13 and 14):
# every report page in Chinese at 80×24 and 120×36 as a manager, the
# director and a consultant, on the demo store. A page fails on an ASCII
# word that is not a name, a model or source name, a key or a number; on a
# cut title (…); on a login where a name belongs. The same pages in English
# show no Chinese labels. Then: scrolling right shows the columns left out
# and the first column stays; the filters change the figures; the report
# on screen exported to xlsx and read back; [ ] never into the future and
# y back to the month it came from; the funnel says why its 成交 differs
# from the key report's; g offered exactly to those who may read reports.
. "$(dirname "$0")/lib.sh"

NOW="2026-03-20 16:00:00"

# start_at SESSION COLSxROWS LOGIN [VAR=VALUE ...]: as lib.sh's start, in
# a window of that size.
start_at() {
	s=$1
	cols=${2%x*}
	rows=${2#*x}
	login=$3
	shift 3
	tmux -L "$SOCK" new-session -d -s "$s" -x "$cols" -y "$rows" \
		"env LC_ALL=C.UTF-8 SHOWROOM_DB='$DB' SHOWROOM_NOW='$NOW' $* \
		sh -c 'echo \$\$ >\"$T/$s.pid\"; exec \"$PROG\" --as $login' 2>'$T/$s.err'; \
		echo \$? >'$T/$s.exit'; sleep 600"
}

# changed SESSION BEFORE_FILE: true once the screen differs from the file.
changed() {
	i=0
	while [ $i -lt $((WAIT_S * 20)) ]; do
		screen "$1" >"$T/now.txt"
		cmp -s "$T/now.txt" "$2" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# press SESSION KEY...: the keys, then wait for the screen to change (or
# WAIT_S seconds: a key at the end of the columns changes nothing).
press() {
	s=$1
	shift
	screen "$s" >"$T/before.txt"
	keys "$s" "$@"
	changed "$s" "$T/before.txt"
}

# --- the store: the demo data, as of 20 March -------------------------------------

sr init >/dev/null || { echo "FAIL: init"; echo "0 passed, 1 failed"; exit 1; }
sr --as admin demo --seed 1 >/dev/null || { echo "FAIL: demo"; echo "0 passed, 1 failed"; exit 1; }
mkdir "$T/out"

# What may show in ASCII or in Chinese whatever the language: the data.
# Names of people, models and sources are the store's own words.
{
	sr --as admin user list --csv | awk -F, 'NR > 1 { print $3 }'
	sr --as admin model list --csv | awk -F, 'NR > 1 { print $3; print $4; print $5; print $6 }'
	sr --as admin source list --csv | awk -F, 'NR > 1 { print $3 }'
} | tr -d '\r' | grep -v '^$' | sort -u >"$T/data_words.txt"
# Logins whose user's name is not the login itself: they may not show.
sr --as admin user list --csv | tr -d '\r' | awk -F, 'NR > 1 && $2 != $3 { print $2 }' >"$T/logins.txt"
# The report titles, in menu order: name<TAB>title.
titles() {
	python3 -c 'import csv, sys
for row in list(csv.reader(sys.stdin))[1:]:
    print(row[0] + "\t" + row[1])'
}
SHOWROOM_LANG=zh_CN sr --as admin report list --csv | titles >"$T/titles_zh.txt"
sr --as admin report list --csv | titles >"$T/titles_en.txt"

# The checker: a captured screen against the rules of its language.
#   zh: no ASCII word of two letters or more but the data, DCC and the
#       names of keys (the hint line); no "…" (a cut title or cell); no login
#   en: no Chinese character and no full-width punctuation but the data;
#       no "…"; no login
# The title bar (line 1: the program, who is logged in) is the frame's.
cat >"$T/check.py" <<'EOF'
import re, sys
lang, path, data_path, logins_path = sys.argv[1:5]
lines = open(path, encoding="utf-8").read().split("\n")[1:]
text = "\n".join(lines)
data = sorted((w for w in open(data_path, encoding="utf-8").read().split("\n") if w),
              key=len, reverse=True)
logins = [w for w in open(logins_path, encoding="utf-8").read().split("\n") if w]
bad = []
if "…" in text:
    bad.append("cut text (…)")
for login in logins:
    if re.search(r"(?<![A-Za-z0-9_.-])" + re.escape(login) + r"(?![A-Za-z0-9_.-])", text):
        bad.append("login " + login)
rest = text
for w in data:
    rest = rest.replace(w, " ")
if lang == "zh":
    keys = {"DCC", "Tab", "S-Tab", "Left", "Right", "Up", "Down", "Esc", "Enter",
            "PgUp", "PgDn", "Home", "End", "Space", "Del", "Backspace", "Ctrl"}
    keys |= {"F%d" % i for i in range(1, 13)}
    for w in re.findall(r"[A-Za-z][A-Za-z0-9]+(?:-[A-Za-z][A-Za-z0-9]*)*", rest):
        if w not in keys and not re.fullmatch(r"F\d+", w):
            bad.append("ASCII word " + w)
else:
    for ch in sorted(set(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", rest))):
        bad.append("Chinese " + ch)
if bad:
    print("; ".join(sorted(set(bad))))
    sys.exit(1)
EOF

# page_ok LANG FILE: the screen in FILE keeps the rules (check.py).
page_ok() {
	out=$(python3 "$T/check.py" "$1" "$2" "$T/data_words.txt" "$T/logins.txt")
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "  $out" >&2
		sed 's/^/  | /' "$2" >&2
	fi
	return $rc
}

# wait_heading SESSION TITLE: true once the page's heading (the line under
# the title bar) begins with TITLE and a space.
wait_heading() {
	i=0
	while [ $i -lt $((WAIT_S * 20)) ]; do
		if screen "$1" | sed -n 2p | awk -v t=" $2" 'index($0, t) == 1 { f = 1 } END { exit !f }'; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "  (waited ${WAIT_S}s for the heading '$2'; the screen was:)" >&2
	screen "$1" | sed 's/^/  | /' >&2
	return 1
}

# The markers of columns left out on the right and on the left.
has_right_mark() { grep -q '▶' "$1"; }
has_left_mark() { grep -q '◀' "$1"; }

# every_page SESSION LANG SIZE ROLE TITLES: each report page the user
# may read, in menu order from the key report, kept to the rules, and each
# scrolled right to its last column (every step kept to the rules, the
# first column in place). TITLES: name<TAB>title lines to expect.
every_page() {
	ps=$1
	plang=$2
	what="$2 $3 $4"
	first=1
	# (lib.sh's check and wait_for use name and i: these are rname, step.)
	while IFS="$(printf '\t')" read -r rname rtitle; do
		if [ $first -eq 0 ]; then
			keys "$ps" Tab
		fi
		first=0
		if ! wait_heading "$ps" "$rtitle" >/dev/null 2>&1; then
			fail "$what: Tab reaches $rname ($rtitle)"
			continue
		fi
		sleep 0.2
		screen "$ps" >"$T/page.txt"
		check "$what: $rname page in words, nothing cut, no login" page_ok "$plang" "$T/page.txt"
		step=0
		while has_right_mark "$T/page.txt" && [ $step -lt 20 ]; do
			press "$ps" Right
			screen "$ps" >"$T/page.txt"
			step=$((step + 1))
			if ! page_ok "$plang" "$T/page.txt"; then
				fail "$what: $rname scrolled right $step: in words, nothing cut"
				break
			fi
		done
		if [ $step -gt 0 ]; then
			check "$what: $rname scrolled to its last column ($step steps)" \
				sh -c "! grep -q '▶' '$T/page.txt' && grep -q '◀' '$T/page.txt'"
		fi
	done <"$5"
}

# The pages a consultant reads: the reports of their own work.
grep -v -e '^sources' -e '^dcc' "$T/titles_zh.txt" >"$T/titles_zh_own.txt"
grep -v -e '^sources' -e '^dcc' "$T/titles_en.txt" >"$T/titles_en_own.txt"

for size in 80x24 120x36; do
	for who in qianhong:manager zhaojianguo:director wangfang:consultant; do
		login=${who%%:*}
		role=${who#*:}
		s="z$login$size"
		start_at "$s" "$size" "$login" SHOWROOM_LANG=zh_CN
		wait_for "$s" "我的工作" >/dev/null
		keys "$s" g
		titles=$T/titles_zh.txt
		[ "$role" = consultant ] && titles=$T/titles_zh_own.txt
		every_page "$s" zh "$size" "$role" "$titles"
		# Round again to the key report: Tab goes round every page and no other.
		keys "$s" Tab
		check "zh $size $role: Tab goes round to the key report" wait_heading "$s" "关键管理报表"
		keys "$s" q
		check "zh $size $role: quits cleanly" wait_exit "$s"
		check "zh $size $role: nothing on stderr" test ! -s "$T/$s.err"
	done
done

# English: no Chinese labels (the names of people, models and sources are data).
start_at en 80x24 qianhong SHOWROOM_LANG=en
wait_for en "My work" >/dev/null
keys en g
every_page en en 80x24 manager "$T/titles_en.txt"
keys en q
check "en: quits cleanly" wait_exit en

# --- scrolling, on the follow-up report at 80 columns -------------------------------

start_at sc 80x24 qianhong SHOWROOM_LANG=zh_CN
wait_for sc "我的工作" >/dev/null
keys sc g
wait_heading sc "关键管理报表" >/dev/null
keys sc Tab Tab
check "scroll: the follow-up report" wait_heading sc "跟进效果分析"
screen sc >"$T/s0.txt"
check "scroll: at 80 columns the last columns are left out, marked ▶" has_right_mark "$T/s0.txt"
check "scroll: ... and nothing on the left" sh -c "! grep -q '◀' '$T/s0.txt'"
check "scroll: 试乘试驾率 is not on screen yet" sh -c "! grep -q '试乘试驾率' '$T/s0.txt'"
i=0
while [ $i -lt 12 ]; do
	keys sc Right
	i=$((i + 1))
done
check "scroll: Right shows 试乘试驾率" wait_for sc "试乘试驾率"
screen sc >"$T/s1.txt"
check "scroll: ... marked ◀ on the left" has_left_mark "$T/s1.txt"
check "scroll: the consultants stay in the first column" \
	sh -c "grep -q '^王芳 ' '$T/s1.txt' && grep -q '^合计 ' '$T/s1.txt'"
check "scroll: ... and the first columns went" sh -c "! grep -q '有望客户基数' '$T/s1.txt'"
keys sc h h h h h h h h h h h h
check "scroll: h goes back to the first columns" wait_for sc "有望客户基数"
check "scroll: h scrolls here, it does not go home" sh -c "! tmux -L '$SOCK' capture-pane -p -t sc | grep -q '今日待跟进'"
keys sc l
check "scroll: l scrolls right" wait_for sc "◀"

# --- 成交 in the funnel and in the key report -----------------------------------------------

keys sc BTab BTab
wait_heading sc "关键管理报表" >/dev/null
check "kpi: says its 成交 counts older prospects too" wait_for sc "成交为本期成交的全部客户"
keys sc BTab BTab BTab
check "funnel: the 销售漏斗" wait_heading sc "销售漏斗"
check "funnel: says its 成交 counts only this period's new cards" wait_for sc "此处成交只计本期新增客户"

# --- the period: never into the future; y back to the month ---------------------------

check "period: March 2026 to begin with" wait_for sc "2026-03-01 至 2026-03-31"
keys sc ]
check "period: ] refuses the future" wait_for sc "已是最近的期间"
check "period: ... and stays in March" wait_for sc "销售漏斗　2026-03-01 至 2026-03-31"
keys sc [
check "period: [ goes to February" wait_for sc "销售漏斗　2026-02-01 至 2026-02-28"
keys sc y
check "period: y shows the year" wait_for sc "销售漏斗　2026-01-01 至 2026-12-31"
keys sc ]
check "period: ] refuses the next year" wait_for sc "已是最近的期间"
keys sc y
check "period: y lands back on February, where it came from" wait_for sc "销售漏斗　2026-02-01 至 2026-02-28"
keys sc y [ y
check "period: a year earlier, y lands on February of that year" wait_for sc "销售漏斗　2025-02-01 至 2025-02-28"
keys sc ] ] ] ] ] ] ] ] ] ] ] ] ] ]
check "period: ] stops at this month" wait_for sc "销售漏斗　2026-03-01 至 2026-03-31"

# --- filters change the figures ---------------------------------------------------------

count_of() { # count_of STEP [OPTIONS]: the funnel's count of STEP for March
	step=$1
	shift
	sr --as qianhong report funnel --from 2026-03-01 --to 2026-03-31 --csv "$@" | tr -d '\r' |
		awk -F, -v s="$step" '$1 == s { print $2 }'
}
all=$(count_of traffic)
hers=$(count_of traffic --consultant wangfang)
check "filters: the test needs different figures ($all, $hers)" test "$all" != "$hers"
check "filters: the funnel shows all the traffic ($all)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t sc | grep -Eq '^展厅流量 +$all '"
keys sc F
check "filters: F opens the filter form" wait_for sc "报表筛选"
# From, To, As of, then the consultant: 王芳 by name.
keys sc Down Down Down
i=0
while [ $i -lt 25 ] && ! tmux -L "$SOCK" capture-pane -p -t sc | grep -q '销售顾问  ‹ 王芳 ›'; do
	keys sc Right
	sleep 0.1
	i=$((i + 1))
done
check "filters: the consultant chosen by name" wait_for sc "‹ 王芳 ›"
screen sc >"$T/form.txt"
check "filters: the form in words, no login" page_ok zh "$T/form.txt"
keys sc F10
check "filters: the page says whose figures" wait_for sc "筛选条件　销售顾问：王芳"
check "filters: the funnel shows 王芳's traffic ($hers)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t sc | grep -Eq '^展厅流量 +$hers '"
keys sc Tab
check "filters: ... and so does the next report" wait_for sc "筛选条件　销售顾问：王芳"
keys sc BTab

# --- export the report on screen --------------------------------------------------------------

keys sc E
check "export: E asks for a file name" wait_for sc "导出：销售漏斗"
check "export: a name from the title and the period" wait_for sc "销售漏斗_2026-03-01_2026-03-31.xlsx"
keys sc C-u
type_text sc "$T/out/漏斗.xlsx"
keys sc F10
check "export: says where the file went" wait_for sc "已导出 6 行到 $T/out/漏斗.xlsx"
check "export: the file is there" test -s "$T/out/漏斗.xlsx"
python3 - "$T/out/漏斗.xlsx" >"$T/book.txt" <<'EOF'
import sys, zipfile, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
wb = ET.fromstring(z.read("xl/workbook.xml"))
print("sheets", "|".join(s.get("name") for s in wb.find("m:sheets", ns)))
sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
strings = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])) for si in sst.findall("m:si", ns)]
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
pane = sheet.find("m:sheetViews/m:sheetView/m:pane", ns)
print("frozen", pane.get("ySplit") if pane is not None else "none")
for c in sheet.iter("{%s}c" % ns["m"]):
    v = c.find("m:v", ns)
    if v is not None:
        print(c.get("r"), strings[int(v.text)] if c.get("t") == "s" else v.text)
EOF
check "export: one sheet, 销售漏斗" grep -qx 'sheets 销售漏斗' "$T/book.txt"
check "export: the header row frozen" grep -qx 'frozen 4' "$T/book.txt"
check "export: the filter on the title rows" grep -q '^A2 .*销售顾问：王芳' "$T/book.txt"
check "export: the steps in words" grep -qx 'A5 展厅流量' "$T/book.txt"
check "export: 王芳's traffic as a number" grep -qx "B5 $hers" "$T/book.txt"
check "export: audited" \
	test "$(sqlite3 "$DB" "select count(*) from audit where action = 'export' and entity = 'report'")" -ge 1
keys sc q
check "manager: quits cleanly" wait_exit sc
check "manager: nothing on stderr" test ! -s "$T/sc.err"

# --- who is offered g ------------------------------------------------------------------------

# A consultant: g, their own figures, no export.
start_at co 80x24 wangfang SHOWROOM_LANG=zh_CN
wait_for co "我的工作" >/dev/null
keys co '?'
wait_for co "所有界面" >/dev/null
check "consultant: the help offers g (报表)" \
	sh -c "tmux -L '$SOCK' capture-pane -p -t co | grep -Eq '│ +g +报表'"
keys co Escape
keys co g
check "consultant: g opens their figures" wait_heading co "关键管理报表"
check "consultant: ... their own" wait_for co "筛选条件　销售顾问：王芳"
check "consultant: no export key offered" \
	sh -c "! tmux -L '$SOCK' capture-pane -p -t co | tail -n 1 | grep -q '导出'"
keys co E
check "consultant: E refused" wait_for co "权限不足"
keys co BTab BTab BTab
check "consultant: their daily report, 销售顾问日报, three keys away" wait_heading co "销售顾问日报"
screen co >"$T/daily.txt"
check "consultant: their days only" \
	sh -c "awk 'NR > 5 && /^2026-03/ { print \$2 }' '$T/daily.txt' | sort -u | grep -qx '王芳'"
keys co F
check "consultant: the filters offer no one else" wait_for co "报表筛选"
check "consultant: ... no consultant field" sh -c "! tmux -L '$SOCK' capture-pane -p -t co | grep -q '销售顾问  ‹'"
keys co Escape q
check "consultant: quits cleanly" wait_exit co

# A receptionist and customer service: no reports, and no g offered.
for who in huangli guoxin; do
	start_at "r$who" 100x30 "$who" SHOWROOM_LANG=zh_CN
	sleep 1
	keys "r$who" '?'
	sleep 0.5
	screen "r$who" >"$T/help.txt"
	check "$who: the help is open" grep -q '所有界面' "$T/help.txt"
	check "$who: the help does not offer g" sh -c "! grep -Eq '│ +g +' '$T/help.txt'"
	check "$who: ... nor 报表" sh -c "! grep -q '报表' '$T/help.txt'"
	keys "r$who" Escape q
	wait_exit "r$who" >/dev/null
done

finish
