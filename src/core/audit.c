/* audit.c — writing and reading the audit trail. */
#include <stdlib.h>
#include <string.h>
#include "store.h"

sr_status sr_audit_write(sr_db *db, const char *action, const char *entity, int64_t entity_id,
                         int64_t card_id, const char *before, const char *after)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	return sr_exec(db,
	               "INSERT INTO audit(at, user_id, action, entity, entity_id, card_id, before, after)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	               "szsszzss", now, db->actor_id, action, entity, entity_id, card_id, before,
	               after);
}

static const char REFUSAL_SQL[] =
	"INSERT INTO audit(at, user_id, action, entity, entity_id, after)"
	" VALUES (?1, ?2, 'refused', 'permission', NULL, json_object('message', ?3))";

void sr_audit_refusal_flush(sr_db *db)
{
	if (!db->refusal_pending || db->tx_depth > 0)
		return;
	db->refusal_pending = false;
	db->refusal_quiet = true;
	char saved[SR_MSG_MAX], now[SR_TIME_LEN];
	memcpy(saved, db->msg, sizeof saved);
	sr_now_text(db, now);
	/* Best effort: a read-only or busy database must not turn the
	 * refusal the user sees into a storage error. */
	if (sr_tx_begin(db) == SR_OK)
		sr_tx_end(db, sr_exec(db, REFUSAL_SQL, "sIs", now, db->actor_id, db->refusal_msg));
	memcpy(db->msg, saved, sizeof saved);
	db->refusal_quiet = false;
}

void sr_audit_refusal(sr_db *db)
{
	if (db->refusal_quiet || !db->actor_id)
		return;
	memcpy(db->refusal_msg, db->msg, sizeof db->refusal_msg);
	db->refusal_pending = true;
	sr_audit_refusal_flush(db);
}

static const char SNAPSHOT_SQL[] =
	"SELECT json_object('name', name, 'phone', phone, 'gender', gender, 'region', region,"
	" 'address', address, 'type', customer_type, 'channel', channel, 'source_id', source_id,"
	" 'model_id', model_id, 'owner_id', owner_id, 'level', level, 'followup_level', followup_level,"
	" 'expected_purchase', expected_purchase, 'status', status, 'budget', ans_budget,"
	" 'current', ans_current, 'usage', ans_usage, 'compare', ans_compare, 'payment', ans_payment,"
	" 'addons', ans_addons, 'use_date', ans_use_date, 'intro', step_intro,"
	" 'negotiation', step_negotiation, 'test_drive', step_test_drive, 'next_date', next_date,"
	" 'loss_reason', loss_reason, 'merged_into', merged_into, 'version', version)"
	" FROM cards WHERE id = ?1";

char *sr_card_snapshot(sr_db *db, int64_t card_id)
{
	return sr_query_dup(db, SNAPSHOT_SQL, card_id);
}

sr_status sr_audit_card(sr_db *db, const char *action, int64_t card_id, char *before_owned)
{
	char *after = sr_card_snapshot(db, card_id);
	sr_status st = sr_audit_write(db, action, "card", card_id, card_id, before_owned, after);
	free(after);
	free(before_owned);
	return st;
}

static const char AUDIT_LIST_SQL[] =
	"SELECT a.id, a.at, coalesce(u.login, ''), a.action, a.entity, coalesce(a.entity_id, 0),"
	" coalesce(a.card_id, 0), a.before, a.after"
	" FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	" WHERE (?1 = 0 OR a.card_id = ?1)"
	"   AND (?2 IS NULL OR u.login = ?2)"
	"   AND (?3 IS NULL OR a.at >= ?3)"
	"   AND (?4 IS NULL OR a.at < date(?4, '+1 day'))"
	" ORDER BY a.id LIMIT ?5";

sr_status sr_audit_each(sr_db *db, const sr_audit_filter *f,
                        int (*fn)(void *ctx, const sr_audit_entry *e), void *ctx)
{
	sr_status st = sr_perm_require(db, SR_ACT_AUDIT);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, AUDIT_LIST_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, f ? f->card_id : 0);
	if (f && f->user)
		sqlite3_bind_text(q, 2, f->user, -1, SQLITE_TRANSIENT);
	if (f && f->from)
		sqlite3_bind_text(q, 3, f->from, -1, SQLITE_TRANSIENT);
	if (f && f->to)
		sqlite3_bind_text(q, 4, f->to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 5, f && f->limit > 0 ? f->limit : -1);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		sr_audit_entry e;
		memset(&e, 0, sizeof e);
		e.id = sqlite3_column_int64(q, 0);
		sr_col_text(q, 1, e.at, sizeof e.at);
		sr_col_text(q, 2, e.user_login, sizeof e.user_login);
		sr_col_text(q, 3, e.action, sizeof e.action);
		sr_col_text(q, 4, e.entity, sizeof e.entity);
		e.entity_id = sqlite3_column_int64(q, 5);
		e.card_id = sqlite3_column_int64(q, 6);
		e.before = (const char *)sqlite3_column_text(q, 7);
		e.after = (const char *)sqlite3_column_text(q, 8);
		if (fn(ctx, &e))
			break;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the audit trail"));
	return SR_OK;
}
