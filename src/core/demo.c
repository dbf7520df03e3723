/* demo.c — a realistic, reproducible dealership for demos and benchmarks.
 *
 * Everything goes through the core API the way the staff would do it, so
 * every rule, permission and audit row holds: the reception logs a visit,
 * the consultant files the card and follows it up, the DCC invites callers
 * to the showroom, managers decide loss requests, customer service makes
 * the post-sale calls. The clock is set to each event's time and never
 * passes the moment the demo started. One transaction: all or nothing.
 *
 * Reproducible: one splitmix64 stream plans the cards (when, which channel,
 * how it ends as of today); each card then runs on its own stream seeded
 * from the plan. Same seed and same today, same data.
 *
 * The simulation goes card by card: a card's whole life is played before
 * the next card (in filing order) is filed. Other staff's actions in
 * between do not matter to the rules, which look at the card and the clock.
 */
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "demo_play.h"


/* ---- the staff -------------------------------------------------------- */

struct staff_def {
	const char *login, *name;
	sr_role role;
	sr_team team;
};

enum { WHOLESALE_DEF = 9 };

static const struct staff_def staff_defs[] = {
	{"zhaojianguo", "赵建国", SR_ROLE_DIRECTOR, SR_TEAM_SHOWROOM},
	{"qianhong", "钱红", SR_ROLE_MANAGER, SR_TEAM_SHOWROOM},
	{"zhoumin", "周敏", SR_ROLE_MANAGER, SR_TEAM_SHOWROOM},
	{"wangfang", "王芳", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"liqiang", "李强", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"zhangwei", "张伟", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"ouyangmingyue", "欧阳明月", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"lilei", "Li Lei", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"chenjing", "陈静", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	[WHOLESALE_DEF] = {"liuyang", "刘洋", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM},
	{"yangxue", "杨雪", SR_ROLE_RECEPTIONIST, SR_TEAM_SHOWROOM},
	{"huangli", "黄丽", SR_ROLE_RECEPTIONIST, SR_TEAM_SHOWROOM},
	{"wuhao", "吴浩", SR_ROLE_DCC_SUPERVISOR, SR_TEAM_DCC},
	{"xuting", "徐婷", SR_ROLE_DCC_INBOUND, SR_TEAM_DCC},
	{"sunyue", "孙悦", SR_ROLE_DCC_INBOUND, SR_TEAM_DCC},
	{"machao", "马超", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC},
	{"zhuhui", "朱慧", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC},
	{"hulin", "胡琳", SR_ROLE_DCC_OUTBOUND, SR_TEAM_DCC},
	{"guoxin", "郭欣", SR_ROLE_SERVICE, SR_TEAM_SHOWROOM},
};

#define NSTAFF ((int)(sizeof staff_defs / sizeof *staff_defs))

/* Some consultants simply receive more customers than others. */
static const int consultant_weight[] = {12, 10, 9, 8, 7, 6, 5, 5};

/* ---- small helpers ---------------------------------------------------- */

sr_time slot_time(sr_rng *r, sr_date d, enum slot slot)
{
	int h = sr_rng_pick(r, demo_slot_hours[slot], 24);
	return sr_date_start(d) + h * 3600 + sr_rng_int(r, 0, 59) * 60 + sr_rng_int(r, 0, 59);
}

int level_max(const struct demo *g, const char *code)
{
	for (int i = 0; i < g->nlevels; i++)
		if (!strcmp(g->levels[i].code, code))
			return g->levels[i].max_days;
	return 1;
}

const char *default_fl(const struct demo *g, char level)
{
	int rank = sr_level_rank(level);
	return g->default_fl[rank < 6 ? rank : 5];
}

/* Days to the next contact a consultant would choose for this level. */
int level_interval(sr_rng *r, char level)
{
	switch (level) {
	case 'O': return sr_rng_int(r, 5, 10);
	case 'H': return sr_rng_int(r, 1, 3);
	case 'A': return sr_rng_int(r, 2, 3);
	case 'B': return sr_rng_int(r, 5, 7);
	case 'C': return sr_rng_int(r, 10, 15);
	default: return sr_rng_int(r, 20, 30);
	}
}

/* Most contacts happen on the planned day; some a little late. */

char level_step(char from, char to)
{
	static const char order[] = "OHABCN";
	int a = sr_level_rank(from), b = sr_level_rank(to);
	if (a == b || a > 5 || b > 5)
		return from;
	return order[a + (b > a ? 1 : -1)];
}

const char *pick_src(struct demo *g, sr_rng *r, enum kind k)
{
	int w[S_COUNT];
	for (int i = 0; i < S_COUNT; i++)
		w[i] = g->has_source[i] || i == S_NONE ? demo_src_weight[k][i] : 0;
	int i = sr_rng_pick(r, w, S_COUNT);
	return i > 0 ? demo_src_codes[i] : NULL;
}

const char *pick_consultant(struct demo *g, sr_rng *r)
{
	int i = sr_rng_pick(r, consultant_weight, g->ncons);
	return g->cons[i < 0 ? 0 : i];
}

/* Switch the clock and the acting user: every core call below happens as
 * that person at that moment. A step minutes after an event right at the
 * limit happens at the limit: the clock never passes it. */
sr_status demo_as(struct demo *g, const char *login, sr_time t)
{
	sr_db_set_now(g->db, t < g->limit ? t : g->limit);
	if (!strcmp(g->actor, login))
		return SR_OK;
	sr_status st = sr_user_act_as(g->db, login);
	sr_copy(g->actor, sizeof g->actor, st == SR_OK ? login : "");
	return st;
}

/* An optional step's outcome: a refusal is counted and remembered (it is a
 * bug in the simulation, the rules are right), storage errors end the run. */
bool demo_ok(struct demo *g, sr_status st)
{
	if (st == SR_OK)
		return true;
	if (st == SR_IO || st == SR_CONFLICT) {
		if (g->fatal == SR_OK)
			g->fatal = st;
		return false;
	}
	if (!g->refused++)
		sr_copy(g->refusal, sizeof g->refusal, sr_db_message(g->db));
	return false;
}

/* ---- setup: staff, settings, reference, costs ---------------------------- */

static sr_status demo_staff_add(struct demo *g, const struct staff_def *d)
{
	int64_t id;
	sr_status st = sr_query_int(g->db, &id, "SELECT id FROM users WHERE login = ?1", "s",
	                            d->login);
	if (st != SR_NOTFOUND)
		return st;
	return sr_user_add(g->db, d->login, d->name, d->role, d->team, NULL, NULL);
}

/* Put a staff member in the pool of their role, if the login really has
 * that role and is active (an existing user of the same login may not). */
static void demo_staff_pool(struct demo *g, const struct staff_def *d)
{
	sr_user u;
	if (sr_user_by_login(g->db, d->login, &u) != SR_OK || !u.active || u.role != d->role)
		return;
	switch (d->role) {
	case SR_ROLE_CONSULTANT:
		if (d != &staff_defs[WHOLESALE_DEF] && g->ncons < 8)
			g->cons[g->ncons++] = d->login;
		break;
	case SR_ROLE_RECEPTIONIST:
		if (g->nrecep < 4)
			g->recep[g->nrecep++] = d->login;
		break;
	case SR_ROLE_MANAGER:
	case SR_ROLE_DIRECTOR:
		if (g->nmgr < 4)
			g->mgr[g->nmgr++] = d->login;
		break;
	case SR_ROLE_DCC_SUPERVISOR:
		g->supervisor = d->login;
		break;
	case SR_ROLE_DCC_INBOUND:
		if (g->nin < 4)
			g->dcc_in[g->nin++] = d->login;
		break;
	case SR_ROLE_DCC_OUTBOUND:
		if (g->nout < 4)
			g->dcc_out[g->nout++] = d->login;
		break;
	case SR_ROLE_SERVICE:
		if (g->nservice < 2)
			g->service[g->nservice++] = d->login;
		break;
	default:
		break;
	}
}

/* The wholesale consultant: the one the settings name, or ours. */
static sr_status demo_wholesale(struct demo *g)
{
	char login[SR_LOGIN_MAX] = "";
	sr_user u;
	sr_status st = sr_setting_get(g->db, "wholesale_owner", login, sizeof login);
	if (st != SR_OK && st != SR_NOTFOUND)
		return st;
	if (!*login) {
		const char *ours = staff_defs[WHOLESALE_DEF].login;
		if (sr_user_by_login(g->db, ours, &u) != SR_OK || u.role != SR_ROLE_CONSULTANT)
			return SR_OK;
		if ((st = sr_setting_set(g->db, "wholesale_owner", ours)) != SR_OK)
			return st;
		sr_copy(login, sizeof login, ours);
	}
	if (sr_user_by_login(g->db, login, &u) == SR_OK && u.active && u.role == SR_ROLE_CONSULTANT)
		sr_copy(g->wholesale, sizeof g->wholesale, login);
	return SR_OK;
}

static sr_status demo_staff(struct demo *g)
{
	sr_status st = SR_OK;
	for (int i = 0; i < NSTAFF && st == SR_OK; i++)
		st = demo_staff_add(g, &staff_defs[i]);
	if (st != SR_OK)
		return st;
	for (int i = 0; i < NSTAFF; i++)
		demo_staff_pool(g, &staff_defs[i]);
	if (!g->ncons || !g->nrecep || !g->nmgr || !g->nin || !g->nout || !g->nservice)
		return sr_fail(g->db, SR_RULE,
		               _("demo: the demo staff (consultants wangfang, liqiang, ..., "
		                 "receptionists, managers, DCC callers, service) exist with other "
		                 "roles or are deactivated; use a fresh database"));
	return demo_wholesale(g);
}

static int collect_model(void *ctx, const sr_model *m)
{
	struct demo *g = ctx;
	if (g->nmodels < 32)
		sr_copy(g->models[g->nmodels++], SR_CODE_MAX, m->code);
	return 0;
}

static int collect_level(void *ctx, const sr_followup_level *l)
{
	struct demo *g = ctx;
	if (g->nlevels < 16) {
		sr_copy(g->levels[g->nlevels].code, SR_CODE_MAX, l->code);
		g->levels[g->nlevels++].max_days = l->max_days;
	}
	return 0;
}

static sr_status demo_reference(struct demo *g)
{
	sr_status st = sr_model_each(g->db, collect_model, g);
	if (st == SR_OK)
		st = sr_followup_level_each(g->db, collect_level, g);
	for (int i = 0; i < 6 && st == SR_OK; i++)
		st = sr_followup_level_default(g->db, "OHABCN"[i], g->default_fl[i]);
	if (st != SR_OK)
		return st;
	if (!g->nmodels)
		return sr_fail(g->db, SR_RULE,
		               _("demo: the vehicle catalogue is empty; add models first "
		                 "(showroom model add) or run `showroom init` on a new file"));
	for (int i = 1; i < S_COUNT; i++) {
		sr_source s;
		g->has_source[i] = sr_source_find(g->db, demo_src_codes[i], &s) == SR_OK;
	}
	return SR_OK;
}

/* What the paid media cost each month of the demo period, ±20%. */
static bool has_source(void *ctx, int src)
{
	return ((struct demo *)ctx)->has_source[src];
}

static sr_status write_cost(void *ctx, int src, const char *month, int64_t cents)
{
	return sr_source_set_cost(((struct demo *)ctx)->db, demo_src_codes[src], month, cents);
}

/* ---- planning ------------------------------------------------------------ */

/* A day of the period by the kind's weekday weights (rejection sampling). */
static sr_date plan_day(struct demo *g, sr_rng *r, enum kind k)
{
	const int *w = demo_kind_weekday[k];
	int wmax = 1;
	for (int i = 0; i < 7; i++)
		wmax = w[i] > wmax ? w[i] : wmax;
	for (int tries = 0; tries < 64; tries++) {
		sr_date d = g->first + sr_rng_int(r, 0, g->today - g->first);
		if (sr_rng_int(r, 1, wmax) <= w[sr_date_weekday(d) - 1])
			return d;
	}
	return g->today - 1;
}

/* A time for the first event on a planned day, at least half an hour
 * before the limit (the filing follows the visit). */
static sr_time plan_time(struct demo *g, sr_rng *r, enum kind k)
{
	enum slot slot = k == K_WALKIN || k == K_NONE_WALK ? SLOT_VISIT
	                 : k == K_OUTREACH ? SLOT_EVENT : SLOT_CALL;
	for (int tries = 0; tries < 16; tries++) {
		sr_time t = slot_time(r, plan_day(g, r, k), slot);
		if (t <= g->limit - 1800)
			return t;
	}
	return slot_time(r, g->today - 1, slot);
}

/* How a card stands today depends on its age: young cards are mostly
 * still being followed, old ones have mostly been sold, lost or parked.
 * Weights in permille; the rest is active (about 55% overall). */
static enum outcome plan_outcome(sr_rng *r, int age, enum kind k)
{
	int w[O_COUNT];
	if (k == K_WHOLESALE) {
		int ww[O_COUNT] = {[O_ACTIVE] = 250, [O_ORDER] = 150, [O_SOLD] = 500, [O_LOST] = 100};
		if (age < 12)
			ww[O_SOLD] = 0;
		return (enum outcome)sr_rng_pick(r, ww, O_COUNT);
	}
	w[O_ORDER] = age < 3 ? 30 : age <= 60 ? 210 : 40;
	w[O_SOLD] = age < 12 ? 0 : age > 72 ? 190 : 190 * (age - 12) / 60;
	w[O_LOST] = age < 7 ? 5 : age > 57 ? 150 : 150 * (age - 7) / 50;
	w[O_DORMANT] = age < 20 ? 0 : age > 80 ? 110 : 110 * (age - 20) / 60;
	w[O_ACTIVE] = 1000 - w[O_ORDER] - w[O_SOLD] - w[O_LOST] - w[O_DORMANT];
	return (enum outcome)sr_rng_pick(r, w, O_COUNT);
}

static enum kind plan_kind(struct demo *g, sr_rng *r)
{
	/* walk-in 50%, phone 35% (inbound, outbound, consultant), outreach 15% */
	int w[K_COUNT];
	memcpy(w, demo_kind_share, sizeof w);
	if (!*g->wholesale) {
		w[K_OUTREACH] += w[K_WHOLESALE];
		w[K_WHOLESALE] = 0;
	}
	return (enum kind)sr_rng_pick(r, w, K_COUNT);
}

static int plan_cmp(const void *a, const void *b)
{
	const struct plan *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->idx - y->idx;
}

static sr_status demo_plan(struct demo *g, sr_rng *r, int64_t cards)
{
	int64_t walkins = 0, calls = 0;
	size_t cap = (size_t)cards + (size_t)cards / 2 + 4;
	g->plan = calloc(cap, sizeof *g->plan);
	if (!g->plan)
		return sr_fail(g->db, SR_IO, "out of memory");
	size_t n = 0;
	for (int64_t i = 0; i < cards; i++) {
		struct plan *p = &g->plan[n];
		enum kind k = plan_kind(g, r);
		p->kind = (uint8_t)k;
		p->at = plan_time(g, r, k);
		p->outcome = (uint8_t)plan_outcome(r, g->today - sr_time_date(p->at), k);
		p->dup = k == K_WALKIN && sr_rng_per(r, 20);
		p->repeat = !p->dup && k != K_WHOLESALE && sr_rng_per(r, 30);
		p->seed = sr_rng_next(r);
		p->idx = (int)n++;
		walkins += k == K_WALKIN;
		calls += k == K_DCC_IN;
	}
	/* Visitors and callers who left no details: about a third of the
	 * showroom's batches, fewer of the calls. */
	int64_t extra = walkins * 45 / 100 + calls * 15 / 100;
	for (int64_t i = 0; i < extra && n < cap; i++) {
		struct plan *p = &g->plan[n];
		enum kind k = i < walkins * 45 / 100 ? K_NONE_WALK : K_NONE_CALL;
		p->kind = (uint8_t)k;
		p->at = plan_time(g, r, k);
		p->seed = sr_rng_next(r);
		p->idx = (int)n++;
	}
	g->nplan = n;
	qsort(g->plan, n, sizeof *g->plan, plan_cmp);
	g->res = calloc(n, sizeof *g->res);
	if (!g->res)
		return sr_fail(g->db, SR_IO, "out of memory");
	return SR_OK;
}


/* ---- the entry point ------------------------------------------------------ */

static sr_status demo_run(struct demo *g, int64_t cards, uint64_t seed,
                          sr_progress_fn progress, void *ctx)
{
	sr_rng master = {seed};
	/* Staff, settings and costs are in place a week before the period. */
	sr_db_set_now(g->db, sr_date_start(g->first - 7) + 9 * 3600);
	sr_status st = demo_staff(g);
	if (st == SR_OK)
		st = demo_reference(g);
	if (st == SR_OK)
		st = demo_costs(&master, g->first, g->today, has_source, write_cost, g);
	if (st == SR_OK)
		st = demo_plan(g, &master, cards);
	if (st != SR_OK)
		return st;
	size_t step = g->nplan / 100 ? g->nplan / 100 : 1;
	for (size_t i = 0; i < g->nplan; i++) {
		if (progress && i % step == 0)
			progress(ctx, (int64_t)i, (int64_t)g->nplan);
		sim_card(g, i);
		if (g->fatal != SR_OK) {
			char why[SR_MSG_MAX];
			sr_copy(why, sizeof why, sr_db_message(g->db));
			return sr_fail(g->db, g->fatal, _("demo: %s"), why);
		}
	}
	if (progress)
		progress(ctx, (int64_t)g->nplan, (int64_t)g->nplan);
	return SR_OK;
}

/* temp_store 2 = MEMORY; cache_size negative = KiB (about 24 KiB a card). */
static void demo_pragmas(sr_db *db, int64_t temp_store, int64_t cache_size)
{
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA temp_store = %d; PRAGMA cache_size = %lld",
	         (int)temp_store, (long long)cache_size);
	sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

sr_status sr_demo_generate(sr_db *db, int64_t cards, uint64_t seed, sr_progress_fn progress,
                           void *ctx)
{
	sr_status st = sr_perm_require(db, SR_ACT_DEMO);
	if (st != SR_OK)
		return st;
	if (cards < 0 || cards > 1000000)
		return sr_fail(db, SR_USAGE, _("demo: the number of cards must be 0 to 1000000"));
	if (cards >= SR_DEMO_BULK_MIN) {
		st = sr_demo_bulk(db, cards, seed, progress, ctx);
		if (st == SR_OK)
			sr_fail(db, SR_OK, _("demo: %lld cards"), (long long)cards);
		return st;
	}
	/* The caller's identity and clock come back at the end, whatever happens. */
	int64_t actor_id = db->actor_id;
	sr_role actor_role = db->actor_role;
	sr_team actor_team = db->actor_team;
	char actor_login[SR_LOGIN_MAX];
	memcpy(actor_login, db->actor_login, sizeof actor_login);
	sr_time fixed = db->fixed_now;
	struct demo g = {.db = db};
	sr_time now = sr_db_now(db);
	/* With the system clock, stop at the full hour so that two runs in
	 * the same hour give the same data. */
	g.limit = fixed ? now : now - now % 3600;
	g.today = sr_time_date(now);
	g.first = g.today - 180;
	/* Every core call nests a savepoint in the one big transaction; keep
	 * their statement journals in memory instead of temporary files, and
	 * give the page cache room, for the time of the run. */
	int64_t temp_store = 0, cache_size = -2000;
	sr_query_int(db, &temp_store, "PRAGMA temp_store", NULL);
	sr_query_int(db, &cache_size, "PRAGMA cache_size", NULL);
	demo_pragmas(db, 2, -(16384 + (cards < 16000 ? cards : 16000) * 24));
	st = sr_tx_begin(db);
	if (st == SR_OK)
		st = sr_tx_end(db, demo_run(&g, cards, seed, progress, ctx));
	demo_pragmas(db, temp_store, cache_size);
	db->actor_id = actor_id;
	db->actor_role = actor_role;
	db->actor_team = actor_team;
	memcpy(db->actor_login, actor_login, sizeof actor_login);
	db->fixed_now = fixed;
	free(g.plan);
	free(g.res);
	if (st == SR_OK && g.refused)
		sr_fail(db, SR_OK, _("demo: %lld optional steps were refused; the first: %s"),
		        (long long)g.refused, g.refusal);
	else if (st == SR_OK)
		sr_fail(db, SR_OK, _("demo: %lld cards"), (long long)cards);
	return st;
}
