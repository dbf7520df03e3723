/* card_rules.c — the facts a card's rules are checked against, the next
 * follow-up date's bounds, and the record of an owner change. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"
#include "card_int.h"

/* ---- facts for the rules -------------------------------------------- */

/* Which of the seven questions are answered, one character each in
 * SR_ANSWER_LIST order: "1101111". */
#define ANSWERED_COLUMN(id, key, column, label, zh) " || (c." column " <> '')"

static const char FACTS_SQL[] =
	"SELECT c.id, c.owner_id, coalesce(c.merged_into, 0), c.version, c.status, c.level,"
	" c.channel, c.customer_type, c.filed_at, c.followup_level,"
	" c.step_intro, c.step_negotiation, c.step_test_drive,"
	" (''" SR_ANSWER_LIST(ANSWERED_COLUMN) "),"
	" " SR_VISITS_SQL ","
	" EXISTS (SELECT 1 FROM loss_requests l WHERE l.card_id = c.id AND l.status = 'pending'),"
	" EXISTS (SELECT 1 FROM orders o WHERE o.card_id = c.id AND o.status IN ('open','delivered'))"
	" FROM cards c WHERE c.id = ?1";

sr_status sr_card_facts_get(sr_db *db, int64_t card_id, sr_card_facts *out)
{
	sqlite3_stmt *st = sr_stmt(db, FACTS_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_int64(st, 1, card_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sr_stmt_done(st);
		if (rc == SQLITE_DONE)
			return sr_fail(db, SR_NOTFOUND, _("card %lld not found"), (long long)card_id);
		return sr_sqlite_fail(db, rc, _("reading the card"));
	}
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->owner_id = sqlite3_column_int64(st, 1);
	out->merged_into = sqlite3_column_int64(st, 2);
	out->version = sqlite3_column_int64(st, 3);
	out->status = sr_card_status_from_db((const char *)sqlite3_column_text(st, 4));
	out->level = ((const char *)sqlite3_column_text(st, 5))[0];
	sr_channel_parse((const char *)sqlite3_column_text(st, 6), &out->channel);
	out->type = strcmp((const char *)sqlite3_column_text(st, 7), "wholesale") == 0
	                    ? SR_CUSTOMER_WHOLESALE
	                    : SR_CUSTOMER_RETAIL;
	sr_col_text(st, 8, out->filed_at, sizeof out->filed_at);
	sr_col_text(st, 9, out->followup_level, sizeof out->followup_level);
	out->intro = sqlite3_column_int(st, 10);
	out->negotiation = sqlite3_column_int(st, 11);
	out->test_drive = sqlite3_column_int(st, 12);
	const char *answered = (const char *)sqlite3_column_text(st, 13);
	for (int i = 0; i < SR_ANS_COUNT && answered && answered[i]; i++)
		out->answered |= answered[i] == '1' ? 1u << i : 0;
	out->visits = sqlite3_column_int(st, 14);
	out->loss_pending = sqlite3_column_int(st, 15);
	out->has_order = sqlite3_column_int(st, 16);
	sr_stmt_done(st);
	return SR_OK;
}

/* ---- the duplicate phone -------------------------------------------- */

static const char DUPLICATE_SQL[] =
	"SELECT c.id, c.name, u.login FROM cards c JOIN users u ON u.id = c.owner_id"
	" WHERE c.phone = ?1 AND " SR_FOLLOWING_SQL " AND c.id <> ?2 ORDER BY c.id LIMIT 1";

sr_status sr_card_following(sr_db *db, const char *phone, int64_t except_id, int64_t *id)
{
	sqlite3_stmt *st = sr_stmt(db, DUPLICATE_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_text(st, 1, phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, except_id);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sr_stmt_done(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW ? SR_OK : SR_NOTFOUND;
	return sr_sqlite_fail(db, rc, _("reading the card"));
}

sr_status sr_card_check_duplicate(sr_db *db, const char *phone, int64_t except_id)
{
	sqlite3_stmt *st = sr_stmt(db, DUPLICATE_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_text(st, 1, phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, except_id);
	sr_status res = SR_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		res = sr_fail(db, SR_RULE,
		              _("phone %s already has following card %lld (%s, owner %s): add a "
		                "follow-up to that card, or file it as a new opportunity for a "
		                "second vehicle"),
		              phone, (long long)sqlite3_column_int64(st, 0),
		              (const char *)sqlite3_column_text(st, 1),
		              (const char *)sqlite3_column_text(st, 2));
	sr_stmt_done(st);
	return res;
}

/* ---- the intent level ------------------------------------------------ */

unsigned sr_answers_mask(const char *const answers[SR_ANS_COUNT])
{
	unsigned m = 0;
	for (int i = 0; i < SR_ANS_COUNT; i++)
		if (answers[i] && *answers[i])
			m |= 1u << i;
	return m;
}

/* The keys of the questions not answered, comma-separated. */
static void missing_keys(unsigned answered, char *out, size_t outlen)
{
	size_t len = 0;
	*out = '\0';
	for (int i = 0; i < SR_ANS_COUNT; i++)
		if (!(answered & 1u << i) && len < outlen) {
			snprintf(out + len, outlen - len, "%s%s", len ? ", " : "",
			         sr_answer_key((sr_answer)i));
			len = strlen(out);
		}
}

/* Each way of setting the level tells the user what to do in its words. */
static sr_status level_o_refused(sr_db *db, sr_level_way way, int64_t id)
{
	if (way == SR_LEVEL_AT_FILING)
		return sr_fail(db, SR_RULE,
		               _("level O is set by signing an order, not by hand: file the card "
		                 "with an order (--status order) instead"));
	if (way == SR_LEVEL_BY_EDIT)
		return sr_fail(db, SR_RULE,
		               _("level O is set by signing an order (showroom order add), not by hand"));
	return sr_fail(db, SR_RULE,
	               _("level O is set by signing an order (showroom order add %lld), not "
	                 "by a follow-up"),
	               (long long)id);
}

static sr_status level_stays_o(sr_db *db, sr_level_way way, int64_t id)
{
	if (way == SR_LEVEL_BY_EDIT)
		return sr_fail(db, SR_RULE,
		               _("card %lld has an order: its level stays O; cancel the order to "
		                 "change it"),
		               (long long)id);
	return sr_fail(db, SR_RULE,
	               _("card %lld has an open order: its level stays O; cancel the order "
	                 "to change it"),
	               (long long)id);
}

static sr_status level_h_refused(sr_db *db, sr_level_way way, int64_t id, unsigned answered)
{
	char missing[200];
	missing_keys(answered, missing, sizeof missing);
	if (way == SR_LEVEL_AT_FILING)
		return sr_fail(db, SR_RULE,
		               _("%s level H: H needs all seven key questions answered; missing: %s"),
		               _("cannot file at"), missing);
	if (way == SR_LEVEL_BY_EDIT)
		return sr_fail(db, SR_RULE,
		               _("card %lld would be level H without all seven key questions "
		                 "answered (missing: %s): answer them or lower the level"),
		               (long long)id, missing);
	return sr_fail(db, SR_RULE,
	               _("level H needs all seven key questions answered on card %lld: edit "
	                 "the card's answers first (showroom card edit %lld --answer ...)"),
	               (long long)id, (long long)id);
}

sr_status sr_level_check(sr_db *db, const sr_level_change *ch)
{
	if (!sr_level_valid(ch->wanted)) {
		if (ch->way == SR_LEVEL_AT_FILING)
			return sr_fail(db, SR_BADINPUT, _("level '%c': expected one of H, A, B, C, N"),
			               ch->wanted);
		return sr_fail(db, SR_BADINPUT, _("level '%c': expected H, A, B, C or N"),
		               ch->wanted);
	}
	if (ch->wanted == 'O' && ch->current != 'O')
		return level_o_refused(db, ch->way, ch->card_id);
	if (ch->current == 'O' && ch->wanted != 'O')
		return level_stays_o(db, ch->way, ch->card_id);
	if (ch->wanted == 'H' && ch->answered != SR_ANSWERS_ALL)
		return level_h_refused(db, ch->way, ch->card_id, ch->answered);
	return SR_OK;
}

/* ---- next follow-up date -------------------------------------------- */

sr_status sr_next_date_check(sr_db *db, const char *followup_level, const char *next,
                             char out[SR_DATE_LEN])
{
	sr_followup_level lv;
	sr_status st = sr_followup_level_get(db, followup_level, &lv);
	if (st != SR_OK)
		return st;
	sr_date today = sr_db_today(db);
	sr_date lo = today + lv.min_days, hi = today + lv.max_days;
	if (!next || !*next) {
		sr_date_format(lo, out);
		return SR_OK;
	}
	sr_date d;
	if (!sr_date_parse(next, &d))
		return sr_fail(db, SR_BADINPUT, _("next follow-up date '%s': expected YYYY-MM-DD"),
		               next);
	if (d < lo || d > hi) {
		char a[SR_DATE_LEN], b[SR_DATE_LEN];
		sr_date_format(lo, a);
		sr_date_format(hi, b);
		return sr_fail(db, SR_RULE,
		               _("next follow-up date %s is outside follow-up level %s (%s): "
		                 "allowed from %s to %s"),
		               next, lv.code, lv.name, a, b);
	}
	sr_date_format(d, out);
	return SR_OK;
}

sr_status sr_assignment_write(sr_db *db, int64_t card_id, int64_t from, int64_t to,
                              const char *reason)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	return sr_exec(db,
	               "INSERT INTO assignments(card_id, from_user, to_user, by_user, at, reason)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	               "IzIIss", card_id, from, to, db->actor_id, now, reason);
}
