/* followup.c — follow-up records: adding one (with its effect on the card),
 * the manager's comment, and reading them back. */
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"

static const char *const method_names[] = {"reception", "phone", "sms",
                                           "wechat",    "visit", "other"};
static const char *const method_labels[] = {N_("Showroom reception"), N_("Phone"), N_("SMS"),
                                            N_("WeChat"), N_("Home visit"), N_("Other")};

const char *sr_method_name(sr_method m)
{
	return (unsigned)m < 6 ? method_names[m] : "?";
}

const char *sr_method_label(sr_method m)
{
	return (unsigned)m < 6 ? _(method_labels[m]) : "?";
}

bool sr_method_parse(const char *text, sr_method *out)
{
	int i = sr_name_index(text, method_names, 6);
	if (i >= 0)
		*out = (sr_method)i;
	return i >= 0;
}

static sr_status check_len(sr_db *db, const char *field, const char *v, int max, bool multiline)
{
	return sr_check_text(db, field, v, max, false, multiline);
}

/* The level after the follow-up: the card's own when none is given. */
static sr_status check_level(sr_db *db, const sr_card_facts *c, char wanted, char *out)
{
	sr_level_change lc = {SR_LEVEL_BY_FOLLOWUP, c->id, c->level, wanted ? wanted : c->level,
	                      c->answered};
	*out = lc.wanted;
	return sr_level_check(db, &lc);
}

static sr_status check_when(sr_db *db, const sr_card_facts *c, const char *at,
                            char out[SR_TIME_LEN])
{
	sr_time t;
	if (!at) {
		sr_now_text(db, out);
		return SR_OK;
	}
	if (!sr_time_parse(at, &t))
		return sr_fail(db, SR_BADINPUT, _("follow-up time '%s': expected YYYY-MM-DD HH:MM"),
		               at);
	if (t > sr_db_now(db))
		return sr_fail(db, SR_RULE, _("a follow-up cannot be recorded in the future (%s)"), at);
	sr_time_format(t, out);
	if (strcmp(out, c->filed_at) < 0)
		return sr_fail(db, SR_RULE,
		               _("follow-up time %s is before card %lld was filed (%s)"), out,
		               (long long)c->id, c->filed_at);
	return SR_OK;
}

static sr_status check_traffic(sr_db *db, int64_t traffic_id)
{
	if (!traffic_id)
		return SR_OK;
	sr_traffic t;
	return sr_traffic_unclaimed(db, traffic_id, &t);
}

static const char INSERT_FOLLOWUP_SQL[] =
	"INSERT INTO followups(card_id, at, user_id, method, content, result, level_before, level,"
	" next_date, step_intro, step_negotiation, step_test_drive, traffic_id, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

/* A follow-up moves the card: level, next date, sales steps, and a dormant
 * card becomes active again. */
static const char UPDATE_CARD_SQL[] =
	"UPDATE cards SET level = ?1, next_date = ?2,"
	" status = CASE status WHEN 'dormant' THEN 'active' ELSE status END,"
	" step_intro = max(step_intro, ?3), step_negotiation = max(step_negotiation, ?4),"
	" step_test_drive = max(step_test_drive, ?5), version = version + 1, updated_at = ?6"
	" WHERE id = ?7";

static sr_status write_followup(sr_db *db, const sr_followup_input *in, const sr_card_facts *c,
                                const char *at, char level, const char *next, int64_t *id)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	sr_status st = sr_exec(db, INSERT_FOLLOWUP_SQL, "IsIsssccsiiizs", in->card_id, at,
	                       db->actor_id, sr_method_name(in->method),
	                       in->content ? in->content : "", in->result ? in->result : "",
	                       (int)c->level, (int)level, next, (int)in->intro,
	                       (int)in->negotiation, (int)in->test_drive, in->traffic_id, now);
	if (st != SR_OK)
		return st;
	*id = sqlite3_last_insert_rowid(db->h);
	if (in->traffic_id) {
		st = sr_traffic_claim(db, in->traffic_id, in->card_id, SR_RESULT_FOLLOWUP);
		if (st == SR_OK)
			st = sr_appointment_arrived(db, in->card_id, in->traffic_id);
	}
	if (st == SR_OK)
		st = sr_exec(db, UPDATE_CARD_SQL, "csiiisI", (int)level, next, (int)in->intro,
		             (int)in->negotiation, (int)in->test_drive, now, in->card_id);
	return st;
}

sr_status sr_followup_add(sr_db *db, const sr_followup_input *in, int64_t *id_out)
{
	sr_card_facts c;
	char at[SR_TIME_LEN], next[SR_DATE_LEN], level = 0;
	sr_status st = sr_card_prepare(db, in->card_id, SR_TR_FOLLOWUP, &c);
	if (st != SR_OK)
		return st;
	if ((unsigned)in->method > SR_METHOD_OTHER)
		return sr_fail(db, SR_BADINPUT,
		               _("method must be reception, phone, sms, wechat, visit or other"));
	if ((st = check_len(db, _("content"), in->content, 2000, true)) != SR_OK ||
	    (st = check_len(db, _("result"), in->result, 200, false)) != SR_OK ||
	    (st = check_when(db, &c, in->at, at)) != SR_OK ||
	    (st = check_level(db, &c, in->level, &level)) != SR_OK ||
	    (st = sr_next_date_check(db, c.followup_level, in->next_date, next)) != SR_OK ||
	    (st = check_traffic(db, in->traffic_id)) != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	char *before = sr_card_snapshot(db, in->card_id);
	int64_t id = 0;
	st = write_followup(db, in, &c, at, level, next, &id);
	if (st == SR_OK) {
		char *after = sr_card_snapshot(db, in->card_id);
		st = sr_audit_write(db, "followup", "followup", id, in->card_id, before, after);
		free(after);
	}
	free(before);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

static const char COMMENT_SNAPSHOT_SQL[] =
	"SELECT json_object('comment', f.comment, 'comment_by', u.login, 'comment_at', f.comment_at)"
	" FROM followups f LEFT JOIN users u ON u.id = f.comment_by WHERE f.id = ?1";

/* Inside the transaction. Another user's comment is never overwritten
 * (someone may have commented since this one was read: the lost update
 * that a version check prevents on cards); its author may revise it. */
static sr_status comment_write(sr_db *db, int64_t followup_id, int64_t card_id,
                               const char *comment)
{
	char by[SR_LOGIN_MAX] = "", before[2400] = "", after[2400] = "", now[SR_TIME_LEN];
	int64_t by_id = 0;
	sr_status st = sr_query_int(db, &by_id,
	                            "SELECT coalesce(comment_by, 0) FROM followups WHERE id = ?1", "I",
	                            followup_id);
	if (st == SR_OK && by_id && by_id != db->actor_id) {
		sr_query_text(db, by, sizeof by, "SELECT login FROM users WHERE id = ?1", "I", by_id);
		return sr_fail(db, SR_CONFLICT,
		               _("follow-up %lld already has a comment by %s; only they can change "
		                 "it (add yours to a later follow-up)"),
		               (long long)followup_id, by);
	}
	if (st == SR_OK)
		st = sr_query_text(db, before, sizeof before, COMMENT_SNAPSHOT_SQL, "I", followup_id);
	sr_now_text(db, now);
	if (st == SR_OK)
		st = sr_exec(db, "UPDATE followups SET comment = ?1, comment_by = ?2, comment_at = ?3"
		                 " WHERE id = ?4",
		             "sIsI", comment, db->actor_id, now, followup_id);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, COMMENT_SNAPSHOT_SQL, "I", followup_id);
	if (st == SR_OK)
		st = sr_audit_write(db, "comment", "followup", followup_id, card_id,
		                    by_id ? before : NULL, after);
	return st;
}

sr_status sr_followup_comment(sr_db *db, int64_t followup_id, const char *comment)
{
	int64_t card_id = 0;
	sr_status st = sr_query_int(db, &card_id, "SELECT card_id FROM followups WHERE id = ?1", "I",
	                            followup_id);
	if (st == SR_NOTFOUND)
		return sr_fail(db, SR_NOTFOUND, _("follow-up record %lld not found"),
		               (long long)followup_id);
	if (st == SR_OK)
		st = sr_perm_card(db, SR_ACT_COMMENT, card_id);
	if (st != SR_OK)
		return st;
	if (!comment || !*comment)
		return sr_fail(db, SR_BADINPUT, _("a comment needs text"));
	if ((st = check_len(db, _("comment"), comment, 500, true)) != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	return sr_tx_end(db, comment_write(db, followup_id, card_id, comment));
}

static const char FOLLOWUP_LIST_SQL[] =
	"SELECT f.id, f.card_id, f.at, u.login, u.name, f.method, f.level_before, f.level,"
	" coalesce(f.next_date, ''), f.step_intro, f.step_negotiation, f.step_test_drive,"
	" coalesce(f.traffic_id, 0), f.content, f.result, coalesce(f.comment, ''), c.name"
	" FROM followups f JOIN users u ON u.id = f.user_id JOIN cards c ON c.id = f.card_id"
	" WHERE f.card_id = ?1 ORDER BY f.at, f.id";

sr_status sr_followup_each(sr_db *db, int64_t card_id,
                           int (*fn)(void *ctx, const sr_followup *f), void *ctx)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, card_id);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, FOLLOWUP_LIST_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, card_id);
	sr_followup *f = malloc(sizeof *f);
	if (!f) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "out of memory");
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(f, 0, sizeof *f);
		f->id = sqlite3_column_int64(q, 0);
		f->card_id = sqlite3_column_int64(q, 1);
		sr_col_text(q, 2, f->at, sizeof f->at);
		sr_col_text(q, 3, f->user_login, sizeof f->user_login);
		sr_col_text(q, 4, f->user_name, sizeof f->user_name);
		sr_method_parse((const char *)sqlite3_column_text(q, 5), &f->method);
		f->level_before = ((const char *)sqlite3_column_text(q, 6))[0];
		f->level = ((const char *)sqlite3_column_text(q, 7))[0];
		sr_col_text(q, 8, f->next_date, sizeof f->next_date);
		f->intro = sqlite3_column_int(q, 9);
		f->negotiation = sqlite3_column_int(q, 10);
		f->test_drive = sqlite3_column_int(q, 11);
		f->traffic_id = sqlite3_column_int64(q, 12);
		sr_col_text(q, 13, f->content, sizeof f->content);
		sr_col_text(q, 14, f->result, sizeof f->result);
		sr_col_text(q, 15, f->comment, sizeof f->comment);
		sr_col_text(q, 16, f->card_name, sizeof f->card_name);
		if (fn(ctx, f))
			break;
	}
	sr_stmt_done(q);
	free(f);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading follow-ups"));
	return SR_OK;
}
