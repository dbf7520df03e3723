#!/bin/sh
# import_bench.sh — how fast `showroom import` takes a large portal export,
# beside the floor: sqlite3's own `.import` of the same file into a plain
# table in memory.
#
#	sh tests/bench/import_bench.sh [PATH/TO/showroom] [ROWS]
#
# Generates a ROWS-row (default 100 000) Autohome-style CSV (UTF-8, the
# portals' Chinese column names, every phone different and in random order,
# as portal exports are), imports it into a fresh database with two DCC
# callers, and prints rows per second and peak memory (maximum resident set
# size, from /usr/bin/time -v) for both, and the ratio of the two times
# (issue 15's target: at most 3). The floor is sqlite3's `.import` into a
# table of a database file, as the import writes one. Not part of
# `make test`: `make bench-import` runs it.
set -e
prog=${1:-build/showroom}
rows=${2:-100000}
case $prog in
/*) ;;
*) prog=$(pwd)/$prog ;;
esac
if [ ! -x "$prog" ]; then
	echo "import_bench: no program at $prog (run make first)" >&2
	exit 1
fi
for tool in /usr/bin/time sqlite3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "import_bench: $tool is needed" >&2
		exit 1
	fi
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/showroom-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
csv=$dir/leads.csv
mkdir "$dir/db"
db=$dir/db/bench.db
export SHOWROOM_NOW="2026-03-02 10:00:00"
export LC_ALL=C.UTF-8

# The file: 姓名,手机,意向车型,来源,留言,提交时间,城市; a quoted note with a
# comma in one row of ten, as portals write them.
awk -v n="$rows" 'BEGIN {
	srand(15)
	split("excelle verano regal lacrosse envision encore gl8", m, " ")
	split("北京 上海 广州 深圳 杭州 南京 成都 武汉", city, " ")
	split("张 王 李 赵 刘 陈 杨 黄 周 吴", fam, " ")
	print "姓名,手机,意向车型,来源,留言,提交时间,城市"
	for (i = 0; i < n; i++) {
		do p = sprintf("%08d", int(rand() * 100000000)); while (p in seen)
		seen[p] = 1
		note = (i % 10 == 0) ? "\"想了解价格，周末到店\"" : "询底价"
		s = i % 86400
		printf "%s先生%d,139%s,%s,autohome,%s,2026-02-%02d %02d:%02d:%02d,%s\n",
		       fam[i % 10 + 1], i, p, m[i % 7 + 1], note, i % 28 + 1,
		       int(s / 3600), int(s / 60) % 60, s % 60, city[i % 8 + 1]
	}
}' >"$csv"

# peak KB and elapsed seconds from a /usr/bin/time -v report
report()
{
	awk '/Maximum resident set size/ { kb = $NF }
	     /Elapsed \(wall clock\)/ {
		n = split($NF, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
	     }
	     END { printf "%s %s\n", kb, s }' "$1"
}

"$prog" --db "$db" init >/dev/null
"$prog" --db "$db" --as admin user add mgr --name 经理 --role manager >/dev/null
"$prog" --db "$db" --as admin user add dcc1 --name 呼出一 --role dcc-outbound --team dcc >/dev/null
"$prog" --db "$db" --as admin user add dcc2 --name 呼出二 --role dcc-outbound --team dcc >/dev/null

/usr/bin/time -v -o "$dir/sr.time" "$prog" --db "$db" --as mgr import "$csv" >"$dir/sr.out"
/usr/bin/time -v -o "$dir/sq.time" sqlite3 "$dir/floor.db" ".import --csv $csv leads" \
	"SELECT count(*) FROM leads;" >"$dir/sq.out"

filed=$(sed -n 's/^filed: //p' "$dir/sr.out")
set -- $(report "$dir/sr.time")
sr_kb=$1 sr_s=$2
set -- $(report "$dir/sq.time")
sq_kb=$1 sq_s=$2

echo "rows in file:        $rows ($(du -k "$csv" | cut -f1) KB)"
echo "showroom import:     filed $filed in ${sr_s} s, $(awk -v r="$rows" -v s="$sr_s" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }') rows/s, peak ${sr_kb} KB"
echo "sqlite3 .import:     $(cat "$dir/sq.out") rows in ${sq_s} s, $(awk -v r="$rows" -v s="$sq_s" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }') rows/s, peak ${sq_kb} KB"
echo "ratio:               $(awk -v a="$sr_s" -v b="$sq_s" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')x the floor (target <= 3x)"
