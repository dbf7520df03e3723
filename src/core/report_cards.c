/* report_cards.c — reports over the prospect base (SPEC §5/§6): the sales
 * funnel, follow-up effectiveness (跟进效果), order and sales conversion
 * (订单/成交转化) by a grouping.
 *
 * All read the base of kpi.c (RPT_BASE_CTE: cards following at the period
 * start plus cards filed in it, facts as of the report time, merged cards
 * as their survivor), so a group's figures add up to the kpi report's. A
 * grouped report ends with a "total" row over the whole base. */
#include <string.h>
#include "report_int.h"

/* The group of a base row by ?10: the owner's login, the channel, the
 * source's or the model's name, the level at filing. */
#define GROUP_KEY                                                                   \
	"coalesce(CASE ?10"                                                           \
	" WHEN 'consultant' THEN (SELECT u.login FROM users u WHERE u.id = b.owner_id)" \
	" WHEN 'channel' THEN b.channel"                                              \
	" WHEN 'source' THEN (SELECT s.name FROM sources s WHERE s.id = b.source_id)"  \
	" WHEN 'model' THEN (SELECT m.model FROM models m WHERE m.id = b.model_id)"    \
	" ELSE b.level_at_filing END, '-')"

/* One row per group, then the total; the last column only sorts. */
#define GROUPED(agg)                                                                \
	"WITH " RPT_BASE_CTE                                                          \
	" SELECT " GROUP_KEY ", " agg ", 0 FROM b GROUP BY 1"                         \
	" UNION ALL SELECT 'total', " agg ", 1 FROM b WHERE EXISTS (SELECT 1 FROM b)" \
	" ORDER BY 13, 1"

#define RATE(num, den) "CAST(" num " AS REAL) / nullif(" den ", 0)"

/* ---- follow-up effectiveness --------------------------------------------------- */

static const sr_report_col followup_cols[] = {
	{ "group", N_("group"), SR_CELL_TEXT, false, false },
	{ "base", N_("base"), SR_CELL_COUNT, false, false },
	{ "visited", N_("visited"), SR_CELL_COUNT, false, false },
	{ "overall_visit_rate", N_("overall visit rate"), SR_CELL_RATE, false, false },
	{ "remote", N_("phone/outreach cards"), SR_CELL_COUNT, false, false },
	{ "first_visited", N_("first visits"), SR_CELL_COUNT, false, false },
	{ "first_visit_rate", N_("first visit rate"), SR_CELL_RATE, false, false },
	{ "returned", N_("returned"), SR_CELL_COUNT, false, false },
	{ "return_visit_rate", N_("return visit rate"), SR_CELL_RATE, false, false },
	{ "test_drives", N_("test-driven"), SR_CELL_COUNT, false, false },
	{ "test_drive_rate", N_("test-drive rate"), SR_CELL_RATE, false, false },
	{ "new_cards", N_("new cards"), SR_CELL_COUNT, false, false },
};

static const char FOLLOWUP_SQL[] = GROUPED(
	"count(*), sum(visits >= 1), " RATE("sum(visits >= 1)", "count(*)") ","
	" sum(remote), sum(remote AND visits >= 1), " RATE("sum(remote AND visits >= 1)", "sum(remote)") ","
	" sum(visits >= 2), " RATE("sum(visits >= 2)", "sum(visits >= 1)") ","
	" sum(drove), " RATE("sum(drove)", "count(*)") ", sum(fresh)");

sr_status sr_report_followup(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                             sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, followup_cols, RPT_NCOLS(followup_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, FOLLOWUP_SQL, a);
	return st == SR_OK ? sr_report_group_words(db, r) : st;
}

/* ---- order and sales conversion ------------------------------------------------ */

static const sr_report_col orders_cols[] = {
	{ "group", N_("group"), SR_CELL_TEXT, false, false },
	{ "base", N_("base"), SR_CELL_COUNT, false, false },
	{ "orders", N_("orders"), SR_CELL_COUNT, false, false },
	{ "order_conversion", N_("order conversion"), SR_CELL_RATE, false, false },
	{ "new_cards", N_("new cards"), SR_CELL_COUNT, false, false },
	{ "new_orders", N_("orders from new cards"), SR_CELL_COUNT, false, false },
	{ "new_order_conversion", N_("new order conversion"), SR_CELL_RATE, false, false },
};

static const sr_report_col sales_cols[] = {
	{ "group", N_("group"), SR_CELL_TEXT, false, false },
	{ "base", N_("base"), SR_CELL_COUNT, false, false },
	{ "sold", N_("sold"), SR_CELL_COUNT, false, false },
	{ "sales_conversion", N_("sales conversion"), SR_CELL_RATE, false, false },
	{ "new_cards", N_("new cards"), SR_CELL_COUNT, false, false },
	{ "new_sold", N_("sold from new cards"), SR_CELL_COUNT, false, false },
	{ "new_sales_conversion", N_("new sales conversion"), SR_CELL_RATE, false, false },
};

/* Padded to the 13th column that GROUPED sorts on. */
#define CONVERSION(flag)                                                            \
	"count(*), sum(" flag "), " RATE("sum(" flag ")", "count(*)") ", sum(fresh),"   \
	" sum(fresh AND " flag "), " RATE("sum(fresh AND " flag ")", "sum(fresh)") ","  \
	" 0, 0, 0, 0, 0"

static const char ORDERS_SQL[] = GROUPED(CONVERSION("ordered"));
static const char SALES_SQL[] = GROUPED(CONVERSION("sold"));

sr_status sr_report_orders(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                           sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, orders_cols, RPT_NCOLS(orders_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, ORDERS_SQL, a);
	return st == SR_OK ? sr_report_group_words(db, r) : st;
}

sr_status sr_report_sales(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                          sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, sales_cols, RPT_NCOLS(sales_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, SALES_SQL, a);
	return st == SR_OK ? sr_report_group_words(db, r) : st;
}

/* ---- the funnel ------------------------------------------------------------------ */

/* Traffic in the period, then the cards filed in it (the new cards of the
 * kpi report) that reached each step as of the report time: visited,
 * test-driven, ordered (or filed straight as sold), sold. A step counts
 * every card that reached it, even one that skipped an earlier step (a
 * sale without a test drive), so the steps match the kpi's new figures. */
static const char FUNNEL_SQL[] =
	"WITH " RPT_BASE_CTE
	" SELECT (SELECT count(*) FROM traffic t WHERE t.time_in >= ?1 AND t.time_in <= ?2"
	RPT_TRAFFIC_FILTER("t") "),"
	" sum(fresh), sum(fresh AND visits >= 1), sum(fresh AND drove),"
	" sum(fresh AND (ordered OR sold)), sum(fresh AND sold)"
	" FROM b";

static const sr_report_col funnel_cols[] = {
	{ "step", N_("step"), SR_CELL_TEXT, false, true },
	{ "label", N_("step"), SR_CELL_TEXT, true, false },
	{ "count", N_("count"), SR_CELL_COUNT, false, false },
	{ "step_rate", N_("from previous step"), SR_CELL_RATE, false, false },
	{ "overall_rate", N_("from traffic"), SR_CELL_RATE, false, false },
};

static const struct {
	const char *name, *label;
} funnel_steps[] = {
	{ "traffic", N_("showroom traffic") }, { "filed", N_("filed") },
	{ "visited", N_("visited") },         { "test_drive", N_("test drive") },
	{ "order", N_("order") },             { "sold", N_("sold") },
};

sr_status sr_report_funnel(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                           sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, funnel_cols, RPT_NCOLS(funnel_cols));
	if (st != SR_OK)
		return st;
	sqlite3_stmt *s = sr_stmt(db, FUNNEL_SQL);
	if (!s)
		return SR_IO;
	sr_report_bind(s, a);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sr_stmt_done(s);
		return sr_sqlite_fail(db, rc, "funnel");
	}
	double n[RPT_NCOLS(funnel_steps)];
	for (size_t i = 0; i < RPT_NCOLS(funnel_steps); i++)
		n[i] = sqlite3_column_double(s, (int)i);
	sr_stmt_done(s);
	for (size_t i = 0; i < RPT_NCOLS(funnel_steps); i++) {
		sr_cell *row = sr_report_row(db, r);
		if (!row || sr_report_set_text(db, &row[0], funnel_steps[i].name) ||
		    sr_report_set_text(db, &row[1], _(funnel_steps[i].label)))
			return SR_IO;
		row[2].num = n[i];
		row[3].empty = i == 0 || n[i - 1] <= 0;
		row[3].num = row[3].empty ? 0 : n[i] / n[i - 1];
		row[4].empty = n[0] <= 0;
		row[4].num = row[4].empty ? 0 : n[i] / n[0];
	}
	return SR_OK;
}

const char *sr_base_hot_sql(void)
{
	return FOLLOWUP_SQL;
}
