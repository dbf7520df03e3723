/* target.c — monthly targets per consultant (集客目标) for the lead
 * collection report: set (versioned, audited) and listed. */
#include <stdio.h>
#include <string.h>
#include "store.h"

static const char TARGET_GET_SQL[] =
	"SELECT traffic, cards, version FROM targets WHERE user_id = ?1 AND month = ?2";
static const char TARGET_SET_SQL[] =
	"INSERT INTO targets(user_id, month, traffic, cards) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT(user_id, month) DO UPDATE SET traffic = excluded.traffic,"
	" cards = excluded.cards, version = version + 1";
static const char TARGET_EACH_SQL[] =
	"SELECT u.login, u.name, t.month, t.traffic, t.cards, t.version"
	" FROM targets t JOIN users u ON u.id = t.user_id"
	" WHERE (?1 IS NULL OR t.month = ?1) AND (?2 IS NULL OR t.user_id = ?2)"
	" ORDER BY t.month, u.login";

/* The target as it is now: found false (and version 0) when none is set. */
static sr_status target_read(sr_db *db, int64_t uid, const char *month, sr_target *t, bool *found)
{
	sqlite3_stmt *q = sr_stmt(db, TARGET_GET_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, uid);
	sqlite3_bind_text(q, 2, month, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	if (*found) {
		t->traffic = sqlite3_column_int(q, 0);
		t->cards = sqlite3_column_int(q, 1);
		t->version = sqlite3_column_int64(q, 2);
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the target"));
	return SR_OK;
}

/* Inside the transaction: check the version, write, audit. */
static sr_status target_write(sr_db *db, const char *login, int64_t uid, const char *month,
                              int64_t expected, int traffic, int cards)
{
	sr_target old = { 0 };
	bool had;
	sr_status st = target_read(db, uid, month, &old, &had);
	if (st != SR_OK)
		return st;
	char what[SR_LOGIN_MAX + 64];
	snprintf(what, sizeof what, _("the target of %s for %s"), login, month);
	st = sr_version_expect(db, &(sr_versioned){ what, "user", uid, "$.month", month }, expected,
	                       old.version);
	if (st != SR_OK)
		return st;
	if (traffic == SR_TARGET_KEEP)
		traffic = old.traffic;
	if (cards == SR_TARGET_KEEP)
		cards = old.cards;
	if ((st = sr_exec(db, TARGET_SET_SQL, "Isii", uid, month, traffic, cards)) != SR_OK)
		return st;
	/* month is checked YYYY-MM and the rest are numbers: safe to format. */
	char before[128], after[128];
	snprintf(before, sizeof before, "{\"month\":\"%s\",\"traffic\":%d,\"cards\":%d,\"version\":%lld}",
	         month, old.traffic, old.cards, (long long)old.version);
	snprintf(after, sizeof after, "{\"month\":\"%s\",\"traffic\":%d,\"cards\":%d,\"version\":%lld}",
	         month, traffic, cards, (long long)old.version + 1);
	return sr_audit_write(db, "target", "user", uid, 0, had ? before : NULL, after);
}

sr_status sr_target_set(sr_db *db, const char *login, const char *month, int64_t expected_version,
                        int traffic, int cards)
{
	sr_status st = sr_perm_require(db, SR_ACT_REFERENCE);
	if (st != SR_OK)
		return st;
	if (!sr_month_valid(month))
		return sr_fail(db, SR_BADINPUT, _("month '%s': expected YYYY-MM"), month ? month : "");
	if ((traffic < 0 && traffic != SR_TARGET_KEEP) || (cards < 0 && cards != SR_TARGET_KEEP))
		return sr_fail(db, SR_BADINPUT, _("targets are counts: 0 or more"));
	int64_t uid;
	sr_role role;
	if ((st = sr_user_id(db, login, &uid, &role)) != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	return sr_tx_end(db, target_write(db, login, uid, month, expected_version, traffic, cards));
}

sr_status sr_target_each(sr_db *db, const char *month,
                         int (*fn)(void *ctx, const sr_target *t), void *ctx)
{
	sr_status st = sr_perm_require(db, SR_ACT_REPORT);
	if (st != SR_OK)
		return st;
	if (month && !sr_month_valid(month))
		return sr_fail(db, SR_BADINPUT, _("month '%s': expected YYYY-MM"), month);
	sqlite3_stmt *q = sr_stmt(db, TARGET_EACH_SQL);
	if (!q)
		return SR_IO;
	if (month)
		sqlite3_bind_text(q, 1, month, -1, SQLITE_STATIC);
	/* A consultant reads their own targets, as their own figures. */
	if (sr_perm_scope(db->actor_role) == SR_SCOPE_OWN)
		sqlite3_bind_int64(q, 2, db->actor_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sr_target t;
		memset(&t, 0, sizeof t);
		sr_col_text(q, 0, t.login, sizeof t.login);
		sr_col_text(q, 1, t.name, sizeof t.name);
		sr_col_text(q, 2, t.month, sizeof t.month);
		t.traffic = sqlite3_column_int(q, 3);
		t.cards = sqlite3_column_int(q, 4);
		t.version = sqlite3_column_int64(q, 5);
		if (fn(ctx, &t)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sr_stmt_done(q);
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the targets"));
	return SR_OK;
}
