/* worklist.c — the lists staff work from each day (SPEC §7), post-sale
 * callbacks (成交回访): scheduling them at delivery and recording them.
 *
 * Every list comes in two statements: one for a single owner, which walks
 * the owner's slice of an index (cards_owner_next, followups_user_at), and
 * one for everybody (optionally one team), which walks the date index
 * (cards_next, appointments_date, callbacks_due, loss_status). Keeping
 * them apart lets SQLite pick the right index: a shared statement with
 * "(:owner IS NULL OR owner_id = :owner)" would scan. */
#include <stdio.h>
#include <string.h>
#include "card_rules.h"
#include "test_hooks.h"

enum { RESULT_CHARS = 500, JSON_MAX = 4096, OFFSETS_MAX = 32 };

static const char DEFAULT_OFFSETS[] = "0,3,7,15,60";

static const char *const list_names[] = {"today",    "overdue",      "contacted", "arrivals",
                                         "calls",    "pending-loss", "callbacks", "to-comment"};
static const char *const list_labels[] = {N_("Due today"), N_("Overdue"),  N_("Contacted today"),
                                          N_("Arriving tomorrow"), N_("DCC call list"),
                                          N_("Loss requests pending"), N_("Post-sale callbacks"),
                                          N_("Awaiting comment")};

const char *sr_list_name(sr_list_kind k)
{
	return (unsigned)k < SR_LIST_COUNT ? list_names[k] : "?";
}

const char *sr_list_label(sr_list_kind k)
{
	return (unsigned)k < SR_LIST_COUNT ? _(list_labels[k]) : "?";
}

bool sr_list_parse(const char *text, sr_list_kind *out)
{
	for (int i = 0; text && i < SR_LIST_COUNT; i++)
		if (!strcmp(text, list_names[i])) {
			*out = (sr_list_kind)i;
			return true;
		}
	return false;
}

/* ---- the lists' SQL ------------------------------------------------------- */

/* Columns of every list, in this order: card id, name, phone, level,
 * status, owner login, date, days late, ref id, detail, owner id, owner
 * name. */
#define COLS(date, late, ref, detail)                                                        \
	"SELECT c.id, c.name, c.phone, c.level, c.status, u.login, " date ", " late ", " ref   \
	", " detail ", c.owner_id, u.name"

/* The model as "series model", or the model alone when it already starts
 * with the series (英朗 1.5L). */
#define MODEL_TEXT                                                                           \
	"CASE WHEN m.id IS NULL THEN ''"                                                     \
	" WHEN substr(m.model, 1, length(m.series)) = m.series THEN m.model"                 \
	" ELSE m.series || ' ' || m.model END"

#define LATE(date) "max(0, CAST(julianday(:today) - julianday(" date ") AS INTEGER))"

#define CARD_JOINS                                                                           \
	" JOIN users u ON u.id = c.owner_id LEFT JOIN models m ON m.id = c.model_id"
#define LIVE " AND c.merged_into IS NULL"
#define TEAM " AND (:team IS NULL OR u.team = :team)"
#define DUE_STATUS " AND c.status IN ('active','order')"
/* For everybody's lists: the unary + keeps SQLite off cards_status (most
 * cards are active) and on the date index. */
#define DUE_STATUS_ALL " AND +c.status IN ('active','order')"
#define BY_LEVEL " ORDER BY instr('OHABCN', c.level), c.id"

/* today: next follow-up date is today. */
static const char TODAY_ONE_SQL[] =
	COLS("c.next_date", "0", "0", MODEL_TEXT) " FROM cards c" CARD_JOINS
	" WHERE c.owner_id = :owner" DUE_STATUS " AND c.next_date = :today" LIVE BY_LEVEL;
static const char TODAY_ALL_SQL[] =
	COLS("c.next_date", "0", "0", MODEL_TEXT) " FROM cards c" CARD_JOINS
	" WHERE c.next_date = :today" DUE_STATUS_ALL LIVE TEAM BY_LEVEL;

/* overdue: next follow-up date before today, most late first. */
static const char OVERDUE_ONE_SQL[] =
	COLS("c.next_date", LATE("c.next_date"), "0", MODEL_TEXT) " FROM cards c" CARD_JOINS
	" WHERE c.owner_id = :owner" DUE_STATUS " AND c.next_date < :today" LIVE
	" ORDER BY c.next_date, c.id";
static const char OVERDUE_ALL_SQL[] =
	COLS("c.next_date", LATE("c.next_date"), "0", MODEL_TEXT) " FROM cards c" CARD_JOINS
	" WHERE c.next_date < :today" DUE_STATUS_ALL LIVE TEAM " ORDER BY c.next_date, c.id";

/* contacted: cards followed up today (by this user, or by anyone), once
 * each, with the time of the last contact. For everybody, users drive the
 * loop so each user's day is read from followups_user_at. */
#define CONTACTED_FROM                                                                       \
	" JOIN cards c ON c.id = f.card_id" CARD_JOINS                                       \
	" WHERE f.at >= :today AND f.at < :tomorrow" LIVE
static const char CONTACTED_ONE_SQL[] =
	COLS("max(f.at)", "0", "0", MODEL_TEXT) " FROM followups f" CONTACTED_FROM
	" AND f.user_id = :owner GROUP BY c.id ORDER BY 7, c.id";
static const char CONTACTED_ALL_SQL[] =
	COLS("max(f.at)", "0", "0", MODEL_TEXT)
	" FROM users fu CROSS JOIN followups f ON f.user_id = fu.id" CONTACTED_FROM TEAM
	" GROUP BY c.id ORDER BY 7, c.id";

/* arrivals: appointments set for tomorrow on following cards. A single
 * user's list has the appointments on their cards and those they are to
 * receive. */
#define ARRIVALS_FROM                                                                        \
	" FROM appointments a JOIN cards c ON c.id = a.card_id" CARD_JOINS                   \
	" LEFT JOIN users cu ON cu.id = a.consultant_id"                                     \
	" WHERE a.date = :tomorrow AND a.status = 'set'"                                     \
	" AND c.status IN ('active','order','dormant')" LIVE
#define ARRIVALS_COLS                                                                        \
	COLS("a.date", "0", "a.id", "trim(" MODEL_TEXT " || coalesce(' (' || cu.name || ')', ''))")
static const char ARRIVALS_ONE_SQL[] =
	ARRIVALS_COLS ARRIVALS_FROM " AND (c.owner_id = :owner OR a.consultant_id = :owner)"
	" ORDER BY a.id";
static const char ARRIVALS_ALL_SQL[] = ARRIVALS_COLS ARRIVALS_FROM TEAM " ORDER BY a.id";

/* calls: a DCC caller's new leads (active, never followed up; oldest
 * filing first), then the cards due today or earlier by intent level and
 * lateness. */
#define NEW_LEAD                                                                             \
	"(c.status = 'active' AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.card_id = c.id)" \
	" AND NOT EXISTS (SELECT 1 FROM calls k WHERE k.card_id = c.id"                      \
	" AND k.result IN ('reached','appointment')))"
#define CALLS_COLS                                                                           \
	COLS("CASE WHEN " NEW_LEAD " THEN c.filed_at ELSE c.next_date END",                  \
	     LATE("c.next_date"), "0", MODEL_TEXT) ", " NEW_LEAD " AS new_lead"
#define CALLS_WHERE                                                                          \
	DUE_STATUS LIVE " AND (c.next_date <= :today OR " NEW_LEAD ")"
#define CALLS_ORDER                                                                          \
	" ORDER BY new_lead DESC, CASE WHEN new_lead THEN c.filed_at END, il.rank,"          \
	" c.next_date, c.id"
static const char CALLS_ONE_SQL[] =
	CALLS_COLS " FROM cards c" CARD_JOINS " JOIN intent_levels il ON il.code = c.level"
	" WHERE c.owner_id = :owner" CALLS_WHERE CALLS_ORDER;
static const char CALLS_ALL_SQL[] =
	CALLS_COLS " FROM users u CROSS JOIN cards c ON c.owner_id = u.id"
	" LEFT JOIN models m ON m.id = c.model_id JOIN intent_levels il ON il.code = c.level"
	" WHERE u.role IN ('dcc-inbound','dcc-outbound')" TEAM CALLS_WHERE CALLS_ORDER;

/* pending-loss: loss requests waiting for a manager, oldest first. */
#define LOSS_COLS                                                                            \
	COLS("l.requested_at", "0", "l.id",                                                  \
	     "l.reason || CASE WHEN l.note <> '' THEN ': ' || l.note ELSE '' END")
#define LOSS_FROM                                                                            \
	" FROM loss_requests l JOIN cards c ON c.id = l.card_id" CARD_JOINS                  \
	" WHERE l.status = 'pending'" LIVE
/* Few requests are pending at a time: walk loss_status, not the owner's
 * cards (the unary + keeps SQLite off cards_owner_next). */
static const char LOSS_ONE_SQL[] =
	LOSS_COLS LOSS_FROM " AND +c.owner_id = :owner ORDER BY l.requested_at, l.id";
static const char LOSS_ALL_SQL[] = LOSS_COLS LOSS_FROM TEAM " ORDER BY l.requested_at, l.id";

/* callbacks: post-sale callbacks due today or earlier. */
#define CALLBACK_COLS COLS("cb.due_date", LATE("cb.due_date"), "cb.id", "cb.kind")
#define CALLBACK_FROM                                                                        \
	" FROM callbacks cb JOIN cards c ON c.id = cb.card_id" CARD_JOINS                    \
	" WHERE cb.status = 'due' AND cb.due_date <= :today" LIVE
static const char CALLBACK_ONE_SQL[] =
	CALLBACK_COLS CALLBACK_FROM " AND c.owner_id = :owner ORDER BY cb.due_date, cb.id";
static const char CALLBACK_ALL_SQL[] =
	CALLBACK_COLS CALLBACK_FROM TEAM " ORDER BY cb.due_date, cb.id";

/* to-comment: follow-ups of the last seven days that no manager has
 * commented on (批复), newest first; older ones are history, not work.
 * followups_uncommented holds exactly the rows without a comment. */
#define COMMENT_COLS                                                                         \
	COLS("f.at", "0", "f.id",                                                            \
	     "fu.name || ': ' || f.method || CASE WHEN f.content <> ''"                     \
	     " THEN ' ' || substr(replace(f.content, char(10), ' '), 1, 60) ELSE '' END")
#define COMMENT_FROM                                                                         \
	" FROM followups f JOIN users fu ON fu.id = f.user_id JOIN cards c ON c.id = f.card_id" \
	CARD_JOINS " WHERE f.comment IS NULL AND f.at >= :week_ago AND f.at < :tomorrow" LIVE
static const char COMMENT_ONE_SQL[] =
	COMMENT_COLS COMMENT_FROM " AND +c.owner_id = :owner ORDER BY f.at DESC, f.id DESC";
static const char COMMENT_ALL_SQL[] =
	COMMENT_COLS COMMENT_FROM TEAM " ORDER BY f.at DESC, f.id DESC";

static const struct {
	const char *one, *all;
} lists[SR_LIST_COUNT] = {
	[SR_LIST_TODAY] = {TODAY_ONE_SQL, TODAY_ALL_SQL},
	[SR_LIST_OVERDUE] = {OVERDUE_ONE_SQL, OVERDUE_ALL_SQL},
	[SR_LIST_CONTACTED] = {CONTACTED_ONE_SQL, CONTACTED_ALL_SQL},
	[SR_LIST_ARRIVALS] = {ARRIVALS_ONE_SQL, ARRIVALS_ALL_SQL},
	[SR_LIST_CALLS] = {CALLS_ONE_SQL, CALLS_ALL_SQL},
	[SR_LIST_PENDING_LOSS] = {LOSS_ONE_SQL, LOSS_ALL_SQL},
	[SR_LIST_CALLBACKS] = {CALLBACK_ONE_SQL, CALLBACK_ALL_SQL},
	[SR_LIST_TO_COMMENT] = {COMMENT_ONE_SQL, COMMENT_ALL_SQL},
};

/* ---- whose list ----------------------------------------------------------- */

struct who {
	int64_t owner_id;       /* 0 = everybody (in team, when set) */
	const char *team;
};

/* owner NULL: a consultant or caller gets their own list, a supervisor
 * their team's, everyone else the whole store's. A named owner must be in
 * the actor's scope. Deactivated users can still be named: their cards
 * wait for a manager to reassign them. */
static sr_status resolve_who(sr_db *db, const char *owner, struct who *w)
{
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	sr_scope scope = sr_perm_scope(db->actor_role);
	w->owner_id = 0;
	w->team = NULL;
	if (!owner || !*owner) {
		if (scope == SR_SCOPE_OWN)
			w->owner_id = db->actor_id;
		else if (scope == SR_SCOPE_TEAM)
			w->team = sr_team_name(db->actor_team);
		return SR_OK;
	}
	sr_user u;
	if ((st = sr_user_by_login(db, owner, &u)) != SR_OK)
		return st;
	bool allowed = u.id == db->actor_id || scope == SR_SCOPE_ALL ||
	               (scope == SR_SCOPE_TEAM && u.team == db->actor_team);
	if (!allowed)
		return sr_fail(db, SR_PERM,
		               _("permission denied: a %s sees only their own lists, not %s's; a "
		                 "manager can show them"),
		               _(sr_role_name(db->actor_role)), u.login);
	w->owner_id = u.id;
	return SR_OK;
}

static void bind_named(sqlite3_stmt *q, const char *name, const char *text)
{
	int i = sqlite3_bind_parameter_index(q, name);
	if (i > 0 && text)
		sqlite3_bind_text(q, i, text, -1, SQLITE_TRANSIENT);
}

static sqlite3_stmt *list_open(sr_db *db, sr_list_kind kind, const struct who *w)
{
	sqlite3_stmt *q = sr_stmt(db, w->owner_id ? lists[kind].one : lists[kind].all);
	if (!q)
		return NULL;
	char today[SR_DATE_LEN], tomorrow[SR_DATE_LEN], week_ago[SR_DATE_LEN];
	sr_date d = sr_db_today(db);
	sr_date_format(d, today);
	sr_date_format(d + 1, tomorrow);
	sr_date_format(d - 6, week_ago);
	int i = sqlite3_bind_parameter_index(q, ":owner");
	if (i > 0)
		sqlite3_bind_int64(q, i, w->owner_id);
	bind_named(q, ":team", w->team);
	bind_named(q, ":today", today);
	bind_named(q, ":tomorrow", tomorrow);
	bind_named(q, ":week_ago", week_ago);
	return q;
}

static sr_status check_kind(sr_db *db, sr_list_kind kind)
{
	if ((unsigned)kind >= SR_LIST_COUNT)
		return sr_fail(db, SR_BADINPUT,
		               _("no such list: use today, overdue, contacted, arrivals, calls, "
		                 "pending-loss, callbacks or to-comment"));
	return SR_OK;
}

/* Whether the actor sees full phones of this owner's cards; rows come
 * grouped enough by owner that remembering the last answer saves most
 * scope queries. */
struct phone_cache {
	int64_t owner_id;
	bool known, sees;
};

static void item_from_row(sr_db *db, sqlite3_stmt *q, struct phone_cache *pc, sr_work_item *it)
{
	memset(it, 0, sizeof *it);
	it->card_id = sqlite3_column_int64(q, 0);
	sr_col_text(q, 1, it->name, sizeof it->name);
	const char *level = (const char *)sqlite3_column_text(q, 3);
	it->level = level ? level[0] : 'N';
	it->status = sr_card_status_from_db((const char *)sqlite3_column_text(q, 4));
	sr_col_text(q, 5, it->owner_login, sizeof it->owner_login);
	sr_col_text(q, 11, it->owner_name, sizeof it->owner_name);
	sr_col_text(q, 6, it->date, sizeof it->date);
	it->days_late = sqlite3_column_int(q, 7);
	it->ref_id = sqlite3_column_int64(q, 8);
	sr_col_text(q, 9, it->detail, sizeof it->detail);
	int64_t owner_id = sqlite3_column_int64(q, 10);
	if (!pc->known || pc->owner_id != owner_id) {
		pc->owner_id = owner_id;
		pc->sees = sr_perm_sees_phone(db, owner_id);
		pc->known = true;
	}
	char phone[SR_PHONE_MAX];
	sr_col_text(q, 2, phone, sizeof phone);
	if (pc->sees)
		sr_copy(it->phone, sizeof it->phone, phone);
	else
		sr_phone_mask(phone, it->phone);
}

/* The call list's new leads: how long they have waited (working minutes
 * since filing) and whether that is past lead_contact_hours. */
static void lead_wait(sr_db *db, sqlite3_stmt *q, const sr_lead_rule *r, sr_work_item *it)
{
	sr_time filed;
	it->new_lead = sqlite3_column_int(q, 12);
	if (!it->new_lead || !sr_time_parse(it->date, &filed))
		return;
	it->wait_minutes = sr_dcc_working_minutes(r, filed, sr_db_now(db));
	it->flagged = it->wait_minutes > r->contact_minutes;
	it->days_late = 0;
}

/* The list's statement for owner (NULL: the actor), bound. */
static sr_status list_start(sr_db *db, sr_list_kind kind, const char *owner, sqlite3_stmt **q)
{
	struct who w;
	sr_status st = check_kind(db, kind);
	if (st == SR_OK)
		st = resolve_who(db, owner, &w);
	if (st != SR_OK)
		return st;
	*q = list_open(db, kind, &w);
	return *q ? SR_OK : SR_IO;
}

sr_status sr_worklist(sr_db *db, sr_list_kind kind, const char *owner,
                      int (*fn)(void *ctx, const sr_work_item *it), void *ctx)
{
	sqlite3_stmt *q;
	sr_status st = list_start(db, kind, owner, &q);
	if (st != SR_OK)
		return st;
	struct phone_cache pc = {0};
	sr_work_item it;
	sr_lead_rule rule;
	if (kind == SR_LIST_CALLS && (st = sr_dcc_lead_rule(db, &rule)) != SR_OK) {
		sr_stmt_done(q);
		return st;
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		item_from_row(db, q, &pc, &it);
		if (kind == SR_LIST_CALLS)
			lead_wait(db, q, &rule, &it);
		if (fn(ctx, &it))
			break;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the work list"));
	return SR_OK;
}

/* Counting steps the same statement without building rows: one definition
 * of each list, so the home screen's numbers always match the lists. */
sr_status sr_worklist_count(sr_db *db, sr_list_kind kind, const char *owner, int64_t *count)
{
	sqlite3_stmt *q;
	*count = 0;
	sr_status st = list_start(db, kind, owner, &q);
	if (st != SR_OK)
		return st;
	int rc;
	int64_t n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		n++;
	sr_stmt_done(q);
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("counting the work list"));
	*count = n;
	return SR_OK;
}

/* ---- post-sale callbacks -------------------------------------------------- */

/* "0,3,7,15,60" into days; false unless a comma-separated list of 0..3650
 * (the setting is checked when set; this guards hand edits). */
static bool parse_offsets(const char *text, int days[OFFSETS_MAX], int *n)
{
	const char *p = text;
	*n = 0;
	while (*p) {
		if (*p < '0' || *p > '9' || *n == OFFSETS_MAX)
			return false;
		int v = 0;
		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p++ - '0');
			if (v > 3650)
				return false;
		}
		days[(*n)++] = v;
		if (*p == ',' && p[1])
			p++;
		else if (*p)
			return false;
	}
	return true;
}

static const char CALLBACKS_JSON_SQL[] =
	"SELECT json_group_array(json_object('id', id, 'due_date', due_date, 'kind', kind))"
	" FROM callbacks WHERE card_id = ?1 AND status = 'due'";

/* One callback per offset from today: "day0", "day3", ... and, last, the
 * call around the first service. An empty setting schedules none. */
sr_status sr_callbacks_schedule(sr_db *db, int64_t card_id)
{
	char text[2048];
	int days[OFFSETS_MAX], n;
	sr_status st = sr_query_text(db, text, sizeof text,
	                             "SELECT value FROM settings WHERE key = 'callback_offsets'",
	                             NULL);
	if (st == SR_NOTFOUND)
		sr_copy(text, sizeof text, DEFAULT_OFFSETS);
	else if (st != SR_OK)
		return st;
	if (!parse_offsets(text, days, &n))
		return sr_fail(db, SR_RULE,
		               _("setting callback_offsets '%s' is not a list of days such as %s: an "
		                 "administrator can correct it (showroom setting set callback_offsets "
		                 "...)"),
		               text, DEFAULT_OFFSETS);
	if (n == 0)
		return SR_OK;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_date today = sr_db_today(db);
	int64_t first = 0;
	for (int i = 0; i < n && st == SR_OK; i++) {
		char due[SR_DATE_LEN], kind[16];
		sr_date_format(today + days[i], due);
		if (i == n - 1)
			sr_copy(kind, sizeof kind, "service");
		else
			snprintf(kind, sizeof kind, "day%d", days[i]);
		st = sr_exec(db, "INSERT INTO callbacks(card_id, due_date, kind) VALUES (?1, ?2, ?3)",
		             "Iss", card_id, due, kind);
		if (st == SR_OK && !first)
			first = sqlite3_last_insert_rowid(db->h);
	}
	char after[JSON_MAX] = "";
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, CALLBACKS_JSON_SQL, "I", card_id);
	if (st == SR_OK)
		st = sr_audit_write(db, "schedule", "callback", first, card_id, NULL, after);
	return sr_tx_end(db, st);
}

static const char CALLBACK_SNAPSHOT_SQL[] =
	"SELECT json_object('status', status, 'satisfaction', satisfaction, 'result', result,"
	" 'done_by', done_by, 'done_at', done_at) FROM callbacks WHERE id = ?1";

static sr_status check_result(sr_db *db, const char *result)
{
	return sr_check_text(db, _("callback result"), result, RESULT_CHARS, false, true);
}

sr_status sr_callback_check(sr_db *db, int64_t callback_id, int64_t *card_id)
{
	char status[16] = "";
	sr_status st = sr_perm_require(db, SR_ACT_CALLBACK);
	if (st == SR_OK)
		st = sr_query_int(db, card_id, "SELECT card_id FROM callbacks WHERE id = ?1", "I",
		                  callback_id);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("callback %lld not found"), (long long)callback_id);
	if (st == SR_OK)
		st = sr_perm_card(db, SR_ACT_CALLBACK, *card_id);
	if (st == SR_OK)
		st = sr_query_text(db, status, sizeof status,
		                   "SELECT status FROM callbacks WHERE id = ?1", "I", callback_id);
	if (st == SR_OK && strcmp(status, "due") != 0)
		st = sr_fail(db, SR_RULE, _("callback %lld is already %s"), (long long)callback_id,
		             status);
	return st;
}

sr_status sr_callback_write(sr_db *db, int64_t callback_id, int64_t card_id,
                            const char *satisfaction, const char *result)
{
	char now[SR_TIME_LEN], before[JSON_MAX] = "", after[JSON_MAX] = "";
	sr_now_text(db, now);
	sr_status st = sr_query_text(db, before, sizeof before, CALLBACK_SNAPSHOT_SQL, "I",
	                             callback_id);
	if (st == SR_OK)
		st = sr_exec(db,
		             "UPDATE callbacks SET status = 'done', satisfaction = ?1, result = ?2,"
		             " done_by = ?3, done_at = ?4, version = version + 1"
		             " WHERE id = ?5 AND status = 'due'",
		             "ssIsI", satisfaction, result ? result : "", db->actor_id, now,
		             callback_id);
	if (st == SR_OK && sr_changes(db) != 1)
		st = sr_fail(db, SR_CONFLICT,
		             _("callback %lld was recorded by someone else meanwhile"),
		             (long long)callback_id);
	if (st == SR_OK)
		st = sr_query_text(db, after, sizeof after, CALLBACK_SNAPSHOT_SQL, "I", callback_id);
	if (st == SR_OK)
		st = sr_audit_write(db, "done", "callback", callback_id, card_id, before, after);
	return st;
}

sr_status sr_callback_done(sr_db *db, int64_t callback_id, const char *result)
{
	int64_t card_id = 0;
	sr_status st = sr_callback_check(db, callback_id, &card_id);
	if (st == SR_OK)
		st = check_result(db, result);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, sr_callback_write(db, callback_id, card_id, NULL, result));
}

const char *sr_worklist_hot_sql(const char *name)
{
	static const struct {
		const char *name, *sql;
	} hot[] = {
		{"today", TODAY_ONE_SQL}, {"overdue", OVERDUE_ONE_SQL}, {"calls", CALLS_ONE_SQL},
	};
	for (size_t i = 0; i < sizeof hot / sizeof *hot; i++)
		if (!strcmp(hot[i].name, name))
			return hot[i].sql;
	return NULL;
}
