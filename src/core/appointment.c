/* appointment.c — invitations (邀约): a following card is invited for a
 * date; later the customer shows (optionally linked to the traffic row of
 * the visit) or misses it. DCC callers live on these; tomorrow's 'set'
 * appointments are the showroom's expected-arrivals list (worklist.c). */
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"

enum { JSON_MAX = 1024 };

static const char *const status_names[] = {"set", "showed", "missed", "cancelled"};

const char *sr_appt_status_name(sr_appt_status s)
{
	return (unsigned)s < 4 ? status_names[s] : "?";
}

static sr_appt_status status_from_db(const char *text)
{
	for (int i = 0; text && i < 4; i++)
		if (!strcmp(text, status_names[i]))
			return (sr_appt_status)i;
	return SR_APPT_SET;
}

static const char SNAPSHOT_SQL[] =
	"SELECT json_object('card_id', card_id, 'date', date, 'consultant_id', consultant_id,"
	" 'status', status, 'traffic_id', traffic_id, 'resolved_at', resolved_at,"
	" 'version', version) FROM appointments WHERE id = ?1";

static const char TRAFFIC_SNAPSHOT_SQL[] =
	"SELECT json_object('result', result, 'card_id', card_id, 'version', version)"
	" FROM traffic WHERE id = ?1";

/* ---- adding -------------------------------------------------------------- */

static sr_status check_date(sr_db *db, const char *date, char out[SR_DATE_LEN])
{
	sr_date d;
	if (!date || !*date)
		return sr_fail(db, SR_BADINPUT, _("an appointment needs a date (--date YYYY-MM-DD)"));
	if (!sr_date_parse(date, &d))
		return sr_fail(db, SR_BADINPUT, _("--date '%s': expected YYYY-MM-DD"), date);
	if (d < sr_db_today(db)) {
		char today[SR_DATE_LEN];
		sr_today_text(db, today);
		return sr_fail(db, SR_RULE,
		               _("--date %s is in the past: an appointment is for today (%s) or "
		                 "later"),
		               date, today);
	}
	sr_date_format(d, out);
	return SR_OK;
}

/* Who receives the customer: the named login (someone who owns cards), or
 * by default the card's owner when a consultant; a DCC caller's card gets
 * its consultant later, at the visit. */
static sr_status check_consultant(sr_db *db, const char *login, const sr_card_facts *c,
                                  int64_t *id)
{
	*id = 0;
	if (login && *login)
		return sr_user_receiver(db, login, id, SR_RECEIVE_APPOINTMENT);
	sr_user owner;
	sr_status st = sr_user_by_id(db, c->owner_id, &owner);
	if (st != SR_OK)
		return st;
	if (owner.role == SR_ROLE_CONSULTANT)
		*id = owner.id;
	return SR_OK;
}

static const char INSERT_SQL[] =
	"INSERT INTO appointments(card_id, date, consultant_id, created_by, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

sr_status sr_appointment_add(sr_db *db, int64_t card_id, const char *date,
                             const char *consultant, int64_t *id_out)
{
	sr_card_facts c;
	char day[SR_DATE_LEN];
	int64_t consultant_id;
	sr_status st = sr_card_prepare(db, card_id, SR_TR_APPOINTMENT, &c);
	if (st == SR_OK)
		st = check_date(db, date, day);
	if (st == SR_OK)
		st = check_consultant(db, consultant, &c, &consultant_id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], after[JSON_MAX] = "";
	sr_now_text(db, now);
	int64_t id = 0;
	st = sr_exec(db, INSERT_SQL, "IszIs", card_id, day, consultant_id, db->actor_id, now);
	if (st == SR_OK) {
		id = sqlite3_last_insert_rowid(db->h);
		st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
	}
	if (st == SR_OK)
		st = sr_audit_write(db, "add", "appointment", id, card_id, NULL, after);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

/* ---- showed / missed ----------------------------------------------------- */

/* The appointment, the actor's right to act on its card, and that it is
 * still waiting ('set'): showed and missed are each decided once. */
static sr_status prepare(sr_db *db, int64_t id, sr_appointment *a)
{
	sr_status st = sr_appointment_get(db, id, a);
	if (st == SR_OK)
		st = sr_perm_card(db, SR_ACT_APPOINTMENT, a->card_id);
	if (st != SR_OK)
		return st;
	if (a->status != SR_APPT_SET)
		return sr_fail(db, SR_RULE, _("appointment %lld is already %s"), (long long)id,
		               sr_appt_status_name(a->status));
	return SR_OK;
}

/* The visit's traffic row: a walk-in not yet linked to any card. */
static sr_status check_traffic(sr_db *db, int64_t traffic_id)
{
	if (!traffic_id)
		return SR_OK;
	sr_traffic t;
	sr_status st = sr_traffic_unclaimed(db, traffic_id, &t);
	if (st != SR_OK)
		return st;
	if (t.kind != SR_TRAFFIC_WALKIN)
		return sr_fail(db, SR_RULE,
		               _("traffic row %lld is a call: a customer shows up with a walk-in row"),
		               (long long)t.id);
	return SR_OK;
}

static sr_status link_traffic(sr_db *db, int64_t traffic_id, int64_t card_id)
{
	char before[JSON_MAX] = "", after[JSON_MAX] = "";
	sr_status st = sr_query_text(db, before, sizeof before, TRAFFIC_SNAPSHOT_SQL, "I",
	                             traffic_id);
	if (st == SR_OK)
		st = sr_traffic_claim(db, traffic_id, card_id, SR_RESULT_FOLLOWUP);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, TRAFFIC_SNAPSHOT_SQL, "I", traffic_id);
	if (st == SR_OK)
		st = sr_audit_write(db, "link", "traffic", traffic_id, card_id, before, after);
	return st;
}

/* A missed appointment sends the card back to its owner's list: due
 * today unless it already is (a dormant or ordered card keeps its date). */
static sr_status card_due_today(sr_db *db, int64_t card_id)
{
	char today[SR_DATE_LEN], now[SR_TIME_LEN];
	sr_today_text(db, today);
	sr_now_text(db, now);
	int64_t due = 0;
	sr_status st = sr_query_int(db, &due,
	                            "SELECT count(*) FROM cards WHERE id = ?1 AND status = 'active'"
	                            " AND merged_into IS NULL AND next_date > ?2", "Is",
	                            card_id, today);
	if (st != SR_OK || !due)
		return st;
	char *before = sr_card_snapshot(db, card_id);
	st = sr_exec(db, "UPDATE cards SET next_date = ?1, version = version + 1, updated_at = ?2"
	                 " WHERE id = ?3", "ssI", today, now, card_id);
	if (st == SR_OK)
		return sr_audit_card(db, "appointment-missed", card_id, before);
	free(before);
	return st;
}

static const char RESOLVE_SQL[] =
	"UPDATE appointments SET status = ?1, traffic_id = ?2, resolved_at = ?3,"
	" version = version + 1 WHERE id = ?4 AND status = 'set'";

static sr_status resolve(sr_db *db, int64_t id, sr_appt_status to, int64_t traffic_id)
{
	sr_appointment a;
	sr_status st = prepare(db, id, &a);
	if (st == SR_OK)
		st = check_traffic(db, traffic_id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], before[JSON_MAX] = "", after[JSON_MAX] = "";
	sr_now_text(db, now);
	st = sr_query_text(db, before, sizeof before, SNAPSHOT_SQL, "I", id);
	if (st == SR_OK && traffic_id)
		st = link_traffic(db, traffic_id, a.card_id);
	if (st == SR_OK)
		st = sr_exec(db, RESOLVE_SQL, "szsI", sr_appt_status_name(to), traffic_id, now, id);
	if (st == SR_OK && sr_changes(db) != 1)
		st = sr_fail(db, SR_CONFLICT,
		             _("appointment %lld was marked by someone else meanwhile"),
		             (long long)id);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_audit_write(db, sr_appt_status_name(to), "appointment", id, a.card_id, before,
		                    after);
	if (st == SR_OK && to == SR_APPT_MISSED)
		st = card_due_today(db, a.card_id);
	return sr_tx_end(db, st);
}

static const char PAST_SET_SQL[] =
	"SELECT id, card_id FROM appointments WHERE status = 'set' AND date < ?1"
	" ORDER BY id LIMIT 1";

sr_status sr_appointments_close_missed(sr_db *db, int64_t *count)
{
	char today[SR_DATE_LEN], now[SR_TIME_LEN];
	sr_today_text(db, today);
	sr_now_text(db, now);
	*count = 0;
	for (;;) {
		sqlite3_stmt *q = sr_stmt(db, PAST_SET_SQL);
		if (!q)
			return SR_IO;
		sqlite3_bind_text(q, 1, today, -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(q);
		int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
		int64_t card = rc == SQLITE_ROW ? sqlite3_column_int64(q, 1) : 0;
		sr_stmt_done(q);
		if (rc == SQLITE_DONE)
			return SR_OK;
		if (rc != SQLITE_ROW)
			return sr_sqlite_fail(db, rc, _("reading the appointments"));
		char before[JSON_MAX] = "", after[JSON_MAX] = "";
		sr_status st = sr_query_text(db, before, sizeof before, SNAPSHOT_SQL, "I", id);
		if (st == SR_OK)
			st = sr_exec(db, RESOLVE_SQL, "szsI", "missed", (int64_t)0, now, id);
		if (st == SR_OK)
			st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
		if (st == SR_OK)
			st = sr_audit_write(db, "missed", "appointment", id, card, before, after);
		if (st == SR_OK)
			st = card_due_today(db, card);
		if (st != SR_OK)
			return st;
		(*count)++;
	}
}

static const char ARRIVED_SQL[] =
	"SELECT a.id FROM appointments a JOIN traffic t ON t.id = ?2"
	" WHERE a.card_id = ?1 AND a.status = 'set' AND a.date = date(t.time_in)"
	" AND t.kind = 'walkin' ORDER BY a.id LIMIT 1";

sr_status sr_appointment_arrived(sr_db *db, int64_t card_id, int64_t traffic_id)
{
	int64_t id = 0;
	sr_status st = sr_query_int(db, &id, ARRIVED_SQL, "II", card_id, traffic_id);
	if (st == SR_NOTFOUND)
		return SR_OK;
	char now[SR_TIME_LEN], before[JSON_MAX] = "", after[JSON_MAX] = "";
	sr_now_text(db, now);
	if (st == SR_OK)
		st = sr_query_text(db, before, sizeof before, SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_exec(db, RESOLVE_SQL, "sIsI", "showed", traffic_id, now, id);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
	if (st == SR_OK)
		st = sr_audit_write(db, "showed", "appointment", id, card_id, before, after);
	return st;
}

sr_status sr_appointment_arrival(sr_db *db, int64_t traffic_id, int64_t card_id,
                                 int64_t *appt_id)
{
	sr_card_facts c;
	sr_status st = sr_perm_require(db, SR_ACT_TRAFFIC_LOG);
	if (st == SR_OK)
		st = sr_perm_card(db, SR_ACT_CARD_VIEW, card_id);
	if (st == SR_OK)
		st = sr_card_facts_get(db, card_id, &c);
	if (st == SR_OK)
		st = sr_transition_check(db, &c, SR_TR_APPOINTMENT);
	if (st == SR_OK && !traffic_id)
		st = sr_fail(db, SR_USAGE, "%s", _("name the visit's traffic row"));
	if (st == SR_OK)
		st = check_traffic(db, traffic_id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	int64_t before = 0, id = 0;
	st = sr_query_int(db, &before, "SELECT coalesce(max(id), 0) FROM appointments"
	                               " WHERE card_id = ?1 AND status = 'showed'", "I", card_id);
	if (st == SR_OK)
		st = link_traffic(db, traffic_id, card_id);
	if (st == SR_OK)
		st = sr_appointment_arrived(db, card_id, traffic_id);
	if (st == SR_OK)
		st = sr_query_int(db, &id, "SELECT coalesce(max(id), 0) FROM appointments"
		                           " WHERE card_id = ?1 AND status = 'showed'"
		                           " AND traffic_id = ?2", "II", card_id, traffic_id);
	st = sr_tx_end(db, st);
	if (appt_id)
		*appt_id = st == SR_OK && id != before ? id : 0;
	return st;
}

sr_status sr_appointment_showed(sr_db *db, int64_t id, int64_t traffic_id)
{
	return resolve(db, id, SR_APPT_SHOWED, traffic_id);
}

sr_status sr_appointment_missed(sr_db *db, int64_t id)
{
	return resolve(db, id, SR_APPT_MISSED, 0);
}

/* ---- reading ------------------------------------------------------------- */

static const char GET_SQL[] =
	"SELECT a.id, a.card_id, a.date, a.status, coalesce(u.login, ''), c.name, a.created_at"
	" FROM appointments a JOIN cards c ON c.id = a.card_id"
	" LEFT JOIN users u ON u.id = a.consultant_id WHERE a.id = ?1";

sr_status sr_appointment_get(sr_db *db, int64_t id, sr_appointment *out)
{
	sqlite3_stmt *q = sr_stmt(db, GET_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(q, 0);
		out->card_id = sqlite3_column_int64(q, 1);
		sr_col_text(q, 2, out->date, sizeof out->date);
		out->status = status_from_db((const char *)sqlite3_column_text(q, 3));
		sr_col_text(q, 4, out->consultant_login, sizeof out->consultant_login);
		sr_col_text(q, 5, out->card_name, sizeof out->card_name);
		sr_col_text(q, 6, out->created_at, sizeof out->created_at);
	}
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("appointment %lld not found"), (long long)id);
	if (rc != SQLITE_ROW)
		return sr_sqlite_fail(db, rc, _("reading the appointment"));
	/* Reading follows the card: only who may see the card sees its
	 * appointments. */
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, out->card_id);
	if (st != SR_OK)
		memset(out, 0, sizeof *out);
	return st;
}
