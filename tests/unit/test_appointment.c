/* test_appointment.c — invitations with a target date, later showed or
 * missed. */
#include "unit.h"

TEST(appointment_add)
{
	sr_appointment a;
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_date(1, d);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, &aid));
	CHECK(aid > 0);
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	CHECK_EQ_INT(a.card_id, id);
	CHECK_EQ_STR(a.date, d);
	CHECK_EQ_INT(a.status, SR_APPT_SET);
	CHECK_EQ_STR(a.consultant_login, "c1");
	CHECK_EQ_STR(sr_appt_status_name(SR_APPT_SHOWED), "showed");
}

TEST(appointment_by_dcc_caller_for_consultant)
{
	sr_appointment a;
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("d1", SR_CHANNEL_PHONE, 3);
	fx_date(2, d);
	fx_as("d1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, "c2", &aid));
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	CHECK_EQ_STR(a.consultant_login, "c2");
}

TEST(appointment_today_allowed_past_refused)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_as("c1");
	fx_date(-1, d);
	CHECK_REFUSED_EITHER(sr_appointment_add(unit_db, id, d, NULL, NULL), SR_RULE, SR_BADINPUT,
	                     d);
	fx_date(0, d);
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, NULL));
}

TEST(appointment_bad_date_refused)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_as("c1");
	CHECK_REFUSED(sr_appointment_add(unit_db, id, "2026-02-30", NULL, NULL), SR_BADINPUT,
	              "2026-02-30");
}

TEST(appointment_showed_links_traffic)
{
	sr_appointment a;
	sr_traffic t;
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_date(0, d);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, &aid));
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	CHECK_OK(sr_appointment_showed(unit_db, aid, tid));
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	CHECK_EQ_INT(a.status, SR_APPT_SHOWED);
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.card_id, id);
	CHECK(t.result != SR_RESULT_NONE);
}

TEST(appointment_missed)
{
	sr_appointment a;
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_date(0, d);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, &aid));
	CHECK_OK(sr_appointment_missed(unit_db, aid));
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	CHECK_EQ_INT(a.status, SR_APPT_MISSED);
}

TEST(appointment_resolved_twice_refused)
{
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	fx_date(0, d);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, &aid));
	CHECK_OK(sr_appointment_showed(unit_db, aid, 0));
	CHECK_REFUSED(sr_appointment_missed(unit_db, aid), SR_RULE, "showed");
}

TEST(appointment_on_others_card_refused)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c2", SR_CHANNEL_PHONE, 3);
	fx_date(1, d);
	fx_as("c1");
	CHECK_REFUSED(sr_appointment_add(unit_db, id, d, NULL, NULL), SR_PERM, "permission");
	fx_as("svc");
	CHECK_REFUSED(sr_appointment_add(unit_db, id, d, NULL, NULL), SR_PERM, "permission");
}

TEST(appointment_received_by_card_owner_only)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("d1", SR_CHANNEL_PHONE, 3);
	fx_date(1, d);
	fx_as("d1");
	CHECK_REFUSED(sr_appointment_add(unit_db, id, d, "rec", NULL), SR_RULE, "receptionist");
	CHECK_OK(sr_appointment_add(unit_db, id, d, "c1", NULL));
}

TEST(appointment_showed_with_linked_traffic_refused)
{
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	sr_card_filing f;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_filing(&f, NULL, SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	fx_file(&f);
	fx_date(0, d);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, &aid));
	CHECK_REFUSED(sr_appointment_showed(unit_db, aid, tid), SR_RULE, "already");
}

TEST(appointment_showed_with_call_row_refused)
{
	char d[SR_DATE_LEN];
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 3);
	int64_t tid = fx_traffic(SR_TRAFFIC_CALL, "c1");
	fx_date(0, d);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, d, NULL, &aid));
	CHECK_REFUSED(sr_appointment_showed(unit_db, aid, tid), SR_RULE, "call");
}
