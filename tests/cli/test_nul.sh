# test_nul.sh — issue 12 item 13: a NUL byte never silently cuts text
# short. A password read from standard input that holds one is refused
# (exit 6, naming the password, nothing changed; before, abcdefgh\0ijkl set
# and logged in as abcdefgh); an imported row with a NUL in a field goes to
# the rejects file naming the field and the line (before, the name was cut
# at the NUL and filed).
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

# sr_bytes FORMAT ARGS...: like sr, with printf FORMAT (which may hold \0)
# on standard input.
sr_bytes()
{
	_fmt=$1
	shift
	# shellcheck disable=SC2059
	printf "$_fmt" | timeout 120 "$SHOWROOM" --db "$DB" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

audit_rows()
{
	db_val "select count(*) from audit"
}

# --- passwords ------------------------------------------------------------------
before=$(db_fingerprint)
audits=$(audit_rows)
sr_bytes 'abcdefgh\0ijkl\n' --as admin user passwd bob
expect_rc 6
expect_err_contains "password"
expect_err_contains "NUL"
expect_eq "$(db_fingerprint)" "$before" "a refused password changes nothing"
expect_eq "$(db_val "select password_hash is null from users where login = 'bob'")" 1 "no password set"
expect_eq "$(audit_rows)" "$audits" "nothing audited"

sr_bytes 'abcdefgh\n' --as admin user passwd bob
expect_ok
before=$(db_fingerprint)
audits=$(audit_rows)
sr_bytes 'abcdefgh\0ijkl\n' --as admin user login bob
expect_rc 6
expect_err_contains "password"
expect_eq "$(db_fingerprint)" "$before" "a refused login changes nothing"
expect_eq "$(audit_rows)" "$audits" "a refused login is no attempt: not audited, not counted"
sr_bytes 'abcdefgh\n' --as admin user login bob
expect_ok
expect_out_contains "logged in as bob"
# A NUL at the very end is no less a NUL.
sr_bytes 'abcdefgh\0\n' --as admin user login bob
expect_rc 6

# --- import -----------------------------------------------------------------------
printf '姓名,手机,留言,城市,备用\n张伟,13800000001,好,北京,x\n王\0芳,13800000002,,上海,x\n李娜,13800000003,看\0车,,x\n赵六,13800000004,,广州,a\0b\n' \
	>"$T/leads.csv"
sr --as mgr import "$T/leads.csv" --source autohome
expect_ok
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^filed: //p')" 1 "filed"
expect_eq "$(printf '%s\n' "$OUT" | sed -n 's/^rejected: //p')" 3 "rejected"
expect_eq "$(db_val "select count(*) from cards where name in ('王', '王芳')")" 0 "no name cut at the NUL"
OUT=$(cat "$T/leads.csv.rejects.csv")
expect_match "$(printf '%s\n' "$OUT" | sed -n 1p)" "3,name holds a NUL byte,王�芳,13800000002,*" "line 3 names the name"
expect_match "$(printf '%s\n' "$OUT" | sed -n 2p)" "4,note holds a NUL byte,*" "line 4 names the note"
expect_match "$(printf '%s\n' "$OUT" | sed -n 3p)" "5,column 5 holds a NUL byte,*" "line 5 names the column"

# A NUL in the header: nothing can be read.
printf '姓名,手\0机\n张伟,13800000009\n' >"$T/header.csv"
expect_refusal 6 --as mgr import "$T/header.csv" --source autohome
expect_err_contains "header row holds a NUL byte in column 2"
finish
