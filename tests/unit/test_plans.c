/* test_plans.c — the hot statements of issue 7 keep their indexes: the
 * query plan of each walks the index it was written for and never scans
 * the cards or the follow-ups, so a schema or SQL change cannot quietly
 * make an interactive action read a million rows. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "unit.h"

/* The plan's lines, one per row of EXPLAIN QUERY PLAN, into out. */
static void plan_of(const char *sql, char *out, size_t outlen)
{
	char eqp[16384];
	snprintf(eqp, sizeof eqp, "EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	sqlite3 *h = sr_db_handle(unit_db);
	if (sqlite3_prepare_v2(h, eqp, -1, &st, NULL) != SQLITE_OK)
		unit_fail(__FILE__, __LINE__, "cannot prepare: %s", sqlite3_errmsg(h));
	size_t n = 0;
	out[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW && n + 200 < outlen)
		n += (size_t)snprintf(out + n, outlen - n, "%s\n",
		                      (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
}

/* The plan uses `index` and no line scans a big table (walking a small
 * partial index, cards filed as an order, is fine). */
static void check_plan(const char *what, const char *sql, const char *index)
{
	char plan[8192];
	if (!sql)
		unit_fail(__FILE__, __LINE__, "%s: no such hot statement", what);
	plan_of(sql, plan, sizeof plan);
	if (!strstr(plan, index))
		unit_fail(__FILE__, __LINE__, "%s does not use %s:\n%s", what, index, plan);
	static const char *const big[] = {
		"SCAN c\n", "SCAN c ", "SCAN cards", "SCAN f\n", "SCAN f ", "SCAN followups",
		"SCAN t\n", "SCAN t ", "SCAN traffic", "SCAN l\n", "SCAN l ", "SCAN loss_requests",
		"SCAN m\n", "SCAN m ", "SCAN merges", "SCAN a\n", "SCAN a ", "SCAN audit",
	};
	for (char *line = plan, *end; *line; line = end + 1) {
		end = strchr(line, '\n');
		if (!end)
			break;
		char text[512];
		snprintf(text, sizeof text, "%.*s\n", (int)(end - line), line);
		if (strstr(text, "cards_filed_as_order"))
			continue;
		for (size_t i = 0; i < sizeof big / sizeof *big; i++)
			if (strstr(text, big[i]))
				unit_fail(__FILE__, __LINE__, "%s scans a whole table:\n%s", what, plan);
	}
}

TEST(plans_open_card_and_history)
{
	fx_open();
	check_plan("card get", sr_card_hot_sql("get"), "INTEGER PRIMARY KEY");
	check_plan("card history", sr_card_hot_sql("history"), "followups_card");
	check_plan("card by phone", sr_card_hot_sql("by-phone"), "cards_phone");
}

TEST(plans_search)
{
	fx_open();
	check_plan("search by phone", sr_card_hot_sql("search-phone"), "cards_phone");
	check_plan("search by last four", sr_card_hot_sql("search-tail"), "cards_phone_tail");
	check_plan("search by name piece", sr_card_hot_sql("search-grams"),
	           "SEARCH g USING PRIMARY KEY (gram=?)");
	check_plan("search by one character", sr_card_hot_sql("search-char"),
	           "SEARCH g USING PRIMARY KEY (gram>? AND gram<?)");
	check_plan("search by one common character, one owner's",
	           sr_card_hot_sql("search-char-owner"), "cards_owner_next (owner_id=?)");
	check_plan("search by the start of a phone", sr_card_hot_sql("search-digits"),
	           "SEARCH p USING COVERING INDEX cards_phone (phone>? AND phone<?)");
	check_plan("search by the end of a phone", sr_card_hot_sql("search-digits"),
	           "cards_phone_tail");
}

TEST(plans_work_lists)
{
	fx_open();
	check_plan("today", sr_worklist_hot_sql("today"), "cards_owner_next");
	check_plan("overdue", sr_worklist_hot_sql("overdue"), "cards_owner_next");
	check_plan("calls", sr_worklist_hot_sql("calls"), "cards_owner_next");
}

TEST(plans_kpi)
{
	fx_open();
	check_plan("kpi cards", sr_kpi_hot_sql("cards"), "COVERING INDEX cards_kpi");
	check_plan("kpi traffic", sr_kpi_hot_sql("traffic"), "COVERING INDEX traffic_kpi");
}

TEST(plans_report_sources)
{
	fx_open();
	check_plan("report sources (cards)", sr_sources_hot_sql(), "COVERING INDEX cards_filed");
	check_plan("report sources (sales)", sr_sources_hot_sql(), "COVERING INDEX cards_sold_at");
	check_plan("report sources (visits)", sr_sources_hot_sql(), "followups_reception");
}

TEST(plans_report_base)
{
	fx_open();
	check_plan("report followup (base)", sr_base_hot_sql(), "COVERING INDEX cards_kpi");
}
