/* card_history.c — the history of a card, as structured events that the
 * front ends render (in the user's language) through sr_history_render
 * (history_render.c).
 *
 * One statement reads every event of a card, each table by its card
 * index, in the same columns; an edit's changes come from its audit row's
 * before and after snapshots, with owner, source and model looked up by
 * name. Where a table keeps the event but not who did it (a delivery or a
 * cancellation on the order row), the audit row of the same change says
 * who. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"
#include "test_hooks.h"
#include "card_int.h"

/* The columns of every branch, in order. */
enum {
	H_SORT_AT, H_KIND, H_ORD, H_REF, H_SUB, H_AT, H_ACTOR, H_CODE, H_LEVEL_BEFORE, H_LEVEL,
	H_STEPS, H_FLAG, H_NEXT, H_DATE, H_AMOUNT, H_FROM, H_TO, H_OTHER, H_OTHER_NAME, H_NOTE,
	H_RESULT, H_BEFORE, H_AFTER,
};

/* Sorted by time, then by kind (the order of the branches), then row;
 * a follow-up's comment (sub 1) right after it, whenever it was made. */
static const char HISTORY_SQL[] =
	"SELECT c.filed_at, 'file', 0, c.id, 0, c.filed_at, u.name, c.channel, NULL,"
	"  c.level_at_filing, 0, 0, NULL, NULL, 0, NULL,"
	"  (SELECT ou.name FROM assignments s JOIN users ou ON ou.id = s.to_user"
	"   WHERE s.card_id = c.id ORDER BY s.id LIMIT 1), 0, NULL, NULL, NULL, NULL, NULL"
	"  FROM cards c JOIN users u ON u.id = c.filed_by WHERE c.id = ?1"
	" UNION ALL SELECT f.at, 'followup', 1, f.id, 0, f.at, u.name, f.method, f.level_before,"
	"  f.level, f.step_intro + 2 * f.step_negotiation + 4 * f.step_test_drive,"
	"  f.traffic_id IS NOT NULL, f.next_date, NULL, 0, NULL, NULL, 0, NULL, f.content,"
	"  f.result, NULL, NULL"
	"  FROM followups f JOIN users u ON u.id = f.user_id WHERE f.card_id = ?1"
	" UNION ALL SELECT f.at, 'comment', 1, f.id, 1, coalesce(f.comment_at, f.at),"
	"  coalesce(cu.name, ''), NULL, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL, 0, NULL,"
	"  f.comment, NULL, NULL, NULL"
	"  FROM followups f LEFT JOIN users cu ON cu.id = f.comment_by"
	"  WHERE f.card_id = ?1 AND f.comment IS NOT NULL"
	" UNION ALL SELECT k.started_at, 'call', 2, k.id, 0, k.started_at, u.name, k.result, NULL,"
	"  NULL, 0, 0, NULL, NULL, strftime('%s', k.ended_at) - strftime('%s', k.started_at),"
	"  NULL, NULL, 0, NULL, k.note, NULL, NULL, NULL"
	"  FROM calls k JOIN users u ON u.id = k.caller_id WHERE k.card_id = ?1"
	" UNION ALL SELECT p.created_at, 'appointment', 3, p.id, 0, p.created_at, u.name, p.status,"
	"  NULL, NULL, 0, 0, NULL, p.date, 0, NULL, pu.name, 0, NULL, NULL, NULL, NULL, NULL"
	"  FROM appointments p JOIN users u ON u.id = p.created_by"
	"  LEFT JOIN users pu ON pu.id = p.consultant_id WHERE p.card_id = ?1"
	" UNION ALL SELECT o.ordered_at, 'order', 4, o.id, 0, o.ordered_at, u.name, o.status,"
	"  o.level_before, 'O', 0, 0, NULL, o.expected_delivery, o.deposit_cents, NULL, NULL, 0,"
	"  NULL, NULL, NULL, NULL, NULL"
	"  FROM orders o JOIN users u ON u.id = o.created_by WHERE o.card_id = ?1"
	" UNION ALL SELECT coalesce(o.delivered_at, o.cancelled_at),"
	"  CASE o.status WHEN 'delivered' THEN 'deliver' ELSE 'cancel-order' END, 5, o.id, 0,"
	"  coalesce(o.delivered_at, o.cancelled_at),"
	"  coalesce((SELECT du.name FROM audit d JOIN users du ON du.id = d.user_id"
	"   WHERE d.card_id = ?1 AND d.action = CASE o.status WHEN 'delivered' THEN 'deliver'"
	"   ELSE 'cancel-order' END AND d.at >= coalesce(o.delivered_at, o.cancelled_at)"
	"   ORDER BY d.at, d.id LIMIT 1), u.name), o.status, 'O',"
	"  CASE o.status WHEN 'delivered' THEN 'O' ELSE o.level_before END, 0, 0, NULL, NULL,"
	"  o.deposit_cents, NULL, NULL, 0, NULL, o.cancel_reason, NULL, NULL, NULL"
	"  FROM orders o JOIN users u ON u.id = o.created_by"
	"  WHERE o.card_id = ?1 AND o.status <> 'open'"
	" UNION ALL SELECT l.requested_at, 'loss-request', 6, l.id, 0, l.requested_at, u.name,"
	"  l.reason, NULL, NULL, 0, l.status = 'pending', NULL, NULL, 0, NULL, NULL, 0, NULL,"
	"  l.note, NULL, NULL, NULL"
	"  FROM loss_requests l JOIN users u ON u.id = l.requested_by WHERE l.card_id = ?1"
	" UNION ALL SELECT l.decided_at, CASE l.status WHEN 'confirmed' THEN 'loss-confirm'"
	"  WHEN 'rejected' THEN 'loss-reject' ELSE 'loss-to-dcc' END, 7, l.id, 0, l.decided_at,"
	"  coalesce(du.name, ''), l.reason, NULL, NULL, 0, 0, NULL, NULL, 0,"
	"  coalesce((SELECT fu.name FROM assignments s JOIN users fu ON fu.id = s.from_user"
	"   WHERE s.card_id = ?1 AND s.reason = 'to-dcc' AND s.at >= l.decided_at"
	"   ORDER BY s.at, s.id LIMIT 1), ru.name), tu.name, 0, NULL, NULL, NULL, NULL, NULL"
	"  FROM loss_requests l JOIN users ru ON ru.id = l.requested_by"
	"  LEFT JOIN users du ON du.id = l.decided_by LEFT JOIN users tu ON tu.id = l.dcc_user_id"
	"  WHERE l.card_id = ?1 AND l.decided_at IS NOT NULL"
	" UNION ALL SELECT s.at, CASE s.reason WHEN 'pool' THEN 'sweep' ELSE 'assign' END, 8, s.id,"
	"  0, s.at, u.name, s.reason, NULL, NULL, 0, 0, NULL, NULL, 0, fu.name, tu.name, 0, NULL,"
	"  NULL, NULL, NULL, NULL"
	"  FROM assignments s JOIN users u ON u.id = s.by_user JOIN users tu ON tu.id = s.to_user"
	"  JOIN users fu ON fu.id = s.from_user"
	"  WHERE s.card_id = ?1 AND s.reason <> 'to-dcc' AND s.reason <> 'wholesale'"
	" UNION ALL SELECT m.merged_at, CASE m.survivor_id WHEN ?1 THEN 'merge' ELSE 'merged' END,"
	"  9, m.id, 0, m.merged_at, u.name, NULL, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL,"
	"  oc.id, oc.name, NULL, NULL, NULL, NULL"
	"  FROM merges m JOIN users u ON u.id = m.merged_by JOIN cards oc"
	"  ON oc.id = CASE m.survivor_id WHEN ?1 THEN m.merged_id ELSE m.survivor_id END"
	"  WHERE m.survivor_id = ?1 OR m.merged_id = ?1"
	" UNION ALL SELECT a.at, a.action, 10, a.id, 0, a.at, coalesce(u.name, ''), NULL, NULL,"
	"  NULL, 0, 0, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, a.before, a.after"
	"  FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	"  WHERE a.card_id = ?1 AND a.action IN ('edit','dormant','reactivate','promote')"
	" ORDER BY 1, 3, 4, 5";

/* What a snapshot's change was, by the key `card show` uses, with names
 * for the ids (a snapshot keeps ids). */
#define CHANGE_VALUE(side)                                                             \
	"CASE b.key WHEN 'source_id' THEN (SELECT name FROM sources WHERE id = " side ".value)" \
	" WHEN 'model_id' THEN (SELECT model FROM models WHERE id = " side ".value)"           \
	" WHEN 'owner_id' THEN (SELECT name FROM users WHERE id = " side ".value)"             \
	" ELSE " side ".value END"

static const char CHANGES_SQL[] =
	"SELECT CASE b.key WHEN 'source_id' THEN 'source' WHEN 'model_id' THEN 'model'"
	" WHEN 'owner_id' THEN 'owner' WHEN 'use_date' THEN 'use-date' ELSE b.key END,"
	" " CHANGE_VALUE("b") ", " CHANGE_VALUE("n")
	" FROM json_each(?1) b JOIN json_each(?2) n ON n.key = b.key"
	" WHERE n.value IS NOT b.value AND b.key <> 'version' ORDER BY b.id";

static const char *const kind_names[SR_EV_COUNT] = {
#define SR_HISTORY_KIND_NAME(id, name) name,
	SR_HISTORY_KIND_LIST(SR_HISTORY_KIND_NAME)
#undef SR_HISTORY_KIND_NAME
};

const char *sr_history_kind_name(sr_history_kind k)
{
	return (unsigned)k < SR_EV_COUNT ? kind_names[k] : "?";
}

/* The codes of one column into the event's enums; unknown codes keep 0. */
static void event_codes(sr_history_event *e, const char *code)
{
	if (!code)
		return;
	switch (e->kind) {
	case SR_EV_FILE:
		sr_channel_parse(code, &e->channel);
		break;
	case SR_EV_FOLLOWUP:
		sr_method_parse(code, &e->method);
		break;
	case SR_EV_CALL:
		sr_call_result_parse(code, &e->call_result);
		break;
	case SR_EV_APPOINTMENT:
		for (int s = SR_APPT_SET; s <= SR_APPT_CANCELLED; s++)
			if (!strcmp(code, sr_appt_status_name((sr_appt_status)s)))
				e->appt_status = (sr_appt_status)s;
		break;
	case SR_EV_LOSS_REQUEST:
	case SR_EV_LOSS_CONFIRM:
	case SR_EV_LOSS_REJECT:
	case SR_EV_LOSS_TO_DCC:
		sr_loss_reason_parse(code, &e->loss_reason);
		break;
	default:
		break;
	}
}

static char level_col(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	return t ? (char)t[0] : 0;
}

static void event_from_row(sqlite3_stmt *q, sr_history_event *e)
{
	memset(e, 0, offsetof(sr_history_event, changes));
	int k = sr_name_index((const char *)sqlite3_column_text(q, H_KIND), kind_names, SR_EV_COUNT);
	e->kind = k >= 0 ? (sr_history_kind)k : SR_EV_EDIT;
	e->ref_id = sqlite3_column_int64(q, H_REF);
	sr_col_text(q, H_AT, e->at, sizeof e->at);
	sr_col_text(q, H_ACTOR, e->actor, sizeof e->actor);
	event_codes(e, (const char *)sqlite3_column_text(q, H_CODE));
	e->loss_pending = e->kind == SR_EV_LOSS_REQUEST && sqlite3_column_int(q, H_FLAG);
	e->visit = e->kind == SR_EV_FOLLOWUP && sqlite3_column_int(q, H_FLAG);
	e->level_before = level_col(q, H_LEVEL_BEFORE);
	e->level = level_col(q, H_LEVEL);
	int steps = sqlite3_column_int(q, H_STEPS);
	e->intro = steps & 1;
	e->negotiation = steps & 2;
	e->test_drive = steps & 4;
	sr_col_text(q, H_NEXT, e->next_date, sizeof e->next_date);
	sr_col_text(q, H_DATE, e->date, sizeof e->date);
	if (e->kind == SR_EV_CALL)
		e->duration_s = sqlite3_column_int64(q, H_AMOUNT);
	else
		e->deposit_cents = sqlite3_column_int64(q, H_AMOUNT);
	sr_col_text(q, H_FROM, e->from, sizeof e->from);
	sr_col_text(q, H_TO, e->to, sizeof e->to);
	e->other_card = sqlite3_column_int64(q, H_OTHER);
	sr_col_text(q, H_OTHER_NAME, e->other_name, sizeof e->other_name);
	sr_col_text(q, H_NOTE, e->note, sizeof e->note);
	sr_col_text(q, H_RESULT, e->result, sizeof e->result);
}

/* What one change also tells the event: the owners of a promotion, the
 * next date of a reactivation; and a phone as the actor may see it
 * (masked unless their role sees the card's full number). */
static void change_seen(sr_db *db, int64_t owner_id, sr_history_event *e, sr_history_change *c)
{
	if (!strcmp(c->field, "owner")) {
		sr_copy(e->from, sizeof e->from, c->before);
		sr_copy(e->to, sizeof e->to, c->after);
	} else if (!strcmp(c->field, "next_date") && e->kind == SR_EV_REACTIVATE) {
		sr_copy(e->next_date, sizeof e->next_date, c->after);
	} else if (!strcmp(c->field, "phone") && !sr_perm_sees_phone(db, owner_id)) {
		char masked[SR_PHONE_MAX];
		sr_phone_mask(c->before, masked);
		sr_copy(c->before, sizeof c->before, masked);
		sr_phone_mask(c->after, masked);
		sr_copy(c->after, sizeof c->after, masked);
	}
}

/* An audit row's changes, each as change_seen leaves it. */
static sr_status event_changes(sr_db *db, sqlite3_stmt *row, int64_t owner_id,
                               sr_history_event *e)
{
	const char *before = (const char *)sqlite3_column_text(row, H_BEFORE);
	const char *after = (const char *)sqlite3_column_text(row, H_AFTER);
	if (!before || !after)
		return SR_OK;
	sqlite3_stmt *q = sr_stmt(db, CHANGES_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, after, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && e->nchanges < SR_HISTORY_CHANGES_MAX) {
		sr_history_change *c = &e->changes[e->nchanges++];
		sr_col_text(q, 0, c->field, sizeof c->field);
		sr_col_text(q, 1, c->before, sizeof c->before);
		sr_col_text(q, 2, c->after, sizeof c->after);
		change_seen(db, owner_id, e, c);
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the history"));
	return SR_OK;
}

static sr_status history_rows(sr_db *db, sqlite3_stmt *q, int64_t owner_id, sr_history_event *e,
                              int (*fn)(void *ctx, const sr_history_event *e), void *ctx)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		event_from_row(q, e);
		sr_status st = event_changes(db, q, owner_id, e);
		if (st != SR_OK)
			return st;
		if (fn(ctx, e))
			return SR_OK;
	}
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the history"));
	return SR_OK;
}

sr_status sr_history_each(sr_db *db, int64_t card_id,
                          int (*fn)(void *ctx, const sr_history_event *e), void *ctx)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, card_id);
	int64_t owner_id = 0;
	if (st == SR_OK)
		st = sr_query_int(db, &owner_id, "SELECT owner_id FROM cards WHERE id = ?1", "I",
		                  card_id);
	if (st != SR_OK)
		return st;
	/* Large (a long note, every field of an edit): one per call, on the heap. */
	sr_history_event *e = calloc(1, sizeof *e);
	if (!e)
		return sr_fail(db, SR_IO, "%s", _("out of memory"));
	sqlite3_stmt *q = sr_stmt(db, HISTORY_SQL);
	if (!q) {
		free(e);
		return SR_IO;
	}
	sqlite3_bind_int64(q, 1, card_id);
	st = history_rows(db, q, owner_id, e, fn, ctx);
	sr_stmt_done(q);
	free(e);
	return st;
}

const char *sr_card_history_hot_sql(const char *name)
{
	return !strcmp(name, "history") ? HISTORY_SQL : NULL;
}
