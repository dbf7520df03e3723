/* report_trend.c — the month-by-month trend (月度趋势): showroom traffic,
 * new cards, orders and sales per calendar month, for the trend lines of
 * the report screen and for managers comparing months.
 *
 * The months run from the month of the period start to the month of the
 * as-of date; a period inside one month (the default, this month) shows
 * the twelve months up to it, since a trend of one month is no trend.
 * Every month is a row, empty ones too, oldest first. Figures as for the
 * kpi report, counted up to the as-of time: traffic rows received; cards
 * filed (new cards); distinct cards with an order signed in the month;
 * cards sold and cards lost in the month. Merged cards count as their
 * survivor (their orders move with them). */
#include "report_int.h"

static const sr_report_col trend_cols[] = {
	{ "month", N_("month"), SR_CELL_TEXT, false, false },
	{ "traffic", N_("traffic"), SR_CELL_COUNT, false, false },
	{ "new_cards", N_("new cards"), SR_CELL_COUNT, false, false },
	{ "orders", N_("orders"), SR_CELL_COUNT, false, false },
	{ "sold", N_("sold"), SR_CELL_COUNT, false, false },
	{ "lost", N_("lost"), SR_CELL_COUNT, false, false },
};

/* ?11 is the first day of the first month, ?9 the as-of date. */
static const char TREND_SQL[] =
	"WITH RECURSIVE m(k) AS (SELECT substr(?11, 1, 7)"
	"  UNION ALL SELECT substr(date(k || '-01', '+1 month'), 1, 7) FROM m"
	"  WHERE k < substr(?9, 1, 7)),"
	" tr AS (SELECT substr(t.time_in, 1, 7) AS k, count(*) AS n FROM traffic t"
	"  WHERE t.time_in >= ?11 AND t.time_in <= ?2" RPT_TRAFFIC_FILTER("t") " GROUP BY 1),"
	" nc AS (SELECT substr(c.filed_at, 1, 7) AS k, count(*) AS n FROM cards c"
	"  WHERE c.filed_at >= ?11 AND c.filed_at <= ?2" RPT_CARD_FILTER("c") " GROUP BY 1),"
	" od AS (SELECT substr(o.ordered_at, 1, 7) AS k, count(DISTINCT c.id) AS n"
	"  FROM orders o JOIN cards c ON c.id = o.card_id"
	"  WHERE o.ordered_at >= ?11 AND o.ordered_at <= ?2" RPT_CARD_FILTER("c") " GROUP BY 1),"
	" sd AS (SELECT substr(c.sold_at, 1, 7) AS k, count(*) AS n FROM cards c"
	"  WHERE c.sold_at >= ?11 AND c.sold_at <= ?2" RPT_CARD_FILTER("c") " GROUP BY 1),"
	" ls AS (SELECT substr(c.lost_at, 1, 7) AS k, count(*) AS n FROM cards c"
	"  WHERE c.lost_at >= ?11 AND c.lost_at <= ?2" RPT_CARD_FILTER("c") " GROUP BY 1)"
	" SELECT m.k, coalesce(tr.n, 0), coalesce(nc.n, 0), coalesce(od.n, 0),"
	"  coalesce(sd.n, 0), coalesce(ls.n, 0)"
	" FROM m LEFT JOIN tr ON tr.k = m.k LEFT JOIN nc ON nc.k = m.k"
	" LEFT JOIN od ON od.k = m.k LEFT JOIN sd ON sd.k = m.k LEFT JOIN ls ON ls.k = m.k"
	" ORDER BY m.k";

/* The start of the trend's first month: the period's own, or eleven
 * months before when the period lies inside one month. */
static sr_time trend_start(const struct sr_report_args *a)
{
	sr_date from = 0, as_of = 0;
	int y, m, d, ay, am;
	/* Both dates were set by sr_report_resolve: they parse. */
	sr_date_parse(a->from_date, &from);
	sr_date_parse(a->as_of_date, &as_of);
	sr_date_to_civil(from, &y, &m, &d);
	sr_date_to_civil(as_of, &ay, &am, &d);
	if (y == ay && m == am) {
		m -= 11;
		if (m < 1) {
			m += 12;
			y--;
		}
	}
	return sr_time_from_civil(y, m, 1, 0, 0, 0);
}

sr_status sr_report_trend(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                          sr_report *r)
{
	(void)q;
	struct sr_report_args t = *a;
	sr_time start = trend_start(a);
	sr_time_format(start, t.from);
	sr_date_format(sr_time_date(start), t.from_date);
	/* The report says what it shows: its months, not only the period. */
	sr_copy(r->from, sizeof r->from, t.from_date);
	sr_date as_of;
	if (sr_date_parse(a->as_of_date, &as_of))
		r->days = (int)(as_of - sr_time_date(start)) + 1;
	sr_status st = sr_report_columns(db, r, trend_cols, RPT_NCOLS(trend_cols));
	return st == SR_OK ? sr_report_sql(db, r, TREND_SQL, &t) : st;
}
