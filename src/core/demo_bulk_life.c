/* demo_bulk_life.c — the large demo (demo_bulk.c): one card's life,
 * from its filing to how it ends, written straight as rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "demo_bulk.h"

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

int64_t pick_source(struct bulk *b, sr_rng *r, enum kind k)
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
void bulk_card(struct bulk *b, int64_t id, sr_time t0, enum kind k)
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

