/* traffic.c — the showroom traffic log (展厅流量): one row per walk-in
 * batch or valid sales call, its time in and out, and what came of it.
 *
 * Linking a row to a card (filed / follow-up) happens where the card or
 * follow-up is written (card_file.c, followup.c, appointment.c), inside their
 * transactions; this file only logs and reads rows. */
#include <stdio.h>
#include <string.h>
#include "card_rules.h"

enum { NOTE_CHARS = 500, PERSONS_MAX = 99, JSON_MAX = 4096 };

static const char *const kind_names[] = {"walkin", "call"};
static const char *const result_names[] = {"none", "filed", "followup"};
static const char *const result_labels[] = {N_("Not filed"), N_("Card filed"), N_("Follow-up")};

const char *sr_traffic_kind_name(sr_traffic_kind k)
{
	return (unsigned)k < 2 ? kind_names[k] : "?";
}

bool sr_traffic_kind_parse(const char *text, sr_traffic_kind *out)
{
	for (int i = 0; text && i < 2; i++)
		if (!strcmp(text, kind_names[i])) {
			*out = (sr_traffic_kind)i;
			return true;
		}
	return false;
}

const char *sr_traffic_result_name(sr_traffic_result r)
{
	return (unsigned)r < 3 ? result_names[r] : "?";
}

const char *sr_traffic_result_label(sr_traffic_result r)
{
	return (unsigned)r < 3 ? _(result_labels[r]) : "?";
}

static sr_traffic_result result_from_db(const char *text)
{
	for (int i = 0; text && i < 3; i++)
		if (!strcmp(text, result_names[i]))
			return (sr_traffic_result)i;
	return SR_RESULT_NONE;
}

/* ---- checks -------------------------------------------------------------- */

static sr_status check_note(sr_db *db, const char *note)
{
	return sr_check_text(db, _("note"), note, NOTE_CHARS, false, true);
}

/* A time given by the user (NULL = now): parsed, normalised, not in the
 * future — the log records what happened, not what is expected. */
static sr_status check_time(sr_db *db, const char *field, const char *in, char out[SR_TIME_LEN])
{
	if (!in) {
		sr_now_text(db, out);
		return SR_OK;
	}
	return sr_time_past(db, field, in, true, out);
}

/* The receiving consultant: someone who can own the card the visit may
 * become (card filing takes the owner from this row). */
static sr_status check_consultant(sr_db *db, const char *login, int64_t *id)
{
	*id = 0;
	if (!login || !*login)
		return SR_OK;
	return sr_user_receiver(db, login, id, SR_RECEIVE_TRAFFIC);
}

struct traffic_row {
	char at[SR_TIME_LEN];
	int persons;
	int64_t consultant_id, model_id, source_id;
};

static sr_status validate(sr_db *db, const sr_traffic_input *in, struct traffic_row *r)
{
	sr_status st;
	memset(r, 0, sizeof *r);
	if ((unsigned)in->kind > SR_TRAFFIC_CALL)
		return sr_fail(db, SR_BADINPUT, _("traffic kind must be walkin or call"));
	r->persons = in->persons ? in->persons : 1;
	if (r->persons < 1 || r->persons > PERSONS_MAX)
		return sr_fail(db, SR_BADINPUT,
		               _("persons %d is out of range: a batch is 1 to %d persons"), in->persons,
		               PERSONS_MAX);
	if ((st = check_time(db, _("time in"), in->at, r->at)) != SR_OK ||
	    (st = check_consultant(db, in->consultant, &r->consultant_id)) != SR_OK ||
	    (st = check_note(db, in->note)) != SR_OK)
		return st;
	if (in->model && *in->model) {
		sr_model m;
		if ((st = sr_model_find(db, in->model, &m)) != SR_OK)
			return st;
		r->model_id = m.id;
	}
	if (in->source && *in->source) {
		sr_source s;
		if ((st = sr_source_find(db, in->source, &s)) != SR_OK)
			return st;
		r->source_id = s.id;
	}
	return SR_OK;
}

/* ---- writing ------------------------------------------------------------- */

static const char SNAPSHOT_SQL[] =
	"SELECT json_object('kind', kind, 'time_in', time_in, 'time_out', time_out,"
	" 'persons', persons, 'consultant_id', consultant_id, 'model_id', model_id,"
	" 'source_id', source_id, 'result', result, 'card_id', card_id, 'note', note,"
	" 'version', version) FROM traffic WHERE id = ?1";

static const char INSERT_SQL[] =
	"INSERT INTO traffic(kind, time_in, persons, consultant_id, model_id, source_id, note,"
	" created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

sr_status sr_traffic_add(sr_db *db, const sr_traffic_input *in, int64_t *id_out)
{
	struct traffic_row r;
	sr_status st = sr_perm_require(db, SR_ACT_TRAFFIC_LOG);
	if (st == SR_OK)
		st = validate(db, in, &r);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], after[JSON_MAX] = "";
	sr_now_text(db, now);
	int64_t id = 0;
	st = sr_exec(db, INSERT_SQL, "ssizzzsIs", sr_traffic_kind_name(in->kind), r.at, r.persons,
	             r.consultant_id, r.model_id, r.source_id, in->note ? in->note : "",
	             db->actor_id, now);
	if (st == SR_OK) {
		id = sqlite3_last_insert_rowid(db->h);
		st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
	}
	if (st == SR_OK)
		st = sr_audit_write(db, "add", "traffic", id, 0, NULL, after);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

sr_status sr_traffic_leave(sr_db *db, int64_t id, const char *at)
{
	return sr_traffic_leave_v(db, id, 0, at);
}

sr_status sr_traffic_leave_v(sr_db *db, int64_t id, int64_t expected_version, const char *at)
{
	char out[SR_TIME_LEN], in[SR_TIME_LEN];
	sr_status st = sr_perm_require(db, SR_ACT_TRAFFIC_LOG);
	if (st == SR_OK)
		st = check_time(db, _("time out"), at, out);
	if (st != SR_OK)
		return st;
	st = sr_query_text(db, in, sizeof in, "SELECT time_in FROM traffic WHERE id = ?1", "I", id);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("traffic row %lld not found"), (long long)id);
	if (st != SR_OK)
		return st;
	if (strcmp(out, in) < 0)
		return sr_fail(db, SR_RULE, _("time out %s is before traffic row %lld came in (%s)"),
		               out, (long long)id, in);
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	char before[JSON_MAX] = "", after[JSON_MAX] = "", what[64];
	int64_t version = 0;
	st = sr_query_int(db, &version, "SELECT version FROM traffic WHERE id = ?1", "I", id);
	snprintf(what, sizeof what, _("traffic row %lld"), (long long)id);
	if (st == SR_OK)
		st = sr_version_expect(db, &(sr_versioned){ what, "traffic", id, NULL, NULL },
		                       expected_version, version);
	if (st == SR_OK)
		st = sr_query_text(db, before, sizeof before, SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_exec(db,
		             "UPDATE traffic SET time_out = ?1, version = version + 1 WHERE id = ?2",
		             "sI", out, id);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_audit_write(db, "leave", "traffic", id, 0, before, after);
	return sr_tx_end(db, st);
}

/* ---- a row ties to one card ------------------------------------------------ */

sr_status sr_traffic_unclaimed(sr_db *db, int64_t id, sr_traffic *out)
{
	sr_status st = sr_traffic_get(db, id, out);
	if (st != SR_OK)
		return st;
	if (out->result != SR_RESULT_NONE)
		return sr_fail(db, SR_RULE,
		               _("traffic row %lld is already linked to card %lld (%s): a row files "
		                 "or follows up one card"),
		               (long long)out->id, (long long)out->card_id,
		               _(sr_traffic_result_name(out->result)));
	return SR_OK;
}

sr_status sr_traffic_claim(sr_db *db, int64_t id, int64_t card_id, sr_traffic_result result)
{
	sr_status st = sr_exec(db,
	                       "UPDATE traffic SET result = ?1, card_id = ?2, version = version + 1"
	                       " WHERE id = ?3 AND result = 'none'",
	                       "sII", sr_traffic_result_name(result), card_id, id);
	if (st == SR_OK && sr_changes(db) != 1)
		return sr_fail(db, SR_CONFLICT, _("traffic row %lld was linked by someone else meanwhile"),
		               (long long)id);
	return st;
}

/* ---- reading ------------------------------------------------------------- */

/* The model shows as "series model", or the model alone when its name
 * already starts with the series (英朗 1.5L rather than 英朗 英朗 1.5L). */
#define TRAFFIC_COLUMNS                                                                       \
	"SELECT t.id, t.kind, t.time_in, coalesce(t.time_out, ''), t.persons,"                  \
	" coalesce(u.login, ''), coalesce(u.name, ''),"                                          \
	" CASE WHEN m.id IS NULL THEN ''"                                                        \
	"  WHEN substr(m.model, 1, length(m.series)) = m.series THEN m.model"                    \
	"  ELSE m.series || ' ' || m.model END,"                                                 \
	" coalesce(s.name, ''), t.result, coalesce(t.card_id, 0), t.note, t.version"             \
	" FROM traffic t LEFT JOIN users u ON u.id = t.consultant_id"                            \
	" LEFT JOIN models m ON m.id = t.model_id LEFT JOIN sources s ON s.id = t.source_id"

static const char GET_SQL[] = TRAFFIC_COLUMNS " WHERE t.id = ?1";
static const char EACH_SQL[] =
	TRAFFIC_COLUMNS " WHERE t.time_in >= ?1 AND t.time_in < ?2 ORDER BY t.time_in, t.id";

static void traffic_from_row(sqlite3_stmt *q, sr_traffic *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(q, 0);
	sr_traffic_kind_parse((const char *)sqlite3_column_text(q, 1), &t->kind);
	sr_col_text(q, 2, t->time_in, sizeof t->time_in);
	sr_col_text(q, 3, t->time_out, sizeof t->time_out);
	t->persons = sqlite3_column_int(q, 4);
	sr_col_text(q, 5, t->consultant_login, sizeof t->consultant_login);
	sr_col_text(q, 6, t->consultant_name, sizeof t->consultant_name);
	sr_col_text(q, 7, t->model, sizeof t->model);
	sr_col_text(q, 8, t->source, sizeof t->source);
	t->result = result_from_db((const char *)sqlite3_column_text(q, 9));
	t->card_id = sqlite3_column_int64(q, 10);
	sr_col_text(q, 11, t->note, sizeof t->note);
	t->version = sqlite3_column_int64(q, 12);
}

/* Anyone logged in may read the log: consultants look up the row they
 * file a card or a follow-up from. */
sr_status sr_traffic_get(sr_db *db, int64_t id, sr_traffic *out)
{
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, GET_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		traffic_from_row(q, out);
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("traffic row %lld not found"), (long long)id);
	if (rc != SQLITE_ROW)
		return sr_sqlite_fail(db, rc, _("reading the traffic log"));
	return SR_OK;
}

sr_status sr_traffic_each(sr_db *db, sr_date from, sr_date to,
                          int (*fn)(void *ctx, const sr_traffic *t), void *ctx)
{
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	char lo[SR_DATE_LEN], hi[SR_DATE_LEN];
	sr_date_format(from, lo);
	sr_date_format(to + 1, hi); /* times sort as text: [from, to + 1 day) */
	sqlite3_stmt *q = sr_stmt(db, EACH_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, hi, -1, SQLITE_TRANSIENT);
	sr_traffic t;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		traffic_from_row(q, &t);
		if (fn(ctx, &t))
			break;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the traffic log"));
	return SR_OK;
}
