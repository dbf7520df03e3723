/* maint.c — online backup and the database check. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "showroom/maint.h"

enum { BACKUP_BUSY_TRIES = 100, BACKUP_BUSY_WAIT_MS = 50 };

sr_status sr_db_backup(sr_db *db, const char *dest_path)
{
	sr_status st = sr_perm_require(db, SR_ACT_EXPORT);
	if (st != SR_OK)
		return st;
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(dest_path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
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
	if (rc != SQLITE_OK)
		st = sr_fail(db, (rc & 0xff) == SQLITE_BUSY ? SR_CONFLICT : SR_IO,
		             _("backup to %s failed: %s"), dest_path,
		             dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	if (sqlite3_close(dst) != SQLITE_OK && st == SR_OK)
		st = sr_fail(db, SR_IO, _("backup to %s failed: cannot close it"), dest_path);
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
