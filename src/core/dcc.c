/* dcc.c — the DCC: distributing new leads to callers by the import's rule,
 * the working-hours clock of the new-lead flag, and the sweep (cards that
 * consultants let lapse go to the DCC pool; missed appointments close). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

enum { JSON_MAX = 1024 };

/* ---- distribution --------------------------------------------------------- */

static const char NEXT_CALLER_SQL[] =
	"SELECT id FROM users WHERE active = 1 AND role IN ('dcc-inbound','dcc-outbound')"
	" AND id > ?1 ORDER BY id LIMIT 1";

static sr_status fixed_caller(sr_db *db, const char *source_code, int64_t *id, bool *found)
{
	char key[SR_CODE_MAX + 16], login[SR_LOGIN_MAX] = "";
	*found = false;
	if (!source_code || !*source_code)
		return SR_OK;
	snprintf(key, sizeof key, "import_owner.%s", source_code);
	sr_status st = sr_query_text(db, login, sizeof login,
	                             "SELECT value FROM settings WHERE key = ?1", "s", key);
	if (st == SR_NOTFOUND || (st == SR_OK && !*login))
		return SR_OK;
	if (st != SR_OK)
		return st;
	sr_role role;
	if ((st = sr_user_id(db, login, id, &role)) != SR_OK)
		return st;
	if (!sr_role_owns_cards(role))
		return sr_fail(db, SR_RULE,
		               _("setting %s names %s, a %s: leads go to a DCC caller or a "
		                 "consultant"),
		               key, login, _(sr_role_name(role)));
	*found = true;
	return SR_OK;
}

sr_status sr_dcc_pick_caller(sr_db *db, const char *source_code, int64_t *caller_id)
{
	char rule[32] = "", last[32] = "0";
	sr_query_text(db, rule, sizeof rule, "SELECT value FROM settings WHERE key = 'import_rule'",
	              NULL);
	if (!strcmp(rule, "by-source")) {
		bool found;
		sr_status st = fixed_caller(db, source_code, caller_id, &found);
		if (st != SR_OK || found)
			return st;
	}
	sr_query_text(db, last, sizeof last, "SELECT value FROM settings WHERE key = 'import_rr'",
	              NULL);
	int64_t id = 0;
	sr_status st = sr_query_int(db, &id, NEXT_CALLER_SQL, "I", (int64_t)strtoll(last, NULL, 10));
	if (st == SR_NOTFOUND)
		st = sr_query_int(db, &id, NEXT_CALLER_SQL, "I", (int64_t)0);
	if (st == SR_NOTFOUND)
		return sr_fail(db, SR_RULE,
		               _("no active DCC caller to give the lead to: add a dcc-inbound or "
		                 "dcc-outbound user, or name the owner (--owner LOGIN)"));
	if (st != SR_OK)
		return st;
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)id);
	st = sr_exec(db, "INSERT INTO settings(key, value) VALUES ('import_rr', ?1)"
	                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
	                 " version = version + 1", "s", text);
	if (st == SR_OK)
		*caller_id = id;
	return st;
}

/* ---- the new-lead clock --------------------------------------------------- */

static bool parse_hhmm(const char *p, int *minutes, const char **end)
{
	if (p[0] < '0' || p[0] > '2' || p[1] < '0' || p[1] > '9' || p[2] != ':' || p[3] < '0' ||
	    p[3] > '5' || p[4] < '0' || p[4] > '9')
		return false;
	int h = (p[0] - '0') * 10 + (p[1] - '0');
	if (h > 24)
		return false;
	*minutes = h * 60 + (p[3] - '0') * 10 + (p[4] - '0');
	*end = p + 5;
	return *minutes <= 24 * 60;
}

/* "09:00-18:00": start before end, within the day. */
bool sr_dcc_work_hours_parse(const char *text, int *start, int *end)
{
	const char *p = text;
	if (!text || !parse_hhmm(p, start, &p) || *p++ != '-' || !parse_hhmm(p, end, &p) || *p)
		return false;
	return *start < *end;
}

sr_status sr_dcc_lead_rule(sr_db *db, sr_lead_rule *out)
{
	char hours[64] = "09:00-18:00", limit[32] = "2";
	sr_query_text(db, hours, sizeof hours, "SELECT value FROM settings WHERE key = 'work_hours'",
	              NULL);
	sr_query_text(db, limit, sizeof limit,
	              "SELECT value FROM settings WHERE key = 'lead_contact_hours'", NULL);
	if (!sr_dcc_work_hours_parse(hours, &out->day_start, &out->day_end))
		return sr_fail(db, SR_RULE,
		               _("setting work_hours '%s' is not a working day such as 09:00-18:00: "
		                 "an administrator can correct it"),
		               hours);
	char *end;
	double h = strtod(limit, &end);
	if (end == limit || *end || h < 0 || h > 1000)
		return sr_fail(db, SR_RULE,
		               _("setting lead_contact_hours '%s' is not a number of hours: an "
		                 "administrator can correct it"),
		               limit);
	out->contact_minutes = (int)(h * 60 + 0.5);
	return SR_OK;
}

/* Day by day, the overlap of [from, to) with each day's working hours;
 * after a year the answer no longer matters (the lead is long flagged). */
int64_t sr_dcc_working_minutes(const sr_lead_rule *r, sr_time from, sr_time to)
{
	if (to <= from)
		return 0;
	sr_date d = sr_time_date(from), last = sr_time_date(to);
	if (last - d > 366)
		d = last - 366;
	int64_t secs = 0;
	for (; d <= last; d++) {
		sr_time a = sr_date_start(d) + (sr_time)r->day_start * 60;
		sr_time b = sr_date_start(d) + (sr_time)r->day_end * 60;
		if (a < from)
			a = from;
		if (b > to)
			b = to;
		if (b > a)
			secs += b - a;
	}
	return secs / 60;
}

/* ---- the sweep -------------------------------------------------------------- */

static const char OVERDUE_SQL[] =
	"SELECT c.id, c.owner_id, coalesce(s.code, '') FROM cards c"
	" JOIN users u ON u.id = c.owner_id LEFT JOIN sources s ON s.id = c.source_id"
	" WHERE c.status = 'active' AND c.merged_into IS NULL AND u.role = 'consultant'"
	" AND c.next_date < ?1 AND c.id > ?2"
	" AND NOT EXISTS (SELECT 1 FROM loss_requests l WHERE l.card_id = c.id"
	" AND l.status = 'pending') ORDER BY c.id LIMIT 1";

static sr_status sweep_days(sr_db *db, int *days)
{
	char text[32] = "7";
	sr_query_text(db, text, sizeof text,
	              "SELECT value FROM settings WHERE key = 'dcc_sweep_days'", NULL);
	char *end;
	long v = strtol(text, &end, 10);
	if (end == text || *end || v < 0 || v > 3650)
		return sr_fail(db, SR_RULE,
		               _("setting dcc_sweep_days '%s' is not a number of days (0 = never): "
		                 "an administrator can correct it"),
		               text);
	*days = (int)v;
	return SR_OK;
}

/* One card to a DCC caller: owner, assignment row, audit row. */
static sr_status hand_to_dcc(sr_db *db, int64_t card, int64_t from, const char *source)
{
	int64_t to = 0;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	char *before = sr_card_snapshot(db, card);
	sr_status st = sr_dcc_pick_caller(db, source, &to);
	if (st == SR_OK)
		st = sr_exec(db, "UPDATE cards SET owner_id = ?1, version = version + 1,"
		                 " updated_at = ?2 WHERE id = ?3", "IsI", to, now, card);
	if (st == SR_OK)
		st = sr_assignment_write(db, card, from, to, "pool");
	if (st == SR_OK)
		return sr_audit_card(db, "sweep", card, before);
	free(before);
	return st;
}

static sr_status sweep_cards(sr_db *db, int days, int64_t *moved)
{
	char before[SR_DATE_LEN];
	sr_date_format(sr_db_today(db) - days, before);
	int64_t last = 0;
	for (;;) {
		sqlite3_stmt *q = sr_stmt(db, OVERDUE_SQL);
		if (!q)
			return SR_IO;
		sqlite3_bind_text(q, 1, before, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(q, 2, last);
		int rc = sqlite3_step(q);
		if (rc != SQLITE_ROW) {
			sr_stmt_done(q);
			return rc == SQLITE_DONE ? SR_OK : sr_sqlite_fail(db, rc, _("the DCC sweep"));
		}
		int64_t card = sqlite3_column_int64(q, 0), from = sqlite3_column_int64(q, 1);
		char source[SR_CODE_MAX];
		sr_col_text(q, 2, source, sizeof source);
		sr_stmt_done(q);
		last = card;
		sr_status st = hand_to_dcc(db, card, from, source);
		if (st != SR_OK)
			return st;
		(*moved)++;
	}
}

sr_status sr_dcc_sweep(sr_db *db, sr_dcc_sweep_result *out)
{
	int days = 0;
	memset(out, 0, sizeof *out);
	sr_status st = sr_perm_require(db, SR_ACT_DCC_SWEEP);
	if (st == SR_OK)
		st = sweep_days(db, &days);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	st = sr_appointments_close_missed(db, &out->missed);
	if (st == SR_OK && days > 0)
		st = sweep_cards(db, days, &out->moved);
	st = sr_tx_end(db, st);
	if (st != SR_OK)
		memset(out, 0, sizeof *out);
	return st;
}
