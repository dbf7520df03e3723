/* dcc.c — the DCC: distributing new leads to callers by the import's rule,
 * the working-hours clock of the new-lead flag, and the sweep (cards that
 * consultants let lapse go to the DCC pool; missed appointments close). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"

enum { JSON_MAX = 1024 };

/* ---- who gets a lead ------------------------------------------------------
 *
 * The one choice of a lead's owner. A new lead (filed without an owner,
 * imported, or swept from a consultant) goes by the setting import_rule:
 * by-source gives it to the login in import_owner.SOURCE when one is set;
 * otherwise, and by default, round robin among the active DCC callers in
 * id order, continuing after import_rr (the last caller). A card handed
 * back to the DCC goes to the caller with the fewest following cards. */

static const char CALLERS_SQL[] =
	"SELECT id FROM users WHERE active = 1 AND role IN ('dcc-inbound','dcc-outbound')"
	" ORDER BY id";

/* A setting's text, "" when there is none. */
static sr_status setting(sr_db *db, const char *key, char *out, size_t outlen)
{
	sr_status st = sr_setting_get(db, key, out, outlen);
	if (st == SR_NOTFOUND) {
		*out = '\0';
		return SR_OK;
	}
	return st;
}

sr_status sr_leads_open(sr_db *db, sr_leads *l, bool importing)
{
	char rule[32], last[24];
	memset(l, 0, sizeof *l);
	l->importing = importing;
	sr_status st = setting(db, "import_rule", rule, sizeof rule);
	if (st == SR_OK)
		st = setting(db, "import_rr", last, sizeof last);
	if (st != SR_OK)
		return st;
	l->by_source = !strcmp(rule, "by-source");
	l->rr_last = strtoll(last, NULL, 10);
	sqlite3_stmt *q = sr_stmt(db, CALLERS_SQL);
	if (!q)
		return SR_IO;
	while (sqlite3_step(q) == SQLITE_ROW && l->ncallers < SR_LEADS_CALLERS_MAX)
		l->callers[l->ncallers++] = sqlite3_column_int64(q, 0);
	sr_stmt_done(q);
	return SR_OK;
}

/* import_owner.SOURCE under by-source; *id 0 when none is set. */
static sr_status fixed_owner(sr_db *db, const sr_leads *l, const char *source, int64_t *id)
{
	char key[SR_CODE_MAX + 16], login[SR_LOGIN_MAX];
	*id = 0;
	if (!l->by_source || !source || !*source)
		return SR_OK;
	snprintf(key, sizeof key, "import_owner.%s", source);
	sr_status st = setting(db, key, login, sizeof login);
	if (st != SR_OK || !*login)
		return st;
	sr_role role;
	if ((st = sr_user_id(db, login, id, &role)) != SR_OK)
		return st;
	if (sr_role_owns_cards(role))
		return SR_OK;
	*id = 0;
	if (l->importing)
		return sr_fail(db, SR_RULE,
		               _("import_owner.%s names %s, who cannot own cards: name a "
		                 "consultant or a DCC caller"), source, login);
	return sr_fail(db, SR_RULE,
	               _("setting %s names %s, a %s: leads go to a DCC caller or a "
	                 "consultant"),
	               key, login, _(sr_role_name(role)));
}

sr_status sr_leads_pick(sr_db *db, sr_leads *l, const char *source, int64_t *owner)
{
	sr_status st = fixed_owner(db, l, source, owner);
	if (st != SR_OK || *owner)
		return st;
	if (!l->ncallers && l->importing)
		return sr_fail(db, SR_RULE,
		               _("no active DCC caller to give imported leads to: add a dcc-inbound "
		                 "or dcc-outbound user, or set import_rule to by-source with "
		                 "import_owner.%s"), source ? source : "");
	if (!l->ncallers)
		return sr_fail(db, SR_RULE,
		               _("no active DCC caller to give the lead to: add a dcc-inbound or "
		                 "dcc-outbound user, or name the owner (--owner LOGIN)"));
	int i = 0;
	while (i < l->ncallers && l->callers[i] <= l->rr_last)
		i++;
	*owner = l->callers[i < l->ncallers ? i : 0];
	l->rr_last = *owner;
	l->rr_dirty = true;
	return SR_OK;
}

sr_status sr_leads_save(sr_db *db, sr_leads *l)
{
	if (!l->rr_dirty)
		return SR_OK;
	l->rr_dirty = false;
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)l->rr_last);
	return sr_exec(db, "INSERT INTO settings(key, value) VALUES ('import_rr', ?1)"
	                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
	                   " version = version + 1", "s", text);
}

sr_status sr_dcc_pick_caller(sr_db *db, const char *source_code, int64_t *caller_id)
{
	sr_leads l;
	sr_status st = sr_leads_open(db, &l, false);
	if (st == SR_OK)
		st = sr_leads_pick(db, &l, source_code, caller_id);
	if (st == SR_OK)
		st = sr_leads_save(db, &l);
	return st;
}

sr_status sr_dcc_pick_least_loaded(sr_db *db, int64_t *id)
{
	sr_status st = sr_query_int(
		db, id,
		"SELECT u.id FROM users u WHERE u.active = 1 AND u.role IN ('dcc-outbound','dcc-inbound')"
		" ORDER BY u.role = 'dcc-inbound', (SELECT count(*) FROM cards c WHERE c.owner_id = u.id"
		" AND c.status IN ('active','order','dormant')), u.id LIMIT 1",
		NULL);
	if (st == SR_NOTFOUND)
		return sr_fail(db, SR_RULE,
		               _("there is no active DCC caller to hand the card to: add one with "
		                 "showroom user add LOGIN --name NAME --role dcc-outbound"));
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
	sr_setting_get(db, "work_hours", hours, sizeof hours);
	sr_setting_get(db, "lead_contact_hours", limit, sizeof limit);
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
	sr_setting_get(db, "dcc_sweep_days", text, sizeof text);
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
