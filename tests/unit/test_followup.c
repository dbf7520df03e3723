/* test_followup.c — follow-up records: method, level, next date, time,
 * traffic links, visits, dormant cards, final cards, sales steps. */
#include "unit.h"

static const char *const all_answers[SR_ANS_COUNT] = {
	"20万", "无", "上下班代步", "对比凯美瑞", "全款", "贴膜", "下个月",
};

/* The first follow-up of a card, read as admin. */
struct first {
	sr_followup f;
	int n;
};

static int keep_first(void *ctx, const sr_followup *f)
{
	struct first *out = ctx;
	if (out->n++ == 0)
		out->f = *f;
	return 0;
}

static void first_followup(int64_t card, struct first *out)
{
	char actor[SR_LOGIN_MAX];
	memset(out, 0, sizeof *out);
	fx_actor(actor);
	fx_as("admin");
	CHECK_OK(sr_followup_each(unit_db, card, keep_first, out));
	fx_as(actor);
}

TEST(followup_method_recorded)
{
	struct first r;
	sr_method m;
	int64_t fid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_WECHAT, .content = "发了报价",
	                        .result = "考虑中"};
	CHECK_OK(sr_followup_add(unit_db, &in, &fid));
	CHECK(fid > 0);
	first_followup(id, &r);
	CHECK_EQ_INT(r.n, 1);
	CHECK_EQ_INT(r.f.id, fid);
	CHECK_EQ_INT(r.f.method, SR_METHOD_WECHAT);
	CHECK_EQ_STR(r.f.user_login, "c1");
	CHECK_EQ_STR(r.f.content, "发了报价");
	CHECK_EQ_STR(r.f.result, "考虑中");
	CHECK_EQ_STR(r.f.at, "2026-03-02 10:00:00");
	CHECK_EQ_STR(sr_method_name(SR_METHOD_RECEPTION), "reception");
	CHECK(sr_method_parse("sms", &m));
	CHECK_EQ_INT(m, SR_METHOD_SMS);
	CHECK(!sr_method_parse("fax", &m));
}

TEST(followup_level_change)
{
	struct first r;
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .level = 'A'};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	fx_get(id, &c);
	CHECK_EQ_INT(c.level, 'A');
	first_followup(id, &r);
	CHECK_EQ_INT(r.f.level_before, 'N');
	CHECK_EQ_INT(r.f.level, 'A');
}

TEST(followup_level_h_needs_answers)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .level = 'H'};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "question");
	sr_card_change ch[SR_ANS_COUNT];
	for (int i = 0; i < SR_ANS_COUNT; i++)
		ch[i] = (sr_card_change){sr_answer_key((sr_answer)i), all_answers[i]};
	CHECK_OK(sr_card_edit(unit_db, id, 0, ch, SR_ANS_COUNT));
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	fx_get(id, &c);
	CHECK_EQ_INT(c.level, 'H');
}

TEST(followup_level_o_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .level = 'O'};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "level O");
}

TEST(followup_on_order_card_keeps_level_o)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_order(id);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .level = 'A'};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "cancel");
}

TEST(followup_next_date_bounds)
{
	sr_followup_level lv;
	sr_card c;
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_get(id, &c);
	CHECK_OK(sr_followup_level_get(unit_db, c.followup_level, &lv));
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .next_date = d};
	fx_date(lv.min_days - 1, d);
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "follow-up level");
	fx_date(lv.max_days + 1, d);
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "follow-up level");
	fx_date(lv.max_days, d);
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	fx_get(id, &c);
	CHECK_EQ_STR(c.next_date, d);
	fx_date(lv.min_days, d);
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	fx_get(id, &c);
	CHECK_EQ_STR(c.next_date, d);
}

TEST(followup_default_next_date)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 5);
	fx_now("2026-03-10 15:00");
	fx_followup(id, SR_METHOD_PHONE);
	fx_get(id, &c);
	CHECK_EQ_STR(c.next_date, "2026-03-11");
}

TEST(followup_in_future_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .at = "2026-03-02 10:01"};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "future");
	in.at = "2026-03-02 09:59";
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
}

TEST(followup_before_filing_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1); /* filed 2026-03-01 09:00 */
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .at = "2026-03-01 08:59"};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "fil");
	in.at = "2026-03-01 09:30";
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
}

TEST(followup_links_traffic_row)
{
	sr_traffic t;
	struct first r;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_RECEPTION, .traffic_id = tid};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.result, SR_RESULT_FOLLOWUP);
	CHECK_EQ_INT(t.card_id, id);
	first_followup(id, &r);
	CHECK_EQ_INT(r.f.traffic_id, tid);
}

TEST(followup_traffic_row_used_twice_refused)
{
	fx_open();
	int64_t a = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t b = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("c1");
	sr_followup_input in = {.card_id = a, .method = SR_METHOD_RECEPTION, .traffic_id = tid};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	in.card_id = b;
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "already");
}

TEST(followup_reception_counts_as_visit)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_followup(id, SR_METHOD_PHONE);
	fx_get(id, &c);
	CHECK_EQ_INT(c.visits, 0);
	fx_followup(id, SR_METHOD_RECEPTION);
	fx_get(id, &c);
	CHECK_EQ_INT(c.visits, 1);
	fx_followup(id, SR_METHOD_RECEPTION);
	fx_get(id, &c);
	CHECK_EQ_INT(c.visits, 2);
}

TEST(followup_reactivates_dormant_card)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	fx_dormant(id);
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_DORMANT);
	fx_followup(id, SR_METHOD_PHONE);
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ACTIVE);
	CHECK(*c.next_date);
}

TEST(followup_on_sold_card_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_sold(id);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "sold");
}

TEST(followup_on_lost_card_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_lost(id);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE};
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_RULE, "lost");
}

TEST(followup_on_order_card_allowed)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_order(id);
	fx_followup(id, SR_METHOD_PHONE);
	fx_get(id, &c);
	CHECK_EQ_INT(c.status, SR_STATUS_ORDER);
	CHECK_EQ_INT(c.level, 'O');
}

TEST(followup_sets_step_flags)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_RECEPTION, .intro = true,
	                        .test_drive = true};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	fx_get(id, &c);
	CHECK(c.step_intro);
	CHECK(!c.step_negotiation);
	CHECK(c.step_test_drive);
	/* a later follow-up without steps does not undo them */
	sr_followup_input later = {.card_id = id, .method = SR_METHOD_PHONE, .negotiation = true};
	CHECK_OK(sr_followup_add(unit_db, &later, NULL));
	fx_get(id, &c);
	CHECK(c.step_intro);
	CHECK(c.step_negotiation);
	CHECK(c.step_test_drive);
}

TEST(followup_comment_by_manager_only)
{
	sr_followup_input in = {.method = SR_METHOD_PHONE};
	int64_t fid = 0;
	struct first r;
	fx_open();
	in.card_id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	CHECK_OK(sr_followup_add(unit_db, &in, &fid));
	CHECK_REFUSED(sr_followup_comment(unit_db, fid, "好"), SR_PERM, "permission");
	fx_as("mgr");
	CHECK_OK(sr_followup_comment(unit_db, fid, "尽快邀约到店"));
	first_followup(in.card_id, &r);
	CHECK_EQ_STR(r.f.comment, "尽快邀约到店");
}
