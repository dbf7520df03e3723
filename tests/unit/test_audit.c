/* test_audit.c — every change writes an audit row: who, what, before and
 * after. */
#include "unit.h"

static int64_t audit_rows(void)
{
	return fx_q("SELECT count(*) FROM audit");
}

/* A row written after `since` whose after JSON holds `json` and whose
 * actor is `login`. */
static void audited(int64_t since, const char *login, const char *json)
{
	int64_t n = fx_q("SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id"
	                 " WHERE a.id > %lld AND u.login = '%s' AND instr(a.after, '%s') > 0",
	                 (long long)since, login, json);
	if (n < 1)
		unit_fail(__FILE__, __LINE__, "no audit row by %s after id %lld with %s", login,
		          (long long)since, json);
}

static int64_t last_id(void)
{
	return fx_q("SELECT coalesce(max(id), 0) FROM audit");
}

TEST(audit_filing)
{
	fx_open();
	int64_t since = last_id();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	audited(since, "admin", "\"status\":\"active\"");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE id > %lld AND card_id = %lld",
	                  (long long)since, (long long)id) >= 1, 1);
}

TEST(audit_edit_before_and_after)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	int64_t since = last_id();
	sr_card_change ch = {"name", "李四"};
	fx_as("c1");
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
	audited(since, "c1", "李四");
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE id > %lld AND instr(before, '张三') > 0"
	                  " AND instr(after, '李四') > 0", (long long)since), 1);
}

TEST(audit_followup)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	int64_t n = audit_rows();
	fx_as("c1");
	sr_followup_input in = {.card_id = id, .method = SR_METHOD_PHONE, .level = 'B'};
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
	CHECK(audit_rows() > n);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id"
	                  " WHERE a.id > %lld AND u.login = 'c1' AND a.card_id = %lld",
	                  (long long)n, (long long)id) >= 1, 1);
}

TEST(audit_order_deliver_cancel)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	int64_t since = last_id();
	fx_as("c1");
	sr_order_input o = {0};
	CHECK_OK(sr_order_add(unit_db, id, &o, NULL));
	audited(since, "c1", "\"status\":\"order\"");
	since = last_id();
	CHECK_OK(sr_order_cancel(unit_db, id, "改主意"));
	audited(since, "c1", "\"status\":\"active\"");
	CHECK_OK(sr_order_add(unit_db, id, &o, NULL));
	since = last_id();
	CHECK_OK(sr_order_deliver(unit_db, id));
	audited(since, "c1", "\"status\":\"sold\"");
}

TEST(audit_loss_request_and_confirm)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	int64_t n = audit_rows();
	fx_as("c1");
	CHECK_OK(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL));
	CHECK(audit_rows() > n);
	int64_t since = last_id();
	fx_as("mgr");
	CHECK_OK(sr_loss_confirm(unit_db, id));
	audited(since, "mgr", "\"status\":\"lost\"");
}

TEST(audit_dormant_and_reactivate)
{
	char d[SR_DATE_LEN];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 20);
	int64_t since = last_id();
	fx_as("c1");
	CHECK_OK(sr_card_dormant(unit_db, id));
	audited(since, "c1", "\"status\":\"dormant\"");
	since = last_id();
	fx_date(2, d);
	CHECK_OK(sr_card_reactivate(unit_db, id, d));
	audited(since, "c1", "\"status\":\"active\"");
}

TEST(audit_assign_and_merge)
{
	char json[64];
	fx_open();
	int64_t a = fx_card("c1", SR_CHANNEL_PHONE, 2);
	int64_t b = fx_card("c1", SR_CHANNEL_PHONE, 2);
	int64_t c2 = fx_q("SELECT id FROM users WHERE login = 'c2'");
	int64_t since = last_id();
	fx_as("mgr");
	CHECK_OK(sr_card_assign(unit_db, &a, 1, "c2"));
	snprintf(json, sizeof json, "\"owner_id\":%lld", (long long)c2);
	audited(since, "mgr", json);
	since = last_id();
	CHECK_OK(sr_card_merge(unit_db, a, &b, 1));
	snprintf(json, sizeof json, "\"merged_into\":%lld", (long long)a);
	audited(since, "mgr", json);
}

TEST(audit_traffic_and_appointment)
{
	fx_open();
	int64_t n = audit_rows();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	CHECK(audit_rows() > n);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE entity_id = %lld AND id > %lld",
	                  (long long)tid, (long long)n) >= 1, 1);
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	n = audit_rows();
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-03", NULL, NULL));
	CHECK(audit_rows() > n);
}

TEST(audit_refusal_writes_nothing)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 9);
	int64_t n = audit_rows();
	fx_as("c1");
	CHECK(sr_card_dormant(unit_db, id) != SR_OK);
	CHECK_EQ_INT(audit_rows(), n);
}

struct seen {
	int n;
	bool file, by_admin;
};

static int note(void *ctx, const sr_audit_entry *e)
{
	struct seen *s = ctx;
	s->n++;
	if (strcmp(e->action, "file") == 0) {
		s->file = true;
		s->by_admin = strcmp(e->user_login, "admin") == 0 && e->after != NULL;
	}
	return 0;
}

TEST(audit_read_by_managers_only)
{
	struct seen s = {0, false, false};
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	sr_audit_filter f = {.card_id = id};
	fx_as("c1");
	CHECK_REFUSED(sr_audit_each(unit_db, &f, note, &s), SR_PERM, "permission");
	fx_as("mgr");
	CHECK_OK(sr_audit_each(unit_db, &f, note, &s));
	CHECK(s.n >= 1);
	CHECK(s.file);
	CHECK(s.by_admin);
}

TEST(audit_append_only)
{
	char err[256];
	fx_open();
	fx_card("c1", SR_CHANNEL_PHONE, 2);
	CHECK(fx_sql("UPDATE audit SET action = 'x'", err, sizeof err) != SQLITE_OK);
	CHECK(fx_sql("DELETE FROM audit", err, sizeof err) != SQLITE_OK);
	CHECK(audit_rows() > 0);
}

/* A row written after `since` by `login` with this action. */
static void audited_action(int64_t since, const char *login, const char *action)
{
	int64_t n = fx_q("SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id"
	                 " WHERE a.id > %lld AND u.login = '%s' AND a.action = '%s'",
	                 (long long)since, login, action);
	if (n < 1)
		unit_fail(__FILE__, __LINE__, "no audit row by %s after id %lld with action %s",
		          login, (long long)since, action);
}

TEST(audit_promote_and_comment)
{
	int64_t fid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 1);
	int64_t since = last_id();
	fx_as("mgr");
	CHECK_OK(sr_card_promote_wholesale(unit_db, id));
	audited(since, "mgr", "\"type\":\"wholesale\"");
	fid = fx_followup(id, SR_METHOD_PHONE);
	since = last_id();
	CHECK_OK(sr_followup_comment(unit_db, fid, "好"));
	audited_action(since, "mgr", "comment");
}

TEST(audit_traffic_leave_and_appointment_results)
{
	int64_t a1 = 0, a2 = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	int64_t since = last_id();
	fx_as("rec");
	CHECK_OK(sr_traffic_leave(unit_db, tid, NULL));
	audited_action(since, "rec", "leave");
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-02", NULL, &a1));
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-04", NULL, &a2));
	since = last_id();
	CHECK_OK(sr_appointment_showed(unit_db, a1, 0));
	audited_action(since, "c1", "showed");
	since = last_id();
	CHECK_OK(sr_appointment_missed(unit_db, a2));
	audited_action(since, "c1", "missed");
}

TEST(audit_appointment_showed_links_traffic)
{
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-02", NULL, &aid));
	int64_t since = last_id();
	CHECK_OK(sr_appointment_showed(unit_db, aid, tid));
	CHECK(fx_q("SELECT count(*) FROM audit WHERE id > %lld AND entity = 'traffic'"
	           " AND entity_id = %lld AND instr(after, '\"card_id\":%lld') > 0",
	           (long long)since, (long long)tid, (long long)id) >= 1);
}

TEST(audit_callbacks_scheduled_and_done)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 2);
	fx_order(id);
	int64_t since = last_id();
	fx_as("c1");
	CHECK_OK(sr_order_deliver(unit_db, id));
	CHECK(fx_q("SELECT count(*) FROM audit WHERE id > %lld AND entity = 'callback'",
	           (long long)since) >= 1);
	int64_t cb = fx_q("SELECT min(id) FROM callbacks WHERE card_id = %lld", (long long)id);
	since = last_id();
	fx_as("svc");
	CHECK_OK(sr_callback_done(unit_db, cb, "满意"));
	audited_action(since, "svc", "done");
}

TEST(audit_export)
{
	long rows = 0;
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 2);
	int64_t since = last_id();
	FILE *out = tmpfile();
	CHECK(out != NULL);
	fx_as("dir");
	sr_status st = sr_export_csv(unit_db, SR_EXPORT_CARDS, NULL, out, &rows);
	fclose(out);
	CHECK_OK(st);
	audited_action(since, "dir", "export");
}

TEST(audit_users_and_reference_data)
{
	fx_open();
	int64_t since = last_id();
	CHECK_OK(sr_user_add(unit_db, "c3", "张顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM, NULL,
	                     NULL));
	audited(since, "admin", "c3");
	since = last_id();
	CHECK_OK(sr_user_set_active(unit_db, "c3", 0, false));
	audited_action(since, "admin", "deactivate");
	since = last_id();
	CHECK_OK(sr_model_add(unit_db, "gl6", "别克", "GL6", "GL6 1.3T", "", NULL));
	audited(since, "admin", "gl6");
	since = last_id();
	CHECK_OK(sr_source_add(unit_db, "douyin", "抖音", NULL));
	audited(since, "admin", "douyin");
	since = last_id();
	CHECK_OK(sr_source_set_cost(unit_db, "douyin", "2026-03", 500000));
	audited(since, "admin", "500000");
	since = last_id();
	CHECK_OK(sr_followup_level_set(unit_db, "5", 0, 1, 20));
	audited(since, "admin", "20");
	since = last_id();
	CHECK_OK(sr_setting_set(unit_db, "wholesale_owner", "c1"));
	audited(since, "admin", "wholesale_owner");
}
