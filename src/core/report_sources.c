/* report_sources.c — media sources month by month (渠道/来源分析): calls,
 * cards, visits, orders and sales per source, the change against the month
 * before and the same month a year before, and what a visit and an order
 * cost from the source's monthly cost (source_costs).
 *
 * Months are whole calendar months, from the month of the period start to
 * the month of the as-of date; facts count up to the as-of time. A source
 * shows in a month when it had any fact or a cost there. Visits, orders
 * and sales are distinct cards of the source in the month (a card's visits
 * include the walk-in filings of cards merged into it). A change is
 * (this − before) ÷ before, empty when there was nothing before. */
#include "report_int.h"

static const sr_report_col sources_cols[] = {
	{ "month", N_("month"), SR_CELL_TEXT, false },
	{ "source", N_("source"), SR_CELL_TEXT, false },
	{ "calls", N_("calls"), SR_CELL_COUNT, false },
	{ "cards", N_("cards"), SR_CELL_COUNT, false },
	{ "visits", N_("visits"), SR_CELL_COUNT, false },
	{ "orders", N_("orders"), SR_CELL_COUNT, false },
	{ "sales", N_("sales"), SR_CELL_COUNT, false },
	{ "cards_mom", N_("cards month on month"), SR_CELL_RATE, false },
	{ "cards_yoy", N_("cards year on year"), SR_CELL_RATE, false },
	{ "sales_mom", N_("sales month on month"), SR_CELL_RATE, false },
	{ "sales_yoy", N_("sales year on year"), SR_CELL_RATE, false },
	{ "cost", N_("cost"), SR_CELL_MONEY, false },
	{ "cost_per_visit", N_("cost per visit"), SR_CELL_MONEY, false },
	{ "cost_per_order", N_("cost per order"), SR_CELL_MONEY, false },
};

/* e(source, month, call, card, visited card, ordered card, sold card) from
 * twelve months before the first month (for the year-on-year change). */
#define SINCE "date(?11, 'start of month', '-12 months')"
#define CHANGE(x, prev) "(coalesce(" x ", 0) - " prev ") * 1.0 / nullif(" prev ", 0)"

static const char SOURCES_SQL[] =
	"WITH e(src, m, ca, cd, vc, oc, sc) AS ("
	"  SELECT t.source_id, substr(t.time_in, 1, 7), 1, NULL, NULL, NULL, NULL FROM traffic t"
	"   WHERE t.kind = 'call' AND t.source_id IS NOT NULL AND t.time_in >= " SINCE
	"   AND t.time_in <= ?2" RPT_TRAFFIC_FILTER("t")
	"  UNION ALL SELECT c.source_id, substr(c.filed_at, 1, 7), 0, c.id, NULL, NULL, NULL"
	"   FROM cards c WHERE c.source_id IS NOT NULL AND c.filed_at >= " SINCE
	"   AND c.filed_at <= ?2" RPT_CARD_FILTER("c")
	"  UNION ALL SELECT c.source_id, substr(mc.filed_at, 1, 7), 0, NULL, c.id, NULL, NULL"
	"   FROM cards mc JOIN cards c ON c.id = coalesce(mc.merged_into, mc.id)"
	"   WHERE mc.channel = 'walkin' AND c.source_id IS NOT NULL AND mc.filed_at >= " SINCE
	"   AND mc.filed_at <= ?2" RPT_CARD_FILTER("c")
	"  UNION ALL SELECT c.source_id, substr(f.at, 1, 7), 0, NULL, c.id, NULL, NULL"
	"   FROM followups f JOIN cards c ON c.id = f.card_id"
	"   WHERE f.method = 'reception' AND c.source_id IS NOT NULL AND f.at >= " SINCE
	"   AND f.at <= ?2" RPT_CARD_FILTER("c")
	"  UNION ALL SELECT c.source_id, substr(o.ordered_at, 1, 7), 0, NULL, NULL, c.id, NULL"
	"   FROM orders o JOIN cards c ON c.id = o.card_id"
	"   WHERE c.source_id IS NOT NULL AND o.ordered_at >= " SINCE
	"   AND o.ordered_at <= ?2" RPT_CARD_FILTER("c")
	"  UNION ALL SELECT c.source_id, substr(c.sold_at, 1, 7), 0, NULL, NULL, NULL, c.id"
	"   FROM cards c WHERE c.source_id IS NOT NULL AND c.sold_at >= " SINCE
	"   AND c.sold_at <= ?2" RPT_CARD_FILTER("c") "),"
	" a AS MATERIALIZED (SELECT src, m, sum(ca) AS calls, count(DISTINCT cd) AS cards,"
	"  count(DISTINCT vc) AS visits, count(DISTINCT oc) AS orders, count(DISTINCT sc) AS sales"
	"  FROM e GROUP BY src, m),"
	" k AS (SELECT src, m FROM a WHERE m >= substr(?11, 1, 7)"
	"  UNION SELECT g.source_id, g.month FROM source_costs g"
	"  WHERE g.month >= substr(?11, 1, 7) AND g.month <= substr(?9, 1, 7)"
	"  AND (?6 IS NULL OR g.source_id = ?6))"
	" SELECT k.m, s.name, coalesce(a.calls, 0), coalesce(a.cards, 0), coalesce(a.visits, 0),"
	"  coalesce(a.orders, 0), coalesce(a.sales, 0),"
	"  " CHANGE("a.cards", "p.cards") ", " CHANGE("a.cards", "y.cards") ","
	"  " CHANGE("a.sales", "p.sales") ", " CHANGE("a.sales", "y.sales") ","
	"  g.cost_cents / 100.0, g.cost_cents / 100.0 / nullif(a.visits, 0),"
	"  g.cost_cents / 100.0 / nullif(a.orders, 0)"
	" FROM k JOIN sources s ON s.id = k.src"
	" LEFT JOIN a ON a.src = k.src AND a.m = k.m"
	" LEFT JOIN a p ON p.src = k.src AND p.m = substr(date(k.m || '-01', '-1 month'), 1, 7)"
	" LEFT JOIN a y ON y.src = k.src AND y.m = substr(date(k.m || '-01', '-12 months'), 1, 7)"
	" LEFT JOIN source_costs g ON g.source_id = k.src AND g.month = k.m"
	" ORDER BY k.m, s.code";

sr_status sr_report_sources(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                            sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, sources_cols, RPT_NCOLS(sources_cols));
	return st == SR_OK ? sr_report_sql(db, r, SOURCES_SQL, a) : st;
}
