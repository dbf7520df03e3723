/* call.c — call records (one per phone call to a customer) and call
 * scripts (话务范本). Kept together: a call names the script in use, and
 * both serve the DCC caller at the phone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"

enum { NOTE_CHARS = 500, TITLE_CHARS = 100, BODY_CHARS = 4000, TAGS_CHARS = 200,
       JSON_MAX = 2048 };

static const char *const result_names[] = {
#define SR_CALL_RESULT_NAME(id, name, zh) name,
	SR_CALL_RESULT_LIST(SR_CALL_RESULT_NAME)
#undef SR_CALL_RESULT_NAME
};
static const char *const result_labels[] = {
#define SR_CALL_RESULT_LABEL(id, name, zh) zh,
	SR_CALL_RESULT_LIST(SR_CALL_RESULT_LABEL)
#undef SR_CALL_RESULT_LABEL
};

const char *sr_call_result_name(sr_call_result r)
{
	return (unsigned)r < SR_CALL_RESULT_COUNT ? result_names[r] : "?";
}

const char *sr_call_result_label(sr_call_result r)
{
	return (unsigned)r < SR_CALL_RESULT_COUNT ? result_labels[r] : "?";
}

bool sr_call_result_parse(const char *text, sr_call_result *out)
{
	int i = sr_name_index(text, result_names, SR_CALL_RESULT_COUNT);
	if (i < 0)
		return false;
	*out = (sr_call_result)i;
	return true;
}

bool sr_call_result_contact(sr_call_result r)
{
	return r == SR_CALL_REACHED || r == SR_CALL_APPOINTMENT;
}

/* ---- recording -------------------------------------------------------------- */

static sr_status call_time(sr_db *db, const char *field, const char *in, const char *dflt,
                           char out[SR_TIME_LEN])
{
	if (!in || !*in) {
		sr_copy(out, SR_TIME_LEN, dflt);
		return SR_OK;
	}
	return sr_time_past(db, field, in, false, out);
}

static sr_status check_call(sr_db *db, const sr_call_input *in, char start[SR_TIME_LEN],
                            char end[SR_TIME_LEN])
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	if ((unsigned)in->result >= SR_CALL_RESULT_COUNT)
		return sr_fail(db, SR_BADINPUT,
		               _("call result must be reached, no-answer, wrong-number, call-back, "
		                 "appointment or not-interested"));
	sr_status st = call_time(db, "--start", in->start, now, start);
	if (st == SR_OK)
		st = call_time(db, "--end", in->end, start, end);
	if (st == SR_OK && strcmp(end, start) < 0)
		st = sr_fail(db, SR_BADINPUT, _("the call ends (%s) before it starts (%s)"), end,
		             start);
	if (st == SR_OK)
		st = sr_check_text(db, "note", in->note, NOTE_CHARS, false, true);
	int64_t n = 0;
	if (st == SR_OK && in->script_id &&
	    (st = sr_query_int(db, &n, "SELECT count(*) FROM call_scripts WHERE id = ?1", "I",
	                       in->script_id)) == SR_OK && !n)
		st = sr_fail(db, SR_NOTFOUND, _("call script %lld not found"),
		             (long long)in->script_id);
	return st;
}

static const char CALL_SNAPSHOT_SQL[] =
	"SELECT json_object('card_id', card_id, 'caller_id', caller_id, 'started_at', started_at,"
	" 'ended_at', ended_at, 'result', result, 'script_id', script_id, 'note', note)"
	" FROM calls WHERE id = ?1";

sr_status sr_call_add(sr_db *db, const sr_call_input *in, int64_t *id_out)
{
	char start[SR_TIME_LEN], end[SR_TIME_LEN], now[SR_TIME_LEN];
	sr_card_facts c;
	sr_status st = sr_perm_card(db, SR_ACT_CALL, in->card_id);
	if (st == SR_OK)
		st = sr_card_facts_get(db, in->card_id, &c);
	if (st == SR_OK)
		st = sr_transition_check(db, &c, SR_TR_FOLLOWUP);
	if (st == SR_OK)
		st = check_call(db, in, start, end);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	sr_now_text(db, now);
	int64_t id = 0;
	st = sr_exec(db,
	             "INSERT INTO calls(card_id, caller_id, started_at, ended_at, result, script_id,"
	             " note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	             "IIssszss", in->card_id, db->actor_id, start, end,
	             sr_call_result_name(in->result), in->script_id, in->note ? in->note : "", now);
	char after[JSON_MAX] = "";
	if (st == SR_OK) {
		id = sqlite3_last_insert_rowid(db->h);
		st = sr_query_text(db, after, sizeof after, CALL_SNAPSHOT_SQL, "I", id);
	}
	if (st == SR_OK)
		st = sr_audit_write(db, "add", "call", id, in->card_id, NULL, after);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

/* ---- reading ---------------------------------------------------------------- */

/* Scope as for cards (?5 = sr_scope): a caller sees calls on the cards they
 * own and the calls they made; a supervisor their team's. */
static const char CALLS_SQL[] =
	"SELECT k.id, k.card_id, c.name, cu.login, k.started_at, k.ended_at,"
	" CAST(round((julianday(k.ended_at) - julianday(k.started_at)) * 86400) AS INTEGER),"
	" k.result, coalesce(k.script_id, 0), k.note"
	" FROM calls k JOIN cards c ON c.id = k.card_id JOIN users cu ON cu.id = k.caller_id"
	" JOIN users u ON u.id = c.owner_id"
	" WHERE (?1 = 0 OR k.card_id = ?1) AND (?2 = 0 OR k.caller_id = ?2)"
	" AND (?3 IS NULL OR k.started_at >= ?3) AND (?4 IS NULL OR k.started_at < ?4)"
	" AND (?5 = 3 OR c.owner_id = ?6 OR k.caller_id = ?6"
	"      OR (?5 = 2 AND (u.team = ?7 OR cu.team = ?7)))"
	" ORDER BY k.started_at, k.id";

static sr_status filter_bounds(sr_db *db, const sr_call_filter *f, char from[SR_DATE_LEN],
                               char to[SR_DATE_LEN], int64_t *caller)
{
	sr_date d;
	*caller = 0;
	if (f->from && *f->from) {
		if (!sr_date_parse(f->from, &d))
			return sr_fail(db, SR_BADINPUT, _("--from '%s': expected YYYY-MM-DD"), f->from);
		sr_date_format(d, from);
	}
	if (f->to && *f->to) {
		if (!sr_date_parse(f->to, &d))
			return sr_fail(db, SR_BADINPUT, _("--to '%s': expected YYYY-MM-DD"), f->to);
		sr_date_format(d + 1, to); /* inclusive: before the next day */
	}
	if (f->caller && *f->caller) {
		sr_user u;
		sr_status st = sr_user_by_login(db, f->caller, &u);
		if (st != SR_OK)
			return st;
		*caller = u.id;
	}
	return SR_OK;
}

sr_status sr_call_each(sr_db *db, const sr_call_filter *f,
                       int (*fn)(void *ctx, const sr_call *c), void *ctx)
{
	char from[SR_DATE_LEN] = "", to[SR_DATE_LEN] = "";
	int64_t caller = 0;
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st == SR_OK)
		st = filter_bounds(db, f, from, to, &caller);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, CALLS_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, f->card_id);
	sqlite3_bind_int64(q, 2, caller);
	if (*from)
		sqlite3_bind_text(q, 3, from, -1, SQLITE_TRANSIENT);
	if (*to)
		sqlite3_bind_text(q, 4, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 5, (int)sr_perm_scope(db->actor_role));
	sqlite3_bind_int64(q, 6, db->actor_id);
	sqlite3_bind_text(q, 7, sr_team_name(db->actor_team), -1, SQLITE_STATIC);
	int rc;
	sr_call k;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(&k, 0, sizeof k);
		k.id = sqlite3_column_int64(q, 0);
		k.card_id = sqlite3_column_int64(q, 1);
		sr_col_text(q, 2, k.card_name, sizeof k.card_name);
		sr_col_text(q, 3, k.caller_login, sizeof k.caller_login);
		sr_col_text(q, 4, k.started_at, sizeof k.started_at);
		sr_col_text(q, 5, k.ended_at, sizeof k.ended_at);
		k.duration_s = sqlite3_column_int64(q, 6);
		sr_call_result_parse((const char *)sqlite3_column_text(q, 7), &k.result);
		k.script_id = sqlite3_column_int64(q, 8);
		sr_col_text(q, 9, k.note, sizeof k.note);
		if (fn(ctx, &k))
			break;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the calls"));
	return SR_OK;
}

/* ---- scripts ------------------------------------------------------------------ */

static const char SCRIPT_SNAPSHOT_SQL[] =
	"SELECT json_object('title', title, 'body', body, 'tags', tags, 'active', active,"
	" 'version', version) FROM call_scripts WHERE id = ?1";

static sr_status check_script(sr_db *db, const char *title, const char *body, const char *tags,
                              bool required)
{
	sr_status st = sr_check_text(db, "title", title, TITLE_CHARS, required, false);
	if (st == SR_OK)
		st = sr_check_text(db, "body", body, BODY_CHARS, required, true);
	if (st == SR_OK)
		st = sr_check_text(db, "tags", tags, TAGS_CHARS, false, false);
	return st;
}

sr_status sr_script_add(sr_db *db, const char *title, const char *body, const char *tags,
                        int64_t *id_out)
{
	sr_status st = sr_perm_require(db, SR_ACT_SCRIPT);
	if (st == SR_OK)
		st = check_script(db, title, body, tags, true);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], after[JSON_MAX * 8] = "";
	sr_now_text(db, now);
	int64_t id = 0;
	st = sr_exec(db, "INSERT INTO call_scripts(title, body, tags, created_by, created_at,"
	                 " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", "sssIs",
	             title, body, tags ? tags : "", db->actor_id, now);
	if (st == SR_OK) {
		id = sqlite3_last_insert_rowid(db->h);
		st = sr_query_text(db, after, sizeof after, SCRIPT_SNAPSHOT_SQL, "I", id);
	}
	if (st == SR_OK)
		st = sr_audit_write(db, "add", "script", id, 0, NULL, after);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

static sr_status script_change(sr_db *db, int64_t id, int64_t expected, const char *action,
                               const char *sql, const char *fmt, const char *title,
                               const char *body, const char *tags)
{
	int64_t n = 0;
	sr_status st = sr_query_int(db, &n, "SELECT count(*) FROM call_scripts WHERE id = ?1"
	                                    " AND active = 1", "I", id);
	if (st == SR_OK && !n)
		st = sr_fail(db, SR_NOTFOUND, _("call script %lld not found"), (long long)id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], *before = malloc(JSON_MAX * 8), *after = malloc(JSON_MAX * 8);
	char what[64];
	int64_t version = 0;
	sr_now_text(db, now);
	snprintf(what, sizeof what, _("call script %lld"), (long long)id);
	if (!before || !after)
		st = sr_fail(db, SR_IO, "%s", _("out of memory"));
	if (st == SR_OK)
		st = sr_query_int(db, &version, "SELECT version FROM call_scripts WHERE id = ?1", "I",
		                  id);
	if (st == SR_OK)
		st = sr_version_expect(db, &(sr_versioned){ what, "script", id, NULL, NULL },
		                       expected, version);
	if (st == SR_OK)
		st = sr_query_text(db, before, JSON_MAX * 8, SCRIPT_SNAPSHOT_SQL, "I", id);
	if (st == SR_OK && !strcmp(action, "edit"))
		st = sr_exec(db, sql, fmt, title, body, tags, now, id);
	else if (st == SR_OK)
		st = sr_exec(db, sql, fmt, now, id);
	if (st == SR_OK)
		st = sr_query_text(db, after, JSON_MAX * 8, SCRIPT_SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_audit_write(db, action, "script", id, 0, before, after);
	free(before);
	free(after);
	return sr_tx_end(db, st);
}

sr_status sr_script_edit(sr_db *db, int64_t id, int64_t expected_version, const char *title,
                         const char *body, const char *tags)
{
	sr_status st = sr_perm_require(db, SR_ACT_SCRIPT);
	if (st == SR_OK)
		st = check_script(db, title, body, tags, false);
	if (st == SR_OK && ((title && !*title) || (body && !*body)))
		st = sr_fail(db, SR_BADINPUT, _("a call script needs a title and a body"));
	if (st != SR_OK)
		return st;
	return script_change(db, id, expected_version, "edit",
	                     "UPDATE call_scripts SET title = coalesce(?1, title),"
	                     " body = coalesce(?2, body), tags = coalesce(?3, tags),"
	                     " updated_at = ?4, version = version + 1 WHERE id = ?5",
	                     "ssssI", title, body, tags);
}

sr_status sr_script_delete(sr_db *db, int64_t id, int64_t expected_version)
{
	sr_status st = sr_perm_require(db, SR_ACT_SCRIPT);
	if (st != SR_OK)
		return st;
	return script_change(db, id, expected_version, "delete",
	                     "UPDATE call_scripts SET active = 0, updated_at = ?1,"
	                     " version = version + 1 WHERE id = ?2",
	                     "sI", NULL, NULL, NULL);
}

#define SCRIPT_COLS "SELECT id, title, body, tags, active, updated_at, version FROM call_scripts"

static void script_from_row(sqlite3_stmt *q, sr_script *s)
{
	memset(s, 0, sizeof *s);
	s->id = sqlite3_column_int64(q, 0);
	sr_col_text(q, 1, s->title, sizeof s->title);
	sr_col_text(q, 2, s->body, sizeof s->body);
	sr_col_text(q, 3, s->tags, sizeof s->tags);
	s->active = sqlite3_column_int(q, 4);
	sr_col_text(q, 5, s->updated_at, sizeof s->updated_at);
	s->version = sqlite3_column_int64(q, 6);
}

sr_status sr_script_get(sr_db *db, int64_t id, sr_script *out)
{
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, SCRIPT_COLS " WHERE id = ?1");
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		script_from_row(q, out);
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("call script %lld not found"), (long long)id);
	return rc == SQLITE_ROW ? SR_OK : sr_sqlite_fail(db, rc, _("reading the call script"));
}

/* instr, not LIKE: the text is taken as is, with no wildcards. */
static const char SCRIPT_SEARCH_SQL[] =
	SCRIPT_COLS " WHERE active = 1 AND (?1 IS NULL OR instr(lower(title), lower(?1)) > 0"
	" OR instr(lower(body), lower(?1)) > 0 OR instr(lower(tags), lower(?1)) > 0)"
	" ORDER BY id";

sr_status sr_script_each(sr_db *db, const char *text,
                         int (*fn)(void *ctx, const sr_script *s), void *ctx)
{
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, SCRIPT_SEARCH_SQL);
	if (!q)
		return SR_IO;
	if (text && *text)
		sqlite3_bind_text(q, 1, text, -1, SQLITE_TRANSIENT);
	sr_script *s = malloc(sizeof *s);
	if (!s) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "%s", _("out of memory"));
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		script_from_row(q, s);
		if (fn(ctx, s))
			break;
	}
	sr_stmt_done(q);
	free(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the call scripts"));
	return SR_OK;
}
