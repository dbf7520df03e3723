/* demo_sim.c — the played demo (demo.c): a card's contacts, from the
 * customer it is to the follow-ups, visits, calls and appointments. */
#include <stdlib.h>
#include <string.h>
#include "demo_play.h"

bool sim_ok(struct sim *s, sr_status st)
{
	if (demo_ok(s->g, st))
		return true;
	s->dead = true;
	return false;
}

bool sim_as(struct sim *s, const char *login, sr_time t)
{
	return sim_ok(s, demo_as(s->g, login, t));
}

/* The time of a card event on day d, after its last event; false when it
 * would be past the limit (the event has not happened yet). */
bool sim_when(struct sim *s, sr_date d, enum slot slot, sr_time *out)
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
bool sim_refresh(struct sim *s)
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

void gen_person(struct demo *g, sr_rng *r, struct result *res)
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
const struct result *find_repeat(struct demo *g, sr_rng *r, size_t i)
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
struct result *find_dup(struct demo *g, size_t i)
{
	for (size_t k = 0; k < 400 && k < i; k++) {
		struct result *o = &g->res[i - 1 - k];
		if (o->id && o->dcc_owned && !o->dup_used && o->status == SR_STATUS_ACTIVE &&
		    o->filed < g->plan[i].at - 86400)
			return o;
	}
	return NULL;
}

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
bool sim_visit(struct sim *s, sr_date d, struct fu *f, const char *cons)
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
void visit_steps(struct sim *s, struct fu *f, bool buying)
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
void sim_court(struct sim *s, sr_date until)
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

