/* test_dcc.c — the DCC: distribution of new leads, the call list's order
 * and new-lead flag in working hours, the sweep, calls and scripts,
 * appointments shown on arrival or missed, callbacks and complaints,
 * campaigns. */
#include "unit.h"

static int64_t owner_of(int64_t card)
{
	return fx_q("SELECT owner_id FROM cards WHERE id = %lld", (long long)card);
}

static int64_t uid(const char *login)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM users WHERE login = '%s'", login);
	return fx_q("%s", sql);
}

/* A phone lead filed by the actor with no owner. */
static int64_t lead(const char *source)
{
	sr_card_filing f;
	int64_t id = 0;
	fx_filing(&f, NULL, SR_CHANNEL_PHONE, 0);
	f.at = NULL;
	f.source = source;
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	return id;
}

TEST(dcc_distribution_round_robin)
{
	fx_open();
	fx_as("rec");
	int64_t a = lead(NULL), b = lead(NULL), c = lead(NULL);
	CHECK_EQ_INT(owner_of(a), uid("d1"));
	CHECK_EQ_INT(owner_of(b), uid("d2"));
	CHECK_EQ_INT(owner_of(c), uid("d1"));
	/* a DCC caller's phone lead is distributed too; the rotation goes on */
	fx_as("d1");
	int64_t d = lead(NULL);
	CHECK_EQ_INT(owner_of(d), uid("d2"));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments WHERE card_id = %lld AND to_user = %lld"
	                  " AND reason = 'file'", (long long)d, (long long)uid("d2")), 1);
	/* a consultant files for themselves; a walk-in is not a DCC lead */
	fx_as("c1");
	CHECK_EQ_INT(owner_of(lead(NULL)), uid("c1"));
}

TEST(dcc_distribution_by_source)
{
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "import_rule", "by-source"));
	CHECK_OK(sr_setting_set(unit_db, "import_owner.autohome", "d2"));
	fx_as("rec");
	CHECK_EQ_INT(owner_of(lead("autohome")), uid("d2"));
	CHECK_EQ_INT(owner_of(lead("autohome")), uid("d2"));
	/* a source with no fixed caller falls back to the rotation */
	CHECK_EQ_INT(owner_of(lead("bitauto")), uid("d1"));
}

TEST(dcc_distribution_needs_a_caller)
{
	fx_open();
	CHECK_OK(sr_user_set_active(unit_db, "d1", 0, false));
	CHECK_OK(sr_user_set_active(unit_db, "d2", 0, false));
	fx_as("rec");
	sr_card_filing f;
	fx_filing(&f, NULL, SR_CHANNEL_PHONE, 0);
	f.at = NULL;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "DCC caller");
}

TEST(dcc_working_minutes)
{
	sr_lead_rule r;
	sr_time a, b;
	fx_open();
	CHECK_OK(sr_dcc_lead_rule(unit_db, &r));
	CHECK_EQ_INT(r.day_start, 9 * 60);
	CHECK_EQ_INT(r.day_end, 18 * 60);
	CHECK_EQ_INT(r.contact_minutes, 120);
	CHECK(sr_time_parse("2026-03-02 17:00", &a) && sr_time_parse("2026-03-03 10:00", &b));
	CHECK_EQ_INT(sr_dcc_working_minutes(&r, a, b), 120);
	CHECK(sr_time_parse("2026-03-02 19:00", &a) && sr_time_parse("2026-03-03 08:00", &b));
	CHECK_EQ_INT(sr_dcc_working_minutes(&r, a, b), 0);
	CHECK_REFUSED(sr_setting_set(unit_db, "work_hours", "18:00-09:00"), SR_BADINPUT,
	              "work_hours");
	CHECK_OK(sr_setting_set(unit_db, "work_hours", "08:30-20:00"));
	CHECK_OK(sr_dcc_lead_rule(unit_db, &r));
	CHECK_EQ_INT(r.day_start, 8 * 60 + 30);
}

struct items {
	sr_work_item it[16];
	int n;
};

static int collect(void *ctx, const sr_work_item *it)
{
	struct items *l = ctx;
	if (l->n < 16)
		l->it[l->n++] = *it;
	return 0;
}

TEST(dcc_call_list_order_and_flag)
{
	struct items l = {0};
	fx_open();
	int64_t due = fx_card("d1", SR_CHANNEL_PHONE, 10);
	fx_followup(due, SR_METHOD_PHONE);
	int64_t due_a = fx_card("d1", SR_CHANNEL_PHONE, 10);
	fx_followup(due_a, SR_METHOD_PHONE);
	fx_sql("UPDATE cards SET next_date = '2026-02-25' WHERE id IN (SELECT id FROM cards)", NULL,
	       0);
	fx_sql("UPDATE cards SET level = 'A' WHERE followup_level IS NOT NULL AND id = "
	       "(SELECT max(id) FROM cards)", NULL, 0);
	int64_t old_lead = fx_card("d1", SR_CHANNEL_PHONE, 1);   /* yesterday 09:00 */
	int64_t new_lead = fx_card("d1", SR_CHANNEL_PHONE, 0);   /* today 09:00 */
	fx_as("d1");
	CHECK_OK(sr_worklist(unit_db, SR_LIST_CALLS, NULL, collect, &l));
	CHECK_EQ_INT(l.n, 4);
	CHECK_EQ_INT(l.it[0].card_id, old_lead);
	CHECK(l.it[0].new_lead && l.it[0].flagged);
	CHECK_EQ_INT(l.it[0].wait_minutes, 600);   /* 9 h yesterday + 1 h today */
	CHECK_EQ_INT(l.it[1].card_id, new_lead);
	CHECK(l.it[1].new_lead && !l.it[1].flagged);
	CHECK_EQ_INT(l.it[1].wait_minutes, 60);
	/* then the follow-ups: level A before N */
	CHECK_EQ_INT(l.it[2].card_id, due_a);
	CHECK_EQ_INT(l.it[3].card_id, due);
	CHECK(!l.it[2].new_lead);

	/* a call that did not reach anyone leaves the lead new; a reached one
	 * is contact */
	sr_call_input in = {.card_id = old_lead, .result = SR_CALL_NO_ANSWER};
	CHECK_OK(sr_call_add(unit_db, &in, NULL));
	l.n = 0;
	CHECK_OK(sr_worklist(unit_db, SR_LIST_CALLS, NULL, collect, &l));
	CHECK_EQ_INT(l.it[0].card_id, old_lead);
	in.result = SR_CALL_REACHED;
	CHECK_OK(sr_call_add(unit_db, &in, NULL));
	l.n = 0;
	CHECK_OK(sr_worklist(unit_db, SR_LIST_CALLS, NULL, collect, &l));
	CHECK_EQ_INT(l.it[0].card_id, new_lead);
	for (int i = 0; i < l.n; i++)
		CHECK(l.it[i].card_id != old_lead || !l.it[i].new_lead);
}

TEST(dcc_sweep_moves_overdue_consultant_cards)
{
	fx_open();
	int64_t late = fx_card("c1", SR_CHANNEL_WALKIN, 20);
	int64_t recent = fx_card("c1", SR_CHANNEL_WALKIN, 20);
	int64_t ordered = fx_card("c2", SR_CHANNEL_WALKIN, 20);
	fx_order(ordered);
	fx_sql("UPDATE cards SET next_date = '2026-02-20'", NULL, 0);
	fx_sql("UPDATE cards SET next_date = '2026-02-27' WHERE id = (SELECT min(id) + 1 FROM cards)",
	       NULL, 0);
	CHECK_EQ_INT(fx_q("SELECT next_date = '2026-02-27' FROM cards WHERE id = %lld",
	                  (long long)recent), 1);
	sr_dcc_sweep_result r;
	fx_as("c1");
	CHECK_REFUSED(sr_dcc_sweep(unit_db, &r), SR_PERM, "consultant");
	fx_as("mgr");
	CHECK_OK(sr_dcc_sweep(unit_db, &r));
	CHECK_EQ_INT(r.moved, 1);
	CHECK_EQ_INT(owner_of(late), uid("d1"));
	CHECK_EQ_INT(owner_of(recent), uid("c1"));
	CHECK_EQ_INT(owner_of(ordered), uid("c2"));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM assignments WHERE card_id = %lld AND reason = 'pool'"
	                  " AND from_user = %lld", (long long)late, (long long)uid("c1")), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE card_id = %lld AND action = 'sweep'",
	                  (long long)late), 1);
	/* a second run finds nothing; 0 days turns the hand-over off */
	CHECK_OK(sr_dcc_sweep(unit_db, &r));
	CHECK_EQ_INT(r.moved, 0);
	fx_as("admin");
	CHECK_OK(sr_setting_set(unit_db, "dcc_sweep_days", "0"));
	fx_sql("UPDATE cards SET next_date = '2026-01-01' WHERE id = (SELECT min(id) + 1 FROM cards)",
	       NULL, 0);
	CHECK_OK(sr_dcc_sweep(unit_db, &r));
	CHECK_EQ_INT(r.moved, 0);
}

TEST(dcc_appointment_shown_on_arrival)
{
	char today[SR_DATE_LEN];
	int64_t aid = 0, fid = 0;
	fx_open();
	int64_t card = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_date(0, today);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, card, today, NULL, &aid));
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	sr_followup_input in = {.card_id = card, .method = SR_METHOD_RECEPTION, .content = "到店",
	                        .traffic_id = tid};
	CHECK_OK(sr_followup_add(unit_db, &in, &fid));
	sr_appointment a;
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	CHECK_EQ_INT(a.status, SR_APPT_SHOWED);
	CHECK_EQ_INT(fx_q("SELECT traffic_id FROM appointments WHERE id = %lld", (long long)aid), tid);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE entity = 'appointment' AND action ="
	                  " 'showed' AND entity_id = %lld", (long long)aid), 1);
}

TEST(dcc_missed_appointment_back_on_the_list)
{
	char tomorrow[SR_DATE_LEN];
	int64_t aid = 0;
	struct items l = {0};
	fx_open();
	int64_t card = fx_card("d1", SR_CHANNEL_PHONE, 3);
	fx_followup(card, SR_METHOD_PHONE);
	fx_date(1, tomorrow);
	fx_as("d1");
	CHECK_OK(sr_appointment_add(unit_db, card, tomorrow, "c1", &aid));
	fx_sql("UPDATE cards SET next_date = '2026-03-20'", NULL, 0);
	fx_now("2026-03-04 08:00");
	CHECK_OK(sr_worklist(unit_db, SR_LIST_CALLS, NULL, collect, &l));
	CHECK_EQ_INT(l.n, 0);
	sr_dcc_sweep_result r;
	fx_as("mgr");
	CHECK_OK(sr_dcc_sweep(unit_db, &r));
	CHECK_EQ_INT(r.missed, 1);
	sr_appointment a;
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	CHECK_EQ_INT(a.status, SR_APPT_MISSED);
	fx_as("d1");
	CHECK_OK(sr_worklist(unit_db, SR_LIST_CALLS, NULL, collect, &l));
	CHECK_EQ_INT(l.n, 1);
	CHECK_EQ_INT(l.it[0].card_id, card);
	CHECK_EQ_STR(l.it[0].date, "2026-03-04");
}

TEST(dcc_calls_recorded_and_listed)
{
	int64_t id = 0;
	fx_open();
	int64_t card = fx_card("d1", SR_CHANNEL_PHONE, 1);
	int64_t other = fx_card("d2", SR_CHANNEL_PHONE, 1);
	fx_as("d1");
	sr_call_input in = {.card_id = card, .result = SR_CALL_APPOINTMENT,
	                    .start = "2026-03-02 09:30", .end = "2026-03-02 09:34:30",
	                    .note = "约周六"};
	CHECK_OK(sr_call_add(unit_db, &in, &id));
	CHECK(id > 0);
	in.end = "2026-03-02 09:00";
	CHECK_REFUSED(sr_call_add(unit_db, &in, NULL), SR_BADINPUT, "before");
	in.end = NULL;
	in.start = "2026-03-02 11:00";
	CHECK_REFUSED(sr_call_add(unit_db, &in, NULL), SR_RULE, "future");
	in.start = NULL;
	in.script_id = 99;
	CHECK_REFUSED(sr_call_add(unit_db, &in, NULL), SR_NOTFOUND, "script");
	in.script_id = 0;
	in.card_id = other;
	CHECK_REFUSED(sr_call_add(unit_db, &in, NULL), SR_PERM, "another user");
	fx_as("svc");
	in.card_id = card;
	CHECK_REFUSED(sr_call_add(unit_db, &in, NULL), SR_PERM, "permission");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE entity = 'call'"), 1);
	char err[256];
	CHECK(fx_sql("UPDATE calls SET note = 'x'", err, sizeof err) != SQLITE_OK);
	CHECK(fx_sql("DELETE FROM calls", err, sizeof err) != SQLITE_OK);
}

static int count_call(void *ctx, const sr_call *k)
{
	int64_t *n = ctx;
	if (k->duration_s == 270 && k->result == SR_CALL_APPOINTMENT)
		(*n) += 100;
	(*n)++;
	return 0;
}

TEST(dcc_call_list_scope)
{
	fx_open();
	int64_t card = fx_card("d1", SR_CHANNEL_PHONE, 1);
	fx_as("d1");
	sr_call_input in = {.card_id = card, .result = SR_CALL_APPOINTMENT,
	                    .start = "2026-03-02 09:30", .end = "2026-03-02 09:34:30"};
	CHECK_OK(sr_call_add(unit_db, &in, NULL));
	int64_t n = 0;
	sr_call_filter f = {0};
	CHECK_OK(sr_call_each(unit_db, &f, count_call, &n));
	CHECK_EQ_INT(n, 101);
	fx_as("d2");
	n = 0;
	CHECK_OK(sr_call_each(unit_db, &f, count_call, &n));
	CHECK_EQ_INT(n, 0);
	fx_as("mgr");
	n = 0;
	f.caller = "d1";
	f.from = "2026-03-02";
	f.to = "2026-03-02";
	CHECK_OK(sr_call_each(unit_db, &f, count_call, &n));
	CHECK_EQ_INT(n, 101);
	f.from = "2026-03-03";
	f.to = NULL;
	n = 0;
	CHECK_OK(sr_call_each(unit_db, &f, count_call, &n));
	CHECK_EQ_INT(n, 0);
}

static int count_script(void *ctx, const sr_script *s)
{
	int *n = ctx;
	(void)s;
	(*n)++;
	return 0;
}

TEST(dcc_scripts_crud)
{
	int64_t id = 0;
	int n = 0;
	sr_script s;
	fx_open();
	fx_as("d1");
	CHECK_REFUSED(sr_script_add(unit_db, "首次邀约", "您好", NULL, NULL), SR_PERM, "permission");
	fx_as("mgr");
	CHECK_REFUSED(sr_script_add(unit_db, "", "您好", NULL, NULL), SR_BADINPUT, "title");
	CHECK_OK(sr_script_add(unit_db, "首次邀约", "您好，我是别克4S店的小周", "excelle,邀约", &id));
	CHECK_OK(sr_script_edit(unit_db, id, 0, NULL, "您好，我是别克4S店", NULL));
	fx_as("d1");
	CHECK_OK(sr_script_get(unit_db, id, &s));
	CHECK_EQ_STR(s.title, "首次邀约");
	CHECK_EQ_STR(s.body, "您好，我是别克4S店");
	CHECK_OK(sr_script_each(unit_db, "EXCELLE", count_script, &n));
	CHECK_EQ_INT(n, 1);
	n = 0;
	CHECK_OK(sr_script_each(unit_db, "%", count_script, &n));
	CHECK_EQ_INT(n, 0);
	fx_as("mgr");
	CHECK_OK(sr_script_delete(unit_db, id, 0));
	CHECK_OK(sr_script_each(unit_db, NULL, count_script, &n));
	CHECK_EQ_INT(n, 0);
	CHECK_REFUSED(sr_script_edit(unit_db, id, 0, "x", NULL, NULL), SR_NOTFOUND, "script");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE entity = 'script'"), 3);
}

TEST(dcc_callbacks_with_configured_offsets)
{
	fx_open();
	CHECK_OK(sr_setting_set(unit_db, "callback_offsets", "0,3,7,15,90"));
	int64_t card = fx_card("c1", SR_CHANNEL_WALKIN, 5);
	fx_sold(card);
	char got[256];
	fx_qs(got, sizeof got, "SELECT group_concat(due_date || ' ' || kind, ',') FROM"
	      " (SELECT due_date, kind FROM callbacks WHERE card_id = %lld ORDER BY due_date)",
	      (long long)card);
	CHECK_EQ_STR(got, "2026-03-02 day0,2026-03-05 day3,2026-03-09 day7,2026-03-17 day15,"
	                  "2026-05-31 service");
}

static int count_complaint(void *ctx, const sr_complaint *k)
{
	int *n = ctx;
	(void)k;
	(*n)++;
	return 0;
}

TEST(dcc_unhappy_callback_opens_complaint)
{
	int64_t complaint = 0;
	int n = 0;
	sr_complaint k;
	fx_open();
	int64_t card = fx_card("c1", SR_CHANNEL_WALKIN, 5);
	fx_sold(card);
	int64_t cb = fx_q("SELECT min(id) FROM callbacks WHERE card_id = %lld", (long long)card);
	fx_as("svc");
	CHECK_OK(sr_callback_record(unit_db, cb, SR_SATISFIED, "很好", &complaint));
	CHECK_EQ_INT(complaint, 0);
	CHECK_REFUSED(sr_callback_record(unit_db, cb, SR_UNHAPPY, NULL, NULL), SR_RULE, "already");
	CHECK_OK(sr_callback_record(unit_db, cb + 1, SR_UNHAPPY, "交车等太久", &complaint));
	CHECK(complaint > 0);
	CHECK_OK(sr_complaint_get(unit_db, complaint, &k));
	CHECK_EQ_STR(k.deadline, "2026-03-03 10:00:00");
	CHECK_EQ_STR(k.handler_login, "svc");
	CHECK(k.open && !k.overdue);
	CHECK_OK(sr_complaint_each(unit_db, true, true, count_complaint, &n));
	CHECK_EQ_INT(n, 0);
	fx_now("2026-03-03 10:30");
	CHECK_OK(sr_complaint_get(unit_db, complaint, &k));
	CHECK(k.overdue);
	CHECK_OK(sr_complaint_each(unit_db, true, true, count_complaint, &n));
	CHECK_EQ_INT(n, 1);
	CHECK_REFUSED(sr_complaint_assign(unit_db, complaint, 0, "d1"), SR_RULE, "complaints");
	CHECK_OK(sr_complaint_assign(unit_db, complaint, 0, "mgr"));
	CHECK_REFUSED(sr_complaint_close(unit_db, complaint, 0, ""), SR_BADINPUT, "note");
	CHECK_OK(sr_complaint_close(unit_db, complaint, 0, "已道歉并赠送保养"));
	CHECK_OK(sr_complaint_get(unit_db, complaint, &k));
	CHECK(!k.open && !k.overdue);
	CHECK_EQ_STR(k.handler_login, "mgr");
	CHECK_REFUSED(sr_complaint_close(unit_db, complaint, 0, "again"), SR_RULE, "closed");
	fx_as("c1");
	CHECK_REFUSED(sr_complaint_each(unit_db, false, false, count_complaint, &n), SR_PERM,
	              "permission");
}

TEST(dcc_campaign_counts)
{
	int64_t g = 0;
	sr_campaign c;
	fx_open();
	fx_as("mgr");
	sr_campaign_input in = {.name = "春季车展", .from = "2026-03-01", .to = "2026-03-31",
	                        .budget_cents = 5000000, .models = "excelle,verano",
	                        .source = "autohome"};
	CHECK_OK(sr_campaign_add(unit_db, &in, &g));
	CHECK_REFUSED(sr_campaign_add(unit_db, &in, NULL), SR_CONFLICT, "春季车展");
	in.name = "x";
	in.models = "nosuch";
	CHECK_REFUSED(sr_campaign_add(unit_db, &in, NULL), SR_NOTFOUND, "nosuch");
	in.models = NULL;
	in.to = "2026-02-01";
	CHECK_REFUSED(sr_campaign_add(unit_db, &in, NULL), SR_BADINPUT, "before");

	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 1);
	f.campaign_id = g;
	int64_t a = fx_file(&f);
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 1);
	f.campaign_id = g;
	int64_t b = fx_file(&f);
	int64_t other = fx_card("c2", SR_CHANNEL_WALKIN, 1);
	fx_sold(a);
	fx_as("c2");
	CHECK_OK(sr_campaign_attribute(unit_db, other, g));
	CHECK_REFUSED(sr_campaign_attribute(unit_db, b, g), SR_PERM, "another user");
	fx_as("mgr");
	CHECK_OK(sr_campaign_get(unit_db, g, &c));
	CHECK_EQ_INT(c.leads, 3);
	CHECK_EQ_INT(c.visits, 2);
	CHECK_EQ_INT(c.orders, 1);
	CHECK_EQ_INT(c.sold, 1);
	CHECK_EQ_STR(c.source, "汽车之家");
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 1);
	f.campaign_id = 77;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_NOTFOUND, "campaign");
}
