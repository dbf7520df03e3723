/* test_login.c — passwords (hash, verify, never in clear), the login rate
 * limit, audited refusals that outlive their rollback, the o+w guard. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "internal.h" /* sr_tx_begin/end: a refusal inside a transaction */

static int64_t audits(const char *action)
{
	return fx_q("SELECT count(*) FROM audit WHERE action = '%s'", action);
}

TEST(password_stored_as_argon2id_hash)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	char hash[256];
	fx_qs(hash, sizeof hash, "SELECT password_hash FROM users WHERE login = 'c1'");
	CHECK(strncmp(hash, "$argon2id$", 10) == 0);
	CHECK(strstr(hash, "correct") == NULL);
	/* Never in the audit trail either. */
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE instr(coalesce(after, '') ||"
	                  " coalesce(before, ''), 'correct horse') > 0"),
	             0);
	CHECK_EQ_INT(audits("password"), 1);
	/* Two hashes of one password differ (a salt each). */
	char hash2[256];
	CHECK_OK(sr_user_set_password(unit_db, "c2", "correct horse"));
	fx_qs(hash2, sizeof hash2, "SELECT password_hash FROM users WHERE login = 'c2'");
	CHECK(strcmp(hash, hash2) != 0);
}

TEST(login_right_and_wrong_password)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	sr_db_close(unit_db);
	char err[256];
	CHECK_OK(sr_db_open(fx_path(), 0, &unit_db, err, sizeof err));
	fx_now("2026-03-02 10:00");
	CHECK_EQ_INT(sr_db_actor(unit_db), 0);
	CHECK_STATUS(sr_user_login(unit_db, "c1", "wrong horse"), SR_PERM);
	CHECK_MSG("wrong login or password");
	CHECK_EQ_INT(sr_db_actor(unit_db), 0);
	CHECK_STATUS(sr_user_login(unit_db, "nobody", "correct horse"), SR_PERM);
	CHECK_MSG("wrong login or password");
	/* No password set: the same answer, no hint. */
	CHECK_STATUS(sr_user_login(unit_db, "c2", "correct horse"), SR_PERM);
	CHECK_MSG("wrong login or password");
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
	char me[SR_LOGIN_MAX];
	fx_actor(me);
	CHECK_EQ_STR(me, "c1");
	CHECK_EQ_INT(audits("login-failed"), 3);
	CHECK_EQ_INT(audits("login"), 1);
}

TEST(login_deactivated_user_refused)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	CHECK_OK(sr_user_set_active(unit_db, "c1", 0, false));
	CHECK_STATUS(sr_user_login(unit_db, "c1", "correct horse"), SR_PERM);
}

TEST(password_rules)
{
	fx_open();
	CHECK_STATUS(sr_user_set_password(unit_db, "c1", "short"), SR_BADINPUT);
	CHECK_MSG("at least 8");
	CHECK_STATUS(sr_user_set_password(unit_db, "c1", "tab\there12"), SR_BADINPUT);
	CHECK_MSG("control");
	CHECK_STATUS(sr_user_set_password(unit_db, "ghost", "long enough"), SR_NOTFOUND);
	/* A consultant sets their own, not another's. */
	fx_as("c1");
	CHECK_OK(sr_user_set_password(unit_db, "c1", "my own one"));
	CHECK_STATUS(sr_user_set_password(unit_db, "c2", "not my own"), SR_PERM);
	CHECK_STATUS(sr_user_set_password(unit_db, "c1", NULL), SR_PERM);
	fx_as("admin");
	CHECK_OK(sr_user_set_password(unit_db, "c1", NULL));
	CHECK_EQ_INT(fx_q("SELECT password_hash IS NULL FROM users WHERE login = 'c1'"), 1);
}

TEST(login_rate_limited_after_five_failures)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	for (int i = 0; i < SR_LOGIN_MAX_FAILURES; i++)
		CHECK_STATUS(sr_user_login(unit_db, "c1", "bad guess"), SR_PERM);
	/* The right password is refused now: the account waits. */
	CHECK_STATUS(sr_user_login(unit_db, "c1", "correct horse"), SR_PERM);
	CHECK_MSG("too many failed logins");
	CHECK_MSG("2026-03-02 10:15:01");
	fx_now("2026-03-02 10:14");
	CHECK_STATUS(sr_user_login(unit_db, "c1", "correct horse"), SR_PERM);
	CHECK_MSG("too many");
	/* Waiting out the window ends it: locked attempts do not count. */
	fx_now("2026-03-02 10:16");
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
	CHECK_EQ_INT(audits("login-locked"), 2);
	/* A good login starts the count again. */
	fx_now("2026-03-02 10:17");
	for (int i = 0; i < SR_LOGIN_MAX_FAILURES - 1; i++)
		CHECK_STATUS(sr_user_login(unit_db, "c1", "bad guess"), SR_PERM);
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
	/* The limit is per login: c2 is not locked by c1's failures. */
	fx_as("admin");
	CHECK_OK(sr_user_set_password(unit_db, "c2", "other horse"));
	for (int i = 0; i < SR_LOGIN_MAX_FAILURES; i++)
		CHECK_STATUS(sr_user_login(unit_db, "c1", "bad guess"), SR_PERM);
	CHECK_OK(sr_user_login(unit_db, "c2", "other horse"));
}

TEST(refusal_audited_outside_transaction)
{
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_as("c2");
	int64_t before = audits("refused");
	sr_card c;
	CHECK_STATUS(sr_card_get(unit_db, id, &c), SR_PERM);
	CHECK_EQ_INT(audits("refused"), before + 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id"
	                  " WHERE a.action = 'refused' AND u.login = 'c2'"
	                  " AND instr(a.after, 'belongs to another user') > 0"),
	             1);
}

TEST(refusal_before_transaction_audited)
{
	fx_open();
	fx_as("c1");
	int64_t before = audits("refused");
	CHECK_STATUS(sr_user_add(unit_db, "x1", "某人", SR_ROLE_ADMIN, SR_TEAM_SHOWROOM, NULL, NULL),
	             SR_PERM);
	CHECK_EQ_INT(audits("refused"), before + 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM users WHERE login = 'x1'"), 0);
}

/* A refusal met inside a transaction (a nested savepoint too): the change
 * rolls back, the audit row of the refusal is written after it and stays. */
TEST(refusal_inside_rolled_back_transaction_kept)
{
	fx_open();
	fx_as("c1");
	int64_t before = audits("refused");
	CHECK_OK(sr_tx_begin(unit_db));
	CHECK_OK(sr_exec(unit_db, "INSERT INTO settings(key, value) VALUES ('probe', 'x')", NULL));
	CHECK_OK(sr_tx_begin(unit_db));
	sr_status st = sr_perm_require(unit_db, SR_ACT_MERGE);
	CHECK_EQ_INT(st, SR_PERM);
	CHECK_EQ_INT(sr_tx_end(unit_db, st), SR_PERM);
	CHECK_EQ_INT(sr_tx_end(unit_db, st), SR_PERM);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM settings WHERE key = 'probe'"), 0);
	CHECK_EQ_INT(audits("refused"), before + 1);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'refused'"
	                  " AND instr(after, 'merge cards') > 0"),
	             1);
	/* The message the caller shows is the refusal's, not the audit's. */
	CHECK_MSG("may not merge");
}

TEST(path_check_refuses_world_writable)
{
	char dir[] = "/tmp/showroom-path-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char file[600], err[512];
	snprintf(file, sizeof file, "%s/books.db", dir);
	FILE *f = fopen(file, "w");
	CHECK(f != NULL);
	fclose(f);
	chmod(dir, 0700);
	chmod(file, 0600);
	CHECK_OK(sr_db_path_check(file, err, sizeof err));
	chmod(file, 0606);
	CHECK_EQ_INT(sr_db_path_check(file, err, sizeof err), SR_PERM);
	CHECK(strstr(err, "writable by everyone") != NULL);
	chmod(file, 0660);
	chmod(dir, 02777);
	CHECK_EQ_INT(sr_db_path_check(file, err, sizeof err), SR_PERM);
	CHECK(strstr(err, "directory") != NULL);
	chmod(dir, 02770);
	CHECK_OK(sr_db_path_check(file, err, sizeof err));
	unlink(file);
	rmdir(dir);
}

/* A manager's comment is never overwritten by another (who may have read
 * the follow-up before it was there): a conflict; its author may revise. */
TEST(comment_not_overwritten_by_another)
{
	sr_followup_input in = {.method = SR_METHOD_PHONE};
	int64_t fid = 0;
	fx_open();
	in.card_id = fx_card("c1", SR_CHANNEL_PHONE, 1);
	fx_as("c1");
	CHECK_OK(sr_followup_add(unit_db, &in, &fid));
	fx_as("mgr");
	CHECK_OK(sr_followup_comment(unit_db, fid, "先邀约"));
	CHECK_OK(sr_followup_comment(unit_db, fid, "先邀约到店"));
	fx_as("dir");
	CHECK_REFUSED(sr_followup_comment(unit_db, fid, "直接报价"), SR_CONFLICT, "mgr");
	char text[64];
	fx_qs(text, sizeof text, "SELECT comment FROM followups WHERE id = %lld", (long long)fid);
	CHECK_EQ_STR(text, "先邀约到店");
	/* The revision is audited with the text before and after. */
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM audit WHERE action = 'comment'"
	                  " AND instr(before, '先邀约') > 0 AND instr(after, '先邀约到店') > 0"),
	             1);
}

/* Attempts of c1 that started at AT and have no outcome yet: still being
 * checked in other processes, or killed midway (issue 12, item 6). */
static void attempts_in_flight(int n, const char *at)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO login_attempts(login, at) VALUES ('c1', '%s')", at);
	for (int i = 0; i < n; i++)
		CHECK_EQ_INT(fx_sql(sql, NULL, 0), SQLITE_OK);
}

static int64_t attempts(void)
{
	return fx_q("SELECT count(*) FROM login_attempts WHERE login = 'c1'");
}

/* An attempt counts from its start: five that have not finished lock the
 * account as five failures would, and the sixth is not checked at all. */
TEST(login_attempts_in_flight_counted)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	attempts_in_flight(SR_LOGIN_MAX_FAILURES, "2026-03-02 10:00:00");
	CHECK_STATUS(sr_user_login(unit_db, "c1", "correct horse"), SR_PERM);
	CHECK_MSG("too many failed logins");
	CHECK_MSG("2026-03-02 10:15:01");
	CHECK_EQ_INT(attempts(), SR_LOGIN_MAX_FAILURES); /* the locked one is no attempt */
	CHECK_EQ_INT(audits("login-locked"), 1);
	CHECK_EQ_INT(audits("login-failed") + audits("login"), 0);
	/* Four leave room for one more. */
	fx_cleanup();
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	attempts_in_flight(SR_LOGIN_MAX_FAILURES - 1, "2026-03-02 10:00:00");
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
}

/* Every attempt is a row before its check, with its outcome after; the
 * window and a good login end the count as before. */
TEST(login_attempt_outcomes_and_window)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	CHECK_STATUS(sr_user_login(unit_db, "c1", "bad guess"), SR_PERM);
	CHECK_STATUS(sr_user_login(unit_db, "c1", "bad guess"), SR_PERM);
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
	char outcomes[64];
	fx_qs(outcomes, sizeof outcomes,
	      "SELECT group_concat(coalesce(outcome, '?'), ',') FROM"
	      " (SELECT outcome FROM login_attempts WHERE login = 'c1' ORDER BY id)");
	CHECK_EQ_STR(outcomes, "failed,failed,ok");
	CHECK_EQ_INT(audits("login-failed"), 2);
	CHECK_EQ_INT(audits("login"), 1);
	/* Killed midway long ago: outside the window, no longer counted. */
	fx_as("admin");
	attempts_in_flight(SR_LOGIN_MAX_FAILURES, "2026-03-02 09:40:00");
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
	/* A good login forgives the attempts started before it, not those
	 * started after it (still running when it succeeded). */
	fx_as("admin");
	attempts_in_flight(SR_LOGIN_MAX_FAILURES - 1, "2026-03-02 10:00:00");
	CHECK_OK(sr_user_login(unit_db, "c1", "correct horse"));
	attempts_in_flight(SR_LOGIN_MAX_FAILURES, "2026-03-02 10:00:00");
	CHECK_STATUS(sr_user_login(unit_db, "c1", "correct horse"), SR_PERM);
	CHECK_MSG("too many failed logins");
	/* Per login: c2 is not held up by c1's attempts. */
	fx_as("admin");
	CHECK_OK(sr_user_set_password(unit_db, "c2", "other horse"));
	CHECK_OK(sr_user_login(unit_db, "c2", "other horse"));
}

/* A database upgraded to schema 12 keeps the count of the failures its
 * audit trail already holds. */
TEST(login_attempts_migrated_from_audit)
{
	fx_open();
	CHECK_OK(sr_user_set_password(unit_db, "c1", "correct horse"));
	for (int i = 0; i < SR_LOGIN_MAX_FAILURES; i++)
		CHECK_STATUS(sr_user_login(unit_db, "c1", "bad guess"), SR_PERM);
	CHECK_EQ_INT(fx_sql("DROP TABLE login_attempts; PRAGMA user_version = 11", NULL, 0),
	             SQLITE_OK);
	sr_db_close(unit_db);
	char err[256];
	CHECK_OK(sr_db_open(fx_path(), SR_OPEN_MIGRATE, &unit_db, err, sizeof err));
	fx_now("2026-03-02 10:00");
	CHECK_EQ_INT(attempts(), SR_LOGIN_MAX_FAILURES);
	CHECK_STATUS(sr_user_login(unit_db, "c1", "correct horse"), SR_PERM);
	CHECK_MSG("too many failed logins");
}
