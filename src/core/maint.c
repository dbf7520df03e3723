/* maint.c — online backup and the database check. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store.h"
#include "showroom/maint.h"
#include "showroom/userfile.h"

enum { BACKUP_BUSY_TRIES = 100, BACKUP_BUSY_WAIT_MS = 50 };

/* Every page of the books into dest_path, a new file of the user's. */
static sr_status backup_pages(sr_db *db, const char *dest_path, const char *shown)
{
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(dest_path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
	                         NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
		if (!b) {
			rc = sqlite3_errcode(dst);
		} else {
			/* All pages in one step; retry while a writer holds the lock. */
			for (int tries = 0; tries < BACKUP_BUSY_TRIES; tries++) {
				rc = sqlite3_backup_step(b, -1);
				if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
					break;
				sqlite3_sleep(BACKUP_BUSY_WAIT_MS);
			}
			int frc = sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = frc;
		}
	}
	sr_status st = SR_OK;
	if (rc != SQLITE_OK)
		st = sr_fail(db, (rc & 0xff) == SQLITE_BUSY ? SR_CONFLICT : SR_IO,
		             _("backup to %s failed: %s"), shown,
		             dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	if (sqlite3_close(dst) != SQLITE_OK && st == SR_OK)
		st = sr_fail(db, SR_IO, _("backup to %s failed: cannot close it"), shown);
	return st;
}

/* A backup holds every phone: audited like an export. */
static sr_status backup_audit(sr_db *db, void *ctx)
{
	(void)ctx;
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, sr_audit_write(db, "backup", "database", 0, 0, NULL, NULL));
}

sr_status sr_db_backup(sr_db *db, const char *dest_path, bool *audited)
{
	if (audited)
		*audited = false;
	sr_status st = sr_perm_require(db, SR_ACT_EXPORT);
	sr_userfile *f = NULL;
	if (st == SR_OK)
		st = sr_userfile_create(db, dest_path, &f);
	if (st != SR_OK)
		return st;
	/* The copy's file, and its journal, are the user's: written with the
	 * user's own rights. The books are read through this connection's
	 * open files, which need no new rights. */
	sr_rights r;
	st = sr_rights_user(db, &r);
	if (st == SR_OK) {
		st = backup_pages(db, sr_userfile_temp(f), dest_path);
		sr_status back = sr_rights_back(db, &r);
		if (st == SR_OK)
			st = back;
	}
	/* When the database's own disk is full the audit row cannot be
	 * written; the backup, wanted most just then, stands all the same. */
	bool done = false;
	st = sr_userfile_finish(db, f, st, backup_audit, NULL, &done);
	if (audited)
		*audited = done;
	return st;
}

/* The card rules, asked of the stored data: each row is one problem. The
 * schema's CHECKs keep most of them; these catch what a hand edit with
 * the checks switched off, or a bug, could leave behind. */
static const char RULES_SQL[] =
	"SELECT 1, id, status FROM cards"
	" WHERE status IN ('active','order') AND next_date IS NULL AND merged_into IS NULL"
	" UNION ALL SELECT 2, id, status FROM cards WHERE status = 'dormant' AND next_date IS NOT NULL"
	" UNION ALL SELECT 3, c.id, c.status FROM orders o JOIN cards c ON c.id = o.card_id"
	" WHERE o.status = 'open' AND c.status <> 'order'"
	" UNION ALL SELECT 4, id, status FROM cards c WHERE status = 'order' AND NOT EXISTS"
	" (SELECT 1 FROM orders o WHERE o.card_id = c.id AND o.status = 'open')"
	" UNION ALL SELECT 5, c.id, u.login FROM cards c JOIN users u ON u.id = c.owner_id"
	" WHERE u.active = 0 AND c.status IN ('active','order','dormant') AND c.merged_into IS NULL";

/* The words of each rule finding: (rule number, card id, status or login). */
static void rule_text(sqlite3_stmt *q, char *out, size_t outlen)
{
	long long id = sqlite3_column_int64(q, 1);
	const char *arg = (const char *)sqlite3_column_text(q, 2);
	switch (sqlite3_column_int(q, 0)) {
	case 1:
		snprintf(out, outlen, _("card %lld is %s but has no next follow-up date"), id, arg);
		break;
	case 2:
		snprintf(out, outlen, _("card %lld is dormant but has a next follow-up date"), id);
		break;
	case 3:
		snprintf(out, outlen, _("card %lld is %s but has an open order"), id, arg);
		break;
	case 4:
		snprintf(out, outlen, _("card %lld is order but has no open order"), id);
		break;
	default:
		snprintf(out, outlen,
		         _("card %lld is owned by deactivated user %s: reassign it"), id, arg);
		break;
	}
}

static sr_status run_check(sr_db *db, const char *sql, const char *kind, sr_check_fn fn,
                           void *ctx, long *problems)
{
	sqlite3_stmt *q = sr_stmt(db, sql);
	if (!q)
		return SR_IO;
	int rc;
	char text[512];
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (!strcmp(kind, "integrity")) {
			const char *msg = (const char *)sqlite3_column_text(q, 0);
			if (msg && !strcmp(msg, "ok"))
				continue;
			snprintf(text, sizeof text, "%s", msg ? msg : "?");
		} else if (!strcmp(kind, "foreign-key")) {
			snprintf(text, sizeof text, _("%s row %lld refers to a missing %s"),
			         (const char *)sqlite3_column_text(q, 0),
			         (long long)sqlite3_column_int64(q, 1),
			         (const char *)sqlite3_column_text(q, 2));
		} else {
			rule_text(q, text, sizeof text);
		}
		fn(ctx, kind, text);
		(*problems)++;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("checking the database"));
	return SR_OK;
}

sr_status sr_db_check(sr_db *db, sr_check_fn fn, void *ctx, long *problems)
{
	*problems = 0;
	sr_status st = run_check(db, "PRAGMA integrity_check", "integrity", fn, ctx, problems);
	if (st == SR_OK)
		st = run_check(db, "PRAGMA foreign_key_check", "foreign-key", fn, ctx, problems);
	if (st == SR_OK)
		st = run_check(db, RULES_SQL, "rule", fn, ctx, problems);
	return st;
}

/* --- restore ------------------------------------------------------------- */

/* Every SQLite connection to a WAL database holds a shared fcntl lock on
 * the "DMS" byte of the -shm file (byte 128: the unix VFS's UNIX_SHM_DMS)
 * for as long as it is open. F_GETLK reports locks of other processes only,
 * so a conflicting lock there means someone else has the database open. */
enum { SHM_DMS_BYTE = 128 };

static sr_status others_have_it_open(sr_db *db, const char *db_path)
{
	char shm[4096];
	if (snprintf(shm, sizeof shm, "%s-shm", db_path) >= (int)sizeof shm)
		return sr_fail(db, SR_USAGE, _("the database path is too long"));
	int fd = open(shm, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return SR_OK; /* no -shm: no WAL connection at all */
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE,
	                    .l_len = 1 };
	int rc = fcntl(fd, F_GETLK, &fl);
	close(fd);
	if (rc != 0)
		return sr_fail(db, SR_IO, _("cannot probe %s for other users: %s"), shm,
		               strerror(errno));
	if (fl.l_type != F_UNLCK)
		return sr_fail(db, SR_CONFLICT,
		               _("refusing to restore: another program (process %ld) has the database "
		                 "open; ask everyone to quit showroom first, then try again"),
		               (long)fl.l_pid);
	return SR_OK;
}

static const char SHAPE_SQL[] =
	"SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	" AND name IN ('users', 'cards', 'followups', 'audit', 'settings')";

/* The file is a sound showroom database this program can use. */
static sr_status restore_source_check(sr_db *db, sqlite3 *src, const char *src_path)
{
	sqlite3_stmt *q = NULL;
	int tables = 0, version = -1;
	char integrity[256] = "";
	if (sqlite3_prepare_v2(src, SHAPE_SQL, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		tables = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (tables != 5)
		return sr_fail(db, SR_BADINPUT,
		               _("refusing to restore: %s is not a showroom database"), src_path);
	if (sqlite3_prepare_v2(src, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (version < 1 || version > sr_db_schema_latest())
		return sr_fail(db, SR_BADINPUT,
		               _("refusing to restore: %s is at schema version %d; this showroom "
		                 "knows 1 to %d"),
		               src_path, version, sr_db_schema_latest());
	if (sqlite3_prepare_v2(src, "PRAGMA integrity_check(1)", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		snprintf(integrity, sizeof integrity, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (strcmp(integrity, "ok") != 0)
		return sr_fail(db, SR_BADINPUT,
		               _("refusing to restore: %s fails the integrity check: %s"), src_path,
		               *integrity ? integrity : sqlite3_errmsg(src));
	return SR_OK;
}

static sr_status restore_copy(sr_db *db, sqlite3 *src, const char *src_path)
{
	sqlite3_backup *b = sqlite3_backup_init(db->h, "main", src, "main");
	if (!b)
		return sr_fail(db, SR_IO, _("restore from %s failed: %s"), src_path,
		               sqlite3_errmsg(db->h));
	int rc = sqlite3_backup_step(b, -1);
	int frc = sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		rc = frc;
	if (rc != SQLITE_OK)
		return sr_sqlite_fail(db, rc, _("restoring"));
	return SR_OK;
}

/* The audit row goes into the restored books; the restoring login may have
 * another id there, so it is looked up by name. */
static sr_status restore_audit(sr_db *db, const char *src_path, const char *login)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	st = sr_exec(db,
	             "INSERT INTO audit(at, user_id, action, entity, after) VALUES (?1,"
	             " (SELECT id FROM users WHERE login = ?2), 'restore', 'database',"
	             " json_object('from', ?3))",
	             "sss", now, login, src_path);
	return sr_tx_end(db, st);
}

sr_status sr_db_restore(sr_db *db, const char *src_path)
{
	sr_status st = sr_perm_require(db, SR_ACT_USER_ADMIN);
	if (st != SR_OK)
		return st;
	if (db->tx_depth > 0)
		return sr_fail(db, SR_USAGE, "internal: restore inside a transaction");
	const char *db_path = sqlite3_db_filename(db->h, "main");
	st = others_have_it_open(db, db_path ? db_path : "");
	if (st != SR_OK)
		return st;
	struct stat live, from;
	if (db_path && stat(db_path, &live) == 0 && stat(src_path, &from) == 0 &&
	    live.st_dev == from.st_dev && live.st_ino == from.st_ino)
		return sr_fail(db, SR_USAGE, _("refusing to restore: %s is the database itself"),
		               src_path);
	/* The backup is a file the user names: opened and checked with the
	 * user's own rights (what they cannot read, they cannot restore);
	 * the copy into the books then reads it through the open file. */
	sr_rights r;
	st = sr_rights_user(db, &r);
	if (st != SR_OK)
		return st;
	sqlite3 *src = NULL;
	int rc = sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		st = sr_fail(db, SR_NOTFOUND, _("cannot open %s: %s"), src_path,
		             src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
	else
		st = restore_source_check(db, src, src_path);
	sr_status back = sr_rights_back(db, &r);
	if (st == SR_OK)
		st = back;
	if (st == SR_OK) {
		for (int i = 0; i < SR_STMT_CACHE; i++)
			sqlite3_reset(db->cache[i].stmt);
		st = restore_copy(db, src, src_path);
	}
	sqlite3_close(src);
	if (st == SR_OK)
		st = restore_audit(db, src_path, db->actor_login);
	return st;
}
