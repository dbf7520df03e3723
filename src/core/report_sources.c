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
	{ "month", N_("month"), SR_CELL_TEXT, false, false },
	{ "source", N_("source"), SR_CELL_TEXT, false, false },
	{ "calls", N_("calls"), SR_CELL_COUNT, false, false },
	{ "cards", N_("cards"), SR_CELL_COUNT, false, false },
	{ "visits", N_("visits"), SR_CELL_COUNT, false, false },
	{ "orders", N_("orders"), SR_CELL_COUNT, false, false },
	{ "sales", N_("sales"), SR_CELL_COUNT, false, false },
	{ "cards_mom", N_("cards month on month"), SR_CELL_RATE, false, false },
	{ "cards_yoy", N_("cards year on year"), SR_CELL_RATE, false, false },
	{ "sales_mom", N_("sales month on month"), SR_CELL_RATE, false, false },
	{ "sales_yoy", N_("sales year on year"), SR_CELL_RATE, false, false },
	{ "cost", N_("cost"), SR_CELL_MONEY, false, false },
	{ "cost_per_visit", N_("cost per visit"), SR_CELL_MONEY, false, false },
	{ "cost_per_order", N_("cost per order"), SR_CELL_MONEY, false, false },
};

/* One set per figure, grouped by source and month. The changes need the
 * cards and sales of the twelve months before the first month (SINCE);
 * calls, visits and orders only the report's own months (from ?11). The
 * card facts come from covering indexes (schema 011: cards_filed,
 * cards_sold_at, followups_reception), so a year reads no card rows but
 * for the visits' and orders' cards. */
#define SINCE "date(?11, 'start of month', '-12 months')"
#define CHANGE(x, prev) "(coalesce(" x ", 0) - " prev ") * 1.0 / nullif(" prev ", 0)"

static const char SOURCES_SQL[] =
	"WITH ca AS (SELECT t.source_id AS src, substr(t.time_in, 1, 7) AS m, count(*) AS n"
	"  FROM traffic t WHERE t.kind = 'call' AND t.source_id IS NOT NULL AND t.time_in >= ?11"
	"  AND t.time_in <= ?2" RPT_TRAFFIC_FILTER("t") " GROUP BY 1, 2),"
	" cd AS (SELECT c.source_id AS src, substr(c.filed_at, 1, 7) AS m, count(*) AS n"
	"  FROM cards c WHERE c.filed_at >= " SINCE " AND c.filed_at <= ?2"
	"  AND c.source_id IS NOT NULL" RPT_CARD_FILTER("c") " GROUP BY 1, 2),"
	/* A visit: a reception, or the walk-in filing of the card or of a card
	 * merged into it (counted for the survivor). */
	" vc AS (SELECT src, m, count(DISTINCT id) AS n FROM ("
	"  SELECT c.source_id AS src, substr(c.filed_at, 1, 7) AS m, c.id AS id FROM cards c"
	"   WHERE c.filed_at >= ?11 AND c.filed_at <= ?2 AND c.channel = 'walkin'"
	"   AND c.source_id IS NOT NULL" RPT_CARD_FILTER("c")
	"  UNION ALL SELECT c.source_id, substr(mc.filed_at, 1, 7), c.id FROM cards mc"
	"   JOIN cards c ON c.id = mc.merged_into"
	"   WHERE mc.filed_at >= ?11 AND mc.filed_at <= ?2 AND mc.merged_into IS NOT NULL"
	"   AND mc.channel = 'walkin' AND c.source_id IS NOT NULL" RPT_CARD_FILTER("c")
	"  UNION ALL SELECT c.source_id, substr(f.at, 1, 7), c.id FROM followups f"
	"   JOIN cards c ON c.id = f.card_id"
	"   WHERE f.method = 'reception' AND f.at >= ?11 AND f.at <= ?2"
	"   AND c.source_id IS NOT NULL" RPT_CARD_FILTER("c") ") GROUP BY 1, 2),"
	" oc AS (SELECT c.source_id AS src, substr(o.ordered_at, 1, 7) AS m,"
	"  count(DISTINCT c.id) AS n FROM orders o JOIN cards c ON c.id = o.card_id"
	"  WHERE o.ordered_at >= ?11 AND o.ordered_at <= ?2 AND c.source_id IS NOT NULL"
	RPT_CARD_FILTER("c") " GROUP BY 1, 2),"
	" sc AS (SELECT c.source_id AS src, substr(c.sold_at, 1, 7) AS m, count(*) AS n"
	"  FROM cards c WHERE c.sold_at >= " SINCE " AND c.sold_at <= ?2"
	"  AND c.source_id IS NOT NULL" RPT_CARD_FILTER("c") " GROUP BY 1, 2),"
	" k AS (SELECT src, m FROM ca UNION SELECT src, m FROM cd WHERE m >= substr(?11, 1, 7)"
	"  UNION SELECT src, m FROM vc UNION SELECT src, m FROM oc"
	"  UNION SELECT src, m FROM sc WHERE m >= substr(?11, 1, 7)"
	"  UNION SELECT g.source_id, g.month FROM source_costs g"
	"  WHERE g.month >= substr(?11, 1, 7) AND g.month <= substr(?9, 1, 7)"
	"  AND (?6 IS NULL OR g.source_id = ?6))"
	" SELECT k.m, s.name, coalesce(ca.n, 0), coalesce(cd.n, 0), coalesce(vc.n, 0),"
	"  coalesce(oc.n, 0), coalesce(sc.n, 0),"
	"  " CHANGE("cd.n", "pc.n") ", " CHANGE("cd.n", "yc.n") ","
	"  " CHANGE("sc.n", "ps.n") ", " CHANGE("sc.n", "ys.n") ","
	"  g.cost_cents / 100.0, g.cost_cents / 100.0 / nullif(vc.n, 0),"
	"  g.cost_cents / 100.0 / nullif(oc.n, 0)"
	" FROM k JOIN sources s ON s.id = k.src"
	" LEFT JOIN ca ON ca.src = k.src AND ca.m = k.m"
	" LEFT JOIN cd ON cd.src = k.src AND cd.m = k.m"
	" LEFT JOIN vc ON vc.src = k.src AND vc.m = k.m"
	" LEFT JOIN oc ON oc.src = k.src AND oc.m = k.m"
	" LEFT JOIN sc ON sc.src = k.src AND sc.m = k.m"
	" LEFT JOIN cd pc ON pc.src = k.src AND pc.m = substr(date(k.m || '-01', '-1 month'), 1, 7)"
	" LEFT JOIN cd yc ON yc.src = k.src AND yc.m = substr(date(k.m || '-01', '-12 months'), 1, 7)"
	" LEFT JOIN sc ps ON ps.src = k.src AND ps.m = substr(date(k.m || '-01', '-1 month'), 1, 7)"
	" LEFT JOIN sc ys ON ys.src = k.src AND ys.m = substr(date(k.m || '-01', '-12 months'), 1, 7)"
	" LEFT JOIN source_costs g ON g.source_id = k.src AND g.month = k.m"
	" ORDER BY k.m, s.code";

sr_status sr_report_sources(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                            sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, sources_cols, RPT_NCOLS(sources_cols));
	return st == SR_OK ? sr_report_sql(db, r, SOURCES_SQL, a) : st;
}

const char *sr_sources_hot_sql(void)
{
	return SOURCES_SQL;
}
