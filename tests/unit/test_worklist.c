/* test_worklist.c — the daily lists over one built-up showroom:
 * A due today, B overdue (c1), B2 due today (c2), C contacted today,
 * D expected tomorrow, E with a pending loss request, F delivered today. */
#include "unit.h"

struct items {
	sr_work_item it[32];
	int n;
};

static int collect(void *ctx, const sr_work_item *it)
{
	struct items *out = ctx;
	if (out->n < 32)
		out->it[out->n] = *it;
	out->n++;
	return 0;
}

static void list(sr_list_kind kind, const char *owner, struct items *out)
{
	int64_t count = -1;
	memset(out, 0, sizeof *out);
	CHECK_OK(sr_worklist(unit_db, kind, owner, collect, out));
	CHECK_OK(sr_worklist_count(unit_db, kind, owner, &count));
	CHECK_EQ_INT(count, out->n);
}

static const sr_work_item *find(const struct items *l, int64_t card)
{
	for (int i = 0; i < l->n && i < 32; i++)
		if (l->it[i].card_id == card)
			return &l->it[i];
	return NULL;
}

struct shop {
	int64_t a, b, b2, c, d, e, f;
};

static int64_t file_with_next(const char *owner, const char *now, const char *next)
{
	sr_card_filing fl;
	fx_now(now);
	fx_filing(&fl, owner, SR_CHANNEL_PHONE, 0);
	fl.next_date = next;
	return fx_file(&fl);
}

static void build(struct shop *s)
{
	fx_open();
	s->b = file_with_next("c1", "2026-02-25 10:00", "2026-02-26");
	s->a = file_with_next("c1", "2026-03-01 10:00", "2026-03-02");
	s->b2 = file_with_next("c2", "2026-03-01 10:00", "2026-03-02");
	fx_now("2026-03-02 10:00");
	s->c = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_followup(s->c, SR_METHOD_PHONE);
	s->d = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, s->d, "2026-03-03", NULL, NULL));
	s->e = fx_card("c1", SR_CHANNEL_WALKIN, 3);
	CHECK_OK(sr_loss_request(unit_db, s->e, SR_LOSS_REGION, "外地上牌"));
	s->f = fx_card("c1", SR_CHANNEL_WALKIN, 3);
	fx_sold(s->f);
}

TEST(worklist_today)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("c1");
	list(SR_LIST_TODAY, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.a));
	CHECK_EQ_STR(find(&l, s.a)->date, "2026-03-02");
}

TEST(worklist_today_manager_sees_everyone)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("mgr");
	list(SR_LIST_TODAY, NULL, &l);
	CHECK(find(&l, s.a));
	CHECK(find(&l, s.b2));
	CHECK(!find(&l, s.b));
	list(SR_LIST_TODAY, "c2", &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.b2));
}

TEST(worklist_consultant_sees_only_own_cards)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("c2");
	list(SR_LIST_TODAY, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.b2));
	list(SR_LIST_OVERDUE, NULL, &l);
	CHECK_EQ_INT(l.n, 0);
	list(SR_LIST_ARRIVALS, NULL, &l);
	CHECK_EQ_INT(l.n, 0);
}

TEST(worklist_overdue)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("c1");
	list(SR_LIST_OVERDUE, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.b));
	CHECK_EQ_INT(find(&l, s.b)->days_late, 4);
}

TEST(worklist_contacted_today)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("mgr");
	list(SR_LIST_CONTACTED, NULL, &l);
	CHECK(find(&l, s.c));
	CHECK(!find(&l, s.a));
	CHECK(!find(&l, s.b));
	CHECK(!find(&l, s.b2));
}

TEST(worklist_arrivals_tomorrow)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("c1");
	list(SR_LIST_ARRIVALS, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.d));
	CHECK(strncmp(find(&l, s.d)->date, "2026-03-03", 10) == 0);
	CHECK(find(&l, s.d)->ref_id > 0);
}

TEST(worklist_pending_loss)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("mgr");
	list(SR_LIST_PENDING_LOSS, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.e));
	CHECK(find(&l, s.e)->ref_id > 0);
	CHECK_OK(sr_loss_reject(unit_db, s.e));
	list(SR_LIST_PENDING_LOSS, NULL, &l);
	CHECK_EQ_INT(l.n, 0);
}

TEST(worklist_callbacks_due)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("mgr");
	list(SR_LIST_CALLBACKS, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
	CHECK(find(&l, s.f));
	int64_t cb = find(&l, s.f)->ref_id;
	CHECK(cb > 0);
	CHECK_OK(sr_callback_done(unit_db, cb, "满意"));
	list(SR_LIST_CALLBACKS, NULL, &l);
	CHECK_EQ_INT(l.n, 0);
	/* three days on, the next one is due */
	fx_now("2026-03-05 09:00");
	list(SR_LIST_CALLBACKS, NULL, &l);
	CHECK_EQ_INT(l.n, 1);
}

TEST(worklist_callback_done_twice_refused)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("svc");
	list(SR_LIST_CALLBACKS, NULL, &l);
	CHECK(find(&l, s.f));
	int64_t cb = find(&l, s.f)->ref_id;
	CHECK_OK(sr_callback_done(unit_db, cb, "满意"));
	CHECK_REFUSED(sr_callback_done(unit_db, cb, "再次"), SR_RULE, "already");
}

TEST(callbacks_follow_offsets_setting)
{
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "callback_offsets", "0,7"));
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_sold(id);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM callbacks WHERE card_id = %lld", (long long)id), 2);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM callbacks WHERE card_id = %lld"
	                  " AND due_date = '2026-03-09'", (long long)id), 1);
}

TEST(callbacks_bad_offsets_refuse_delivery)
{
	char err[128];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_order(id);
	CHECK_EQ_INT(fx_sql("UPDATE settings SET value = 'soon' WHERE key = 'callback_offsets'", err,
	                    sizeof err), SQLITE_OK);
	fx_as("c1");
	CHECK_REFUSED(sr_order_deliver(unit_db, id), SR_RULE, "callback_offsets");
}

TEST(worklist_callbacks_for_customer_service)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("svc");
	list(SR_LIST_CALLBACKS, NULL, &l);
	CHECK(find(&l, s.f));
	CHECK_OK(sr_callback_done(unit_db, find(&l, s.f)->ref_id, "满意"));
}

TEST(worklist_callback_done_needs_permission)
{
	struct shop s;
	struct items l;
	build(&s);
	fx_as("mgr");
	list(SR_LIST_CALLBACKS, NULL, &l);
	CHECK(find(&l, s.f));
	fx_as("c1");
	CHECK_REFUSED(sr_callback_done(unit_db, find(&l, s.f)->ref_id, "满意"), SR_PERM,
	              "permission");
}

TEST(worklist_names)
{
	sr_list_kind k;
	CHECK_EQ_STR(sr_list_name(SR_LIST_TODAY), "today");
	CHECK_EQ_STR(sr_list_name(SR_LIST_PENDING_LOSS), "pending-loss");
	CHECK(sr_list_parse("callbacks", &k));
	CHECK_EQ_INT(k, SR_LIST_CALLBACKS);
	CHECK(!sr_list_parse("tomorrow", &k));
}
