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
#include "demo_int.h"

/* The played demo's skew draws nothing when there is no room. */
static int skew(sr_rng *r, int max)
{
	return max <= 0 ? 0 : sr_rng_skew(r, max);
}

#define PICK(r, arr) SR_RNG_ITEM(r, arr)

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

/* ---- the run ------------------------------------------------------------ */

enum outcome { O_ACTIVE, O_ORDER, O_DORMANT, O_SOLD, O_LOST, O_COUNT };

/* One planned card (or traffic-only row), in filing order after sorting. */
struct plan {
	sr_time at;
	uint64_t seed;
	int idx;
	uint8_t kind, outcome;
	bool repeat, dup;
};

/* What later cards need to know of an earlier one (repeat customers and
 * duplicates share its person). */
struct result {
	char name[48];
	char phone[SR_PHONE_MAX];
	char gender[2];
	sr_time filed, sold;
	int64_t id;
	sr_card_status status;
	bool dcc_owned, dup_used;
};

struct level_bound {
	char code[SR_CODE_MAX];
	int max_days;
};

struct demo {
	sr_db *db;
	sr_time limit;           /* now at entry: the clock never passes it */
	sr_date today, first;
	char actor[SR_LOGIN_MAX]; /* login acting now; "" = not switched yet */
	sr_status fatal;
	int64_t refused;
	char refusal[SR_MSG_MAX];
	const char *cons[8], *recep[4], *mgr[4], *dcc_in[4], *dcc_out[4], *service[2];
	int ncons, nrecep, nmgr, nin, nout, nservice;
	const char *supervisor;  /* comments on the DCC's records; may be NULL */
	char wholesale[SR_LOGIN_MAX]; /* "" = no wholesale cards */
	char models[32][SR_CODE_MAX];
	int nmodels;
	bool has_source[S_COUNT];
	struct level_bound levels[16];
	int nlevels;
	char default_fl[6][SR_CODE_MAX]; /* by level rank O,H,A,B,C,N */
	struct plan *plan;
	struct result *res;
	size_t nplan;
};

/* ---- small helpers ---------------------------------------------------- */

static sr_time slot_time(sr_rng *r, sr_date d, enum slot slot)
{
	int h = sr_rng_pick(r, demo_slot_hours[slot], 24);
	return sr_date_start(d) + h * 3600 + sr_rng_int(r, 0, 59) * 60 + sr_rng_int(r, 0, 59);
}

static int level_max(const struct demo *g, const char *code)
{
	for (int i = 0; i < g->nlevels; i++)
		if (!strcmp(g->levels[i].code, code))
			return g->levels[i].max_days;
	return 1;
}

static const char *default_fl(const struct demo *g, char level)
{
	int rank = sr_level_rank(level);
	return g->default_fl[rank < 6 ? rank : 5];
}

/* Days to the next contact a consultant would choose for this level. */
static int level_interval(sr_rng *r, char level)
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

static char level_step(char from, char to)
{
	static const char order[] = "OHABCN";
	int a = sr_level_rank(from), b = sr_level_rank(to);
	if (a == b || a > 5 || b > 5)
		return from;
	return order[a + (b > a ? 1 : -1)];
}

static const char *pick_src(struct demo *g, sr_rng *r, enum kind k)
{
	int w[S_COUNT];
	for (int i = 0; i < S_COUNT; i++)
		w[i] = g->has_source[i] || i == S_NONE ? demo_src_weight[k][i] : 0;
	int i = sr_rng_pick(r, w, S_COUNT);
	return i > 0 ? demo_src_codes[i] : NULL;
}

static const char *pick_consultant(struct demo *g, sr_rng *r)
{
	int i = sr_rng_pick(r, consultant_weight, g->ncons);
	return g->cons[i < 0 ? 0 : i];
}

#define PICK_OF(r, arr, n) ((arr)[sr_rng_int((r), 0, (n) - 1)])

/* Switch the clock and the acting user: every core call below happens as
 * that person at that moment. A step minutes after an event right at the
 * limit happens at the limit: the clock never passes it. */
static sr_status demo_as(struct demo *g, const char *login, sr_time t)
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
static bool demo_ok(struct demo *g, sr_status st)
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

/* ---- one card's life ------------------------------------------------------ */

enum flavor {
	F_PLAIN, F_PENDING, F_CANCEL, F_REJECT, F_TODCC, F_REACT, F_NEGLECT
};

struct sim {
	struct demo *g;
	sr_rng r;
	const struct plan *p;
	struct result *res;
	int64_t id;
	char owner[SR_LOGIN_MAX];
	bool dcc;                /* the owner is a DCC caller */
	sr_channel channel;
	char level, target;
	char fl[SR_CODE_MAX];
	int fl_max;
	sr_card_status status;
	sr_time cursor;          /* the card's last event */
	sr_date next;            /* the card's next follow-up date as stored */
	sr_date due;             /* when its owner will contact the customer next */
	sr_date until;           /* no appointment on or after this day */
	sr_date neglect_from;    /* 0, or the day the owner stops following up */
	sr_date decide;          /* 0, or the day of the planned order, loss or dormancy */
	int visits;
	bool intro, nego, drive;
	unsigned answers;        /* bit per key question answered */
	bool will_visit, full_visit;
	int show_permille, visit_permille;
	int64_t appt;
	sr_date appt_date;
	const char *appt_cons;
	bool dead;               /* a step was refused: stop this card here */
};

static bool sim_ok(struct sim *s, sr_status st)
{
	if (demo_ok(s->g, st))
		return true;
	s->dead = true;
	return false;
}

static bool sim_as(struct sim *s, const char *login, sr_time t)
{
	return sim_ok(s, demo_as(s->g, login, t));
}

/* The time of a card event on day d, after its last event; false when it
 * would be past the limit (the event has not happened yet). */
static bool sim_when(struct sim *s, sr_date d, enum slot slot, sr_time *out)
{
	sr_time t = slot_time(&s->r, d, slot);
	if (t <= s->cursor)
		t = s->cursor + 60 * sr_rng_int(&s->r, 5, 40);
	if (t > s->g->limit)
		return false;
	*out = t;
	return true;
}

static const char REFRESH_SQL[] =
	"SELECT c.level, coalesce(c.next_date, ''), c.status, u.login, u.role, c.followup_level"
	" FROM cards c JOIN users u ON u.id = c.owner_id WHERE c.id = ?1";

/* Read back what a lifecycle call did to the card (owner, level, next
 * date, status): the simulation follows the core, never guesses. */
static bool sim_refresh(struct sim *s)
{
	sqlite3_stmt *q = sr_stmt(s->g->db, REFRESH_SQL);
	if (!q)
		return sim_ok(s, SR_IO);
	sqlite3_bind_int64(q, 1, s->id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		char next[SR_DATE_LEN], role_text[33];
		sr_role role = SR_ROLE_CONSULTANT;
		sr_date d;
		s->level = ((const char *)sqlite3_column_text(q, 0))[0];
		sr_col_text(q, 1, next, sizeof next);
		s->status = sr_card_status_from_db((const char *)sqlite3_column_text(q, 2));
		sr_col_text(q, 3, s->owner, sizeof s->owner);
		sr_col_text(q, 4, role_text, sizeof role_text);
		sr_col_text(q, 5, s->fl, sizeof s->fl);
		sr_role_parse(role_text, &role);
		s->dcc = sr_role_is_caller(role);
		s->fl_max = level_max(s->g, s->fl);
		s->next = *next && sr_date_parse(next, &d) ? d : 0;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW)
		return sim_ok(s, sr_sqlite_fail(s->g->db, rc, "demo"));
	return true;
}

/* ---- a person ------------------------------------------------------------ */

static void gen_person(struct demo *g, sr_rng *r, struct result *res)
{
	bool male = sr_rng_per(r, 650);
	char given[16];
	const char *sur =
		sr_rng_per(r, 8) ? demo_surnames[DEMO_COMPOUND_SURNAME + sr_rng_int(r, 0, 3)]
		                 : demo_surnames[sr_rng_pick(r, demo_surname_weight, DEMO_COMMON_SURNAMES)];
	sr_copy(given, sizeof given, male ? PICK(r, demo_male_given) : PICK(r, demo_female_given));
	snprintf(res->name, sizeof res->name, "%s%s", sur, given);
	sr_copy(res->gender, sizeof res->gender, male ? "M" : "F");
	for (int tries = 0; tries < 32; tries++) {
		int64_t used = 0;
		snprintf(res->phone, sizeof res->phone, "%s%08d", PICK(r, demo_phone_prefixes),
		         sr_rng_int(r, 0, 99999999));
		if (sr_query_int(g->db, &used, "SELECT count(*) FROM cards WHERE phone = ?1", "s",
		                 res->phone) == SR_OK && !used)
			break;
	}
}

/* A repeat customer: someone filed days before, buying a second car or
 * (after a sale) buying again. */
static const struct result *find_repeat(struct demo *g, sr_rng *r, size_t i)
{
	for (int tries = 0; tries < 8 && i > 0; tries++) {
		size_t lo = i > 800 ? i - 800 : 0;
		size_t j = lo + (size_t)sr_rng_int(r, 0, (int)(i - lo - 1));
		const struct result *o = &g->res[j];
		if (o->id && g->plan[j].kind < K_NONE_WALK && o->filed < g->plan[i].at - 3 * 86400)
			return o;
	}
	return NULL;
}

/* A duplicate: a DCC card still following, whose customer now walks in
 * and is filed again by the showroom; left for a manager to merge. */
static struct result *find_dup(struct demo *g, size_t i)
{
	for (size_t k = 0; k < 400 && k < i; k++) {
		struct result *o = &g->res[i - 1 - k];
		if (o->id && o->dcc_owned && !o->dup_used && o->status == SR_STATUS_ACTIVE &&
		    o->filed < g->plan[i].at - 86400)
			return o;
	}
	return NULL;
}

/* ---- follow-ups ---------------------------------------------------------- */

struct fu {
	sr_method method;
	char level;              /* 0 = let the customer drift */
	bool intro, nego, drive;
	int64_t traffic_id;
	const char *content;
	int days;                /* next contact in days; 0 = as the level suggests */
};

/* The customer warms up or cools down a step now and then. A card that has
 * been followed for a month without buying is not hot any more. */
static char sim_drift(struct sim *s, sr_date d, bool visit)
{
	char target = s->target;
	int age = d - sr_time_date(s->p->at);
	/* A buyer is hot only in the last days before signing... */
	if (s->decide && d < s->decide - 10 && sr_level_rank(target) < sr_level_rank('B'))
		target = 'B';
	/* ...and a prospect followed for months without buying is lukewarm. */
	char cool = age > 90 ? 'C' : age > 45 ? 'B' : age > 25 ? 'A' : 'H';
	if (!s->decide && sr_level_rank(target) < sr_level_rank(cool))
		target = cool;
	if (!sr_rng_per(&s->r, visit ? 600 : 300))
		return s->level;
	/* a customer who came in hot stays hot for the first weeks */
	if (age <= 25 && sr_level_rank(s->level) <= sr_level_rank('A') &&
	    sr_level_rank(target) > sr_level_rank(s->level))
		return s->level;
	char to = level_step(s->level, target);
	if (to == 'H' && !visit && s->answers != 0x7f)
		return s->level;
	return to == 'O' ? s->level : to;
}

/* H needs all seven key questions: the consultant fills in the missing
 * answers (a card edit) before raising the level. */
static bool sim_answers(struct sim *s, sr_time t)
{
	sr_card_change ch[SR_ANS_COUNT];
	size_t n = 0;
	for (int i = 0; i < SR_ANS_COUNT; i++)
		if (!(s->answers & (1u << i))) {
			ch[n].field = sr_answer_key((sr_answer)i);
			ch[n++].value = demo_answers[i][sr_rng_int(&s->r, 0, 3)];
		}
	if (!n)
		return true;
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_card_edit(s->g->db, s->id, 0, ch, n)))
		return false;
	s->answers = 0x7f;
	return true;
}

/* Managers read the records and comment on some of them, a little later;
 * the DCC supervisor reads the DCC's. */
static void sim_comment(struct sim *s, int64_t fid, sr_time t)
{
	struct demo *g = s->g;
	sr_time at = t + 3600 * sr_rng_int(&s->r, 1, 30);
	if (!sr_rng_per(&s->r, 80) || at > g->limit)
		return;
	const char *who = s->dcc && g->supervisor ? g->supervisor : PICK_OF(&s->r, g->mgr, g->nmgr);
	if (demo_ok(g, demo_as(g, who, at)))
		demo_ok(g, sr_followup_comment(g->db, fid, PICK(&s->r, demo_comments)));
}

/* When the intent level moved, the consultant sets the follow-up level
 * that goes with it (the next date already fits both). */
static void sim_retune(struct sim *s, sr_time t, int days)
{
	const char *want = default_fl(s->g, s->level);
	int max = level_max(s->g, want);
	/* mostly when the customer cooled down (a wider level); a warmer
	 * customer is called often enough within the old bounds */
	if (s->status == SR_STATUS_DORMANT || !strcmp(want, s->fl) || max < days ||
	    !sr_rng_per(&s->r, max > s->fl_max ? 800 : 200))
		return;
	sr_card_change ch = {"followup-level", want};
	if (!sim_as(s, s->owner, t + 60) || !sim_ok(s, sr_card_edit(s->g->db, s->id, 0, &ch, 1)))
		return;
	sr_copy(s->fl, sizeof s->fl, want);
	s->fl_max = max;
}

static bool sim_followup(struct sim *s, sr_time t, struct fu *f)
{
	struct demo *g = s->g;
	if (t > g->limit)
		t = g->limit;
	sr_date d = sr_time_date(t);
	bool order = s->status == SR_STATUS_ORDER;
	char lv = order ? 'O' : f->level ? f->level : sim_drift(s, d, f->method == SR_METHOD_RECEPTION);
	if (lv == 'H' && s->answers != 0x7f && !sim_answers(s, t))
		return false;
	int days = f->days ? f->days : level_interval(&s->r, lv);
	days = days > s->fl_max ? s->fl_max : days < 1 ? 1 : days;
	/* Today's list is never empty: some recent contacts set today. */
	int to_today = g->today - d;
	if (!f->days && to_today >= 1 && to_today < days && sr_rng_per(&s->r, 300))
		days = to_today;
	char next[SR_DATE_LEN];
	sr_date_format(d + days, next);
	sr_followup_input in = {
		.card_id = s->id, .method = f->method, .level = order ? 0 : lv,
		.next_date = next, .intro = f->intro, .negotiation = f->nego,
		.test_drive = f->drive, .content = f->content,
		.result = PICK(&s->r, demo_results), .traffic_id = f->traffic_id,
	};
	int64_t fid = 0;
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_followup_add(g->db, &in, &fid)))
		return false;
	char before = s->level;
	s->cursor = t;
	s->level = lv;
	s->due = d + days + demo_lateness(&s->r);
	s->intro |= f->intro;
	s->nego |= f->nego;
	s->drive |= f->drive;
	s->visits += f->method == SR_METHOD_RECEPTION;
	if (s->status == SR_STATUS_DORMANT)
		s->status = SR_STATUS_ACTIVE;
	sim_comment(s, fid, t);
	if (before != lv)
		sim_retune(s, t, days);
	return !s->dead;
}

/* A showroom visit: the reception logs the batch with the receiving
 * consultant; a DCC card is handed to that consultant by a manager; the
 * consultant records the reception, linked to the traffic row. */
static bool sim_visit(struct sim *s, sr_date d, struct fu *f, const char *cons)
{
	struct demo *g = s->g;
	sr_time t;
	if (!sim_when(s, d, SLOT_VISIT, &t))
		return false;
	const char *c = !s->dcc ? s->owner : cons ? cons : pick_consultant(g, &s->r);
	const char *rec = PICK_OF(&s->r, g->recep, g->nrecep);
	sr_traffic_input ti = {
		.kind = SR_TRAFFIC_WALKIN, .persons = sr_rng_int(&s->r, 1, 3), .consultant = c,
		.model = g->models[sr_rng_int(&s->r, 0, g->nmodels - 1)],
	};
	int64_t tid = 0;
	if (!sim_as(s, rec, t) || !sim_ok(s, sr_traffic_add(g->db, &ti, &tid)))
		return false;
	if (s->dcc) {
		if (!sim_as(s, PICK_OF(&s->r, g->mgr, g->nmgr), t + 60) ||
		    !sim_ok(s, sr_card_assign(g->db, &s->id, 1, c)) || !sim_refresh(s))
			return false;
	}
	if (s->appt) {
		if (!sim_as(s, rec, t + 90) || !sim_ok(s, sr_appointment_showed(g->db, s->appt, 0)))
			return false;
		s->appt = 0;
	}
	f->method = SR_METHOD_RECEPTION;
	f->traffic_id = tid;
	if (!f->content)
		f->content = f->drive ? demo_visit_talk[1] : PICK(&s->r, demo_visit_talk);
	if (!sim_followup(s, t + 60 * sr_rng_int(&s->r, 3, 10), f))
		return false;
	sr_time out = t + 60 * sr_rng_int(&s->r, 25, 120);
	if (out <= g->limit && demo_ok(g, demo_as(g, rec, out)))
		demo_ok(g, sr_traffic_leave(g->db, tid, NULL));
	return true;
}

/* The steps a visit brings, by how far the customer has come. */
static void visit_steps(struct sim *s, struct fu *f, bool buying)
{
	memset(f, 0, sizeof *f);
	f->intro = !s->intro || sr_rng_per(&s->r, 200);
	f->nego = (s->intro && sr_rng_per(&s->r, buying ? 700 : 400)) || s->full_visit;
	f->drive = (!s->drive && sr_rng_per(&s->r, buying ? 700 : 350)) || s->full_visit;
	if (s->full_visit)
		f->intro = true;
	s->full_visit = false;
}

/* Whether this call invites the customer to the showroom: the DCC lives on
 * invitations before the first visit; consultants invite now and then. An
 * appointment never outlives the card's planned end (s->until). */
static int sim_invite_days(struct sim *s, sr_date d)
{
	int span = s->fl_max < 4 ? s->fl_max : 4;
	bool open_end = s->until > s->g->today;
	/* the last days' invitations are tomorrow's expected arrivals */
	bool recent = open_end && d >= s->g->today - 3;
	int permille = s->dcc ? (s->visits ? 0 : s->will_visit ? 500 : recent ? 250 : 80)
	               : s->will_visit ? (recent ? 300 : 120) : recent ? 80 : 20;
	if (s->appt || s->status != SR_STATUS_ACTIVE || (!open_end && d + span >= s->until) ||
	    !sr_rng_per(&s->r, permille))
		return 0;
	int tomorrow = s->g->today + 1 - d;
	if (recent && tomorrow <= span && sr_rng_per(&s->r, 600))
		return tomorrow;
	return sr_rng_int(&s->r, 1, span);
}

/* The invitation: an appointment d + days, received by a consultant (the
 * owner, or for a DCC card the consultant the caller books). */
static bool sim_appointment(struct sim *s, sr_time t, int days)
{
	struct demo *g = s->g;
	char date[SR_DATE_LEN];
	sr_date d = sr_time_date(t) + days;
	sr_date_format(d, date);
	s->appt_cons = s->dcc ? pick_consultant(g, &s->r) : NULL;
	if (!sim_as(s, s->owner, t + 120) ||
	    !sim_ok(s, sr_appointment_add(g->db, s->id, date, s->appt_cons, &s->appt)))
		return false;
	s->appt_date = d;
	s->due = d;
	return true;
}

/* A DCC call: phone mostly, sometimes WeChat or a text. */
static bool sim_dcc_call(struct sim *s, sr_date d)
{
	sr_time t;
	if (!sim_when(s, d, SLOT_CALL, &t))
		return false;
	struct fu f = {.method = sr_rng_per(&s->r, 850) ? SR_METHOD_PHONE
	                         : sr_rng_per(&s->r, 500) ? SR_METHOD_WECHAT : SR_METHOD_SMS};
	f.days = sim_invite_days(s, d);
	if (f.days) {
		f.method = SR_METHOD_PHONE;
		f.content = PICK(&s->r, demo_invite_talk);
	} else {
		f.content = f.method == SR_METHOD_PHONE ? PICK(&s->r, demo_dcc_talk)
		            : f.method == SR_METHOD_WECHAT ? PICK(&s->r, demo_wechat_talk)
		                                           : PICK(&s->r, demo_sms_talk);
	}
	if (!sim_followup(s, t, &f))
		return false;
	return !f.days || sim_appointment(s, t, f.days);
}

/* The appointment day: the customer comes, or the caller marks it missed
 * in the evening and calls again the next day. */
static bool sim_appt_day(struct sim *s)
{
	struct demo *g = s->g;
	if (sr_rng_per(&s->r, s->show_permille)) {
		struct fu f;
		visit_steps(s, &f, s->will_visit);
		return sim_visit(s, s->appt_date, &f, s->appt_cons);
	}
	sr_time t;
	if (!sim_when(s, s->appt_date, SLOT_EVENING, &t))
		return false;
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_appointment_missed(g->db, s->appt)))
		return false;
	s->cursor = t;
	s->appt = 0;
	s->due = s->appt_date + 1;
	return true;
}

/* A consultant's contact: a return visit now and then, otherwise a call
 * (sometimes an invitation), a WeChat message, a text or a home visit. */
static bool sim_contact(struct sim *s, sr_date d)
{
	int visit = s->visits >= 2 ? s->visit_permille / 3 : s->visit_permille;
	if (s->full_visit || sr_rng_per(&s->r, visit)) {
		struct fu f;
		visit_steps(s, &f, s->will_visit);
		return sim_visit(s, d, &f, NULL);
	}
	sr_time t;
	if (!sim_when(s, d, SLOT_CALL, &t))
		return false;
	struct fu f = {0};
	int x = sr_rng_int(&s->r, 0, 99);
	f.method = x < 60 ? SR_METHOD_PHONE : x < 85 ? SR_METHOD_WECHAT
	           : x < 97 ? SR_METHOD_SMS : SR_METHOD_VISIT;
	const char *const *pool = demo_phone_talk;
	int n = (int)(sizeof demo_phone_talk / sizeof *demo_phone_talk);
	f.days = s->visit_permille ? sim_invite_days(s, d) : 0;
	if (s->status == SR_STATUS_ORDER) {
		f.method = SR_METHOD_PHONE;
		pool = demo_order_talk;
		n = (int)(sizeof demo_order_talk / sizeof *demo_order_talk);
	} else if (f.days) {
		f.method = SR_METHOD_PHONE;
		pool = demo_invite_talk;
		n = (int)(sizeof demo_invite_talk / sizeof *demo_invite_talk);
	} else if (f.method == SR_METHOD_WECHAT) {
		pool = demo_wechat_talk;
		n = (int)(sizeof demo_wechat_talk / sizeof *demo_wechat_talk);
	} else if (f.method == SR_METHOD_SMS) {
		pool = demo_sms_talk;
		n = (int)(sizeof demo_sms_talk / sizeof *demo_sms_talk);
	} else if (f.method == SR_METHOD_VISIT) {
		pool = demo_home_talk;
		n = (int)(sizeof demo_home_talk / sizeof *demo_home_talk);
	}
	f.content = pool[sr_rng_int(&s->r, 0, n - 1)];
	if (!sim_followup(s, t, &f))
		return false;
	return !f.days || sim_appointment(s, t, f.days);
}

/* Follow the card on its due dates until day `until` (exclusive), the
 * limit, or the day its owner stops following it. */
static void sim_court(struct sim *s, sr_date until)
{
	s->until = until;
	while (!s->dead && !s->g->fatal &&
	       (s->status == SR_STATUS_ACTIVE || s->status == SR_STATUS_ORDER)) {
		sr_date d = s->appt ? s->appt_date : s->due;
		if (d >= until || d > s->g->today)
			break;
		if (s->neglect_from && d >= s->neglect_from && !s->appt)
			break;
		bool done = s->appt ? sim_appt_day(s) : s->dcc ? sim_dcc_call(s, d) : sim_contact(s, d);
		if (!done)
			break;
	}
}

/* ---- filing -------------------------------------------------------------- */

static void filing_answers(struct sim *s, sr_card_filing *in, int count)
{
	for (int i = 0; i < SR_ANS_COUNT; i++)
		if (sr_rng_int(&s->r, 0, SR_ANS_COUNT - 1) < count || count >= SR_ANS_COUNT) {
			in->answers[i] = demo_answers[i][sr_rng_int(&s->r, 0, 3)];
			s->answers |= 1u << i;
		}
}

static char filing_level(sr_rng *r, enum kind k)
{
	static const int walkin[] = {100, 200, 320, 260, 120};
	static const int dcc[] = {0, 100, 300, 400, 200};
	static const int outreach[] = {0, 0, 200, 500, 300};
	static const int wholesale[] = {0, 500, 500, 0, 0};
	const int *w = k == K_WALKIN ? walkin : k == K_WHOLESALE ? wholesale
	               : k == K_OUTREACH ? outreach : dcc;
	return "HABCN"[sr_rng_pick(r, w, 5)];
}

static int expected_days(sr_rng *r, char level)
{
	switch (level) {
	case 'H':
	case 'A': return sr_rng_int(r, 5, 15);
	case 'B': return sr_rng_int(r, 15, 30);
	case 'C': return sr_rng_int(r, 30, 90);
	default: return sr_rng_per(r, 500) ? 0 : sr_rng_int(r, 90, 180);
	}
}


/* Text the filing points to while it is being filed. */
struct filing_text {
	char next[SR_DATE_LEN], expect[SR_DATE_LEN], vin[18], address[96];
};

/* What the customer tells at the first contact. Returns the days to the
 * first follow-up. */
static int filing_details(struct sim *s, sr_card_filing *in, struct filing_text *x,
                          const char *src)
{
	struct demo *g = s->g;
	enum kind k = (enum kind)s->p->kind;
	sr_date d = sr_time_date(s->p->at);
	in->name = s->res->name;
	in->phone = s->res->phone;
	in->gender = s->res->gender;
	in->source = src ? src : pick_src(g, &s->r, k);
	in->model = g->models[sr_rng_int(&s->r, 0, g->nmodels - 1)];
	in->level = filing_level(&s->r, k);
	if (sr_rng_per(&s->r, 800))
		in->region = PICK(&s->r, demo_regions);
	if (in->region && sr_rng_per(&s->r, 300)) {
		snprintf(x->address, sizeof x->address, "%s%d号", PICK(&s->r, demo_roads),
		         sr_rng_int(&s->r, 1, 300));
		in->address = x->address;
	}
	int known = k == K_WALKIN ? sr_rng_int(&s->r, 0, 5) : k == K_WHOLESALE ? 3 : sr_rng_int(&s->r, 0, 2);
	filing_answers(s, in, in->level == 'H' ? SR_ANS_COUNT : known);
	int ed = expected_days(&s->r, in->level);
	if (ed) {
		sr_date_format(d + ed, x->expect);
		in->expected_purchase = x->expect;
	}
	int days = level_interval(&s->r, in->level);
	int max = level_max(g, default_fl(g, in->level));
	days = days > max ? max : days;
	sr_date_format(d + days, x->next);
	in->next_date = x->next;
	if (in->file_as != SR_FILE_ACTIVE) {
		in->deposit_cents = (int64_t)sr_rng_int(&s->r, 5, 20) * 100000;
		demo_vin(&s->r, sr_rng_per(&s->r, 500) ? "LSG" : "LSV", x->vin);
		in->vin = in->file_as == SR_FILE_SOLD || sr_rng_per(&s->r, 500) ? x->vin : NULL;
	}
	return days;
}

/* Who files the card, from what: the reception's row of a walk-in batch,
 * the DCC's row of an inbound call, or nothing (an outbound lead, a
 * referral, an event). Moves *t to the filing time; NULL when the traffic
 * row was refused. */
static const char *filing_start(struct sim *s, sr_card_filing *in, sr_time *t)
{
	struct demo *g = s->g;
	sr_traffic_input ti = {.model = in->model, .source = in->source};
	const char *filer, *logger;
	switch ((enum kind)s->p->kind) {
	case K_WALKIN:
		filer = pick_consultant(g, &s->r);
		logger = PICK_OF(&s->r, g->recep, g->nrecep);
		ti.kind = SR_TRAFFIC_WALKIN;
		ti.persons = sr_rng_int(&s->r, 1, 4);
		in->channel = SR_CHANNEL_WALKIN;
		s->visits = 1;
		break;
	case K_DCC_IN:
		filer = logger = PICK_OF(&s->r, g->dcc_in, g->nin);
		ti.kind = SR_TRAFFIC_CALL;
		in->channel = SR_CHANNEL_PHONE;
		break;
	case K_DCC_OUT:
		in->channel = SR_CHANNEL_PHONE;
		return PICK_OF(&s->r, g->dcc_out, g->nout);
	case K_CONS_PHONE:
		in->channel = SR_CHANNEL_PHONE;
		return pick_consultant(g, &s->r);
	case K_WHOLESALE:
		in->channel = SR_CHANNEL_OUTREACH;
		in->wholesale = true;
		return g->wholesale;
	default:
		in->channel = SR_CHANNEL_OUTREACH;
		return pick_consultant(g, &s->r);
	}
	ti.consultant = filer;
	if (!sim_as(s, logger, *t) || !sim_ok(s, sr_traffic_add(g->db, &ti, &in->traffic_id)))
		return NULL;
	*t += 60 * sr_rng_int(&s->r, 3, 15);
	return filer;
}

/* File the card. Filing is the one step the demo cannot do without: a
 * refusal ends the run with the core's message. */
static bool sim_file(struct sim *s, sr_file_as as, bool new_opp, const char *src)
{
	struct demo *g = s->g;
	sr_card_filing in = {.file_as = as, .new_opportunity = new_opp};
	struct filing_text x;
	sr_time t = s->p->at;
	int days = filing_details(s, &in, &x, src);
	const char *filer = filing_start(s, &in, &t);
	if (!filer)
		return false;
	sr_status st = demo_as(g, filer, t);
	if (st == SR_OK)
		st = sr_card_file(g->db, &in, &s->id);
	if (st != SR_OK) {
		if (g->fatal == SR_OK)
			g->fatal = st;
		s->dead = true;
		return false;
	}
	s->channel = in.channel;
	s->cursor = t < g->limit ? t : g->limit;
	s->due = sr_time_date(s->cursor) + days + demo_lateness(&s->r);
	s->res->id = s->id;
	s->res->filed = s->cursor;
	return sim_refresh(s);
}

/* ---- the endings ---------------------------------------------------------- */

/* The callbacks the delivery just scheduled are the newest rows: look
 * there (by rowid) rather than through every due callback of the store. */
static const char CALLBACKS_SQL[] =
	"SELECT id, due_date FROM callbacks WHERE id > (SELECT coalesce(max(id), 0) FROM callbacks)"
	" - 32 AND card_id = ?1 AND status = 'due' ORDER BY due_date, id";

/* Customer service makes the post-sale calls that are due by today. */
static void sim_callbacks(struct sim *s)
{
	struct demo *g = s->g;
	int64_t ids[16];
	sr_date due[16];
	int n = 0;
	sqlite3_stmt *q = sr_stmt(g->db, CALLBACKS_SQL);
	if (!q) {
		sim_ok(s, SR_IO);
		return;
	}
	sqlite3_bind_int64(q, 1, s->id);
	while (n < 16 && sqlite3_step(q) == SQLITE_ROW) {
		ids[n] = sqlite3_column_int64(q, 0);
		if (sr_date_parse((const char *)sqlite3_column_text(q, 1), &due[n]))
			n++;
	}
	sr_stmt_done(q);
	for (int i = 0; i < n; i++) {
		sr_time t = slot_time(&s->r, due[i], SLOT_OFFICE);
		if (t < s->cursor)
			t = s->cursor + 3600;
		if (t > g->limit || !sr_rng_per(&s->r, 880))
			continue;
		const char *res = i == 0 ? demo_callback_results[0]
		                  : sr_rng_per(&s->r, 60) ? demo_callback_results[5]
		                                       : demo_callback_results[sr_rng_int(&s->r, 1, 4)];
		if (demo_ok(g, demo_as(g, PICK_OF(&s->r, g->service, g->nservice), t)))
			demo_ok(g, sr_callback_done(g->db, ids[i], res));
	}
}

/* Delivery on day d closes the card as sold; the callbacks follow. */
static void sim_deliver(struct sim *s, sr_date d)
{
	sr_time t;
	sim_court(s, d);
	if (s->dead || s->status != SR_STATUS_ORDER || !sim_when(s, d, SLOT_VISIT, &t))
		return;
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_order_deliver(s->g->db, s->id)))
		return;
	s->cursor = t;
	s->status = SR_STATUS_SOLD;
	s->res->sold = t;
	sim_callbacks(s);
}

/* The customer backs out on day d: the card is active again. */
static void sim_cancel(struct sim *s, sr_date d)
{
	sr_time t;
	sim_court(s, d);
	if (s->dead || s->status != SR_STATUS_ORDER || !sim_when(s, d, SLOT_CALL, &t))
		return;
	if (!sim_as(s, s->owner, t) ||
	    !sim_ok(s, sr_order_cancel(s->g->db, s->id, PICK(&s->r, demo_cancel_reasons))) ||
	    !sim_refresh(s))
		return;
	s->cursor = t;
	s->decide = 0;
	s->due = s->next > sr_time_date(t) ? s->next : sr_time_date(t) + 1;
}

/* Waiting for the car, a call a week is enough: the consultant sets the
 * order's follow-up level and the next call with it. */
static void sim_order_pace(struct sim *s, sr_time t)
{
	const char *want = default_fl(s->g, 'O');
	int max = level_max(s->g, want), days = level_interval(&s->r, 'O');
	char next[SR_DATE_LEN];
	if (!strcmp(want, s->fl) || !sr_rng_per(&s->r, 750))
		return;
	sr_date_format(sr_time_date(t) + (days > max ? max : days), next);
	sr_card_change ch[2] = {{"followup-level", want}, {"next", next}};
	if (!sim_as(s, s->owner, t + 60) || !sim_ok(s, sr_card_edit(s->g->db, s->id, 0, ch, 2)))
		return;
	sr_copy(s->fl, sizeof s->fl, want);
	s->fl_max = max;
	s->due = sr_time_date(t) + (days > max ? max : days) + demo_lateness(&s->r);
}

/* Sign the order on day d: in the showroom (negotiation at a visit), or on
 * the phone for a wholesale customer. False when it did not happen. */
static bool sim_sign(struct sim *s, sr_date d)
{
	struct demo *g = s->g;
	s->decide = d;
	sim_court(s, d);
	if (s->dead || s->status != SR_STATUS_ACTIVE || s->appt)
		return false;
	sr_date day = sr_time_date(s->cursor) > d ? sr_time_date(s->cursor) : d;
	if (s->visit_permille) {
		struct fu f;
		visit_steps(s, &f, true);
		f.nego = true;
		f.level = s->answers == 0x7f && sr_rng_per(&s->r, 600) ? 'H'
		          : sr_level_rank(s->level) > sr_level_rank('A') ? 'A' : s->level;
		if (!sim_visit(s, day, &f, NULL))
			return false;
	}
	sr_time t = s->cursor + 60 * sr_rng_int(&s->r, 20, 60);
	if (!s->visit_permille && !sim_when(s, day, SLOT_CALL, &t))
		return false;
	if (t > g->limit)
		return false;
	char vin[18], expect[SR_DATE_LEN];
	demo_vin(&s->r, sr_rng_per(&s->r, 500) ? "LSG" : "LSV", vin);
	sr_date_format(sr_time_date(t) + sr_rng_int(&s->r, 7, 30), expect);
	sr_order_input o = {
		.deposit_cents = (int64_t)sr_rng_int(&s->r, 5, 20) * 100000,
		.vin = sr_rng_per(&s->r, 400) ? vin : NULL, .expected_delivery = expect,
	};
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_order_add(g->db, s->id, &o, NULL)) ||
	    !sim_refresh(s))
		return false;
	s->cursor = t;
	sim_order_pace(s, t);
	return !s->dead;
}

static sr_loss_reason pick_reason(struct sim *s)
{
	static const int consultant[] = {300, 200, 200, 100, 200};
	static const int dcc[] = {150, 100, 200, 150, 400};
	return (sr_loss_reason)sr_rng_pick(&s->r, s->dcc ? dcc : consultant, 5);
}

/* The owner asks to close the card as lost on day d. */
static bool sim_loss_request(struct sim *s, sr_date d)
{
	sr_time t;
	if (s->appt || !sim_when(s, d, SLOT_CALL, &t))
		return false;
	sr_loss_reason why = pick_reason(s);
	if (!sim_as(s, s->owner, t) ||
	    !sim_ok(s, sr_loss_request(s->g->db, s->id, why, demo_loss_notes[why][sr_rng_int(&s->r, 0, 2)])))
		return false;
	s->cursor = t;
	return true;
}

enum decision { D_CONFIRM, D_REJECT, D_TODCC };

/* A manager decides within the next day or so (not yet, if that is after
 * the limit: the request stays pending). */
static bool sim_loss_decide(struct sim *s, enum decision dec)
{
	struct demo *g = s->g;
	sr_time t = s->cursor + 3600 * sr_rng_int(&s->r, 2, 30);
	if (t > g->limit)
		return false;
	if (!sim_as(s, PICK_OF(&s->r, g->mgr, g->nmgr), t))
		return false;
	sr_status st = dec == D_CONFIRM ? sr_loss_confirm(g->db, s->id)
	               : dec == D_REJECT ? sr_loss_reject(g->db, s->id)
	                                 : sr_loss_to_dcc(g->db, s->id,
	                                                  PICK_OF(&s->r, g->dcc_out, g->nout));
	if (!sim_ok(s, st))
		return false;
	s->cursor = t;
	if (dec == D_CONFIRM) {
		s->status = SR_STATUS_LOST;
		return true;
	}
	/* Back to active: the (new) owner follows it up again from tomorrow. */
	if (!sim_refresh(s))
		return false;
	s->due = sr_time_date(t) + 1;
	return true;
}

/* Lost on day d: straight, or after a manager first sent it back (to the
 * consultant, or to the DCC for a re-check) and it failed again. */
static void sim_lost(struct sim *s, sr_date d)
{
	int path = sr_rng_int(&s->r, 0, 99);
	int avail = s->g->today - d;
	bool wholesale = s->p->kind == K_WHOLESALE;
	enum decision first = path < 80 || avail < 14 || wholesale ? D_CONFIRM
	                      : path < 90 && !s->dcc ? D_TODCC : D_REJECT;
	sim_court(s, d);
	if (s->dead || s->status != SR_STATUS_ACTIVE || !sim_loss_request(s, d) ||
	    !sim_loss_decide(s, first) || first == D_CONFIRM)
		return;
	sr_date again = d + sr_rng_int(&s->r, 7, avail - 2);
	s->show_permille = 0;
	s->visit_permille = 0;
	sim_court(s, again);
	if (!s->dead && s->status == SR_STATUS_ACTIVE && sim_loss_request(s, again))
		sim_loss_decide(s, D_CONFIRM);
}

/* Parked on day d: cannot be sold or lost now; no next date. */
static bool sim_dormant(struct sim *s, sr_date d)
{
	sr_time t;
	sim_court(s, d);
	if (s->dead || s->status != SR_STATUS_ACTIVE || s->appt)
		return false;
	/* the rule: never visited, or visited with all three sales steps */
	if (s->visits && !(s->intro && s->nego && s->drive)) {
		struct fu f;
		if (s->dcc)
			return false;
		s->full_visit = true;
		visit_steps(s, &f, false);
		if (!sim_visit(s, d, &f, NULL))
			return false;
	}
	if (!sim_when(s, d, SLOT_CALL, &t))
		return false;
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_card_dormant(s->g->db, s->id)))
		return false;
	s->cursor = t;
	s->status = SR_STATUS_DORMANT;
	return true;
}

/* A dormant customer calls back, or the owner picks the card up again. */
static void sim_reactivate(struct sim *s, sr_date d)
{
	sr_time t;
	if (!sim_when(s, d, SLOT_CALL, &t))
		return;
	d = sr_time_date(t);
	int days = level_interval(&s->r, s->level);
	char next[SR_DATE_LEN];
	sr_date_format(d + (days > s->fl_max ? s->fl_max : days), next);
	if (!sim_as(s, s->owner, t) || !sim_ok(s, sr_card_reactivate(s->g->db, s->id, next)) ||
	    !sim_refresh(s))
		return;
	s->cursor = t;
	s->due = s->next > d ? s->next : d + 1;
}

/* ---- outcomes ---------------------------------------------------------- */

static void life_sold(struct sim *s, sr_date filed)
{
	int avail = s->g->today - filed;
	if (avail < 4) {
		sim_court(s, s->g->today + 1);
		return;
	}
	sr_date order = filed + skew(&s->r, avail - 3 < 40 ? avail - 3 : 40);
	int gap = s->g->today - order;
	if (sim_sign(s, order))
		sim_deliver(s, order + sr_rng_int(&s->r, 3, gap < 25 ? gap : 25));
}

static void life_order(struct sim *s, sr_date filed)
{
	sr_date from = s->g->today - 30 > filed ? s->g->today - 30 : filed;
	sim_sign(s, from + sr_rng_int(&s->r, 0, s->g->today - from));
	sim_court(s, s->g->today + 1);
}

static void life_lost(struct sim *s, sr_date filed)
{
	int avail = s->g->today - filed;
	if (avail < 3) {
		sim_court(s, s->g->today + 1);
		return;
	}
	sim_lost(s, filed + 2 + skew(&s->r, avail - 3));
}

static void life_dormant(struct sim *s, sr_date filed)
{
	int avail = s->g->today - filed;
	if (avail < 17) {
		sim_court(s, s->g->today + 1);
		return;
	}
	/* phone and outreach cards: never visited; walk-ins: only after
	 * introduction, negotiation and test drive */
	s->show_permille = 0;
	if (s->channel == SR_CHANNEL_WALKIN)
		s->full_visit = true;
	else
		s->visit_permille = 0;
	sim_dormant(s, filed + 16 + sr_rng_int(&s->r, 0, avail - 17));
}

static enum flavor active_flavor(struct sim *s, int age)
{
	int x = sr_rng_int(&s->r, 0, 999);
	if (x < 60 && age >= 5)
		return F_PENDING;
	if (x < 100 && age >= 25 && s->visit_permille)
		return F_CANCEL;
	if (x < 130 && age >= 15)
		return F_REJECT;
	if (x < 160 && age >= 20 && !s->dcc && s->p->kind != K_WHOLESALE)
		return F_TODCC;
	if (x < 200 && age >= 45 && s->channel != SR_CHANNEL_WALKIN)
		return F_REACT;
	if (x < 320 && age >= 10)
		return F_NEGLECT;
	return F_PLAIN;
}

/* Still being followed today, by one of several roads. */
static void life_active(struct sim *s, sr_date filed, bool dup)
{
	struct demo *g = s->g;
	int age = g->today - filed;
	enum flavor fl = dup ? F_PLAIN : active_flavor(s, age);
	switch (fl) {
	case F_PENDING: {
		sr_date d = g->today - sr_rng_int(&s->r, 0, 2);
		sim_court(s, d);
		if (!s->dead && s->status == SR_STATUS_ACTIVE)
			sim_loss_request(s, d > filed ? d : filed + 1);
		return;
	}
	case F_CANCEL: {
		sr_date d = filed + skew(&s->r, age - 20);
		if (sim_sign(s, d))
			sim_cancel(s, d + sr_rng_int(&s->r, 3, 15));
		break;
	}
	case F_REJECT:
	case F_TODCC: {
		sr_date d = filed + 3 + skew(&s->r, age - 10);
		sim_court(s, d);
		if (!s->dead && s->status == SR_STATUS_ACTIVE && sim_loss_request(s, d))
			sim_loss_decide(s, fl == F_REJECT ? D_REJECT : D_TODCC);
		break;
	}
	case F_REACT: {
		sr_date d = filed + 16 + sr_rng_int(&s->r, 0, age - 45);
		s->show_permille = 0;
		s->visit_permille = 0;
		if (sim_dormant(s, d))
			sim_reactivate(s, d + sr_rng_int(&s->r, 15, g->today - d < 40 ? g->today - d : 40));
		break;
	}
	case F_NEGLECT:
		s->neglect_from = g->today - sr_rng_int(&s->r, 1, 20);
		break;
	case F_PLAIN:
		break;
	}
	sim_court(s, g->today + 1);
}

/* The customer's mood over the card's life, and how likely they come. */
static void sim_setup(struct sim *s, enum outcome o, int age)
{
	static const int young[] = {150, 220, 330, 200, 100};
	static const int old[] = {0, 80, 340, 360, 220};
	sr_rng *r = &s->r;
	switch (o) {
	case O_SOLD:
	case O_ORDER:
		s->target = sr_rng_per(r, 400) ? 'H' : 'A';
		s->will_visit = true;
		break;
	case O_LOST:
		s->target = sr_rng_per(r, 500) ? 'C' : 'N';
		s->will_visit = sr_rng_per(r, 250);
		break;
	case O_DORMANT:
		s->target = sr_rng_per(r, 500) ? 'C' : 'N';
		break;
	default:
		s->target = "HABCN"[sr_rng_pick(r, age < 20 ? young : old, 5)];
		s->will_visit = sr_rng_per(r, 400);
		break;
	}
	s->show_permille = s->will_visit ? 800 : 250;
	s->visit_permille = s->will_visit ? 100 : 15;
	if (s->p->kind == K_WHOLESALE) {
		s->show_permille = 0;
		s->visit_permille = 0;
	}
}

/* Visitors and callers who leave no details: traffic rows only. */
static void sim_traffic_only(struct demo *g, const struct plan *p)
{
	sr_rng r = {p->seed};
	int64_t tid = 0;
	sr_traffic_input ti = {.model = sr_rng_per(&r, 600) ? g->models[sr_rng_int(&r, 0, g->nmodels - 1)]
	                                                 : NULL,
	                       .source = pick_src(g, &r, (enum kind)p->kind)};
	const char *who;
	if (p->kind == K_NONE_WALK) {
		ti.kind = SR_TRAFFIC_WALKIN;
		ti.persons = sr_rng_int(&r, 1, 3);
		ti.consultant = sr_rng_per(&r, 900) ? pick_consultant(g, &r) : NULL;
		who = PICK_OF(&r, g->recep, g->nrecep);
	} else {
		ti.kind = SR_TRAFFIC_CALL;
		who = PICK_OF(&r, g->dcc_in, g->nin);
		ti.consultant = who;
	}
	if (!demo_ok(g, demo_as(g, who, p->at)) || !demo_ok(g, sr_traffic_add(g->db, &ti, &tid)))
		return;
	sr_time out = p->at + 60 * sr_rng_int(&r, 8, 40);
	if (ti.kind == SR_TRAFFIC_WALKIN && out <= g->limit &&
	    demo_ok(g, demo_as(g, who, out)))
		demo_ok(g, sr_traffic_leave(g->db, tid, NULL));
}

/* Who the customer is: new, a repeat customer, or a deliberate duplicate. */
static bool sim_person(struct sim *s, size_t i, const char **src)
{
	struct demo *g = s->g;
	*src = NULL;
	if (s->p->dup) {
		struct result *o = find_dup(g, i);
		if (o) {
			o->dup_used = true;
			memcpy(s->res->name, o->name, sizeof o->name);
			memcpy(s->res->phone, o->phone, sizeof o->phone);
			memcpy(s->res->gender, o->gender, sizeof o->gender);
			return true;
		}
	}
	if (s->p->repeat) {
		const struct result *o = find_repeat(g, &s->r, i);
		if (o) {
			memcpy(s->res->name, o->name, sizeof o->name);
			memcpy(s->res->phone, o->phone, sizeof o->phone);
			memcpy(s->res->gender, o->gender, sizeof o->gender);
			if (o->status == SR_STATUS_SOLD && o->sold && o->sold < s->p->at &&
			    g->has_source[S_REPURCHASE])
				*src = demo_src_codes[S_REPURCHASE];
			return true;
		}
	}
	gen_person(g, &s->r, s->res);
	return false;
}

/* How the card is filed: most as active; a few sign at the first contact;
 * some wholesale deals are known only at delivery. */
static sr_file_as sim_file_as(struct sim *s)
{
	enum outcome o = (enum outcome)s->p->outcome;
	int age = s->g->today - sr_time_date(s->p->at);
	if (s->p->kind == K_WHOLESALE) {
		if (o == O_SOLD)
			return sr_rng_per(&s->r, 400) ? SR_FILE_SOLD
			       : sr_rng_per(&s->r, 400) && age >= 4 ? SR_FILE_ORDER : SR_FILE_ACTIVE;
		if (o == O_ORDER && sr_rng_per(&s->r, 300))
			return SR_FILE_ORDER;
		return SR_FILE_ACTIVE;
	}
	if (s->p->kind == K_WALKIN && !s->p->dup && (o == O_ORDER || (o == O_SOLD && age >= 4)) &&
	    sr_rng_per(&s->r, 60))
		return SR_FILE_ORDER;
	return SR_FILE_ACTIVE;
}

static void sim_life(struct sim *s, sr_file_as as)
{
	struct demo *g = s->g;
	sr_date filed = sr_time_date(s->p->at);
	int age = g->today - filed;
	if (as == SR_FILE_SOLD) {
		sim_callbacks(s);
		return;
	}
	if (as == SR_FILE_ORDER) {
		sim_order_pace(s, s->cursor);
		if (s->p->outcome == O_SOLD)
			sim_deliver(s, filed + sr_rng_int(&s->r, 3, age < 25 ? age : 25));
		else
			sim_court(s, g->today + 1);
		return;
	}
	switch ((enum outcome)s->p->outcome) {
	case O_SOLD:
		life_sold(s, filed);
		break;
	case O_ORDER:
		life_order(s, filed);
		break;
	case O_LOST:
		life_lost(s, filed);
		break;
	case O_DORMANT:
		life_dormant(s, filed);
		break;
	default:
		life_active(s, filed, s->p->dup);
		break;
	}
}

/* File one planned card and play its life up to today. */
static void sim_card(struct demo *g, size_t i)
{
	struct sim s = {.g = g, .p = &g->plan[i], .res = &g->res[i]};
	s.r.s = s.p->seed;
	if (s.p->kind >= K_NONE_WALK) {
		sim_traffic_only(g, s.p);
		return;
	}
	const char *src;
	bool again = sim_person(&s, i, &src);
	sim_setup(&s, (enum outcome)s.p->outcome, g->today - sr_time_date(s.p->at));
	sr_file_as as = sim_file_as(&s);
	if (!sim_file(&s, as, again, src))
		return;
	if (as == SR_FILE_SOLD)
		s.res->sold = s.cursor;
	sim_life(&s, as);
	if (!g->fatal && !s.dead)
		sim_refresh(&s);
	s.res->status = s.status;
	s.res->dcc_owned = s.dcc;
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
