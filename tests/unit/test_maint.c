/* test_maint.c — the database check finds broken rules in stored data,
 * and an online backup opens as a sound copy. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"

struct found {
	int count;
	int rules;
	char last_kind[32];
	char last_text[512];
};

static void collect(void *ctx, const char *kind, const char *text)
{
	struct found *f = ctx;
	f->count++;
	if (!strcmp(kind, "rule"))
		f->rules++;
	else
		return; /* keep the last rule finding for the checks below */
	snprintf(f->last_kind, sizeof f->last_kind, "%s", kind);
	snprintf(f->last_text, sizeof f->last_text, "%s", text);
}

TEST(check_sound_database_finds_nothing)
{
	sr_db *db = fx_open();
	fx_card("c1", SR_CHANNEL_PHONE, 0);
	struct found f = {0};
	long problems = -1;
	CHECK_OK(sr_db_check(db, collect, &f, &problems));
	CHECK_EQ_INT(problems, 0);
	CHECK_EQ_INT(f.count, 0);
	fx_cleanup();
}

TEST(check_finds_active_card_without_next_date)
{
	sr_db *db = fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_PHONE, 0);
	/* What a hand edit with the CHECK constraints switched off leaves. */
	char sql[160], err[256];
	snprintf(sql, sizeof sql,
	         "PRAGMA ignore_check_constraints = ON;"
	         " UPDATE cards SET next_date = NULL WHERE id = %lld;"
	         " PRAGMA ignore_check_constraints = OFF;",
	         (long long)id);
	CHECK_EQ_INT(fx_sql(sql, err, sizeof err), 0);
	struct found f = {0};
	long problems = 0;
	CHECK_OK(sr_db_check(db, collect, &f, &problems));
	/* integrity_check reports the violated CHECK too; the rule check names it */
	CHECK(problems >= 1);
	CHECK_EQ_INT(f.rules, 1);
	CHECK_EQ_STR(f.last_kind, "rule");
	CHECK(strstr(f.last_text, "no next follow-up date") != NULL);
	fx_cleanup();
}

TEST(check_finds_cards_of_deactivated_owner)
{
	sr_db *db = fx_open();
	fx_card("c2", SR_CHANNEL_PHONE, 0);
	CHECK_OK(sr_user_set_active(db, "c2", 0, false));
	struct found f = {0};
	long problems = 0;
	CHECK_OK(sr_db_check(db, collect, &f, &problems));
	CHECK_EQ_INT(problems, 1);
	CHECK(strstr(f.last_text, "deactivated user c2") != NULL);
	fx_cleanup();
}

TEST(backup_needs_export_right_and_copies_everything)
{
	sr_db *db = fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	char dest[600];
	snprintf(dest, sizeof dest, "%s", fx_out("backup.db"));
	fx_as("c1");
	CHECK_STATUS(sr_db_backup(db, dest, NULL), SR_PERM);
	CHECK(access(dest, F_OK) != 0);
	fx_as("mgr");
	bool audited = false;
	CHECK_OK(sr_db_backup(db, dest, &audited));
	CHECK(audited);
	sr_db *copy = NULL;
	char err[256];
	CHECK_OK(sr_db_open(dest, SR_OPEN_MIGRATE, &copy, err, sizeof err));
	if (copy) {
		CHECK_OK(sr_user_act_as(copy, "mgr"));
		sr_card c;
		CHECK_OK(sr_card_get(copy, id, &c));
		CHECK_EQ_STR(c.name, "张三");
		long problems = -1;
		struct found f = {0};
		CHECK_OK(sr_db_check(copy, collect, &f, &problems));
		CHECK_EQ_INT(problems, 0);
		sr_db_close(copy);
	}
	unlink(dest);
	char side[640];
	snprintf(side, sizeof side, "%s-wal", dest);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", dest);
	unlink(side);
	fx_cleanup();
}
