/* demo_life.c — the played demo (demo.c): filing a planned card and
 * playing how it ends (order, delivery, loss, dormancy) up to today. */
#include <stdlib.h>
#include <string.h>
#include "demo_play.h"

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
void sim_card(struct demo *g, size_t i)
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

