/* demo_bulk.c — a dealer group's five years in about a minute: the large
 * demo (issue 7) behind `showroom demo --cards N` from SR_DEMO_BULK_MIN
 * cards on.
 *
 * The small demo (demo.c) plays every card through the core API, which
 * takes milliseconds a card: fine for a few thousand, hours for a million.
 * This one writes the rows directly with prepared statements in one
 * transaction on an empty database: the indexes and triggers of the bulk
 * tables are dropped first and made again at the end (building an index
 * from sorted rows is far cheaper than growing it row by row), foreign
 * keys are off while loading and the rows refer only to rows it wrote.
 * The rows obey every CHECK, and the rules the triggers stand for hold by
 * construction (nothing is written after a card became final, except the
 * callbacks of a sale); `showroom check` verifies the result.
 *
 * Staff come through sr_user_add (audited); the load itself writes one
 * audit row, with the figures, instead of one per row it wrote.
 *
 * Each card's life is drawn from its own splitmix64 stream seeded from the
 * seed and the card's number, so the same seed and today give the same
 * data. Memory stays flat: nothing is kept per card but a small ring of
 * recent customers (repeat buyers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"
#include "demo_int.h"
#include "showroom/demo.h"

enum {
	BULK_YEARS_DAYS = 5 * 365 + 1,
	STAFF_AT_1M = 200,            /* users at a million cards, fewer below */
	FU_MAX = 80,                  /* follow-ups of one card at most */
	RING = 4096,                  /* recent customers kept for repeat buyers */
	SAVED_MAX = 64,               /* indexes and triggers set aside */
	DAY_MAX = 8192,               /* cards filed on one day at most */
};

/* ---- how cards arrive (the rest in demo_core.c) -------------------------------- */

/* Car buying by month: the Spring Festival before and its lull after,
 * the "golden September, silver October", the year-end push. */
static const int month_weight[12] = {110, 70, 105, 95, 100, 95, 85, 90, 115, 120, 105, 115};

enum outcome { O_ACTIVE, O_ORDER, O_DORMANT, O_SOLD, O_LOST, O_COUNT };

/* ---- the generator's state ------------------------------------------------------ */

enum role_pool { P_CONS, P_RECEP, P_MGR, P_DCC_IN, P_DCC_OUT, P_SUPER, P_SERVICE, P_COUNT };

struct pool {
	int64_t *id;
	int *weight;
	int n;
};

struct person {
	char name[48], phone[16];
	char gender[2];
	bool sold;
};

enum stmt { Q_CARD, Q_FU, Q_TRAFFIC, Q_APPT, Q_ORDER, Q_LOSS, Q_ASSIGN, Q_CALLBACK, Q_COUNT };

struct saved {
	char *name, *sql;
	bool trigger;
};

struct bulk {
	sr_db *db;
	uint64_t seed;
	sr_time limit;
	sr_date first, today;
	int rc;                      /* first SQLite error, SQLITE_OK while fine */
	const char *what;            /* the statement that failed */
	sqlite3_stmt *q[Q_COUNT];
	struct pool pool[P_COUNT];
	int64_t wholesale;           /* the wholesale consultant */
	int64_t models[32];
	int nmodels;
	int64_t src[S_COUNT];
	char fl[6][SR_CODE_MAX];     /* follow-up level by intent rank */
	int offsets[8], noffsets;    /* callback days after delivery */
	struct person ring[RING];
	int64_t nring;
	struct saved saved[SAVED_MAX];
	int nsaved;
	int64_t cards, card_id, followups, traffic, orders, sold, lost;
};

/* One card while its life is drawn. */
struct life {
	struct bulk *b;
	sr_rng r;
	int64_t id, owner, filer, model, source;
	enum kind kind;
	bool dcc;                    /* owned by a DCC caller (until a visit) */
	bool will_visit;
	char level, level0, target;
	sr_date next;                /* next follow-up date as stored */
	sr_time cursor;              /* the card's last event */
	int visits, nfu;
	bool intro, nego, drive;
	unsigned ans;                /* bit per key question answered */
	int64_t last_traffic;        /* the traffic row of the last visit */
	sr_time visit1, visit2, drive_at; /* the report's facts (cards_kpi) */
	sr_time order_at, cancelled; /* the order, written once its fate is known */
	char order_before;
	struct person who;
};

/* ---- plumbing ------------------------------------------------------------------- */

static void bk_step(struct bulk *b, enum stmt i, const char *what)
{
	sqlite3_stmt *q = b->q[i];
	if (b->rc == SQLITE_OK) {
		int rc = sqlite3_step(q);
		if (rc != SQLITE_DONE) {
			b->rc = rc;
			b->what = what;
		}
	}
	sqlite3_reset(q);
}

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

static void bind_id(sqlite3_stmt *q, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(q, i, id);
	else
		sqlite3_bind_null(q, i);
}

static void bind_time(sqlite3_stmt *q, int i, sr_time t)
{
	char text[SR_TIME_LEN];
	if (!t) {
		sqlite3_bind_null(q, i);
		return;
	}
	sr_time_format(t, text);
	sqlite3_bind_text(q, i, text, 19, SQLITE_TRANSIENT);
}

static void bind_date(sqlite3_stmt *q, int i, sr_date d)
{
	char text[SR_DATE_LEN];
	if (!d) {
		sqlite3_bind_null(q, i);
		return;
	}
	sr_date_format(d, text);
	sqlite3_bind_text(q, i, text, 10, SQLITE_TRANSIENT);
}

static void bind_level(sqlite3_stmt *q, int i, char level)
{
	static const char levels[] = "OHABCN";
	const char *p = strchr(levels, level);
	sqlite3_bind_text(q, i, p ? p : "N", 1, SQLITE_STATIC);
}

static int64_t pool_pick(struct bulk *b, enum role_pool p, sr_rng *r)
{
	struct pool *pl = &b->pool[p];
	if (pl->weight)
		return pl->id[sr_rng_pick(r, pl->weight, pl->n)];
	return pl->id[sr_rng_int(r, 0, pl->n - 1)];
}

static int level_rank(char level)
{
	const char *p = strchr("OHABCN", level);
	return p && level ? (int)(p - "OHABCN") : 5;
}

/* Days to the next contact for the level: within its follow-up level. */
static int interval(sr_rng *r, char level)
{
	switch (level) {
	case 'O': return sr_rng_int(r, 5, 7);
	case 'H': return sr_rng_int(r, 1, 3);
	case 'A': return sr_rng_int(r, 2, 3);
	case 'B': return sr_rng_int(r, 5, 7);
	case 'C': return sr_rng_int(r, 10, 15);
	default: return sr_rng_int(r, 20, 30);
	}
}

/* Most contacts happen on the planned day, some late. */

static sr_time at_hour(sr_rng *r, sr_date d, const int *hours)
{
	return sr_date_start(d) + sr_rng_pick(r, hours, 24) * 3600 + sr_rng_int(r, 0, 3599);
}

/* ---- staff ---------------------------------------------------------------------- */

static const struct {
	const char *prefix;
	sr_role role;
	sr_team team;
	enum role_pool pool;
	int per200;                  /* how many of 200 staff */
} staff_plan[] = {
	{"director", SR_ROLE_DIRECTOR, SR_TEAM_SHOWROOM, P_MGR, 2},
	{"manager", SR_ROLE_MANAGER, SR_TEAM_SHOWROOM, P_MGR, 12},
	{"consultant", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, P_CONS, 131},
	{"reception", SR_ROLE_RECEPTIONIST, SR_TEAM_SHOWROOM, P_RECEP, 10},
	{"dcc-super", SR_ROLE_DCC_SUPERVISOR, SR_TEAM_DCC, P_SUPER, 2},
	{"dcc-in", SR_ROLE_DCC_INBOUND, SR_TEAM_DCC, P_DCC_IN, 14},
	{"dcc-out", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC, P_DCC_OUT, 20},
	{"service", SR_ROLE_SERVICE, SR_TEAM_SHOWROOM, P_SERVICE, 8},
};

static void gen_name(sr_rng *r, bool female, char *out, size_t outlen)
{
	const char *chars = female ? demo_female_chars : demo_male_chars;
	int nchars = (int)(strlen(chars) / 3);
	const char *sur = demo_surnames[sr_rng_pick(r, demo_surname_weight, (int)(sizeof demo_surname_weight /
	                                                          sizeof *demo_surname_weight))];
	int given = sr_rng_per(r, 250) ? 1 : 2;
	size_t n = strlen(sur);
	memcpy(out, sur, n);
	for (int i = 0; i < given && n + 4 < outlen; i++, n += 3)
		memcpy(out + n, chars + 3 * sr_rng_int(r, 0, nchars - 1), 3);
	out[n] = '\0';
}

static sr_status bulk_staff(struct bulk *b, int64_t cards, sr_rng *r)
{
	int64_t total = STAFF_AT_1M * cards / 1000000;
	sr_status st = SR_OK;
	for (size_t k = 0; k < sizeof staff_plan / sizeof *staff_plan && st == SR_OK; k++) {
		int n = (int)(staff_plan[k].per200 * total / STAFF_AT_1M);
		n = n < 1 ? 1 : n;
		if (staff_plan[k].role == SR_ROLE_CONSULTANT && n < 8)
			n = 8;
		struct pool *p = &b->pool[staff_plan[k].pool];
		int64_t *ids = realloc(p->id, (size_t)(p->n + n) * sizeof *ids);
		int *w = realloc(p->weight, (size_t)(p->n + n) * sizeof *w);
		if (ids)
			p->id = ids;
		if (w)
			p->weight = w;
		if (!ids || !w)
			return sr_fail(b->db, SR_IO, "out of memory");
		for (int i = 0; i < n && st == SR_OK; i++) {
			char login[SR_LOGIN_MAX], name[48];
			snprintf(login, sizeof login, "%s%03d", staff_plan[k].prefix, i + 1);
			gen_name(r, sr_rng_per(r, 400), name, sizeof name);
			st = sr_user_add(b->db, login, name, staff_plan[k].role, staff_plan[k].team,
			                 NULL, &p->id[p->n]);
			/* some consultants simply receive more customers than others */
			p->weight[p->n++] = sr_rng_int(r, 5, 12);
		}
	}
	if (st != SR_OK)
		return st;
	/* The last consultant looks after the wholesale (二网) customers. */
	struct pool *c = &b->pool[P_CONS];
	b->wholesale = c->id[--c->n];
	char login[SR_LOGIN_MAX];
	if (sr_query_text(b->db, login, sizeof login, "SELECT login FROM users WHERE id = ?1", "I",
	                  b->wholesale) == SR_OK)
		st = sr_setting_set(b->db, "wholesale_owner", login);
	return st;
}

/* ---- reference data ------------------------------------------------------------- */

static sr_status bulk_reference(struct bulk *b)
{
	sr_db *db = b->db;
	sqlite3_stmt *q = sr_stmt(db, "SELECT id FROM models WHERE active = 1 ORDER BY id");
	if (!q)
		return SR_IO;
	while (sqlite3_step(q) == SQLITE_ROW && b->nmodels < 32)
		b->models[b->nmodels++] = sqlite3_column_int64(q, 0);
	sr_stmt_done(q);
	for (int i = 1; i < S_COUNT; i++)
		if (sr_query_int(db, &b->src[i], "SELECT id FROM sources WHERE code = ?1", "s",
		                 demo_src_codes[i]) != SR_OK)
			b->src[i] = 0;
	for (int i = 0; i < 6; i++) {
		char code[2] = {"OHABCN"[i], 0};
		if (sr_query_text(db, b->fl[i], sizeof b->fl[i],
		                  "SELECT default_followup_level FROM intent_levels WHERE code = ?1",
		                  "s", code) != SR_OK)
			sr_copy(b->fl[i], sizeof b->fl[i], "5");
	}
	char text[256] = "";
	if (sr_query_text(db, text, sizeof text,
	                  "SELECT value FROM settings WHERE key = 'callback_offsets'", NULL) != SR_OK)
		sr_copy(text, sizeof text, "0,3,7,15,60");
	for (char *p = text; *p && b->noffsets < 8;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		b->offsets[b->noffsets++] = (int)v;
		p = *end == ',' ? end + 1 : end;
	}
	if (!b->nmodels)
		return sr_fail(db, SR_RULE,
		               _("demo: the vehicle catalogue is empty; add models first "
		                 "(showroom model add) or run `showroom init` on a new file"));
	return SR_OK;
}

static bool has_source(void *ctx, int src)
{
	return ((struct bulk *)ctx)->src[src] != 0;
}

static sr_status write_cost(void *ctx, int src, const char *month, int64_t cents)
{
	struct bulk *b = ctx;
	return sr_exec(b->db,
	               "INSERT OR REPLACE INTO source_costs(source_id, month, cost_cents)"
	               " VALUES (?1, ?2, ?3)",
	               "IsI", b->src[src], month, cents);
}

/* ---- rows ----------------------------------------------------------------------- */

static const char *const bulk_sql[Q_COUNT] = {
	[Q_CARD] = "INSERT INTO cards(id, name, phone, gender, region, address, customer_type,"
	           " channel, source_id, model_id, filed_at, filed_by, owner_id, level,"
	           " level_at_filing, followup_level, expected_purchase, status, ans_budget,"
	           " ans_current, ans_usage, ans_compare, ans_payment, ans_addons, ans_use_date,"
	           " step_intro, step_negotiation, step_test_drive, next_date, loss_reason,"
	           " sold_at, lost_at, version, updated_at, visit1_at, visit2_at, drive_at)"
	           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	           " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
	           " ?33, ?34, ?35, ?36, ?37)",
	[Q_FU] = "INSERT INTO followups(card_id, at, user_id, method, content, result,"
	         " level_before, level, next_date, step_intro, step_negotiation, step_test_drive,"
	         " traffic_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	         " ?12, ?13, ?2)",
	[Q_TRAFFIC] = "INSERT INTO traffic(kind, time_in, time_out, persons, consultant_id,"
	              " model_id, source_id, result, card_id, created_by, created_at)"
	              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2)",
	[Q_APPT] = "INSERT INTO appointments(card_id, date, consultant_id, status, traffic_id,"
	           " created_by, created_at, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[Q_ORDER] = "INSERT INTO orders(card_id, ordered_at, deposit_cents, vin, model_id,"
	            " expected_delivery, level_before, status, delivered_at, cancelled_at,"
	            " cancel_reason, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	            " ?11, ?12)",
	[Q_LOSS] = "INSERT INTO loss_requests(card_id, reason, note, requested_by, requested_at,"
	           " status, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[Q_ASSIGN] = "INSERT INTO assignments(card_id, from_user, to_user, by_user, at, reason)"
	             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[Q_CALLBACK] = "INSERT INTO callbacks(card_id, due_date, kind, status, result, done_by,"
	               " done_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

static int64_t add_traffic(struct bulk *b, bool walkin, sr_time in, sr_time out, int persons,
                           int64_t consultant, int64_t model, int64_t source, int64_t card,
                           const char *result, int64_t by)
{
	sqlite3_stmt *q = b->q[Q_TRAFFIC];
	sqlite3_bind_text(q, 1, walkin ? "walkin" : "call", -1, SQLITE_STATIC);
	bind_time(q, 2, in);
	bind_time(q, 3, out && out <= b->limit ? out : 0);
	sqlite3_bind_int(q, 4, persons);
	bind_id(q, 5, consultant);
	bind_id(q, 6, model);
	bind_id(q, 7, source);
	sqlite3_bind_text(q, 8, card ? result : "none", -1, SQLITE_STATIC);
	bind_id(q, 9, card);
	sqlite3_bind_int64(q, 10, by);
	bk_step(b, Q_TRAFFIC, "traffic");
	b->traffic++;
	return sqlite3_last_insert_rowid(b->db->h);
}

static void add_assign(struct bulk *b, int64_t card, int64_t from, int64_t to, int64_t by,
                       sr_time at, const char *reason)
{
	sqlite3_stmt *q = b->q[Q_ASSIGN];
	sqlite3_bind_int64(q, 1, card);
	bind_id(q, 2, from);
	sqlite3_bind_int64(q, 3, to);
	sqlite3_bind_int64(q, 4, by);
	bind_time(q, 5, at);
	sqlite3_bind_text(q, 6, reason, -1, SQLITE_STATIC);
	bk_step(b, Q_ASSIGN, "assignments");
}

static void add_appt(struct bulk *b, int64_t card, sr_date date, int64_t consultant,
                     const char *status, int64_t traffic, int64_t by, sr_time at,
                     sr_time resolved)
{
	sqlite3_stmt *q = b->q[Q_APPT];
	sqlite3_bind_int64(q, 1, card);
	bind_date(q, 2, date);
	bind_id(q, 3, consultant);
	sqlite3_bind_text(q, 4, status, -1, SQLITE_STATIC);
	bind_id(q, 5, traffic);
	sqlite3_bind_int64(q, 6, by);
	bind_time(q, 7, at);
	bind_time(q, 8, resolved);
	bk_step(b, Q_APPT, "appointments");
}

/* ---- one card's life -------------------------------------------------------------- */

/* A follow-up on day d by the card's owner: a visit (with its traffic
 * row) or a call, message or home visit; the level moves one step toward
 * the target now and then. False when the moment has not come yet. */
static bool follow(struct life *l, sr_date d, bool visit, const char *content)
{
	struct bulk *b = l->b;
	sr_time t = at_hour(&l->r, d, visit ? demo_slot_hours[SLOT_VISIT] : demo_slot_hours[SLOT_CALL]);
	if (t <= l->cursor)
		t = l->cursor + 60 * sr_rng_int(&l->r, 5, 40);
	if (t > b->limit || l->nfu >= FU_MAX)
		return false;
	const char *method = "phone";
	if (visit) {
		method = "reception";
	} else {
		int m = sr_rng_int(&l->r, 0, 99);
		method = m < 62 ? "phone" : m < 82 ? "wechat" : m < 95 ? "sms" : "visit";
	}
	if (!content)
		content = visit                          ? SR_RNG_ITEM(&l->r, demo_visit_talk)
		          : l->level == 'O'              ? SR_RNG_ITEM(&l->r, demo_order_talk)
		          : !strcmp(method, "wechat")    ? SR_RNG_ITEM(&l->r, demo_wechat_talk)
		          : !strcmp(method, "sms")       ? SR_RNG_ITEM(&l->r, demo_sms_talk)
		          : !strcmp(method, "visit")     ? SR_RNG_ITEM(&l->r, demo_home_talk)
		                                         : SR_RNG_ITEM(&l->r, demo_phone_talk);
	char before = l->level;
	if (l->level != 'O' && l->level != l->target && sr_rng_per(&l->r, visit ? 600 : 300)) {
		int a = level_rank(l->level), z = level_rank(l->target);
		l->level = "OHABCN"[a + (z > a ? 1 : -1)];
		if (l->level == 'O')
			l->level = 'H';
	}
	bool intro = false, nego = false, drive = false;
	int64_t traffic = 0;
	if (visit) {
		l->visits++;
		intro = !l->intro;
		nego = l->intro && sr_rng_per(&l->r, 700);
		drive = sr_rng_per(&l->r, l->drive ? 100 : 450);
		l->intro = true;
		l->nego |= nego;
		l->drive |= drive;
		if (!l->visit1)
			l->visit1 = t;
		else if (!l->visit2)
			l->visit2 = t;
		if (drive && !l->drive_at)
			l->drive_at = t;
		traffic = add_traffic(b, true, t - 60 * sr_rng_int(&l->r, 0, 10),
		                      t + 60 * sr_rng_int(&l->r, 20, 90), sr_rng_int(&l->r, 1, 4), l->owner,
		                      l->model, 0, l->id, "followup", pool_pick(b, P_RECEP, &l->r));
		l->last_traffic = traffic;
	}
	if (level_rank(l->level) <= 1)
		l->ans = 0x7f;
	else if (sr_rng_per(&l->r, 300))
		l->ans |= 1u << sr_rng_int(&l->r, 0, SR_ANS_COUNT - 1);
	l->next = d + interval(&l->r, l->level);
	sqlite3_stmt *q = b->q[Q_FU];
	sqlite3_bind_int64(q, 1, l->id);
	bind_time(q, 2, t);
	sqlite3_bind_int64(q, 3, l->owner);
	sqlite3_bind_text(q, 4, method, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, content, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, SR_RNG_ITEM(&l->r, demo_results), -1, SQLITE_STATIC);
	bind_level(q, 7, before);
	bind_level(q, 8, l->level);
	bind_date(q, 9, l->next);
	sqlite3_bind_int(q, 10, intro);
	sqlite3_bind_int(q, 11, nego);
	sqlite3_bind_int(q, 12, drive);
	bind_id(q, 13, traffic);
	bk_step(b, Q_FU, "followups");
	b->followups++;
	l->nfu++;
	l->cursor = t;
	return true;
}

/* A DCC caller's customer comes to the showroom: the appointment showed
 * and the card goes to the consultant who received them. */
static void dcc_handover(struct life *l, sr_date d)
{
	struct bulk *b = l->b;
	int64_t cons = pool_pick(b, P_CONS, &l->r);
	int64_t caller = l->owner;
	sr_time set_at = l->cursor;
	l->owner = cons;
	l->dcc = false;
	if (!follow(l, d, true, NULL)) {
		l->owner = caller;
		l->dcc = true;
		return;
	}
	add_appt(b, l->id, d, cons, "showed", l->last_traffic, caller, set_at, l->cursor);
	add_assign(b, l->id, caller, cons, pool_pick(b, P_SUPER, &l->r), l->cursor, "reassign");
}

/* Contacts from the card's next date until `end` (excluded); visits come
 * with the given chance. */
static void court(struct life *l, sr_date end, int visit_permille)
{
	struct bulk *b = l->b;
	while (l->nfu < FU_MAX) {
		sr_date d = l->next + demo_lateness(&l->r);
		sr_date cur = sr_time_date(l->cursor);
		if (d < cur)
			d = cur;
		if (d >= end || d > b->today)
			return;
		bool visit = l->will_visit && sr_rng_per(&l->r, visit_permille);
		if (visit && l->dcc) {
			dcc_handover(l, d);
		} else if (!visit && l->dcc && sr_rng_per(&l->r, 40)) {
			/* an appointment the customer did not keep */
			if (!follow(l, d, false, "邀约客户到店看车"))
				return;
			sr_date day = d + sr_rng_int(&l->r, 1, 3);
			sr_time missed = sr_date_start(day + 1) + 9 * 3600;
			if (missed <= b->limit)
				add_appt(b, l->id, day, 0, sr_rng_per(&l->r, 900) ? "missed" : "cancelled", 0,
				         l->owner, l->cursor, missed);
		} else if (!follow(l, d, visit, NULL)) {
			return;
		}
	}
}


static void add_callbacks(struct life *l, sr_date delivered)
{
	struct bulk *b = l->b;
	sqlite3_stmt *q = b->q[Q_CALLBACK];
	for (int i = 0; i < b->noffsets; i++) {
		char kind[16];
		sr_date due = delivered + b->offsets[i];
		if (i == b->noffsets - 1)
			sr_copy(kind, sizeof kind, "service");
		else
			snprintf(kind, sizeof kind, "day%d", b->offsets[i]);
		sr_time done = at_hour(&l->r, due, demo_slot_hours[SLOT_CALL]);
		bool past = done <= b->limit && due < b->today;
		int x = sr_rng_int(&l->r, 0, 99);
		const char *status = !past || x >= 98 ? "due" : x >= 93 ? "unreachable" : "done";
		sqlite3_bind_int64(q, 1, l->id);
		bind_date(q, 2, due);
		sqlite3_bind_text(q, 3, kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 4, status, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, !strcmp(status, "done") ? SR_RNG_ITEM(&l->r, demo_callback_results) : "",
		                  -1, SQLITE_STATIC);
		bool closed = strcmp(status, "due") != 0;
		bind_id(q, 6, closed ? pool_pick(b, P_SERVICE, &l->r) : 0);
		bind_time(q, 7, closed ? done : 0);
		bk_step(b, Q_CALLBACK, "callbacks");
	}
}

/* The order row; delivered or cancelled when those times are given. */
static void add_order(struct life *l, sr_time at, char before, sr_time delivered,
                      sr_time cancelled)
{
	struct bulk *b = l->b;
	sqlite3_stmt *q = b->q[Q_ORDER];
	char vin[18];
	demo_vin(&l->r, "LSG", vin);
	sqlite3_bind_int64(q, 1, l->id);
	bind_time(q, 2, at);
	sqlite3_bind_int64(q, 3, (int64_t)sr_rng_int(&l->r, 1, 10) * 500000);
	sqlite3_bind_text(q, 4, delivered || sr_rng_per(&l->r, 400) ? vin : "", -1, SQLITE_TRANSIENT);
	bind_id(q, 5, l->model ? l->model : b->models[0]);
	bind_date(q, 6, sr_time_date(at) + sr_rng_int(&l->r, 7, 30));
	bind_level(q, 7, before == 'O' ? 'A' : before);
	sqlite3_bind_text(q, 8, delivered ? "delivered" : cancelled ? "cancelled" : "open", -1,
	                  SQLITE_STATIC);
	bind_time(q, 9, delivered);
	bind_time(q, 10, cancelled);
	bind_text(q, 11, cancelled ? SR_RNG_ITEM(&l->r, demo_cancel_reasons) : NULL);
	sqlite3_bind_int64(q, 12, l->owner);
	bk_step(b, Q_ORDER, "orders");
	b->orders++;
}

/* Signing on day d at a visit; false when that day is still to come. */
static bool sign(struct life *l, sr_date d)
{
	l->will_visit = true;
	if (l->dcc)
		dcc_handover(l, d);
	else
		follow(l, d, true, "客户到店签订购车合同");
	if (sr_time_date(l->cursor) != d)
		return false;
	l->ans = 0x7f;
	l->order_before = l->level;
	l->order_at = l->cursor + 600;
	l->level = 'O';
	l->cursor += 600;
	l->next = d + interval(&l->r, 'O');
	return true;
}

struct ending {
	enum outcome outcome;
	const char *status;
	sr_time sold_at, lost_at;
	const char *loss_reason;
};

static void life_sold(struct life *l, sr_date filed, int age, struct ending *e)
{
	struct bulk *b = l->b;
	sr_date order = filed + sr_rng_skew(&l->r, age < 90 ? age : 90);
	l->target = sr_rng_per(&l->r, 500) ? 'H' : 'A';
	court(l, order, 150);
	if (!sign(l, order > sr_time_date(l->cursor) ? order : sr_time_date(l->cursor))) {
		e->status = "active";
		return;
	}
	sr_date deliver = sr_time_date(l->cursor) + sr_rng_int(&l->r, 3, 25);
	court(l, deliver, 0);
	sr_time at = at_hour(&l->r, deliver, demo_slot_hours[SLOT_VISIT]);
	if (deliver >= b->today || at > b->limit || at <= l->cursor) {
		e->status = "order";
		return;
	}
	l->cursor = at;
	e->status = "sold";
	e->sold_at = at;
	add_callbacks(l, deliver);
}

static void loss_row(struct life *l, int reason, sr_time at, const char *status, sr_time decided)
{
	struct bulk *b = l->b;
	sqlite3_stmt *q = b->q[Q_LOSS];
	sqlite3_bind_int64(q, 1, l->id);
	sqlite3_bind_text(q, 2, sr_loss_reason_name((sr_loss_reason)reason), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, demo_loss_notes[reason][sr_rng_int(&l->r, 0, 2)], -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, l->owner);
	bind_time(q, 5, at);
	sqlite3_bind_text(q, 6, status, -1, SQLITE_STATIC);
	bind_id(q, 7, decided ? pool_pick(b, P_MGR, &l->r) : 0);
	bind_time(q, 8, decided);
	bk_step(b, Q_LOSS, "loss_requests");
}

static void life_lost(struct life *l, sr_date filed, int age, struct ending *e)
{
	struct bulk *b = l->b;
	static const int consultant_w[5] = {30, 25, 25, 10, 10}, dcc_w[5] = {15, 15, 20, 10, 40};
	int reason = sr_rng_pick(&l->r, l->dcc ? dcc_w : consultant_w, 5);
	sr_date request = filed + 7 + sr_rng_skew(&l->r, age - 7 < 240 ? age - 7 : 240);
	/* followed in earnest for a while, then the interest fades */
	l->target = 'B';
	court(l, request - (request - filed) / 3, 40);
	l->target = sr_rng_per(&l->r, 600) ? 'N' : 'C';
	if (sr_rng_per(&l->r, 60) && request - filed > 20) {
		/* signed, then cancelled the order, then gave up */
		sr_date mid = filed + (request - filed) / 2;
		court(l, mid, 120);
		char before = l->level;
		if (sign(l, mid > sr_time_date(l->cursor) ? mid : sr_time_date(l->cursor))) {
			sr_time cancel = l->cursor + 86400 * sr_rng_int(&l->r, 2, 8);
			if (cancel < sr_date_start(request) && cancel <= b->limit) {
				add_order(l, l->order_at, l->order_before, 0, cancel);
				l->order_at = 0;
				l->level = before == 'O' ? 'A' : before;
				l->cursor = cancel;
				l->next = sr_time_date(cancel) + interval(&l->r, l->level);
			} else {
				e->status = "order";
				return;
			}
		} else {
			e->status = "active";
			return;
		}
	}
	court(l, request, 40);
	sr_time at = at_hour(&l->r, request, demo_slot_hours[SLOT_CALL]);
	if (at <= l->cursor)
		at = l->cursor + 600;
	if (at > b->limit) {
		e->status = "active";
		return;
	}
	if (sr_rng_per(&l->r, 80) && at + 3600 * 30 <= b->limit) {
		/* a first request the manager rejected: follow on a while */
		loss_row(l, reason, at, "rejected", at + 3600 * sr_rng_int(&l->r, 1, 30));
		l->cursor = at + 3600 * 30;
		sr_date again = sr_time_date(l->cursor) + sr_rng_int(&l->r, 10, 40);
		court(l, again, 20);
		at = at_hour(&l->r, again, demo_slot_hours[SLOT_CALL]);
		if (at <= l->cursor)
			at = l->cursor + 600;
		if (at > b->limit) {
			e->status = "active";
			return;
		}
	}
	sr_time decided = at + 3600 * sr_rng_int(&l->r, 1, 60);
	if (decided > b->limit) {
		loss_row(l, reason, at, "pending", 0);
		e->status = "active";
		l->cursor = at;
		return;
	}
	loss_row(l, reason, at, "confirmed", decided);
	e->status = "lost";
	e->lost_at = decided;
	e->loss_reason = sr_loss_reason_name((sr_loss_reason)reason);
	l->cursor = decided;
}

static void life_dormant(struct life *l, sr_date filed, int age, struct ending *e)
{
	sr_date when = filed + 30 + sr_rng_skew(&l->r, age - 30 < 180 ? age - 30 : 180);
	l->target = 'B';
	court(l, when - (when - filed) / 3, 30);
	l->target = 'N';
	court(l, when, 30);
	sr_time at = at_hour(&l->r, when, demo_slot_hours[SLOT_CALL]);
	/* a visited customer is parked only after intro, negotiation and test
	 * drive (the rule of sr_card_dormant) */
	if (at > l->b->limit || at <= l->cursor) {
		e->status = "active";
		return;
	}
	if (l->visits && !(l->intro && l->nego && l->drive)) {
		e->outcome = O_LOST;
		return;
	}
	e->status = "dormant";
	l->cursor = at;
}

static void life_active(struct life *l, sr_date filed, int age)
{
	struct bulk *b = l->b;
	static const char targets[] = "HABBCCN";
	l->target = targets[sr_rng_int(&l->r, 0, 6)];
	/* a card followed for months is a long-cycle customer by now */
	if (age > 120)
		l->level = l->target = sr_rng_per(&l->r, 300) ? 'C' : 'N';
	/* some owners stop following a card for a while: it shows as overdue */
	sr_date end = b->today + 1;
	if (age > 10 && sr_rng_per(&l->r, 60))
		end = b->today - sr_rng_int(&l->r, 1, age < 60 ? age : 60);
	court(l, end, 60);
	(void)filed;
}

/* How a card stands today by its age: young cards are mostly still being
 * followed; of the older ones about a fifth were sold, half were lost,
 * some are parked and a few long-cycle customers are still followed. */
static enum outcome pick_outcome(sr_rng *r, int age, enum kind k)
{
	int w[O_COUNT];
	if (k == K_WHOLESALE) {
		int ww[O_COUNT] = {[O_ACTIVE] = 250, [O_ORDER] = 150, [O_SOLD] = 500, [O_LOST] = 100};
		if (age < 12)
			ww[O_SOLD] = 0;
		if (age > 120) {
			ww[O_ACTIVE] = 30;
			ww[O_ORDER] = 5;
		}
		return (enum outcome)sr_rng_pick(r, ww, O_COUNT);
	}
	if (age <= 90) {
		w[O_ORDER] = age < 3 ? 30 : age <= 60 ? 120 : 40;
		w[O_SOLD] = age < 12 ? 0 : 200 * (age - 12) / 78;
		w[O_LOST] = age < 7 ? 5 : 400 * (age - 7) / 83;
		w[O_DORMANT] = age < 30 ? 0 : 150 * (age - 30) / 60;
	} else {
		w[O_ORDER] = 3;
		w[O_SOLD] = 240;
		w[O_DORMANT] = age < 365 ? 200 : age < 730 ? 180 : 160;
		w[O_ACTIVE] = age < 180 ? 60 : age < 365 ? 25 : 8;
		w[O_LOST] = 1000 - w[O_ORDER] - w[O_SOLD] - w[O_DORMANT] - w[O_ACTIVE];
		return (enum outcome)sr_rng_pick(r, w, O_COUNT);
	}
	w[O_ACTIVE] = 1000 - w[O_ORDER] - w[O_SOLD] - w[O_LOST] - w[O_DORMANT];
	return (enum outcome)sr_rng_pick(r, w, O_COUNT);
}

static char filing_level(sr_rng *r, enum kind k)
{
	static const int walk[6] = {0, 0, 25, 35, 25, 15}, remote[6] = {0, 0, 10, 30, 35, 25};
	int i = sr_rng_pick(r, k == K_WALKIN || k == K_OUTREACH ? walk : remote, 6);
	return "OHABCN"[i];
}

static void gen_person(struct bulk *b, struct life *l)
{
	sr_rng *r = &l->r;
	/* a repeat customer of a finished card now and then */
	if (b->nring > RING && sr_rng_per(r, 40)) {
		const struct person *p = &b->ring[sr_rng_next(r) % RING];
		if (p->name[0]) {
			l->who = *p;
			if (p->sold && b->src[S_REPURCHASE])
				l->source = b->src[S_REPURCHASE];
			return;
		}
	}
	bool female = sr_rng_per(r, 380);
	gen_name(r, female, l->who.name, sizeof l->who.name);
	snprintf(l->who.phone, sizeof l->who.phone, "%s%08d", SR_RNG_ITEM(r, demo_phone_prefixes),
	         sr_rng_int(r, 0, 99999999));
	sr_copy(l->who.gender, sizeof l->who.gender, female ? "F" : sr_rng_per(r, 950) ? "M" : "");
}

static int64_t pick_source(struct bulk *b, sr_rng *r, enum kind k)
{
	int w[S_COUNT];
	memcpy(w, demo_src_weight[k], sizeof w);
	w[S_NONE] = 0; /* every card of the bulk load has a source */
	int i = sr_rng_pick(r, w, S_COUNT);
	return w[i] ? b->src[i] : 0;
}

/* The card passes the checks filing makes: its typed fields by the field
 * table, its level at filing and now by the level check (an order's O
 * aside); a refusal stops the load with the rule's message. */
static bool card_checks(struct life *l, char level, const char *region, const char *address,
                        const char *const answers[SR_ANS_COUNT])
{
	sr_db *db = l->b->db;
	unsigned answered = sr_answers_mask(answers);
	sr_level_change filed = {SR_LEVEL_AT_FILING, l->id, 0, l->level0, answered};
	sr_level_change now = {SR_LEVEL_BY_EDIT, l->id, l->level0, level, answered};
	sr_status st = sr_card_field_check(db, SR_FIELD_NAME, l->who.name, NULL, NULL);
	if (st == SR_OK)
		st = sr_card_field_check(db, SR_FIELD_REGION, region, NULL, NULL);
	if (st == SR_OK)
		st = sr_card_field_check(db, SR_FIELD_ADDRESS, address, NULL, NULL);
	for (int i = 0; i < SR_ANS_COUNT && st == SR_OK; i++)
		st = sr_card_field_check(db, SR_FIELD_ANSWER0 + i, answers[i], NULL, NULL);
	if (st == SR_OK)
		st = sr_level_check(db, &filed);
	if (st == SR_OK && level != 'O')
		st = sr_level_check(db, &now);
	if (st != SR_OK && l->b->rc == SQLITE_OK) {
		l->b->rc = SQLITE_CONSTRAINT;
		l->b->what = "cards";
	}
	return st == SR_OK;
}

static void insert_card(struct life *l, sr_time filed_at, const struct ending *e)
{
	struct bulk *b = l->b;
	sqlite3_stmt *q = b->q[Q_CARD];
	sr_rng *r = &l->r;
	bool sold = !strcmp(e->status, "sold"), order = !strcmp(e->status, "order");
	char level = sold || order ? 'O' : l->level;
	if (level == 'H')
		l->ans = 0x7f;
	char addr[64];
	snprintf(addr, sizeof addr, "%s%d号", SR_RNG_ITEM(r, demo_roads), sr_rng_int(r, 1, 300));
	const char *region = sr_rng_per(r, 700) ? SR_RNG_ITEM(r, demo_regions) : "";
	const char *address = sr_rng_per(r, 300) ? addr : "";
	const char *answers[SR_ANS_COUNT];
	for (int i = 0; i < SR_ANS_COUNT; i++)
		answers[i] = l->ans & (1u << i) ? demo_answers[i][sr_rng_int(r, 0, 3)] : "";
	if (!card_checks(l, level, region, address, answers))
		return;
	sqlite3_bind_int64(q, 1, l->id);
	sqlite3_bind_text(q, 2, l->who.name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, l->who.phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, l->who.gender, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 5, region, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, address, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 7, l->kind == K_WHOLESALE ? "wholesale" : "retail", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 8,
	                  l->kind == K_WALKIN                                 ? "walkin"
	                  : l->kind == K_OUTREACH || l->kind == K_WHOLESALE ? "outreach"
	                                                                      : "phone",
	                  -1, SQLITE_STATIC);
	bind_id(q, 9, l->source);
	bind_id(q, 10, l->model);
	bind_time(q, 11, filed_at);
	sqlite3_bind_int64(q, 12, l->filer);
	sqlite3_bind_int64(q, 13, l->owner);
	bind_level(q, 14, level);
	bind_level(q, 15, l->level0);
	sqlite3_bind_text(q, 16, b->fl[level_rank(level)], -1, SQLITE_TRANSIENT);
	int rank = level_rank(l->level0);
	bind_date(q, 17, rank <= 4 ? sr_time_date(filed_at) + (rank <= 2 ? 15 : rank == 3 ? 30 : 90)
	                           : 0);
	sqlite3_bind_text(q, 18, e->status, -1, SQLITE_STATIC);
	for (int i = 0; i < SR_ANS_COUNT; i++)
		sqlite3_bind_text(q, 19 + i, answers[i], -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 26, l->intro);
	sqlite3_bind_int(q, 27, l->nego);
	sqlite3_bind_int(q, 28, l->drive);
	bool following = !strcmp(e->status, "active") || order;
	bind_date(q, 29, following ? l->next : 0);
	bind_text(q, 30, e->loss_reason);
	bind_time(q, 31, e->sold_at);
	bind_time(q, 32, e->lost_at);
	sqlite3_bind_int(q, 33, 1 + l->nfu);
	bind_time(q, 34, l->cursor > filed_at ? l->cursor : filed_at);
	bind_time(q, 35, l->visit1);
	bind_time(q, 36, l->visit2);
	bind_time(q, 37, l->drive_at);
	bk_step(b, Q_CARD, "cards");
}

/* File card `id` at t0 and play its life up to now. */
static void bulk_card(struct bulk *b, int64_t id, sr_time t0, enum kind k)
{
	struct life l = {.b = b, .id = id, .kind = k};
	l.r.s = b->seed ^ ((uint64_t)id * 0xD1B54A32D192ED03ull);
	sr_rng_next(&l.r);
	int age = b->today - sr_time_date(t0);
	enum outcome o = pick_outcome(&l.r, age, k);
	l.source = pick_source(b, &l.r, k);
	l.model = sr_rng_per(&l.r, 900) ? b->models[sr_rng_int(&l.r, 0, b->nmodels - 1)] : 0;
	gen_person(b, &l);
	l.dcc = k == K_DCC_IN || k == K_DCC_OUT;
	l.owner = k == K_WHOLESALE ? b->wholesale
	          : k == K_DCC_IN  ? pool_pick(b, P_DCC_IN, &l.r)
	          : k == K_DCC_OUT ? pool_pick(b, P_DCC_OUT, &l.r)
	                           : pool_pick(b, P_CONS, &l.r);
	l.filer = l.owner;
	l.level = l.level0 = filing_level(&l.r, k);
	l.ans = (1u << sr_rng_int(&l.r, 0, 4)) - 1;
	l.will_visit = k != K_WHOLESALE && sr_rng_per(&l.r, k == K_WALKIN ? 500 : 600);
	l.cursor = t0;
	l.next = sr_time_date(t0) + interval(&l.r, l.level);
	if (k == K_WALKIN) {
		l.visits = 1;
		add_traffic(b, true, t0 - 60 * sr_rng_int(&l.r, 5, 25), t0 + 60 * sr_rng_int(&l.r, 15, 80),
		            sr_rng_int(&l.r, 1, 4), l.owner, l.model, l.source, id, "filed",
		            pool_pick(b, P_RECEP, &l.r));
	} else if (k == K_DCC_IN) {
		add_traffic(b, false, t0 - 60 * sr_rng_int(&l.r, 2, 6), 0, 1, l.owner, l.model, l.source,
		            id, "filed", l.owner);
	}
	add_assign(b, id, 0, l.owner, l.filer, t0, k == K_WHOLESALE ? "wholesale" : "file");
	struct ending e = {.outcome = o, .status = "active"};
	sr_date filed = sr_time_date(t0);
	switch (o) {
	case O_SOLD: life_sold(&l, filed, age, &e); break;
	case O_ORDER:
		l.target = 'A';
		court(&l, b->today - 1 - sr_rng_skew(&l.r, age < 45 ? age : 45), 150);
		if (sign(&l, sr_time_date(l.cursor) > filed ? sr_time_date(l.cursor) : filed)) {
			e.status = "order";
			court(&l, b->today + 1, 0);
		}
		break;
	case O_LOST: life_lost(&l, filed, age, &e); break;
	case O_DORMANT:
		life_dormant(&l, filed, age, &e);
		if (e.outcome == O_LOST)
			life_lost(&l, filed, age, &e);
		break;
	default: life_active(&l, filed, age); break;
	}
	/* a life that ended early (a step still to come) is followed up to now */
	if (o != O_ACTIVE && (!strcmp(e.status, "active") || !strcmp(e.status, "order"))) {
		if (level_rank(l.level) < 4 && b->today - sr_time_date(l.cursor) > 120 &&
		    l.level != 'O')
			l.level = 'C';
		court(&l, b->today + 1, 20);
	}
	if (l.order_at) {
		/* signed: delivered, or still open (the card is then an order) */
		if (!e.sold_at)
			e.status = "order";
		add_order(&l, l.order_at, l.order_before, e.sold_at, 0);
	} else if (l.level == 'O') {
		l.level = 'A';
	}
	insert_card(&l, t0, &e);
	struct person *p = &b->ring[b->nring++ % RING];
	*p = l.who;
	p->sold = e.sold_at != 0;
	if (!strcmp(e.status, "active") || !strcmp(e.status, "order"))
		p->name[0] = '\0'; /* still being followed: not a repeat customer yet */
	b->sold += e.sold_at != 0;
	b->lost += e.lost_at != 0;
}

/* Visitors and callers who left no details: traffic rows only. */
static void bulk_traffic_only(struct bulk *b, sr_rng *r, sr_date d, bool walkin)
{
	sr_time t = at_hour(r, d, walkin ? demo_slot_hours[SLOT_VISIT] : demo_slot_hours[SLOT_CALL]);
	if (t > b->limit)
		return;
	int64_t model = sr_rng_per(r, 600) ? b->models[sr_rng_int(r, 0, b->nmodels - 1)] : 0;
	if (walkin)
		add_traffic(b, true, t, t + 60 * sr_rng_int(r, 8, 40), sr_rng_int(r, 1, 3),
		            sr_rng_per(r, 900) ? pool_pick(b, P_CONS, r) : 0, model,
		            pick_source(b, r, K_WALKIN), 0, "none", pool_pick(b, P_RECEP, r));
	else {
		int64_t caller = pool_pick(b, P_DCC_IN, r);
		add_traffic(b, false, t, 0, 1, caller, model, pick_source(b, r, K_DCC_IN), 0, "none",
		            caller);
	}
}

struct arrival {
	sr_time at;
	enum kind kind;
};

static int arrival_cmp(const void *x, const void *y)
{
	const struct arrival *a = x, *b = y;
	return (a->at > b->at) - (a->at < b->at);
}

/* How busy day d is: the season, the weekday, and a business that grows
 * about 12% a year. */
static int64_t day_weight(const struct bulk *b, sr_date d)
{
	int y, m, dd;
	sr_date_to_civil(d, &y, &m, &dd);
	int wd = sr_date_weekday(d) - 1;
	int64_t w = 0;
	for (int k = 0; k < K_COUNT; k++)
		w += (int64_t)demo_kind_share[k] * demo_kind_weekday[k][wd];
	int64_t growth = 1000 + 120 * (int64_t)(d - b->first) / 365;
	return w * month_weight[m - 1] * growth / 1000;
}

/* The cards of one day in filing order, and the day's traffic without
 * details. */
static void bulk_day(struct bulk *b, sr_rng *r, sr_date d, int n, struct arrival *a)
{
	int wd = sr_date_weekday(d) - 1, walkins = 0, calls = 0;
	int w[K_COUNT];
	for (int k = 0; k < K_COUNT; k++)
		w[k] = demo_kind_share[k] * demo_kind_weekday[k][wd];
	for (int i = 0; i < n; i++) {
		a[i].kind = (enum kind)sr_rng_pick(r, w, K_COUNT);
		bool visit = a[i].kind == K_WALKIN || a[i].kind == K_OUTREACH;
		a[i].at = at_hour(r, d, visit ? demo_slot_hours[SLOT_VISIT] : demo_slot_hours[SLOT_CALL]);
		walkins += a[i].kind == K_WALKIN;
		calls += a[i].kind == K_DCC_IN;
	}
	qsort(a, (size_t)n, sizeof *a, arrival_cmp);
	for (int i = 0; i < n && b->rc == SQLITE_OK; i++)
		bulk_card(b, ++b->card_id, a[i].at, a[i].kind);
	for (int i = 0; i < walkins * 45 / 100; i++)
		bulk_traffic_only(b, r, d, true);
	for (int i = 0; i < calls * 15 / 100; i++)
		bulk_traffic_only(b, r, d, false);
	b->cards += n;
}

static sr_status bulk_rows(struct bulk *b, int64_t cards, sr_rng *r, sr_progress_fn progress,
                           void *ctx, int64_t total)
{
	int64_t sum = 0, done = 0;
	for (sr_date d = b->first; d < b->today; d++)
		sum += day_weight(b, d);
	struct arrival *a = malloc(DAY_MAX * sizeof *a);
	if (!a)
		return sr_fail(b->db, SR_IO, "out of memory");
	int64_t cum = 0, step = cards / 200 + 1, shown = 0;
	for (sr_date d = b->first; d < b->today && b->rc == SQLITE_OK; d++) {
		cum += day_weight(b, d);
		int64_t upto = sum ? cards * cum / sum : cards;
		int n = (int)(upto - done);
		n = n > DAY_MAX ? DAY_MAX : n;
		bulk_day(b, r, d, n, a);
		done += n;
		if (progress && done - shown >= step) {
			progress(ctx, done, total);
			shown = done;
		}
	}
	free(a);
	if (b->rc != SQLITE_OK)
		return sr_fail(b->db, SR_IO, _("demo: writing %s failed: %s"), b->what,
		               sqlite3_errstr(b->rc));
	return SR_OK;
}

/* ---- indexes and triggers set aside during the load ------------------------------ */

static const char SAVED_SQL[] =
	"SELECT name, sql, type = 'trigger' FROM sqlite_master"
	" WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
	" AND tbl_name IN ('cards', 'followups', 'traffic', 'appointments', 'orders',"
	" 'loss_requests', 'assignments', 'callbacks', 'card_grams')"
	" ORDER BY type, name";

static sr_status bulk_set_aside(struct bulk *b)
{
	sqlite3_stmt *q = sr_stmt(b->db, SAVED_SQL);
	if (!q)
		return SR_IO;
	while (sqlite3_step(q) == SQLITE_ROW && b->nsaved < SAVED_MAX) {
		struct saved *s = &b->saved[b->nsaved];
		s->name = strdup((const char *)sqlite3_column_text(q, 0));
		s->sql = strdup((const char *)sqlite3_column_text(q, 1));
		s->trigger = sqlite3_column_int(q, 2);
		if (!s->name || !s->sql) {
			free(s->name);
			free(s->sql);
			break;
		}
		b->nsaved++;
	}
	sr_stmt_done(q);
	sr_status st = SR_OK;
	for (int i = 0; i < b->nsaved && st == SR_OK; i++) {
		char *sql = sqlite3_mprintf("DROP %s \"%w\"", b->saved[i].trigger ? "TRIGGER" : "INDEX",
		                            b->saved[i].name);
		int rc = sql ? sqlite3_exec(b->db->h, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			st = sr_sqlite_fail(b->db, rc, _("demo: setting indexes aside"));
	}
	return st;
}

/* The name pieces of every card at once, in key order, then the indexes
 * from sorted keys, then the triggers. */
static sr_status bulk_restore(struct bulk *b, sr_progress_fn progress, void *ctx, int64_t total)
{
	int rc = sqlite3_exec(b->db->h,
	                      "INSERT OR IGNORE INTO card_grams(gram, card_id)"
	                      " SELECT lower(substr(c.name, p.n, 2)), c.id FROM cards c"
	                      " JOIN gram_pos p ON p.n <= length(c.name) ORDER BY 1, 2",
	                      NULL, NULL, NULL);
	int64_t done = b->cards;
	for (int pass = 0; pass < 2 && rc == SQLITE_OK; pass++)
		for (int i = 0; i < b->nsaved && rc == SQLITE_OK; i++) {
			if (b->saved[i].trigger != (pass == 1))
				continue;
			rc = sqlite3_exec(b->db->h, b->saved[i].sql, NULL, NULL, NULL);
			done += (total - b->cards) / (b->nsaved + 1);
			if (progress)
				progress(ctx, done, total);
		}
	if (rc != SQLITE_OK)
		return sr_sqlite_fail(b->db, rc, _("demo: building the indexes"));
	return SR_OK;
}

/* ---- the entry point ---------------------------------------------------------------- */

static sr_status bulk_prepare(struct bulk *b)
{
	for (int i = 0; i < Q_COUNT; i++) {
		int rc = sqlite3_prepare_v3(b->db->h, bulk_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
		                            &b->q[i], NULL);
		if (rc != SQLITE_OK)
			return sr_sqlite_fail(b->db, rc, _("demo: preparing the load"));
	}
	return SR_OK;
}

static sr_status bulk_audit(struct bulk *b)
{
	char after[256];
	snprintf(after, sizeof after,
	         "{\"cards\":%lld,\"followups\":%lld,\"traffic\":%lld,\"orders\":%lld,"
	         "\"sold\":%lld,\"lost\":%lld}",
	         (long long)b->cards, (long long)b->followups, (long long)b->traffic,
	         (long long)b->orders, (long long)b->sold, (long long)b->lost);
	return sr_audit_write(b->db, "demo", "database", 0, 0, NULL, after);
}

static sr_status bulk_run(struct bulk *b, int64_t cards, sr_progress_fn progress, void *ctx)
{
	sr_rng master = {b->seed};
	int64_t total = cards + cards / 4 + 1; /* the indexes take about a fifth of the time */
	sr_db_set_now(b->db, sr_date_start(b->first - 7) + 9 * 3600);
	sr_status st = bulk_staff(b, cards, &master);
	if (st == SR_OK)
		st = bulk_reference(b);
	if (st == SR_OK)
		st = demo_costs(&master, b->first, b->today, has_source, write_cost, b);
	sr_db_set_now(b->db, b->limit);
	if (st == SR_OK)
		st = bulk_set_aside(b);
	if (st == SR_OK)
		st = bulk_prepare(b);
	if (st == SR_OK)
		st = bulk_rows(b, cards, &master, progress, ctx, total);
	if (st == SR_OK)
		st = bulk_restore(b, progress, ctx, total);
	if (st == SR_OK)
		st = bulk_audit(b);
	if (progress && st == SR_OK)
		progress(ctx, total, total);
	return st;
}

static void bulk_free(struct bulk *b)
{
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(b->q[i]);
	for (int i = 0; i < P_COUNT; i++) {
		free(b->pool[i].id);
		free(b->pool[i].weight);
	}
	for (int i = 0; i < b->nsaved; i++) {
		free(b->saved[i].name);
		free(b->saved[i].sql);
	}
}

static void pragma(sr_db *db, const char *sql)
{
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

sr_status sr_demo_bulk(sr_db *db, int64_t cards, uint64_t seed, sr_progress_fn progress,
                       void *ctx)
{
	int64_t have = 0;
	sr_status st = sr_query_int(db, &have, "SELECT count(*) FROM cards", NULL);
	if (st != SR_OK)
		return st;
	if (have)
		return sr_fail(db, SR_RULE,
		               _("demo: from %d cards the demo loads a new database in bulk, and this "
		                 "one already has %lld cards: use a new file (showroom --db NEW init)"),
		               SR_DEMO_BULK_MIN, (long long)have);
	if (db->tx_depth)
		return sr_fail(db, SR_USAGE, _("demo: the bulk load cannot run inside a transaction"));
	struct bulk b = {.db = db, .seed = seed};
	sr_time now = sr_db_now(db);
	b.limit = db->fixed_now ? now : now - now % 3600;
	b.today = sr_time_date(now);
	b.first = b.today - BULK_YEARS_DAYS;
	/* Pragmas go outside the transaction: no foreign key checks while
	 * loading (check verifies them after), a rollback journal instead of
	 * WAL so the pages are written once (a new file is all appended
	 * pages), two sorter threads for the indexes, a bounded cache. */
	pragma(db, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;"
	           " PRAGMA journal_mode = DELETE;"
	           " PRAGMA cache_size = -8192; PRAGMA threads = 2; PRAGMA synchronous = NORMAL");
	st = sr_tx_begin(db);
	if (st == SR_OK)
		st = sr_tx_end(db, bulk_run(&b, cards, progress, ctx));
	bulk_free(&b);
	pragma(db, "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF;"
	           " PRAGMA journal_mode = WAL; PRAGMA cache_size = -2000;"
	           " PRAGMA threads = 0; PRAGMA synchronous = FULL");
	return st;
}
