# test_deploy.sh — the shared (setgid) deployment: a copy of the program made
# setgid to another group behaves as `make install-setgid` installs it: no
# --db or --now, SHOWROOM_DB and SHOWROOM_NOW ignored (only the compiled-in
# database and the real clock). Needs root to give the copy another group;
# without root it checks only that the plain program is not in that mode.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"
setup_users

if [ "$(id -u)" = 0 ] && getent group nogroup >/dev/null; then
	SG=$T/sg/showroom
	mkdir -m 755 "$T/sg"
	cp "$SHOWROOM" "$SG"
	chgrp nogroup "$SG"
	chmod 2755 "$SG"
	timeout 60 "$SG" --db "$DB" card list >"$T/out" 2>"$T/err"
	RC=$?
	ERR=$(cat "$T/err")
	OUT=$(cat "$T/out")
	expect_rc 1
	expect_err_contains "not allowed in the shared (setgid) install"
	timeout 60 "$SG" --now "2026-01-01" card list >"$T/out" 2>"$T/err"
	RC=$?
	ERR=$(cat "$T/err")
	OUT=$(cat "$T/out")
	expect_rc 1
	# SHOWROOM_DB is not followed: it opens the installed path, whatever
	# the caller sets.
	SHOWROOM_DB=$DB timeout 60 "$SG" card list >"$T/out" 2>"$T/err"
	RC=$?
	ERR=$(cat "$T/err")
	OUT=$(cat "$T/out")
	expect_ne "$RC" 0 "setgid showroom following SHOWROOM_DB"
	expect_err_not_contains "$DB"
	expect_err_contains "/var/lib/showroom/showroom.db"
else
	expect_true "skipped: setgid copy needs root" true
fi
# The ordinary program follows SHOWROOM_DB and --db.
SHOWROOM_DB=$DB sr_raw --as admin card list
expect_ok
finish
