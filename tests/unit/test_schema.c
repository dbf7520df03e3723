/* test_schema.c — the rules kept in the schema hold even for a stray
 * sqlite3 session, and a newer database is refused. */
#include <stdio.h>
#include <string.h>
#include "unit.h"

TEST(schema_migrated_to_latest)
{
	fx_open();
	CHECK(sr_db_schema_latest() >= 1);
	CHECK_EQ_INT(sr_db_schema_version(unit_db), sr_db_schema_latest());
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM followup_levels"), 6);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM users WHERE login = 'admin' AND role = 'admin'"), 1);
}

TEST(schema_trigger_refuses_update_of_sold_card)
{
	char err[256], sql[128];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_sold(id);
	snprintf(sql, sizeof sql, "UPDATE cards SET name = '改名' WHERE id = %lld", (long long)id);
	uint64_t h = fx_hash();
	CHECK(fx_sql(sql, err, sizeof err) != SQLITE_OK);
	CHECK(unit_contains(err, "final"));
	CHECK(fx_hash() == h);
}

TEST(schema_trigger_allows_update_of_active_card)
{
	char err[256], sql[128];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	snprintf(sql, sizeof sql, "UPDATE cards SET name = '改名' WHERE id = %lld", (long long)id);
	CHECK_EQ_INT(fx_sql(sql, err, sizeof err), SQLITE_OK);
}

TEST(schema_trigger_refuses_followup_on_lost_card)
{
	char err[256], sql[512];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	fx_lost(id);
	snprintf(sql, sizeof sql,
	         "INSERT INTO followups(card_id, at, user_id, method, level_before, level,"
	         " created_at) VALUES (%lld, '2026-03-02 10:00:00', 1, 'phone', 'N', 'N',"
	         " '2026-03-02 10:00:00')",
	         (long long)id);
	uint64_t h = fx_hash();
	CHECK(fx_sql(sql, err, sizeof err) != SQLITE_OK);
	CHECK(unit_contains(err, "lost"));
	CHECK(fx_hash() == h);
	/* the same insert on a following card goes through */
	int64_t other = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	snprintf(sql, sizeof sql,
	         "INSERT INTO followups(card_id, at, user_id, method, level_before, level,"
	         " created_at) VALUES (%lld, '2026-03-02 10:00:00', 1, 'phone', 'N', 'N',"
	         " '2026-03-02 10:00:00')",
	         (long long)other);
	CHECK_EQ_INT(fx_sql(sql, err, sizeof err), SQLITE_OK);
}

TEST(schema_check_refuses_unknown_status)
{
	char err[256], sql[128];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	snprintf(sql, sizeof sql, "UPDATE cards SET status = 'foo' WHERE id = %lld", (long long)id);
	uint64_t h = fx_hash();
	CHECK(fx_sql(sql, err, sizeof err) != SQLITE_OK);
	CHECK(unit_contains(err, "CHECK"));
	CHECK(fx_hash() == h);
}

TEST(schema_cards_never_deleted)
{
	char err[256], sql[128];
	fx_open();
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	snprintf(sql, sizeof sql, "DELETE FROM cards WHERE id = %lld", (long long)id);
	CHECK(fx_sql(sql, err, sizeof err) != SQLITE_OK);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM cards"), 1);
}

TEST(schema_newer_database_refused)
{
	char err[512] = "";
	sr_db *other = NULL;
	fx_open();
	CHECK_EQ_INT(fx_sql("PRAGMA user_version = 999", NULL, 0), SQLITE_OK);
	sr_status st = sr_db_open(fx_path(), SR_OPEN_MIGRATE, &other, err, sizeof err);
	CHECK_EQ_INT(st, SR_IO);
	CHECK(other == NULL);
	CHECK(unit_contains(err, "999"));
	st = sr_db_open(fx_path(), 0, &other, err, sizeof err);
	CHECK_EQ_INT(st, SR_IO);
	CHECK(other == NULL);
}

TEST(schema_current_database_opens)
{
	char err[512] = "";
	sr_db *other = NULL;
	fx_open();
	CHECK_OK(sr_db_open(fx_path(), 0, &other, err, sizeof err));
	CHECK(other != NULL);
	sr_db_close(other);
}

/* Length of a list of constants `'a', 'b', 3` starting at s, up to its
 * closing parenthesis, and how many it holds; 0 when s holds anything
 * else (a subquery, a column, an expression). */
static size_t constant_list(const char *s, int *items)
{
	const char *p = s;
	*items = 0;
	for (;;) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\'') {
			for (p++; *p && !(*p == '\'' && p[1] != '\''); p += *p == '\'' ? 2 : 1)
				;
			if (!*p)
				return 0;
			p++;
		} else if ((*p >= '0' && *p <= '9') || *p == '-') {
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		} else {
			return 0;
		}
		(*items)++;
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == ')')
			return (size_t)(p - s);
		if (*p != ',')
			return 0;
		p++;
	}
}

/* Schema 009: SQLite 3.40 builds a temporary table for every `x IN (three
 * or more constants)` of a CHECK each time it checks a row, so the tables
 * written every day spell such lists as ORs. */
TEST(schema_checks_of_busy_tables_spell_lists_as_ors)
{
	static const char *const busy[] = {
		"cards", "followups", "traffic", "appointments", "orders", "loss_requests",
		"assignments", "callbacks", "calls",
	};
	fx_open();
	for (size_t t = 0; t < sizeof busy / sizeof *busy; t++) {
		char sql[8192];
		fx_qs(sql, sizeof sql, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '%s'",
		      busy[t]);
		CHECK(*sql);
		for (const char *p = strstr(sql, " IN ("); p; p = strstr(p + 1, " IN (")) {
			int items = 0;
			constant_list(p + 5, &items);
			if (items >= 3)
				unit_fail(__FILE__, __LINE__, "%s: a CHECK list of %d: %.60s", busy[t], items,
				          p);
		}
	}
	/* The ORs refuse what the lists refused. */
	char err[256];
	fx_card("c1", SR_CHANNEL_WALKIN, 0);
	static const char *const bad[] = {
		"UPDATE cards SET channel = 'fax'",
		"UPDATE cards SET level = 'Z'",
		"UPDATE cards SET gender = 'X'",
		"INSERT INTO assignments(card_id, to_user, by_user, at, reason)"
		" SELECT id, 1, 1, '2026-03-02 10:00:00', 'whim' FROM cards",
	};
	uint64_t h = fx_hash();
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK(fx_sql(bad[i], err, sizeof err) != SQLITE_OK);
		CHECK(unit_contains(err, "CHECK"));
	}
	CHECK(fx_hash() == h);
	CHECK_EQ_INT(fx_q("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
	             0);
}
