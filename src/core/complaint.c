/* complaint.c — the result of a post-sale callback (成交回访) and the
 * complaint an unhappy customer opens: a handler, a deadline
 * SR_COMPLAINT_HOURS on, a closing note. Scheduling the callbacks at
 * delivery is in worklist.c with the callback list. */
#include <stdio.h>
#include <string.h>
#include "card_rules.h"

enum { NOTE_CHARS = 500, JSON_MAX = 4096 };

static const char *const satisfaction_names[] = {"satisfied", "neutral", "unhappy"};

const char *sr_satisfaction_name(sr_satisfaction s)
{
	return (unsigned)s < SR_SATISFACTION_COUNT ? satisfaction_names[s] : "?";
}

bool sr_satisfaction_parse(const char *text, sr_satisfaction *out)
{
	int i = sr_name_index(text, satisfaction_names, SR_SATISFACTION_COUNT);
	if (i < 0)
		return false;
	*out = (sr_satisfaction)i;
	return true;
}

/* ---- the callback's result ---------------------------------------------------- */

static const char COMPLAINT_SNAPSHOT_SQL[] =
	"SELECT json_object('card_id', card_id, 'callback_id', callback_id, 'handler_id',"
	" handler_id, 'deadline', deadline, 'note', note, 'status', status, 'closed_at', closed_at,"
	" 'closing_note', closing_note, 'version', version) FROM complaints WHERE id = ?1";

/* The handler: the setting complaint_handler when it names an active user,
 * else whoever made the call. */
static int64_t complaint_handler(sr_db *db)
{
	char login[SR_LOGIN_MAX] = "";
	int64_t id = 0;
	sr_role role;
	sr_query_text(db, login, sizeof login,
	              "SELECT value FROM settings WHERE key = 'complaint_handler'", NULL);
	if (*login && sr_user_id(db, login, &id, &role) == SR_OK)
		return id;
	return db->actor_id;
}

static sr_status open_complaint(sr_db *db, int64_t card_id, int64_t callback_id,
                                const char *note, int64_t *id)
{
	char now[SR_TIME_LEN], deadline[SR_TIME_LEN], after[JSON_MAX] = "";
	sr_now_text(db, now);
	sr_time_format(sr_db_now(db) + SR_COMPLAINT_HOURS * 3600, deadline);
	sr_status st = sr_exec(db,
	                       "INSERT INTO complaints(card_id, callback_id, opened_at, opened_by,"
	                       " handler_id, deadline, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	                       "IIsIIss", card_id, callback_id, now, db->actor_id,
	                       complaint_handler(db), deadline, note ? note : "");
	if (st != SR_OK)
		return st;
	*id = sqlite3_last_insert_rowid(db->h);
	st = sr_query_text(db, after, sizeof after, COMPLAINT_SNAPSHOT_SQL, "I", *id);
	if (st == SR_OK)
		st = sr_audit_write(db, "open", "complaint", *id, card_id, NULL, after);
	return st;
}

sr_status sr_callback_record(sr_db *db, int64_t callback_id, sr_satisfaction s,
                             const char *note, int64_t *complaint_id)
{
	int64_t card_id = 0, complaint = 0;
	sr_status st = sr_callback_check(db, callback_id, &card_id);
	if (st == SR_OK && (unsigned)s >= SR_SATISFACTION_COUNT)
		st = sr_fail(db, SR_BADINPUT, _("callback result must be satisfied, neutral or unhappy"));
	if (st == SR_OK)
		st = sr_check_text(db, "note", note, NOTE_CHARS, false, true);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	st = sr_callback_write(db, callback_id, card_id, sr_satisfaction_name(s), note);
	if (st == SR_OK && s == SR_UNHAPPY)
		st = open_complaint(db, card_id, callback_id, note, &complaint);
	st = sr_tx_end(db, st);
	if (complaint_id)
		*complaint_id = st == SR_OK ? complaint : 0;
	return st;
}

/* ---- complaints ------------------------------------------------------------- */

#define COMPLAINT_COLS                                                                       \
	"SELECT k.id, k.card_id, coalesce(k.callback_id, 0), c.name, u.login, k.opened_at,"  \
	" k.deadline, k.status = 'open', k.status = 'open' AND k.deadline < ?1, k.note,"     \
	" coalesce(k.closed_at, ''), coalesce(k.closing_note, ''), k.version"               \
	" FROM complaints k JOIN cards c ON c.id = k.card_id JOIN users u ON u.id = k.handler_id"

static const char COMPLAINT_LIST_SQL[] =
	COMPLAINT_COLS " WHERE (?2 = 0 OR k.status = 'open')"
	" AND (?3 = 0 OR (k.status = 'open' AND k.deadline < ?1)) ORDER BY k.deadline, k.id";
static const char COMPLAINT_GET_SQL[] = COMPLAINT_COLS " WHERE k.id = ?2";

static void complaint_from_row(sqlite3_stmt *q, sr_complaint *k)
{
	memset(k, 0, sizeof *k);
	k->id = sqlite3_column_int64(q, 0);
	k->card_id = sqlite3_column_int64(q, 1);
	k->callback_id = sqlite3_column_int64(q, 2);
	sr_col_text(q, 3, k->card_name, sizeof k->card_name);
	sr_col_text(q, 4, k->handler_login, sizeof k->handler_login);
	sr_col_text(q, 5, k->opened_at, sizeof k->opened_at);
	sr_col_text(q, 6, k->deadline, sizeof k->deadline);
	k->open = sqlite3_column_int(q, 7);
	k->overdue = sqlite3_column_int(q, 8);
	sr_col_text(q, 9, k->note, sizeof k->note);
	sr_col_text(q, 10, k->closed_at, sizeof k->closed_at);
	sr_col_text(q, 11, k->closing_note, sizeof k->closing_note);
	k->version = sqlite3_column_int64(q, 12);
}

sr_status sr_complaint_each(sr_db *db, bool open_only, bool overdue_only,
                            int (*fn)(void *ctx, const sr_complaint *c), void *ctx)
{
	sr_status st = sr_perm_require(db, SR_ACT_COMPLAINT);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	sqlite3_stmt *q = sr_stmt(db, COMPLAINT_LIST_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, open_only);
	sqlite3_bind_int(q, 3, overdue_only);
	sr_complaint k;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		complaint_from_row(q, &k);
		if (fn(ctx, &k))
			break;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the complaints"));
	return SR_OK;
}

sr_status sr_complaint_get(sr_db *db, int64_t id, sr_complaint *out)
{
	sr_status st = sr_perm_require(db, SR_ACT_COMPLAINT);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	sqlite3_stmt *q = sr_stmt(db, COMPLAINT_GET_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 2, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		complaint_from_row(q, out);
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("complaint %lld not found"), (long long)id);
	return rc == SQLITE_ROW ? SR_OK : sr_sqlite_fail(db, rc, _("reading the complaint"));
}

/* Change one complaint still open, still at expected (0 = do not check). */
static sr_status complaint_change(sr_db *db, int64_t id, int64_t expected, const char *action,
                                  int64_t user, const char *text)
{
	sr_complaint k;
	sr_status st = sr_complaint_get(db, id, &k);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], before[JSON_MAX] = "", after[JSON_MAX] = "", what[64];
	int64_t version = 0;
	sr_now_text(db, now);
	snprintf(what, sizeof what, _("complaint %lld"), (long long)id);
	st = sr_query_int(db, &version, "SELECT version FROM complaints WHERE id = ?1", "I", id);
	if (st == SR_OK)
		st = sr_version_expect(db, &(sr_versioned){ what, "complaint", id, NULL, NULL },
		                       expected, version);
	if (st == SR_OK && sr_query_int(db, &(int64_t){ 0 }, "SELECT 1 FROM complaints"
	                                " WHERE id = ?1 AND status = 'open'", "I", id) != SR_OK)
		st = sr_fail(db, SR_RULE, _("complaint %lld is already closed"), (long long)id);
	if (st == SR_OK)
		st = sr_query_text(db, before, sizeof before, COMPLAINT_SNAPSHOT_SQL, "I", id);
	if (st == SR_OK && user)
		st = sr_exec(db, "UPDATE complaints SET handler_id = ?1, version = version + 1"
		                 " WHERE id = ?2 AND status = 'open'", "II", user, id);
	else if (st == SR_OK)
		st = sr_exec(db, "UPDATE complaints SET status = 'closed', closed_at = ?1,"
		                 " closed_by = ?2, closing_note = ?3, version = version + 1"
		                 " WHERE id = ?4 AND status = 'open'", "sIsI",
		             now, db->actor_id, text, id);
	if (st == SR_OK && sr_changes(db) != 1)
		st = sr_fail(db, SR_CONFLICT, _("complaint %lld was changed by someone else meanwhile"),
		             (long long)id);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, COMPLAINT_SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_audit_write(db, action, "complaint", id, k.card_id, before, after);
	return sr_tx_end(db, st);
}

sr_status sr_complaint_assign(sr_db *db, int64_t id, int64_t expected_version, const char *login)
{
	int64_t user = 0;
	sr_role role;
	sr_status st = sr_perm_require(db, SR_ACT_COMPLAINT);
	if (st == SR_OK)
		st = sr_user_id(db, login, &user, &role);
	if (st == SR_OK && !sr_perm_allows(role, SR_ACT_COMPLAINT))
		st = sr_fail(db, SR_RULE,
		             _("%s is a %s and may not handle complaints: give it to customer "
		               "service or a manager"),
		             login, _(sr_role_name(role)));
	if (st != SR_OK)
		return st;
	return complaint_change(db, id, expected_version, "assign", user, NULL);
}

sr_status sr_complaint_close(sr_db *db, int64_t id, int64_t expected_version, const char *note)
{
	sr_status st = sr_perm_require(db, SR_ACT_COMPLAINT);
	if (st == SR_OK)
		st = sr_check_text(db, "note", note, NOTE_CHARS, true, true);
	if (st != SR_OK)
		return st;
	return complaint_change(db, id, expected_version, "close", 0, note);
}
