# test_encoding.sh — issue 12 item 16: --encoding auto decides on the whole
# first chunk. A UTF-8 file with a few bad bytes is read as UTF-8 and only
# the rows holding them are rejected, naming the line and the field; before,
# one bad byte near the start made it GB18030 and nothing could be read
# ("no phone column"). A real GB18030 file is still detected, and a byte
# that is not GB18030 rejects its row too (before: filed with U+FFFD).
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

kv()
{
	printf '%s\n' "$OUT" | sed -n "s/^$1: //p"
}

# A bad byte on line 2, the first data row.
printf '姓名,手机,意向车型,留言,提交时间,城市\n张\377伟,13800000001,英朗,想了解价格,2026-03-01 09:00,北京\n李娜,13800000002,,,2026-03-01 09:10,上海\n王芳,13800000003,君威,周末来店,2026-03-01 09:20,\n' \
	>"$T/one.csv"
sr --as mgr import "$T/one.csv" --source autohome
expect_ok
expect_eq "$(kv encoding)" utf-8 "read as UTF-8"
expect_eq "$(kv filed)" 2 "the good rows filed"
expect_eq "$(kv rejected)" 1 "the bad row rejected"
OUT=$(cat "$T/one.csv.rejects.csv")
expect_match "$OUT" '2,"name holds the byte 0xFF, which is not utf-8 text",*' "line 2 names the name"
expect_eq "$(db_val "select group_concat(name, ' ') from cards order by id")" "李娜 王芳" "the names as written"

# A few bad bytes in several fields (Latin-1 left in a UTF-8 export).
printf '姓名,手机,留言,城市\n张伟,13800000011,caf\351,北京\n李娜,1380000001\3512,,上海\n王芳,13800000013,,S\343o Paulo\n赵六,13800000014,好,广州\n' \
	>"$T/few.csv"
sr --as mgr import "$T/few.csv" --source autohome
expect_ok
expect_eq "$(kv encoding)" utf-8 "a few bad bytes: still UTF-8"
expect_eq "$(kv filed)" 1 "one good row"
expect_eq "$(kv rejected)" 3 "three rows with bad bytes"
OUT=$(cat "$T/few.csv.rejects.csv")
expect_eq "$(printf '%s\n' "$OUT" | cut -d, -f1-2 | tr -d '\r' | tr '\n' ' ')" \
	'2,"note holds the byte 0xE9 3,"phone holds the byte 0xE9 4,"region holds the byte 0xE3 ' \
	"each bad row names its line and field"

# A real GB18030 file (made here with iconv) is still detected.
printf '姓名,手机,意向车型,留言,提交时间,城市\n欧阳明月,13800000021,英朗,想了解价格和优惠,2026-03-01 09:00,北京\n李娜,13800000022,,周末来店看车,2026-03-01 09:10,上海\n' |
	iconv -f UTF-8 -t GB18030 >"$T/gb.csv"
sr --as mgr import "$T/gb.csv" --source autohome
expect_ok
expect_eq "$(kv encoding)" gb18030 "GB18030 detected"
expect_eq "$(kv filed)" 2 "GB18030 rows filed"
expect_eq "$(db_val "select name from cards where phone = '13800000021'")" 欧阳明月 "GB18030 name converted"

# A byte that is not GB18030 in a GB18030 file rejects its row.
{
	printf '姓名,手机,城市\n' | iconv -f UTF-8 -t GB18030
	printf '\244\200\377,13800000031,'
	printf '北京\n周伟,13800000032,上海\n' | iconv -f UTF-8 -t GB18030
} >"$T/gbbad.csv"
sr --as mgr import "$T/gbbad.csv" --source autohome
expect_ok
expect_eq "$(kv encoding)" gb18030 "still GB18030"
expect_eq "$(kv filed)" 1 "the good GB18030 row filed"
expect_eq "$(kv rejected)" 1 "the bad GB18030 row rejected"
OUT=$(cat "$T/gbbad.csv.rejects.csv")
expect_match "$OUT" '2,"name holds the byte 0x*, which is not gb18030 text",*' "names the field"
expect_eq "$(db_val "select count(*) from cards where name like '%' || char(65533) || '%'")" 0 \
	"no name filed with U+FFFD"
finish
