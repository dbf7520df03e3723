/* card_history.c — the history of a card. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"
#include "test_hooks.h"
#include "card_int.h"

/* ---- history ------------------------------------------------------------ */

static const char HISTORY_SQL[] =
	"SELECT c.filed_at AS at, 'file' AS kind, 0, c.id, u.name,"
	"  printf('filed via %s, level %s', c.channel, c.level_at_filing)"
	"  FROM cards c JOIN users u ON u.id = c.filed_by WHERE c.id = ?1"
	" UNION ALL SELECT f.at, 'followup', 1, f.id, u.name,"
	"  printf('%s, level %s->%s%s%s%s, next %s%s%s%s',"
	"   f.method, f.level_before, f.level, CASE WHEN f.step_intro THEN ', intro' ELSE '' END,"
	"   CASE WHEN f.step_negotiation THEN ', negotiation' ELSE '' END,"
	"   CASE WHEN f.step_test_drive THEN ', test drive' ELSE '' END, coalesce(f.next_date, '-'),"
	"   CASE WHEN f.content <> '' THEN ': ' || f.content ELSE '' END,"
	"   CASE WHEN f.traffic_id IS NOT NULL THEN ' [traffic ' || f.traffic_id || ']' ELSE '' END,"
	"   CASE WHEN f.comment IS NOT NULL THEN ' [comment: ' || f.comment || ']' ELSE '' END)"
	"  FROM followups f JOIN users u ON u.id = f.user_id WHERE f.card_id = ?1"
	" UNION ALL SELECT a.created_at, 'appointment', 2, a.id, u.name,"
	"  printf('appointment for %s: %s', a.date, a.status)"
	"  FROM appointments a JOIN users u ON u.id = a.created_by WHERE a.card_id = ?1"
	" UNION ALL SELECT o.ordered_at, 'order', 3, o.id, u.name,"
	"  printf('order, deposit %.2f: %s%s', o.deposit_cents / 100.0, o.status,"
	"   CASE WHEN o.cancel_reason IS NOT NULL THEN ' (' || o.cancel_reason || ')' ELSE '' END)"
	"  FROM orders o JOIN users u ON u.id = o.created_by WHERE o.card_id = ?1"
	" UNION ALL SELECT l.requested_at, 'loss', 4, l.id, u.name,"
	"  printf('loss request: %s%s, %s', l.reason,"
	"   CASE WHEN l.note <> '' THEN ' (' || l.note || ')' ELSE '' END, l.status)"
	"  FROM loss_requests l JOIN users u ON u.id = l.requested_by WHERE l.card_id = ?1"
	" UNION ALL SELECT s.at, 'assign', 5, s.id, u.name,"
	"  printf('%s: %s -> %s', s.reason, coalesce(fu.login, '-'), tu.login)"
	"  FROM assignments s JOIN users u ON u.id = s.by_user JOIN users tu ON tu.id = s.to_user"
	"  LEFT JOIN users fu ON fu.id = s.from_user WHERE s.card_id = ?1 AND s.reason <> 'file'"
	" UNION ALL SELECT m.merged_at, 'merge', 6, m.id, u.name,"
	"  printf('card %d merged into card %d', m.merged_id, m.survivor_id)"
	"  FROM merges m JOIN users u ON u.id = m.merged_by"
	"  WHERE m.survivor_id = ?1 OR m.merged_id = ?1"
	" UNION ALL SELECT a.at, 'audit', 7, a.id, coalesce(u.name, ''),"
	"  a.action || coalesce(': ' || (SELECT group_concat(b.key || ' ' || coalesce(b.value, '-')"
	"   || ' -> ' || coalesce(n.value, '-'), '; ') FROM json_each(a.before) b"
	"   JOIN json_each(a.after) n ON n.key = b.key"
	"   WHERE n.value IS NOT b.value AND b.key <> 'version'), '')"
	"  FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	"  WHERE a.card_id = ?1 AND a.action IN ('edit','deliver','cancel-order','loss-confirm',"
	"   'loss-reject','loss-to-dcc','dormant','reactivate','promote')"
	" ORDER BY 1, 3, 4";

sr_status sr_card_history(sr_db *db, int64_t id,
                          int (*fn)(void *ctx, const sr_history_entry *e), void *ctx)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, id);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, HISTORY_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	sr_history_entry *e = malloc(sizeof *e);
	if (!e) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "out of memory");
	}
	static const char *const kinds[] = {"file",  "followup", "appointment", "order",
	                                    "loss",  "assign",   "merge",       "audit"};
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(e, 0, sizeof *e);
		sr_col_text(q, 0, e->at, sizeof e->at);
		const char *kind = (const char *)sqlite3_column_text(q, 1);
		e->kind = "audit";
		for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
			if (strcmp(kind, kinds[i]) == 0)
				e->kind = kinds[i];
		e->ref_id = sqlite3_column_int64(q, 3);
		sr_col_text(q, 4, e->who, sizeof e->who);
		sr_col_text(q, 5, e->text, sizeof e->text);
		if (fn(ctx, e))
			break;
	}
	sr_stmt_done(q);
	free(e);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the history"));
	return SR_OK;
}

const char *sr_card_history_hot_sql(const char *name)
{
	return !strcmp(name, "history") ? HISTORY_SQL : NULL;
}
