/* test_versions.c — optimistic versioning of every editable record but the
 * card (test_card.c): each edit bumps the version; an edit given a version
 * that has moved on is a conflict naming the record, both versions and who
 * changed it, and changes nothing, not even the audit trail. */
#include "unit.h"

/* A stale edit: SR_CONFLICT, the message names what and who, the database
 * is as it was (CHECK_REFUSED) and no audit row was added. */
#define CHECK_STALE(expr, what, who)                                       \
	do {                                                               \
		int64_t audit_ = fx_q("SELECT count(*) FROM audit");        \
		CHECK_REFUSED(expr, SR_CONFLICT, what);                    \
		CHECK_MSG(who);                                            \
		CHECK_MSG("since you read it");                            \
		CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit"), audit_);   \
	} while (0)

TEST(version_traffic_leave)
{
	sr_traffic t;
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("rec");
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.version, 1);
	fx_now("2026-03-02 10:30");
	CHECK_OK(sr_traffic_leave_v(unit_db, tid, t.version, NULL));
	fx_as("mgr");
	fx_now("2026-03-02 11:30");
	CHECK_STALE(sr_traffic_leave_v(unit_db, tid, t.version, "2026-03-02 11:00"),
	            "traffic row", "rec");
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_STR(t.time_out, "2026-03-02 10:30:00");
	CHECK_EQ_INT(t.version, 2);
	/* The version read now is current: the edit goes through. */
	CHECK_OK(sr_traffic_leave_v(unit_db, tid, t.version, "2026-03-02 11:00"));
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_STR(t.time_out, "2026-03-02 11:00:00");
	CHECK_EQ_INT(t.version, 3);
	/* 0 does not check. */
	CHECK_OK(sr_traffic_leave_v(unit_db, tid, 0, "2026-03-02 11:05"));
}

TEST(version_traffic_link_bumps)
{
	sr_traffic t;
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.traffic_id = tid;
	fx_file(&f);
	CHECK_OK(sr_traffic_get(unit_db, tid, &t));
	CHECK_EQ_INT(t.result, SR_RESULT_FILED);
	CHECK_EQ_INT(t.version, 2);
	/* A time out typed on the row as it was before the filing is stale.
	 * The filing is audited on the card: the message names nobody rather
	 * than rec, whose row's snapshot is of version 1. */
	fx_as("rec");
	CHECK_STALE(sr_traffic_leave_v(unit_db, tid, 1, NULL), "traffic row", "has changed");
}

TEST(version_script_edit_and_delete)
{
	sr_script s;
	int64_t id = 0;
	fx_open();
	fx_as("mgr");
	CHECK_OK(sr_script_add(unit_db, "首次邀约", "您好", NULL, &id));
	CHECK_OK(sr_script_get(unit_db, id, &s));
	CHECK_EQ_INT(s.version, 1);
	CHECK_OK(sr_script_edit(unit_db, id, 1, "首次邀约（新）", NULL, NULL));
	CHECK_STALE(sr_script_edit(unit_db, id, 1, "别的标题", NULL, NULL), "call script", "mgr");
	CHECK_STALE(sr_script_delete(unit_db, id, 1), "call script", "mgr");
	CHECK_OK(sr_script_get(unit_db, id, &s));
	CHECK_EQ_STR(s.title, "首次邀约（新）");
	CHECK(s.active);
	CHECK_EQ_INT(s.version, 2);
	CHECK_OK(sr_script_delete(unit_db, id, 2));
}

static int64_t open_complaint(void)
{
	int64_t complaint = 0;
	int64_t card = fx_card("c1", SR_CHANNEL_WALKIN, 5);
	fx_sold(card);
	int64_t cb = fx_q("SELECT min(id) FROM callbacks WHERE card_id = %lld", (long long)card);
	CHECK_EQ_INT(fx_q("SELECT version FROM callbacks WHERE id = %lld", (long long)cb), 1);
	fx_as("svc");
	CHECK_OK(sr_callback_record(unit_db, cb, SR_UNHAPPY, "交车等太久", &complaint));
	CHECK(complaint > 0);
	/* Recording the callback bumped it too. */
	CHECK_EQ_INT(fx_q("SELECT version FROM callbacks WHERE id = %lld", (long long)cb), 2);
	return complaint;
}

TEST(version_complaint_assign_and_close)
{
	sr_complaint k;
	fx_open();
	int64_t id = open_complaint();
	CHECK_OK(sr_complaint_get(unit_db, id, &k));
	CHECK_EQ_INT(k.version, 1);
	CHECK_OK(sr_complaint_assign(unit_db, id, 1, "mgr"));
	fx_as("mgr");
	CHECK_STALE(sr_complaint_assign(unit_db, id, 1, "svc"), "complaint", "svc");
	CHECK_STALE(sr_complaint_close(unit_db, id, 1, "已道歉"), "complaint", "svc");
	CHECK_OK(sr_complaint_get(unit_db, id, &k));
	CHECK(k.open);
	CHECK_EQ_STR(k.handler_login, "mgr");
	CHECK_EQ_INT(k.version, 2);
	CHECK_OK(sr_complaint_close(unit_db, id, 2, "已道歉"));
	CHECK_OK(sr_complaint_get(unit_db, id, &k));
	CHECK(!k.open);
	CHECK_EQ_INT(k.version, 3);
}

TEST(version_user_active)
{
	sr_user u;
	fx_open();
	CHECK_OK(sr_user_by_login(unit_db, "c2", &u));
	CHECK_EQ_INT(u.version, 1);
	CHECK_OK(sr_user_set_active(unit_db, "c2", 1, false));
	CHECK_STALE(sr_user_set_active(unit_db, "c2", 1, true), "user c2", "admin");
	CHECK_OK(sr_user_by_login(unit_db, "c2", &u));
	CHECK(!u.active);
	CHECK_EQ_INT(u.version, 2);
	/* A stale version is refused even when the change would be a no-op. */
	CHECK_STALE(sr_user_set_active(unit_db, "c2", 1, false), "user c2", "admin");
	CHECK_OK(sr_user_set_active(unit_db, "c2", 2, true));
	CHECK_OK(sr_user_by_login(unit_db, "c2", &u));
	CHECK(u.active);
	CHECK_EQ_INT(u.version, 3);
}

TEST(version_user_password_bumps)
{
	sr_user u;
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c2", "long enough secret"));
	CHECK_OK(sr_user_by_login(unit_db, "c2", &u));
	CHECK_EQ_INT(u.version, 2);
	CHECK_STALE(sr_user_set_active(unit_db, "c2", 1, false), "user c2", "admin");
}

TEST(version_followup_level)
{
	sr_followup_level l;
	fx_open();
	CHECK_OK(sr_followup_level_get(unit_db, "5", &l));
	CHECK_EQ_INT(l.version, 1);
	CHECK_OK(sr_followup_level_set(unit_db, "5", 1, 2, 20));
	CHECK_STALE(sr_followup_level_set(unit_db, "5", 1, 3, 30), "follow-up level 5", "admin");
	CHECK_OK(sr_followup_level_get(unit_db, "5", &l));
	CHECK_EQ_INT(l.min_days, 2);
	CHECK_EQ_INT(l.max_days, 20);
	CHECK_EQ_INT(l.version, 2);
}

TEST(version_setting)
{
	int64_t v = 0;
	char value[64];
	fx_open();
	CHECK_OK(sr_setting_version(unit_db, "callback_offsets", &v));
	CHECK_EQ_INT(v, 1);
	fx_now("2026-03-02 10:05");
	CHECK_OK(sr_setting_set_v(unit_db, "callback_offsets", v, "0,3,7"));
	CHECK_STALE(sr_setting_set_v(unit_db, "callback_offsets", v, "0,7"),
	            "setting callback_offsets", "admin at 2026-03-02 10:05:00");
	CHECK_OK(sr_setting_get(unit_db, "callback_offsets", value, sizeof value));
	CHECK_EQ_STR(value, "0,3,7");
	CHECK_OK(sr_setting_version(unit_db, "callback_offsets", &v));
	CHECK_EQ_INT(v, 2);
	/* The unchecked setter still works, and still bumps. */
	CHECK_OK(sr_setting_set(unit_db, "callback_offsets", "0,7"));
	CHECK_OK(sr_setting_version(unit_db, "callback_offsets", &v));
	CHECK_EQ_INT(v, 3);
	CHECK_REFUSED(sr_setting_version(unit_db, "no_such_key", &v), SR_NOTFOUND, "no_such_key");
}

TEST(version_source_cost)
{
	int64_t cents = 0, v = 0;
	fx_open();
	CHECK_OK(sr_source_cost_get(unit_db, "autohome", "2026-03", &cents, &v));
	CHECK_EQ_INT(v, 0);
	CHECK_OK(sr_source_set_cost_v(unit_db, "autohome", "2026-03", 0, 500000));
	CHECK_OK(sr_source_cost_get(unit_db, "autohome", "2026-03", &cents, &v));
	CHECK_EQ_INT(v, 1);
	CHECK_OK(sr_source_set_cost_v(unit_db, "autohome", "2026-03", 1, 600000));
	CHECK_STALE(sr_source_set_cost_v(unit_db, "autohome", "2026-03", 1, 700000),
	            "autohome for 2026-03", "admin");
	CHECK_OK(sr_source_cost_get(unit_db, "autohome", "2026-03", &cents, &v));
	CHECK_EQ_INT(cents, 600000);
	CHECK_EQ_INT(v, 2);
	/* Another month of the same source has its own version. */
	CHECK_OK(sr_source_set_cost_v(unit_db, "autohome", "2026-04", 0, 100));
	CHECK_OK(sr_source_cost_get(unit_db, "autohome", "2026-04", &cents, &v));
	CHECK_EQ_INT(v, 1);
}

TEST(version_merge_bumps_moved_rows)
{
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.traffic_id = tid;
	int64_t merged = fx_file(&f);
	int64_t survivor = fx_card("c1", SR_CHANNEL_PHONE, 0);
	int64_t v = fx_q("SELECT version FROM traffic WHERE id = %lld", (long long)tid);
	CHECK_OK(sr_card_merge(unit_db, survivor, &merged, 1));
	CHECK_EQ_INT(fx_q("SELECT card_id FROM traffic WHERE id = %lld", (long long)tid), survivor);
	CHECK_EQ_INT(fx_q("SELECT version FROM traffic WHERE id = %lld", (long long)tid), v + 1);
}

static int count_target(void *ctx, const sr_target *t)
{
	sr_target *last = ctx;
	*last = *t;
	return 0;
}

TEST(version_target)
{
	sr_target t;
	fx_open();
	/* No target yet: version 0 is what a user read, and it is current. */
	CHECK_OK(sr_target_set(unit_db, "c1", "2026-03", 0, 40, 20));
	CHECK_OK(sr_target_each(unit_db, "2026-03", count_target, &t));
	CHECK_EQ_STR(t.login, "c1");
	CHECK_EQ_INT(t.version, 1);
	CHECK_OK(sr_target_set(unit_db, "c1", "2026-03", 1, 45, SR_TARGET_KEEP));
	CHECK_STALE(sr_target_set(unit_db, "c1", "2026-03", 1, 99, 99), "target of c1", "admin");
	CHECK_EQ_INT(fx_q("SELECT traffic * 1000 + cards FROM targets"), 45020);
	CHECK_OK(sr_target_each(unit_db, NULL, count_target, &t));
	CHECK_EQ_INT(t.version, 2);
	/* Another month is another record. */
	CHECK_STALE(sr_target_set(unit_db, "c1", "2026-04", 3, 1, 1), "2026-04", "has changed");
}
