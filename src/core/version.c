/* version.c — optimistic versioning of the records that can be edited
 * after they are written (cards have their own, card_edit.c).
 *
 * Every UPDATE bumps the record's version. An edit carries the version its
 * user read (0 = do not check); inside the write transaction, which holds
 * the database's write lock, the version found is compared with it, so two
 * users saving over each other's change is a conflict (exit 4, a choice in
 * the TUI) rather than a silent lost update. */
#include <string.h>
#include "store.h"

/* Newest first: a conflicting change is recent, so the scan backwards over
 * the audit rows stops early. */
static const char LAST_CHANGE_SQL[] =
	"SELECT coalesce(u.login, ''), a.at, json_extract(a.after, '$.version')"
	" FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE a.entity = ?1 AND a.entity_id IS ?2 AND a.action <> 'refused'"
	" AND (?3 IS NULL OR json_extract(a.after, ?3) = ?4)"
	" ORDER BY a.id DESC LIMIT 1";

static void last_change(sr_db *db, const sr_versioned *rec, int64_t found,
                        char who[SR_LOGIN_MAX], char at[SR_TIME_LEN])
{
	*who = *at = '\0';
	sqlite3_stmt *q = sr_stmt(db, LAST_CHANGE_SQL);
	if (!q)
		return;
	sqlite3_bind_text(q, 1, rec->entity, -1, SQLITE_STATIC);
	if (rec->entity_id) /* sr_audit_write stores an id of 0 as NULL */
		sqlite3_bind_int64(q, 2, rec->entity_id);
	if (rec->json_path) {
		sqlite3_bind_text(q, 3, rec->json_path, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, rec->json_value, -1, SQLITE_STATIC);
	}
	/* Some changes are audited on another record (a traffic row linked
	 * by a card's filing is in the card's row): a snapshot that shows an
	 * older version is not the change that is in the way, so name nobody
	 * rather than the wrong person. */
	if (sqlite3_step(q) == SQLITE_ROW && (sqlite3_column_type(q, 2) == SQLITE_NULL ||
	                                      sqlite3_column_int64(q, 2) == found)) {
		sr_col_text(q, 0, who, SR_LOGIN_MAX);
		sr_col_text(q, 1, at, SR_TIME_LEN);
	}
	sr_stmt_done(q);
}

sr_status sr_version_expect(sr_db *db, const sr_versioned *rec, int64_t expected, int64_t found)
{
	if (expected == 0 || expected == found)
		return SR_OK;
	char who[SR_LOGIN_MAX], at[SR_TIME_LEN];
	last_change(db, rec, found, who, at);
	if (!*who || !*at)
		return sr_fail(db, SR_CONFLICT,
		               _("%s has changed since you read it (version %lld, now %lld): reload "
		                 "it and apply your change again"),
		               rec->what, (long long)expected, (long long)found);
	return sr_fail(db, SR_CONFLICT,
	               _("%s was changed by %s at %s since you read it (version %lld, now %lld): "
	                 "reload it and apply your change again"),
	               rec->what, who, at, (long long)expected, (long long)found);
}
