#!/bin/sh
# backup-rotate.sh DIR [DAYS] — a nightly backup of the showroom database
# with rotation, for cron (README "Backup and restore"):
#
#   15 2 * * *  /usr/local/share/showroom/backup-rotate.sh /var/backups/showroom 14
#
# Writes DIR/showroom-YYYYMMDD-HHMMSS.db with `showroom backup` (SQLite's
# online backup: consistent while staff work), checks the copy with
# sqlite3's integrity_check (a copy that fails is renamed *.bad and the
# script exits 1, so cron mails the output), then deletes backups older
# than DAYS days (default 14). Environment: SHOWROOM (the program, default
# showroom on PATH), SHOWROOM_DB as for showroom (ignored by a setgid
# install), SHOWROOM_BACKUP_AS (a login for --as, e.g. admin, when the
# crontab's account maps to no user; root acts as admin anyway).
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: backup-rotate.sh DIR [DAYS]" >&2
	exit 1
fi
dir=$1
days=${2:-14}
case $days in
'' | *[!0-9]*)
	echo "backup-rotate.sh: DAYS must be a number, got '$days'" >&2
	exit 1
	;;
esac
prog=${SHOWROOM:-showroom}
umask 077
mkdir -p "$dir" || exit 1
file=$dir/showroom-$(date +%Y%m%d-%H%M%S).db
if [ -n "${SHOWROOM_BACKUP_AS:-}" ]; then
	"$prog" --as "$SHOWROOM_BACKUP_AS" backup "$file" >/dev/null || exit 1
else
	"$prog" backup "$file" >/dev/null || exit 1
fi
ok=$(sqlite3 -readonly "$file" "PRAGMA integrity_check" 2>&1 | head -n 1)
if [ "$ok" != "ok" ]; then
	mv "$file" "$file.bad"
	echo "backup-rotate.sh: $file fails the integrity check ($ok): kept as $file.bad" >&2
	exit 1
fi
find "$dir" -maxdepth 1 -type f -name 'showroom-*.db' -mtime +"$days" -exec rm -f {} +
echo "$file"
