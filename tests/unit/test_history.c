/* test_history.c — a card's history as events (history.h): each kind with
 * its fields, names instead of ids, an edit's changes, a merge, a loss
 * handed to the DCC, calls with their duration, a comment under its
 * follow-up; and the one renderer, in English and in Chinese (the real
 * catalogue, as test_i18n.c switches to it). */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"

/* ---- reading a history ---------------------------------------------------------- */

struct evs {
	sr_history_event *e;
	int n, cap;
};

static int keep_event(void *ctx, const sr_history_event *e)
{
	struct evs *h = ctx;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->e = realloc(h->e, (size_t)h->cap * sizeof *h->e);
		CHECK(h->e != NULL);
	}
	h->e[h->n++] = *e;
	return 0;
}

/* The history of card as login sees it; free with evs_free. */
static void history_as(const char *login, int64_t card, struct evs *h)
{
	char actor[SR_LOGIN_MAX];
	memset(h, 0, sizeof *h);
	fx_actor(actor);
	fx_as(login);
	sr_status st = sr_history_each(unit_db, card, keep_event, h);
	fx_as(actor);
	CHECK_OK(st);
}

static void evs_free(struct evs *h)
{
	free(h->e);
	memset(h, 0, sizeof *h);
}

/* The nth (0 = first) event of a kind, or NULL. */
static const sr_history_event *find(const struct evs *h, sr_history_kind k, int nth)
{
	for (int i = 0; i < h->n; i++)
		if (h->e[i].kind == k && nth-- == 0)
			return &h->e[i];
	return NULL;
}

static int count(const struct evs *h, sr_history_kind k)
{
	int n = 0;
	for (int i = 0; i < h->n; i++)
		n += h->e[i].kind == k;
	return n;
}

/* One change of an edit, or NULL. */
static const sr_history_change *change(const sr_history_event *e, const char *field)
{
	for (size_t i = 0; i < e->nchanges; i++)
		if (!strcmp(e->changes[i].field, field))
			return &e->changes[i];
	return NULL;
}

static const char *line_of(const sr_history_event *e)
{
	static char line[SR_HISTORY_LINE_MAX];
	sr_history_render(e, line, sizeof line);
	return line;
}

/* ---- the events ------------------------------------------------------------------- */

TEST(history_filing_and_followup_with_comment)
{
	struct evs h;
	fx_open();
	/* Reception files a walk-in for 李顾问: the filer and the owner by name. */
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	f.level = 'B';
	int64_t id;
	fx_as("rec");
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	fx_now("2026-03-02 11:00");
	fx_as("c1");
	int64_t fid = 0;
	sr_followup_input in = {
		.card_id = id, .method = SR_METHOD_PHONE, .level = 'A', .test_drive = true,
		.intro = true, .content = "客户想周末带家人来试驾", .result = "约周末到店",
	};
	CHECK_OK(sr_followup_add(unit_db, &in, &fid));
	fx_now("2026-03-02 12:00");
	CHECK_OK(sr_followup_add(unit_db, &(sr_followup_input){.card_id = id,
	                                   .method = SR_METHOD_WECHAT, .content = "发了报价"},
	                         NULL));
	/* The manager comments on the first one later: it still shows under it. */
	fx_now("2026-03-03 09:00");
	fx_as("mgr");
	CHECK_OK(sr_followup_comment(unit_db, fid, "注意报价策略"));

	history_as("c1", id, &h);
	CHECK_EQ_INT(h.n, 4);
	const sr_history_event *e = &h.e[0];
	CHECK_EQ_INT(e->kind, SR_EV_FILE);
	CHECK_EQ_STR(e->actor, "刘前台");
	CHECK_EQ_STR(e->to, "李顾问");
	CHECK_EQ_INT(e->channel, SR_CHANNEL_WALKIN);
	CHECK_EQ_INT(e->level, 'B');
	CHECK_EQ_STR(e->at, "2026-03-02 10:00:00");

	e = &h.e[1];
	CHECK_EQ_INT(e->kind, SR_EV_FOLLOWUP);
	CHECK_EQ_INT(e->ref_id, fid);
	CHECK_EQ_STR(e->actor, "李顾问");
	CHECK_EQ_INT(e->method, SR_METHOD_PHONE);
	CHECK_EQ_INT(e->level_before, 'B');
	CHECK_EQ_INT(e->level, 'A');
	CHECK(e->intro && !e->negotiation && e->test_drive);
	CHECK(e->next_date[0]);
	CHECK_EQ_STR(e->note, "客户想周末带家人来试驾");
	CHECK_EQ_STR(e->result, "约周末到店");

	e = &h.e[2];
	CHECK_EQ_INT(e->kind, SR_EV_COMMENT);
	CHECK_EQ_INT(e->ref_id, fid);
	CHECK_EQ_STR(e->actor, "王经理");
	CHECK_EQ_STR(e->note, "注意报价策略");
	CHECK_EQ_STR(e->at, "2026-03-03 09:00:00");

	CHECK_EQ_INT(h.e[3].kind, SR_EV_FOLLOWUP);
	CHECK_EQ_INT(h.e[3].method, SR_METHOD_WECHAT);
	evs_free(&h);
}

TEST(history_edit_changes_by_name_never_ids)
{
	struct evs h;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_card_change set[] = { { "source", "autohome" }, { "model", "excelle" } };
	CHECK_OK(sr_card_edit(unit_db, id, 0, set, 2));
	fx_now("2026-03-02 11:00");
	sr_card_change ch[] = {
		{ "level", "B" }, { "source", "bitauto" }, { "model", "envision" },
		{ "budget", "20万" }, { "name", "李四" },
	};
	CHECK_OK(sr_card_edit(unit_db, id, 0, ch, 5));
	history_as("c1", id, &h);
	CHECK_EQ_INT(count(&h, SR_EV_EDIT), 2);
	const sr_history_event *e = find(&h, SR_EV_EDIT, 1);
	CHECK(e != NULL);
	CHECK_EQ_STR(e->actor, "李顾问");
	const sr_history_change *c = change(e, "level");
	CHECK(c && !strcmp(c->before, "N") && !strcmp(c->after, "B"));
	c = change(e, "source");
	CHECK(c && !strcmp(c->before, "汽车之家") && !strcmp(c->after, "易车网"));
	c = change(e, "model");
	CHECK(c && !strcmp(c->before, "英朗 1.5L") && !strcmp(c->after, "昂科威 Plus 2.0T"));
	c = change(e, "budget");
	CHECK(c && !strcmp(c->before, "") && !strcmp(c->after, "20万"));
	c = change(e, "name");
	CHECK(c && !strcmp(c->before, "张三") && !strcmp(c->after, "李四"));
	/* Neither ids nor the version are changes staff read. */
	for (size_t i = 0; i < e->nchanges; i++) {
		CHECK(!strstr(e->changes[i].field, "_id"));
		CHECK(strcmp(e->changes[i].field, "version") != 0);
	}
	/* In the card's order of fields. */
	CHECK_EQ_STR(line_of(e), "Edited: name 张三→李四, source 汽车之家→易车网, model 英朗 1.5L→"
	                         "昂科威 Plus 2.0T, level N→B, Budget —→20万");
	evs_free(&h);
}

TEST(history_edited_phone_masked_as_the_card_is)
{
	struct evs h;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_card_change ch = { "phone", "13812345678" };
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
	history_as("c1", id, &h);
	const sr_history_event *e = find(&h, SR_EV_EDIT, 0);
	CHECK(e && change(e, "phone"));
	CHECK_EQ_STR(change(e, "phone")->after, "13812345678");
	evs_free(&h);
	/* Reception sees every card but only its own customers' numbers. */
	history_as("rec", id, &h);
	e = find(&h, SR_EV_EDIT, 0);
	CHECK(e && change(e, "phone"));
	CHECK_EQ_STR(change(e, "phone")->after, "138****5678");
	CHECK(!strstr(line_of(e), "13812345678"));
	evs_free(&h);
}

TEST(history_reassign_and_loss_to_dcc_by_name)
{
	struct evs h;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	int64_t ids[] = { id };
	fx_now("2026-03-02 11:00");
	fx_as("mgr");
	CHECK_OK(sr_card_assign(unit_db, ids, 1, "c2"));
	fx_now("2026-03-02 12:00");
	fx_as("c2");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_COMPETITOR, "已订丰田凯美瑞"));
	fx_now("2026-03-02 13:00");
	fx_as("mgr");
	CHECK_OK(sr_loss_to_dcc(unit_db, id, "d1"));
	history_as("d1", id, &h);
	CHECK_EQ_INT(h.n, 4);
	const sr_history_event *e = &h.e[1];
	CHECK_EQ_INT(e->kind, SR_EV_ASSIGN);
	CHECK_EQ_STR(e->actor, "王经理");
	CHECK_EQ_STR(e->from, "李顾问");
	CHECK_EQ_STR(e->to, "陈顾问");
	e = &h.e[2];
	CHECK_EQ_INT(e->kind, SR_EV_LOSS_REQUEST);
	CHECK_EQ_STR(e->actor, "陈顾问");
	CHECK_EQ_INT(e->loss_reason, SR_LOSS_COMPETITOR);
	CHECK(!e->loss_pending);
	CHECK_EQ_STR(e->note, "已订丰田凯美瑞");
	/* One event for the hand-over (not an assignment and an audit row too). */
	e = &h.e[3];
	CHECK_EQ_INT(e->kind, SR_EV_LOSS_TO_DCC);
	CHECK_EQ_STR(e->actor, "王经理");
	CHECK_EQ_STR(e->from, "陈顾问");
	CHECK_EQ_STR(e->to, "周呼出");
	CHECK_EQ_STR(line_of(e), "Loss handed to the DCC: 陈顾问 → 周呼出");
	CHECK_EQ_STR(line_of(&h.e[1]), "Reassigned: 李顾问 → 陈顾问");
	evs_free(&h);
}

TEST(history_loss_decisions)
{
	struct evs h;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_UNREACHABLE, ""));
	history_as("c1", id, &h);
	CHECK(find(&h, SR_EV_LOSS_REQUEST, 0) && find(&h, SR_EV_LOSS_REQUEST, 0)->loss_pending);
	CHECK_EQ_STR(line_of(find(&h, SR_EV_LOSS_REQUEST, 0)),
	             "Loss requested (Unreachable), awaiting approval");
	evs_free(&h);
	fx_now("2026-03-02 11:00");
	fx_as("mgr");
	CHECK_OK(sr_loss_reject(unit_db, id));
	fx_now("2026-03-02 12:00");
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, "不买了"));
	fx_now("2026-03-02 13:00");
	fx_as("mgr");
	CHECK_OK(sr_loss_confirm(unit_db, id));
	history_as("mgr", id, &h);
	CHECK_EQ_INT(count(&h, SR_EV_LOSS_REQUEST), 2);
	const sr_history_event *e = find(&h, SR_EV_LOSS_REJECT, 0);
	CHECK(e && !strcmp(e->actor, "王经理"));
	CHECK_EQ_STR(line_of(e), "Loss request rejected");
	e = find(&h, SR_EV_LOSS_CONFIRM, 0);
	CHECK(e && !strcmp(e->actor, "王经理") && e->loss_reason == SR_LOSS_GAVE_UP);
	CHECK_EQ_STR(line_of(e), "Loss confirmed (Gave up buying)");
	CHECK(e == &h.e[h.n - 1]);
	evs_free(&h);
}

TEST(history_order_cancel_and_delivery)
{
	struct evs h;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_as("c1");
	sr_order_input o = { .deposit_cents = 500000 };
	CHECK_OK(sr_order_add(unit_db, id, &o, NULL));
	fx_now("2026-03-02 11:00");
	CHECK_OK(sr_order_cancel(unit_db, id, "客户资金未到位"));
	fx_now("2026-03-02 12:00");
	o.deposit_cents = 300050;
	CHECK_OK(sr_order_add(unit_db, id, &o, NULL));
	fx_now("2026-03-02 13:00");
	fx_as("mgr");
	CHECK_OK(sr_order_deliver(unit_db, id));
	history_as("mgr", id, &h);
	CHECK_EQ_INT(count(&h, SR_EV_ORDER), 2);
	const sr_history_event *e = find(&h, SR_EV_ORDER, 0);
	CHECK_EQ_INT(e->deposit_cents, 500000);
	CHECK_EQ_STR(e->actor, "李顾问");
	CHECK_EQ_STR(line_of(e), "Order signed, deposit 5000 yuan");
	CHECK_EQ_STR(line_of(find(&h, SR_EV_ORDER, 1)), "Order signed, deposit 3000.50 yuan");
	e = find(&h, SR_EV_CANCEL, 0);
	CHECK(e != NULL);
	CHECK_EQ_STR(e->at, "2026-03-02 11:00:00");
	CHECK_EQ_STR(e->actor, "李顾问");
	CHECK_EQ_STR(e->note, "客户资金未到位");
	CHECK_EQ_STR(line_of(e), "Order cancelled: 客户资金未到位");
	/* Delivered by the manager, not the consultant who signed the order. */
	e = find(&h, SR_EV_DELIVER, 0);
	CHECK(e != NULL);
	CHECK_EQ_STR(e->actor, "王经理");
	CHECK_EQ_STR(e->at, "2026-03-02 13:00:00");
	CHECK_EQ_STR(line_of(e), "Delivered, sold");
	CHECK(e == &h.e[h.n - 1]);
	evs_free(&h);
}

TEST(history_merge_on_both_cards)
{
	struct evs h;
	fx_open();
	int64_t survivor = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	int64_t dup = fx_card("c1", SR_CHANNEL_PHONE, 1);
	int64_t fid = fx_followup(dup, SR_METHOD_SMS);
	fx_as("mgr");
	CHECK_OK(sr_card_merge(unit_db, survivor, &dup, 1));
	history_as("mgr", survivor, &h);
	const sr_history_event *e = find(&h, SR_EV_MERGE, 0);
	CHECK(e != NULL);
	CHECK_EQ_INT(e->other_card, dup);
	CHECK_EQ_STR(e->other_name, "张三");
	CHECK_EQ_STR(e->actor, "王经理");
	char want[128];
	snprintf(want, sizeof want, "Merged card #%lld (张三) into this card", (long long)dup);
	CHECK_EQ_STR(line_of(e), want);
	/* The duplicate's follow-up moved with the customer. */
	CHECK(find(&h, SR_EV_FOLLOWUP, 0) && find(&h, SR_EV_FOLLOWUP, 0)->ref_id == fid);
	evs_free(&h);
	history_as("mgr", dup, &h);
	e = find(&h, SR_EV_MERGED, 0);
	CHECK(e != NULL);
	CHECK_EQ_INT(e->other_card, survivor);
	CHECK(!find(&h, SR_EV_MERGE, 0));
	evs_free(&h);
}

TEST(history_calls_with_duration)
{
	struct evs h;
	fx_open();
	int64_t id = fx_card("d1", SR_CHANNEL_PHONE, 1);
	fx_as("d1");
	sr_call_input c = {
		.card_id = id, .result = SR_CALL_REACHED, .start = "2026-03-02 09:10:00",
		.end = "2026-03-02 09:13:12", .note = "客户说周末来店",
	};
	CHECK_OK(sr_call_add(unit_db, &c, NULL));
	c = (sr_call_input){ .card_id = id, .result = SR_CALL_NO_ANSWER,
	                     .start = "2026-03-02 09:20:00" };
	CHECK_OK(sr_call_add(unit_db, &c, NULL));
	history_as("d1", id, &h);
	CHECK_EQ_INT(count(&h, SR_EV_CALL), 2);
	const sr_history_event *e = find(&h, SR_EV_CALL, 0);
	CHECK_EQ_STR(e->actor, "周呼出");
	CHECK_EQ_INT(e->call_result, SR_CALL_REACHED);
	CHECK_EQ_INT(e->duration_s, 192);
	CHECK_EQ_STR(e->note, "客户说周末来店");
	CHECK_EQ_STR(e->at, "2026-03-02 09:10:00");
	CHECK_EQ_STR(line_of(e), "Called 3 min 12 s, reached: 客户说周末来店");
	e = find(&h, SR_EV_CALL, 1);
	CHECK_EQ_INT(e->duration_s, 0);
	CHECK_EQ_STR(line_of(e), "Called, no answer");
	evs_free(&h);
}

TEST(history_appointment_dormancy_sweep_promotion)
{
	struct evs h;
	fx_open();
	/* Filed by phone 20 days ago, never visited: dormancy is allowed. */
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-05", NULL, NULL));
	fx_now("2026-03-02 11:00");
	CHECK_OK(sr_card_dormant(unit_db, id));
	fx_now("2026-03-02 12:00");
	CHECK_OK(sr_card_reactivate(unit_db, id, "2026-03-04"));
	fx_now("2026-03-02 13:00");
	fx_as("mgr");
	CHECK_OK(sr_card_promote_wholesale(unit_db, id));
	history_as("mgr", id, &h);
	const sr_history_event *e = find(&h, SR_EV_APPOINTMENT, 0);
	CHECK(e && e->appt_status == SR_APPT_SET && !strcmp(e->date, "2026-03-05"));
	CHECK_EQ_STR(e->to, "李顾问");
	CHECK_EQ_STR(line_of(e), "Appointment for 03-05 (expected)");
	CHECK(find(&h, SR_EV_DORMANT, 0));
	CHECK_EQ_STR(line_of(find(&h, SR_EV_DORMANT, 0)), "Marked dormant");
	e = find(&h, SR_EV_REACTIVATE, 0);
	CHECK(e && !strcmp(e->next_date, "2026-03-04"));
	CHECK_EQ_STR(line_of(e), "Reactivated, next 03-04");
	e = find(&h, SR_EV_PROMOTE, 0);
	CHECK(e && change(e, "type") && !strcmp(change(e, "type")->after, "wholesale"));
	CHECK_EQ_STR(line_of(e), "Promoted to wholesale");
	evs_free(&h);

	/* A consultant's card a week overdue goes to the DCC at the sweep. */
	int64_t late = fx_card("c2", SR_CHANNEL_PHONE, 20);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE cards SET next_date = '2026-02-20' WHERE id = %lld",
	         (long long)late);
	CHECK_EQ_INT(fx_sql(sql, NULL, 0), 0);
	sr_dcc_sweep_result r;
	fx_as("admin");
	CHECK_OK(sr_dcc_sweep(unit_db, &r));
	CHECK_EQ_INT(r.moved, 1);
	history_as("admin", late, &h);
	e = find(&h, SR_EV_SWEEP, 0);
	CHECK(e && !strcmp(e->from, "陈顾问") && e->to[0]);
	CHECK(!find(&h, SR_EV_ASSIGN, 0));
	evs_free(&h);
}

TEST(history_refused_outside_scope)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	struct evs h = { 0 };
	fx_as("c2");
	CHECK_REFUSED(sr_history_each(unit_db, id, keep_event, &h), SR_PERM, "permission");
	CHECK_EQ_INT(h.n, 0);
	fx_as("admin");
	CHECK_STATUS(sr_history_each(unit_db, 99999, keep_event, &h), SR_NOTFOUND);
}

/* ---- the renderer -------------------------------------------------------------------- */

static sr_history_event *ev(sr_history_kind kind, const char *at)
{
	static sr_history_event e;
	memset(&e, 0, sizeof e);
	e.kind = kind;
	snprintf(e.at, sizeof e.at, "%s", at);
	snprintf(e.actor, sizeof e.actor, "王芳");
	return &e;
}

static void add_change(sr_history_event *e, const char *field, const char *before,
                       const char *after)
{
	sr_history_change *c = &e->changes[e->nchanges++];
	snprintf(c->field, sizeof c->field, "%s", field);
	snprintf(c->before, sizeof c->before, "%s", before);
	snprintf(c->after, sizeof c->after, "%s", after);
}

/* The examples of the brief, in the language now spoken, into out[]. */
enum { SAMPLES = 12 };

static void samples(char out[SAMPLES][512])
{
	sr_history_event *e = ev(SR_EV_FOLLOWUP, "2026-11-10 10:00:00");
	e->method = SR_METHOD_PHONE;
	e->level_before = 'N';
	e->level = 'C';
	strcpy(e->next_date, "2026-11-17");
	strcpy(e->note, "客户微信咨询");
	sr_history_render(e, out[0], 512);
	e = ev(SR_EV_DELIVER, "2026-12-08 10:00:00");
	sr_history_render(e, out[1], 512);
	e = ev(SR_EV_LOSS_TO_DCC, "2026-12-08 10:00:00");
	strcpy(e->from, "王芳");
	strcpy(e->to, "赵敏");
	sr_history_render(e, out[2], 512);
	e = ev(SR_EV_APPOINTMENT, "2026-12-01 10:00:00");
	strcpy(e->date, "2026-12-06");
	e->appt_status = SR_APPT_SHOWED;
	sr_history_render(e, out[3], 512);
	e = ev(SR_EV_ORDER, "2026-12-01 10:00:00");
	e->deposit_cents = 500000;
	sr_history_render(e, out[4], 512);
	e = ev(SR_EV_CANCEL, "2026-12-01 10:00:00");
	strcpy(e->note, "客户资金未到位");
	sr_history_render(e, out[5], 512);
	e = ev(SR_EV_EDIT, "2026-12-01 10:00:00");
	add_change(e, "level", "B", "A");
	add_change(e, "next_date", "2026-12-03", "2026-12-05");
	sr_history_render(e, out[6], 512);
	e = ev(SR_EV_FILE, "2026-12-01 10:00:00");
	e->channel = SR_CHANNEL_PHONE;
	e->level = 'N';
	sr_history_render(e, out[7], 512);
	e = ev(SR_EV_CALL, "2026-12-01 10:00:00");
	e->call_result = SR_CALL_REACHED;
	e->duration_s = 192;
	strcpy(e->note, "客户说周末来店");
	sr_history_render(e, out[8], 512);
	e = ev(SR_EV_FOLLOWUP, "2026-12-30 10:00:00");
	e->method = SR_METHOD_RECEPTION;
	e->level_before = e->level = 'B';
	e->negotiation = e->test_drive = true;
	strcpy(e->next_date, "2027-01-05");
	strcpy(e->result, "考虑中");
	sr_history_render(e, out[9], 512);
	e = ev(SR_EV_EDIT, "2026-12-01 10:00:00");
	add_change(e, "status", "dormant", "active");
	add_change(e, "channel", "walkin", "outreach");
	add_change(e, "owner", "王芳", "赵敏");
	add_change(e, "test_drive", "0", "1");
	sr_history_render(e, out[10], 512);
	e = ev(SR_EV_LOSS_REQUEST, "2026-12-01 10:00:00");
	e->loss_reason = SR_LOSS_COMPETITOR;
	strcpy(e->note, "已订丰田凯美瑞");
	sr_history_render(e, out[11], 512);
}

TEST(history_render_english)
{
	char got[SAMPLES][512];
	samples(got);
	CHECK_EQ_STR(got[0], "Phoned, level N→C, next 11-17: 客户微信咨询");
	CHECK_EQ_STR(got[1], "Delivered, sold");
	CHECK_EQ_STR(got[2], "Loss handed to the DCC: 王芳 → 赵敏");
	CHECK_EQ_STR(got[3], "Appointment for 12-06 (showed)");
	CHECK_EQ_STR(got[4], "Order signed, deposit 5000 yuan");
	CHECK_EQ_STR(got[5], "Order cancelled: 客户资金未到位");
	CHECK_EQ_STR(got[6], "Edited: level B→A, next follow-up date 12-03→12-05");
	CHECK_EQ_STR(got[7], "Filed (Phone), level N");
	CHECK_EQ_STR(got[8], "Called 3 min 12 s, reached: 客户说周末来店");
	/* A date in another year keeps its year; an unchanged level is not repeated. */
	CHECK_EQ_STR(got[9], "Showroom visit, negotiated, test-drove, next 2027-01-05, result: 考虑中");
	CHECK_EQ_STR(got[10], "Edited: status Dormant→Active, channel Walk-in→Outreach, owner 王芳→赵敏, "
	                      "test drive no→yes");
	CHECK_EQ_STR(got[11], "Loss requested (Bought a competitor): 已订丰田凯美瑞");
	CHECK_EQ_STR(sr_history_kind_label(SR_EV_FOLLOWUP), "Follow-up");
	CHECK_EQ_STR(sr_history_kind_name(SR_EV_LOSS_TO_DCC), "loss-to-dcc");
}

/* build/.../locale beside this program (make test builds the catalogue). */
static bool real_locale(char *dir, size_t len)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	char mo[700];
	snprintf(dir, len, "%s/locale", exe);
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/showroom.mo", dir);
	return access(mo, R_OK) == 0;
}

static void speak_chinese(const char *dir)
{
	if (dir) {
		bindtextdomain(SR_I18N_DOMAIN, dir);
		bind_textdomain_codeset(SR_I18N_DOMAIN, "UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
		setlocale(LC_MESSAGES, "C.UTF-8");
	} else {
		unsetenv("LANGUAGE");
		setlocale(LC_MESSAGES, "C");
	}
}

/* No ASCII letters but the ones staff read as they are: level letters
 * (a single capital) and DCC. */
static bool no_english(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			continue;
		if (!strncmp(p, "DCC", 3)) {
			p += 2;
			continue;
		}
		bool alone = (p == s || !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')) &&
		             !((p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'z');
		if (!(alone && *p >= 'A' && *p <= 'Z'))
			return false;
	}
	return true;
}

TEST(history_render_chinese)
{
	char dir[600];
	if (!real_locale(dir, sizeof dir)) {
		printf("skipped history_render_chinese: no catalogue beside the tests "
		       "(make test builds it)\n");
		return;
	}
	char got[SAMPLES][512];
	speak_chinese(dir);
	samples(got);
	const char *kind = sr_history_kind_label(SR_EV_CALL);
	char kind_copy[32];
	snprintf(kind_copy, sizeof kind_copy, "%s", kind);
	speak_chinese(NULL);
	CHECK_EQ_STR(got[0], "电话跟进，级别 N→C，下次 11-17：客户微信咨询");
	CHECK_EQ_STR(got[1], "交车，成交");
	CHECK_EQ_STR(got[2], "战败转 DCC：王芳 → 赵敏");
	CHECK_EQ_STR(got[3], "邀约到店 12-06（已到店）");
	CHECK_EQ_STR(got[4], "签订单，定金 5000 元");
	CHECK_EQ_STR(got[5], "取消订单：客户资金未到位");
	CHECK_EQ_STR(got[6], "修改：级别 B→A，下次跟进日期 12-03→12-05");
	CHECK_EQ_STR(got[7], "留档（电话），级别 N");
	CHECK_EQ_STR(got[8], "去电 3 分 12 秒，已接通：客户说周末来店");
	CHECK_EQ_STR(got[9], "展厅接待，洽谈，试驾，下次 2027-01-05，结果：考虑中");
	CHECK_EQ_STR(got[10], "修改：状态 休眠→活跃，留档渠道 进店→外拓，负责人 王芳→赵敏，"
	                      "试乘试驾 否→是");
	CHECK_EQ_STR(got[11], "申请战败（已购竞品）：已订丰田凯美瑞");
	CHECK_EQ_STR(kind_copy, "去电");
	for (int i = 0; i < SAMPLES; i++)
		if (!no_english(got[i]))
			unit_fail(__FILE__, __LINE__, "English left in \"%s\"", got[i]);
}

TEST(history_render_cuts_whole_characters)
{
	sr_history_event *e = ev(SR_EV_COMMENT, "2026-12-01 10:00:00");
	strcpy(e->note, "注意报价\n策略，别急于让价");
	char full[128], cut[16];
	sr_history_render(e, full, sizeof full);
	CHECK_EQ_STR(full, "注意报价 策略，别急于让价");
	/* 14 bytes and the NUL: four characters of three bytes and the space,
	 * never the first byte of 策 alone. */
	size_t n = sr_history_render(e, cut, 15);
	CHECK_EQ_INT(n, 13);
	CHECK_EQ_STR(cut, "注意报价 ");
	CHECK(sr_text_valid(cut, false));
}

TEST(history_when_short_in_this_year)
{
	char out[SR_TIME_LEN];
	sr_history_event *e = ev(SR_EV_FILE, "2026-07-21 17:00:29");
	sr_history_when(e, "2026-12-05", out);
	CHECK_EQ_STR(out, "07-21 17:00");
	sr_history_when(e, "2027-01-02", out);
	CHECK_EQ_STR(out, "2026-07-21");
}
