/* test_traffic.c — showroom traffic rows: logging, leaving, reading, and
 * their contact result. */
#include "unit.h"

TEST(traffic_add_defaults)
{
	sr_traffic t;
	int64_t tid = 0;
	fx_open();
	fx_as("rec");
	sr_traffic_input in = {.kind = SR_TRAFFIC_WALKIN, .consultant = "c1", .model = "excelle",
	                       .source = "autohome", .note = "两位"};
	CHECK_OK(sr_traffic_add(unit_db, &in, &tid));
	CHECK(tid > 0);
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.kind, SR_TRAFFIC_WALKIN);
	CHECK_EQ_INT(t.result, SR_RESULT_NONE);
	CHECK_EQ_INT(t.card_id, 0);
	CHECK_EQ_INT(t.persons, 1);
	CHECK_EQ_STR(t.time_in, "2026-03-02 10:00:00");
	CHECK_EQ_STR(t.time_out, "");
	CHECK_EQ_STR(t.consultant_login, "c1");
	CHECK(*t.model);
	CHECK_EQ_STR(t.source, "汽车之家");
	CHECK_EQ_STR(t.note, "两位");
}

TEST(traffic_add_call_back_dated)
{
	sr_traffic t;
	int64_t tid = 0;
	fx_open();
	fx_as("d2"); /* the DCC inbound caller logs valid calls */
	sr_traffic_input in = {.kind = SR_TRAFFIC_CALL, .at = "2026-03-02 09:15", .persons = 1};
	CHECK_OK(sr_traffic_add(unit_db, &in, &tid));
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.kind, SR_TRAFFIC_CALL);
	CHECK_EQ_STR(t.time_in, "2026-03-02 09:15:00");
}

TEST(traffic_persons_out_of_range_refused)
{
	fx_open();
	fx_as("rec");
	sr_traffic_input in = {.kind = SR_TRAFFIC_WALKIN, .persons = 100};
	CHECK_REFUSED_EITHER(sr_traffic_add(unit_db, &in, NULL), SR_BADINPUT, SR_RULE, "person");
	in.persons = 4;
	CHECK_OK(sr_traffic_add(unit_db, &in, NULL));
}

TEST(traffic_unknown_consultant_refused)
{
	fx_open();
	fx_as("rec");
	sr_traffic_input in = {.kind = SR_TRAFFIC_WALKIN, .consultant = "ghost"};
	CHECK_REFUSED(sr_traffic_add(unit_db, &in, NULL), SR_NOTFOUND, "ghost");
}

TEST(traffic_in_future_refused)
{
	fx_open();
	fx_as("rec");
	sr_traffic_input in = {.kind = SR_TRAFFIC_WALKIN, .at = "2026-03-02 10:05"};
	CHECK_REFUSED(sr_traffic_add(unit_db, &in, NULL), SR_RULE, "future");
	in.at = "2026-03-02 09:55";
	CHECK_OK(sr_traffic_add(unit_db, &in, NULL));
}

TEST(traffic_received_by_card_owner_only)
{
	fx_open();
	fx_as("rec");
	sr_traffic_input in = {.kind = SR_TRAFFIC_WALKIN, .consultant = "svc"};
	CHECK_REFUSED(sr_traffic_add(unit_db, &in, NULL), SR_RULE, "service");
	in.consultant = "d1";
	CHECK_OK(sr_traffic_add(unit_db, &in, NULL));
}

TEST(traffic_leave_sets_time_out)
{
	sr_traffic t;
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("rec");
	CHECK_REFUSED(sr_traffic_leave(unit_db, tid, "2026-03-02 09:00"), SR_RULE, "before");
	CHECK_REFUSED(sr_traffic_leave(unit_db, tid, "2026-03-02 10:30"), SR_RULE, "future");
	fx_now("2026-03-02 11:30");
	CHECK_OK(sr_traffic_leave(unit_db, tid, NULL));
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_STR(t.time_out, "2026-03-02 11:30:00");
}

static int count_rows(void *ctx, const sr_traffic *t)
{
	(void)t;
	(*(int *)ctx)++;
	return 0;
}

TEST(traffic_each_by_date_range)
{
	sr_date today = 0;
	int n = 0;
	fx_open();
	fx_now("2026-02-27 15:00");
	fx_traffic(SR_TRAFFIC_WALKIN, NULL);
	fx_now("2026-03-02 10:00");
	fx_traffic(SR_TRAFFIC_WALKIN, NULL);
	fx_traffic(SR_TRAFFIC_CALL, NULL);
	today = sr_db_today(unit_db);
	fx_as("mgr");
	CHECK_OK(sr_traffic_each(unit_db, today, today, count_rows, &n));
	CHECK_EQ_INT(n, 2);
	n = 0;
	CHECK_OK(sr_traffic_each(unit_db, today - 3, today, count_rows, &n));
	CHECK_EQ_INT(n, 3);
	n = 0;
	CHECK_OK(sr_traffic_each(unit_db, today - 3, today - 3, count_rows, &n));
	CHECK_EQ_INT(n, 1);
}

TEST(traffic_names)
{
	sr_traffic_kind k;
	CHECK_EQ_STR(sr_traffic_kind_name(SR_TRAFFIC_WALKIN), "walkin");
	CHECK_EQ_STR(sr_traffic_kind_name(SR_TRAFFIC_CALL), "call");
	CHECK(sr_traffic_kind_parse("call", &k));
	CHECK_EQ_INT(k, SR_TRAFFIC_CALL);
	CHECK(!sr_traffic_kind_parse("fax", &k));
	CHECK_EQ_STR(sr_traffic_result_name(SR_RESULT_NONE), "none");
	CHECK_EQ_STR(sr_traffic_result_name(SR_RESULT_FILED), "filed");
	CHECK_EQ_STR(sr_traffic_result_name(SR_RESULT_FOLLOWUP), "followup");
	CHECK_EQ_STR(sr_traffic_result_label(SR_RESULT_FILED), "Card filed");
}

TEST(traffic_results_filed_followup_none)
{
	sr_card_filing f;
	fx_open();
	int64_t card = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t t_filed = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	int64_t t_follow = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = t_filed;
	fx_file(&f);
	fx_as("c1");
	sr_followup_input in = {.card_id = card, .method = SR_METHOD_RECEPTION,
	                        .traffic_id = t_follow};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM traffic WHERE result = 'filed'"), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM traffic WHERE result = 'followup'"), 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM traffic WHERE result = 'none'"), 1);
}

TEST(traffic_call_row_files_phone_card_only)
{
	sr_card_filing f;
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_CALL, "c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_RULE, "channel");
	f.channel = SR_CHANNEL_PHONE;
	fx_file(&f);
}
