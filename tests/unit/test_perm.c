/* test_perm.c — the role × action table cell by cell, card scope, and who
 * the acting user is. */
#include <stdio.h>
#include "unit.h"

#define Y true
#define n false

/* What each role may do, written out here so that a changed cell in
 * perm.c fails. Columns in SR_ROLE_LIST order:
 *                          recep cons  mgr  dir  dcc-in dcc-out dcc-sup svc admin */
static const bool expected[SR_ACT_COUNT][SR_ROLE_COUNT] = {
	[SR_ACT_TRAFFIC_LOG]  = { Y,    n,    Y,   Y,   Y,     n,      n,      n,  Y },
	[SR_ACT_CARD_FILE]    = { Y,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_CARD_VIEW]    = { Y,    Y,    Y,   Y,   Y,     Y,      Y,      Y,  Y },
	[SR_ACT_CARD_EDIT]    = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_FOLLOWUP]     = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_APPOINTMENT]  = { Y,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_ORDER]        = { n,    Y,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_LOSS_REQUEST] = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_LOSS_DECIDE]  = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_DORMANT]      = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_ASSIGN]       = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_MERGE]        = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_WHOLESALE]    = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_COMMENT]      = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_CALLBACK]     = { n,    n,    Y,   Y,   n,     n,      n,      Y,  Y },
	[SR_ACT_REPORT]       = { n,    Y,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_EXPORT]       = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_AUDIT]        = { n,    n,    Y,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_USER_ADMIN]   = { n,    n,    n,   n,   n,     n,      n,      n,  Y },
	[SR_ACT_REFERENCE]    = { n,    n,    n,   Y,   n,     n,      n,      n,  Y },
	[SR_ACT_DEMO]         = { n,    n,    n,   n,   n,     n,      n,      n,  Y },
	[SR_ACT_CALL]         = { n,    Y,    Y,   Y,   Y,     Y,      Y,      n,  Y },
	[SR_ACT_SCRIPT]       = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_DCC_SWEEP]    = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
	[SR_ACT_COMPLAINT]    = { n,    n,    Y,   Y,   n,     n,      n,      Y,  Y },
	[SR_ACT_CAMPAIGN]     = { n,    n,    Y,   Y,   n,     n,      Y,      n,  Y },
};

#undef Y
#undef n

TEST(perm_table_every_cell)
{
	for (int a = 0; a < SR_ACT_COUNT; a++)
		for (int r = 0; r < SR_ROLE_COUNT; r++)
			if (sr_perm_allows((sr_role)r, (sr_action)a) != expected[a][r])
				unit_fail(__FILE__, __LINE__, "%s may %s: got %s, expected %s",
				          sr_role_name((sr_role)r), sr_action_name((sr_action)a),
				          expected[a][r] ? "no" : "yes", expected[a][r] ? "yes" : "no");
	CHECK(!sr_perm_allows(SR_ROLE_COUNT, SR_ACT_CARD_VIEW));
	CHECK(!sr_perm_allows(SR_ROLE_ADMIN, SR_ACT_COUNT));
}

TEST(perm_scope_per_role)
{
	CHECK_EQ_INT(sr_perm_scope(SR_ROLE_CONSULTANT), SR_SCOPE_OWN);
	CHECK_EQ_INT(sr_perm_scope(SR_ROLE_DCC_INBOUND), SR_SCOPE_OWN);
	CHECK_EQ_INT(sr_perm_scope(SR_ROLE_DCC_OUTBOUND), SR_SCOPE_OWN);
	CHECK_EQ_INT(sr_perm_scope(SR_ROLE_DCC_SUPERVISOR), SR_SCOPE_TEAM);
	CHECK_EQ_INT(sr_perm_scope(SR_ROLE_MANAGER), SR_SCOPE_ALL);
	CHECK_EQ_INT(sr_perm_scope(SR_ROLE_DIRECTOR), SR_SCOPE_ALL);
}

TEST(perm_require_names_role_and_action)
{
	fx_open();
	fx_as("c1");
	CHECK_REFUSED(sr_perm_require(unit_db, SR_ACT_MERGE), SR_PERM, "consultant");
	CHECK_MSG("merge");
	CHECK_OK(sr_perm_require(unit_db, SR_ACT_CARD_FILE));
}

TEST(perm_consultant_cannot_read_others_card)
{
	sr_card c;
	fx_open();
	int64_t id = fx_card("c2", SR_CHANNEL_WALKIN, 0);
	fx_as("c1");
	CHECK_REFUSED(sr_card_get(unit_db, id, &c), SR_PERM, "permission");
	fx_as("c2");
	CHECK_OK(sr_card_get(unit_db, id, &c));
	fx_as("mgr");
	CHECK_OK(sr_card_get(unit_db, id, &c));
	CHECK_EQ_STR(c.owner_login, "c2");
	fx_as("dir");
	CHECK_OK(sr_card_get(unit_db, id, &c));
}

TEST(perm_consultant_cannot_change_others_card)
{
	fx_open();
	int64_t id = fx_card("c2", SR_CHANNEL_PHONE, 20);
	sr_card_change ch = {"name", "李四"};
	sr_followup_input fu = {.card_id = id, .method = SR_METHOD_PHONE};
	sr_order_input o = {0};
	fx_as("c1");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_PERM, "permission");
	CHECK_REFUSED(sr_followup_add(unit_db, &fu, NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_order_add(unit_db, id, &o, NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_loss_request(unit_db, id, SR_LOSS_GAVE_UP, NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_card_dormant(unit_db, id), SR_PERM, "permission");
	fx_as("mgr");
	CHECK_OK(sr_card_edit(unit_db, id, 0, &ch, 1));
	CHECK_OK(sr_followup_add(unit_db, &fu, NULL));
}

struct owners {
	int64_t mine, others;
};

/* Counts cards owned by c1 and by others. */
static int count_owners(void *p, const sr_card *c)
{
	struct owners *o = p;
	if (strcmp(c->owner_login, "c1") == 0)
		o->mine++;
	else
		o->others++;
	return 0;
}

TEST(perm_consultant_search_shows_own_cards_only)
{
	sr_card_filter f;
	struct owners o = {0, 0};
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_card("c1", SR_CHANNEL_PHONE, 0);
	fx_card("c2", SR_CHANNEL_WALKIN, 0);
	sr_card_filter_init(&f);
	fx_as("c1");
	CHECK_OK(sr_card_search(unit_db, &f, count_owners, &o));
	CHECK_EQ_INT(o.mine, 2);
	CHECK_EQ_INT(o.others, 0);
	o.mine = o.others = 0;
	fx_as("mgr");
	CHECK_OK(sr_card_search(unit_db, &f, count_owners, &o));
	CHECK_EQ_INT(o.mine, 2);
	CHECK_EQ_INT(o.others, 1);
}

TEST(perm_receptionist_files_and_logs_traffic_but_no_followup)
{
	sr_card_filing f;
	int64_t id = 0, tid = 0;
	fx_open();
	fx_as("rec");
	sr_traffic_input t = {.kind = SR_TRAFFIC_WALKIN, .consultant = "c1"};
	CHECK_OK(sr_traffic_add(unit_db, &t, &tid));
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.at = NULL;
	f.traffic_id = tid;
	CHECK_OK(sr_card_file(unit_db, &f, &id));
	sr_followup_input fu = {.card_id = id, .method = SR_METHOD_RECEPTION};
	CHECK_REFUSED(sr_followup_add(unit_db, &fu, NULL), SR_PERM, "permission");
	fx_as("c1");
	CHECK_OK(sr_followup_add(unit_db, &fu, NULL));
}

TEST(perm_consultant_cannot_log_traffic)
{
	fx_open();
	fx_as("c1");
	sr_traffic_input t = {.kind = SR_TRAFFIC_WALKIN};
	CHECK_REFUSED(sr_traffic_add(unit_db, &t, NULL), SR_PERM, "permission");
}

TEST(perm_receptionist_sees_masked_phone)
{
	sr_card c;
	fx_open();
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.phone = "13800138000";
	int64_t id = fx_file(&f);
	fx_as("rec");
	CHECK_OK(sr_card_get(unit_db, id, &c));
	CHECK_EQ_STR(c.phone, "138****8000");
	fx_as("c1");
	CHECK_OK(sr_card_get(unit_db, id, &c));
	CHECK_EQ_STR(c.phone, "13800138000");
}

static sr_status export_as(const char *login)
{
	long rows = -1;
	FILE *out = tmpfile();
	CHECK(out != NULL);
	fx_as(login);
	sr_status st = sr_export_csv(unit_db, SR_EXPORT_CARDS, NULL, out, &rows);
	fclose(out);
	return st;
}

TEST(perm_only_managers_and_director_export)
{
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	CHECK_OK(export_as("mgr"));
	CHECK_OK(export_as("dir"));
	CHECK_REFUSED(export_as("c1"), SR_PERM, "permission");
	CHECK_REFUSED(export_as("rec"), SR_PERM, "permission");
	CHECK_REFUSED(export_as("d1"), SR_PERM, "permission");
	CHECK_REFUSED(export_as("svc"), SR_PERM, "permission");
}

TEST(perm_export_writes_rows)
{
	long rows = -1;
	fx_open();
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_card("c2", SR_CHANNEL_PHONE, 0);
	FILE *out = tmpfile();
	CHECK(out != NULL);
	fx_as("mgr");
	sr_status st = sr_export_csv(unit_db, SR_EXPORT_CARDS, NULL, out, &rows);
	long size = ftell(out);
	fclose(out);
	CHECK_OK(st);
	CHECK_EQ_INT(rows, 2);
	CHECK(size > 0);
}

/* ---- identity ---------------------------------------------------------- */

static void actor_is(const char *login)
{
	char now[SR_LOGIN_MAX];
	fx_actor(now);
	CHECK_EQ_STR(now, login);
}

TEST(identity_as_honoured_for_root)
{
	fx_open();
	CHECK_OK(sr_user_identify(unit_db, "c1", 0, 1000, "root"));
	actor_is("c1");
}

TEST(identity_as_honoured_for_db_owner)
{
	fx_open();
	CHECK_OK(sr_user_identify(unit_db, "c2", 1000, 1000, "owner"));
	actor_is("c2");
}

TEST(identity_as_refused_for_other_uid)
{
	fx_open();
	fx_as("mgr");
	CHECK_STATUS(sr_user_identify(unit_db, "c1", 1001, 1000, "someone"), SR_PERM);
	CHECK(strcmp(sr_db_message(unit_db), "") != 0);
}

TEST(identity_root_unmapped_is_admin)
{
	fx_open();
	fx_as("c1");
	CHECK_OK(sr_user_identify(unit_db, NULL, 0, 1000, "root"));
	actor_is("admin");
}

TEST(identity_mapped_unix_login)
{
	fx_open();
	CHECK_OK(sr_user_add(unit_db, "c3", "张顾问", SR_ROLE_CONSULTANT, SR_TEAM_SHOWROOM,
	                     "zhangsan", NULL));
	CHECK_OK(sr_user_identify(unit_db, NULL, 1005, 1000, "zhangsan"));
	actor_is("c3");
}

TEST(identity_unmapped_user_refused_with_hint)
{
	fx_open();
	CHECK_STATUS(sr_user_identify(unit_db, NULL, 1006, 1000, "nobody"), SR_PERM);
	CHECK_MSG("user add");
}

TEST(identity_as_unknown_login_refused)
{
	fx_open();
	CHECK(sr_user_identify(unit_db, "ghost", 0, 1000, "root") != SR_OK);
}

/* ---- one check per entry point ------------------------------------------ */

TEST(perm_service_cannot_file)
{
	sr_card_filing f;
	fx_open();
	fx_as("svc");
	fx_filing(&f, "c1", SR_CHANNEL_PHONE, 0);
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_PERM, "permission");
}

TEST(perm_dcc_caller_cannot_file_as_order)
{
	sr_card_filing f;
	int64_t id = 0;
	fx_open();
	fx_as("d1");
	fx_filing(&f, NULL, SR_CHANNEL_PHONE, 0);
	f.file_as = SR_FILE_ORDER;
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_PERM, "permission");
	f.file_as = SR_FILE_ACTIVE;
	CHECK_OK(sr_card_file(unit_db, &f, &id));
}

TEST(perm_receptionist_cannot_edit)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	sr_card_change ch = {"name", "李四"};
	fx_as("rec");
	CHECK_REFUSED(sr_card_edit(unit_db, id, 0, &ch, 1), SR_PERM, "permission");
}

static int ignore_history(void *ctx, const sr_history_event *e)
{
	(void)ctx;
	(void)e;
	return 0;
}

static int ignore_followup(void *ctx, const sr_followup *f)
{
	(void)ctx;
	(void)f;
	return 0;
}

TEST(perm_consultant_cannot_read_others_history)
{
	sr_appointment a;
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	fx_followup(id, SR_METHOD_PHONE);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-03", NULL, &aid));
	CHECK_OK(sr_history_each(unit_db, id, ignore_history, NULL));
	CHECK_OK(sr_followup_each(unit_db, id, ignore_followup, NULL));
	CHECK_OK(sr_appointment_get(unit_db, aid, &a));
	fx_as("c2");
	CHECK_REFUSED(sr_history_each(unit_db, id, ignore_history, NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_followup_each(unit_db, id, ignore_followup, NULL), SR_PERM, "permission");
	CHECK_REFUSED(sr_appointment_get(unit_db, aid, &a), SR_PERM, "permission");
}

TEST(perm_service_cannot_mark_appointments)
{
	int64_t aid = 0;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	fx_as("c1");
	CHECK_OK(sr_appointment_add(unit_db, id, "2026-03-02", NULL, &aid));
	fx_as("svc");
	CHECK_REFUSED(sr_appointment_missed(unit_db, aid), SR_PERM, "permission");
	CHECK_REFUSED(sr_appointment_showed(unit_db, aid, 0), SR_PERM, "permission");
	fx_as("c2");
	CHECK_REFUSED(sr_appointment_missed(unit_db, aid), SR_PERM, "permission");
}

TEST(perm_consultant_cannot_close_traffic_row)
{
	fx_open();
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, "c1");
	fx_as("c1");
	CHECK_REFUSED(sr_traffic_leave(unit_db, tid, NULL), SR_PERM, "permission");
	fx_as("rec");
	CHECK_OK(sr_traffic_leave(unit_db, tid, NULL));
}

TEST(perm_manager_cannot_change_reference_data)
{
	fx_open();
	fx_as("mgr");
	CHECK_REFUSED(sr_source_set_cost(unit_db, "autohome", "2026-03", 100), SR_PERM,
	              "permission");
	CHECK_REFUSED(sr_setting_set(unit_db, "wholesale_owner", "c1"), SR_PERM, "permission");
	fx_as("dir");
	CHECK_OK(sr_source_set_cost(unit_db, "autohome", "2026-03", 100));
	CHECK_OK(sr_setting_set(unit_db, "wholesale_owner", "c1"));
}

static int ignore_card(void *ctx, const sr_card *c)
{
	(void)ctx;
	(void)c;
	return 0;
}

static int ignore_traffic(void *ctx, const sr_traffic *t)
{
	(void)ctx;
	(void)t;
	return 0;
}

static int ignore_item(void *ctx, const sr_work_item *it)
{
	(void)ctx;
	(void)it;
	return 0;
}

/* A connection nobody has logged in on reads nothing. */
TEST(perm_nobody_logged_in)
{
	char err[256];
	sr_db *anon = NULL;
	sr_card_filter f;
	sr_card c;
	sr_user u;
	sr_traffic t;
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 2);
	int64_t tid = fx_traffic(SR_TRAFFIC_WALKIN, NULL);
	CHECK_OK(sr_db_open(fx_path(), 0, &anon, err, sizeof err));
	sr_card_filter_init(&f);
	sr_date today = sr_db_today(unit_db);
	sr_status st[] = {
		sr_card_get(anon, id, &c),
		sr_card_search(anon, &f, ignore_card, NULL),
		sr_card_by_phone(anon, "13900000000", ignore_card, NULL),
		sr_traffic_each(anon, today, today, ignore_traffic, NULL),
		sr_traffic_get(anon, tid, &t),
		sr_worklist(anon, SR_LIST_TODAY, NULL, ignore_item, NULL),
		sr_user_actor(anon, &u),
	};
	sr_db_close(anon);
	for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
		if (st[i] != SR_PERM)
			unit_fail(__FILE__, __LINE__, "call %zu without an actor: got %s, expected SR_PERM",
			          i, unit_status_name(st[i]));
}
