# test_setgid.sh — the shared deployment against its own users (issue 12):
# a real `make install-setgid` into a temporary prefix and database folder,
# then real Unix accounts (a consultant, a manager, an administrator, one
# mapped to nobody) attack the store through the installed program. Each
# attack is one the store once fell to; each must now be refused with the
# books untouched, still owned by root.
#
# Needs root (to add users and a group, and to install setgid); without it
# the test says so and checks nothing else.
. "${SR_CLI_DIR:-$(dirname "$0")}/lib.sh"

top=$(cd "${SR_CLI_DIR:-$(dirname "$0")}/../.." && pwd)
if [ "$(id -u)" != 0 ]; then
	echo "test_setgid.sh: skipped: needs root to add Unix users and install setgid" >&2
	expect_true "skipped (not root): the setgid deployment is tested as root only" true
	finish
	exit 0
fi
for tool in useradd userdel groupadd groupdel setpriv; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "test_setgid.sh: skipped: $tool is missing" >&2
		expect_true "skipped: $tool is missing" true
		finish
		exit 0
	fi
done

# Names unique to this run: a group and four accounts, removed at the end.
tag=$(printf '%05d' $(($$ % 100000)))
G=srg$tag
UC=src$tag   # consultant
UM=srm$tag   # manager
UA=sra$tag   # administrator
UN=srn$tag   # mapped to no showroom user
# The install goes where only root can change anything on the way from /
# (below the checkout's build/ when it is such a place): the installed
# program trusts its message catalogue only there. Elsewhere ($T under a
# world-writable /tmp) it speaks English, and the Chinese check is skipped.
trusted_path()
{
	_p=$1
	while :; do
		[ "$(stat -c '%u' "$_p")" = 0 ] || return 1
		[ $(($(stat -c '0%a' "$_p") & 022)) -eq 0 ] || return 1
		[ "$_p" = / ] && return 0
		_p=$(dirname "$_p")
	done
}
mkdir -p "$top/build" 2>/dev/null
if trusted_path "$top/build" && I=$(mktemp -d "$top/build/setgid-test.XXXXXX"); then
	TRUSTED=1
else
	I=$T
	TRUSTED=0
fi
cleanup()
{
	for u in $UC $UM $UA $UN; do
		userdel "$u" 2>/dev/null
	done
	groupdel "$G" 2>/dev/null
	[ "$I" != "$T" ] && rm -rf "$I"
	rm -rf "$T"
}
trap cleanup EXIT

# Everyone must reach the program; each account has a home beside it.
chmod 755 "$T" "$I"
mkdir -m 755 "$I/home" "$I/var"
for u in $UC $UM $UA $UN; do
	useradd -M -N -d "$I/home/$u" -s /bin/sh "$u" || _fail "useradd $u"
	mkdir -m 700 "$I/home/$u"
	chown "$u" "$I/home/$u"
done

# --- the real install ----------------------------------------------------------------------------
DBDIR=$I/var/showroom
LIVE=$DBDIR/showroom.db
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	make -C "$top" -j2 BUILDDIR="$I/build" PREFIX="$I/prefix" DBDIR="$DBDIR" \
		SHOWROOM_GROUP="$G" install-setgid
) >"$T/install.log" 2>&1
rc=$?
expect_eq "$rc" "0" "make install-setgid: $(tail -n 5 "$T/install.log" | tr '\n' '|')"
BIN=$I/prefix/bin/showroom
expect_eq "$(stat -c '%a %G' "$BIN")" "2755 $G" "the installed program's mode and group"
expect_eq "$(stat -c '%a %G %U' "$DBDIR")" "2770 $G root" "the database folder"
expect_eq "$(stat -c '%a %G %U' "$LIVE")" "660 $G root" "the database made by the install"

# as USER ARGS...: run the installed program as that Unix account, from its
# home, with a plain environment; stdout in OUT, stderr in ERR, code in RC.
as()
{
	_u=$1
	shift
	(cd "$I/home/$_u" && timeout 120 setpriv --reuid="$_u" --regid="$(id -g "$_u")" \
		--init-groups env -i PATH=/usr/bin:/bin HOME="$I/home/$_u" LC_ALL=C.UTF-8 \
		"$BIN" "$@") </dev/null >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

# as_root ARGS...: root, through the same setgid program.
as_root()
{
	timeout 120 env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 "$BIN" "$@" \
		</dev/null >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

# The books as they stand: their cards and users, read by root with sqlite3.
books()
{
	sqlite3 "$LIVE" "select count(*) from cards; select count(*) from users;" 2>&1 |
		tr '\n' ' '
}

# intact WHAT: the live database is the same books, sound, owned by root.
intact()
{
	expect_eq "$(books)" "$BOOKS" "the books after: $1"
	expect_eq "$(stat -c '%U %G %a' "$LIVE")" "root $G 660" "the database's owner after: $1"
	as_root check
	expect_ok
}

as_root user add cons --name 陈顾问 --role consultant --unix "$UC"
expect_ok
as_root user add mgr --name 王经理 --role manager --unix "$UM"
expect_ok
as_root user add boss --name 李管理员 --role admin --unix "$UA"
expect_ok
as_root card file --name 张伟 --phone 13912344321 --channel walkin --owner cons
expect_ok
as_root card file --name 刘洋 --phone 13812345678 --channel phone --owner cons
expect_ok
BOOKS=$(books)
expect_eq "$BOOKS" "2 4 " "the books before the attacks"

# The installed program speaks Chinese from its root-owned catalogue.
if [ "$TRUSTED" = 1 ]; then
	(cd "$I/home/$UC" && setpriv --reuid="$UC" --regid="$(id -g "$UC")" --init-groups \
		env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 SHOWROOM_LANG=zh_CN "$BIN" --help) \
		>"$T/zh" 2>&1
	expect_true "the installed program in Chinese: $(head -c 200 "$T/zh")" grep -q "用法" "$T/zh"
else
	echo "test_setgid.sh: the Chinese catalogue of the install is not checked: $top/build is not a root-only path" >&2
fi

# Each account's own view works: the consultant lists their cards.
as "$UC" card list --csv
expect_ok
expect_out_contains "张伟"

# --- 1. a consultant names the database as the rejects file -----------------------------------------
as "$UC" import /etc/hostname --source autohome --rejects "$LIVE"
expect_rc 3
intact "import --rejects DATABASE by a consultant"
# The manager may import; the rejects still cannot go into the books' folder.
printf 'name,phone\n张三,12\n' >"$I/home/$UM/leads.csv"
chown "$UM" "$I/home/$UM/leads.csv"
as "$UM" import leads.csv --source autohome --rejects "$LIVE"
expect_rc 3
expect_err_contains "database"
intact "import --rejects DATABASE by a manager"
# Nor can an import read the books for its caller (its rejects would copy them out).
as "$UM" import "$LIVE" --source autohome --rejects r.csv
expect_rc 6
expect_err_contains "Permission denied"
expect_true "an import of the database left a rejects file in the home" \
	test -z "$(ls "$I/home/$UM" | grep rejects)"
intact "import DATABASE by a manager"

# --- 2. a link planted at the temporary name ------------------------------------------------------
ln -s "$LIVE" "$I/home/$UC/x.csv.tmp"
as "$UC" export cards --out "$I/home/$UC/x.csv"
expect_rc 3
intact "export through a planted x.csv.tmp link (consultant)"
ln -s "$LIVE" "$I/home/$UM/x.csv.tmp"
as "$UM" export cards --out x.csv
expect_ok
intact "export through a planted x.csv.tmp link (manager)"
expect_eq "$(stat -c '%U %a' "$I/home/$UM/x.csv")" "$UM 600" "the manager's export: owner and mode"
expect_ne "$(stat -c '%G' "$I/home/$UM/x.csv")" "$G" "the export's group"
# A link at the name itself is replaced, never written through.
ln -s "$LIVE" "$I/home/$UM/y.csv"
as "$UM" export cards --out y.csv
expect_ok
intact "export to a name linked to the database"
expect_true "y.csv is still a link" test ! -L "$I/home/$UM/y.csv"
# No temporary file is left behind.
expect_eq "$(ls "$I/home/$UM" | grep -c 'tmp-')" "0" "temporary files left in the home"

# --- 3. a manager writes over the books, or makes them theirs -----------------------------------------
as "$UM" export cards --out "$LIVE"
expect_rc 3
expect_err_contains "database"
intact "export --out DATABASE"
as "$UM" export cards --out "$DBDIR/other.csv"
expect_rc 3
intact "export into the database's folder"
as "$UM" backup "$LIVE"
expect_rc 3
intact "backup DATABASE"
as "$UM" report funnel --out "$LIVE"
expect_rc 3
intact "report --out DATABASE"
as "$UM" --as boss card list
expect_rc 3
expect_err_contains "root"
# A backup of their own is theirs, not the group's.
as "$UM" backup mine.db
expect_ok
expect_eq "$(stat -c '%U %a' "$I/home/$UM/mine.db")" "$UM 600" "the manager's backup: owner and mode"
expect_ne "$(stat -c '%G' "$I/home/$UM/mine.db")" "$G" "the backup's group"
expect_eq "$(sqlite3 "$I/home/$UM/mine.db" 'select count(*) from cards')" "2" "cards in the backup"
intact "a manager's own backup"
# The administrator restores only what they can read themselves.
cp "$LIVE" "$T/root-only.db"
chmod 600 "$T/root-only.db"
as "$UA" restore "$T/root-only.db"
expect_ne "$RC" "0" "restore of a file the administrator cannot read"
intact "restore of an unreadable file"

# --- 4. init where the database is missing, or by the wrong user ------------------------------------
mv "$LIVE" "$T/live.db"
as "$UN" init
expect_rc 3
expect_true "init by an unmapped account created the database" test ! -e "$LIVE"
as "$UC" init
expect_rc 3
expect_true "init by a consultant created the database" test ! -e "$LIVE"
mv "$T/live.db" "$LIVE"
as "$UC" init
expect_rc 3
as "$UN" init
expect_rc 3
as "$UA" init
expect_ok
intact "init on the books by their administrator"

# --- 5. an emptied database is an alarm, never a new store -----------------------------------------
cp -p "$LIVE" "$T/live.db"
: >"$LIVE"
as "$UC" card list
expect_rc 7
expect_err_contains "not a showroom database"
as_root check
expect_rc 7
expect_err_contains "not a showroom database"
as "$UA" init
expect_rc 7
as_root init
expect_rc 7
expect_eq "$(stat -c '%s' "$LIVE")" "0" "the emptied file's size after every command"
cp -p "$T/live.db" "$LIVE"
intact "the emptied database put back"

# --- 11. a full disk under the database does not stop a backup elsewhere -------------------------------
# A small disk of its own mounted over the database's folder, the books
# copied onto it, held open by another program (as in a working store,
# where the -wal and -shm are there), then filled to the last byte.
sqlite3 "$LIVE" ".backup '$T/snap.db'"
GID=$(getent group "$G" | cut -d: -f3)
if mount -t tmpfs -o "size=4m,mode=2770,gid=$GID" tmpfs "$DBDIR" 2>"$T/mount.err"; then
	cp "$T/snap.db" "$LIVE"
	chown root:"$G" "$LIVE"
	chmod 660 "$LIVE"
	mkfifo "$T/hold"
	sqlite3 "$LIVE" <"$T/hold" >/dev/null 2>&1 &
	holder=$!
	exec 9>"$T/hold"
	echo "select count(*) from cards;" >&9
	sleep 1
	dd if=/dev/zero of="$DBDIR/filler" bs=4k 2>/dev/null
	as "$UM" card file --name 满盘 --phone 13700001111 --channel phone --owner cons
	expect_rc 7
	as "$UM" backup full.db
	expect_ok
	expect_err_contains "audit"
	expect_eq "$(sqlite3 "$I/home/$UM/full.db" 'select count(*) from cards')" "2" \
		"cards in the backup taken with the database's disk full"
	exec 9>&-
	wait "$holder"
	umount "$DBDIR"
else
	echo "test_setgid.sh: the full-disk backup is left to the fault tests: cannot mount a tmpfs ($(cat "$T/mount.err"))" >&2
fi
intact "the full disk"

# --- files are private whatever the umask (plain mode too) ----------------------------------------
PLAIN=$T/plain
mkdir "$PLAIN" "$PLAIN/db"
(umask 022 && SHOWROOM_DB=$PLAIN/db/p.db "$SHOWROOM" init >/dev/null 2>&1 &&
	SHOWROOM_DB=$PLAIN/db/p.db "$SHOWROOM" --as admin backup "$PLAIN/b.db" >/dev/null 2>&1 &&
	SHOWROOM_DB=$PLAIN/db/p.db "$SHOWROOM" --as admin export cards --out "$PLAIN/e.csv" \
		>/dev/null 2>&1)
expect_eq "$(stat -c '%a' "$PLAIN/db/p.db" "$PLAIN/b.db" "$PLAIN/e.csv" 2>&1 | tr '\n' ' ')" \
	"600 600 600 " "modes of the database, a backup and an export under umask 022"

finish
