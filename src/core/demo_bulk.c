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
#include "demo_bulk.h"
#include "showroom/demo.h"

/* ---- how cards arrive (the rest in demo_core.c) -------------------------------- */

/* Car buying by month: the Spring Festival before and its lull after,
 * the "golden September, silver October", the year-end push. */
static const int month_weight[12] = {110, 70, 105, 95, 100, 95, 85, 90, 115, 120, 105, 115};


/* ---- plumbing ------------------------------------------------------------------- */

void bk_step(struct bulk *b, enum stmt i, const char *what)
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

void bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

void bind_id(sqlite3_stmt *q, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(q, i, id);
	else
		sqlite3_bind_null(q, i);
}

void bind_time(sqlite3_stmt *q, int i, sr_time t)
{
	char text[SR_TIME_LEN];
	if (!t) {
		sqlite3_bind_null(q, i);
		return;
	}
	sr_time_format(t, text);
	sqlite3_bind_text(q, i, text, 19, SQLITE_TRANSIENT);
}

void bind_date(sqlite3_stmt *q, int i, sr_date d)
{
	char text[SR_DATE_LEN];
	if (!d) {
		sqlite3_bind_null(q, i);
		return;
	}
	sr_date_format(d, text);
	sqlite3_bind_text(q, i, text, 10, SQLITE_TRANSIENT);
}

void bind_level(sqlite3_stmt *q, int i, char level)
{
	static const char levels[] = "OHABCN";
	const char *p = strchr(levels, level);
	sqlite3_bind_text(q, i, p ? p : "N", 1, SQLITE_STATIC);
}

int64_t pool_pick(struct bulk *b, enum role_pool p, sr_rng *r)
{
	struct pool *pl = &b->pool[p];
	if (pl->weight)
		return pl->id[sr_rng_pick(r, pl->weight, pl->n)];
	return pl->id[sr_rng_int(r, 0, pl->n - 1)];
}

int level_rank(char level)
{
	const char *p = strchr("OHABCN", level);
	return p && level ? (int)(p - "OHABCN") : 5;
}

/* Days to the next contact for the level: within its follow-up level. */
int interval(sr_rng *r, char level)
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

sr_time at_hour(sr_rng *r, sr_date d, const int *hours)
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

void gen_name(sr_rng *r, bool female, char *out, size_t outlen)
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

int64_t add_traffic(struct bulk *b, bool walkin, sr_time in, sr_time out, int persons,
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

void add_assign(struct bulk *b, int64_t card, int64_t from, int64_t to, int64_t by,
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

void add_appt(struct bulk *b, int64_t card, sr_date date, int64_t consultant,
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
