/* report_activity.c — what happened day by day: showroom traffic by hour
 * and weekday, each consultant's day (销售顾问日报), and lead collection
 * against the monthly targets (集客进度分析), with the targets themselves.
 *
 * These count events (traffic rows, follow-ups, orders) where the report
 * says so, and distinct cards where it counts customers (visits, test
 * drives): a customer received twice in a day is one visit. Cards are
 * credited to the consultant who got them at filing (the first assignment
 * row), so a later hand-over does not rewrite a past day. */
#include <stdio.h>
#include <string.h>
#include "report_int.h"

/* The owner a card was filed to. */
#define FILED_TO(c)                                                                 \
	"coalesce((SELECT a.to_user FROM assignments a WHERE a.card_id = " c ".id"      \
	" ORDER BY a.id LIMIT 1), " c ".owner_id)"

/* ---- traffic by hour and weekday --------------------------------------------------- */

static const sr_report_col traffic_cols[] = {
	{ "group", N_("group"), SR_CELL_TEXT, false, false },
	{ "key", N_("key"), SR_CELL_TEXT, false, true },
	{ "label", N_("hour or day"), SR_CELL_TEXT, true, false },
	{ "walkin", N_("walk-in batches"), SR_CELL_COUNT, false, false },
	{ "calls", N_("calls"), SR_CELL_COUNT, false, false },
	{ "traffic", N_("traffic"), SR_CELL_COUNT, false, false },
	{ "filed", N_("filed"), SR_CELL_COUNT, false, false },
	{ "share", N_("share"), SR_CELL_RATE, false, false },
};

/* Every hour 00..23, then every weekday 1 (Monday) .. 7, even empty ones,
 * so a chart has a fixed axis. The period's rows are counted once per hour
 * and once per weekday, then joined to the axis. */
#define TRAFFIC_BY(key)                                                             \
	"SELECT " key " AS k, sum(t.kind = 'walkin') AS w, sum(t.kind = 'call') AS c,"  \
	" count(*) AS n, sum(t.result = 'filed') AS f FROM traffic t"                   \
	" WHERE t.time_in >= ?1 AND t.time_in <= ?2" RPT_TRAFFIC_FILTER("t") " GROUP BY 1"
static const char TRAFFIC_SQL[] =
	"WITH RECURSIVE"
	" bh AS (" TRAFFIC_BY("CAST(substr(t.time_in, 12, 2) AS INTEGER)") "),"
	" bw AS (" TRAFFIC_BY("(CAST(strftime('%w', t.time_in) AS INTEGER) + 6) % 7 + 1") "),"
	" total(n) AS (SELECT sum(n) FROM bh),"
	" n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 23)"
	" SELECT 'hour', printf('%02d', n.k), NULL, coalesce(bh.w, 0), coalesce(bh.c, 0),"
	"  coalesce(bh.n, 0), coalesce(bh.f, 0),"
	"  CAST(coalesce(bh.n, 0) AS REAL) / nullif((SELECT n FROM total), 0)"
	" FROM n LEFT JOIN bh ON bh.k = n.k"
	" UNION ALL SELECT 'weekday', n.k, NULL, coalesce(bw.w, 0), coalesce(bw.c, 0),"
	"  coalesce(bw.n, 0), coalesce(bw.f, 0),"
	"  CAST(coalesce(bw.n, 0) AS REAL) / nullif((SELECT n FROM total), 0)"
	" FROM n LEFT JOIN bw ON bw.k = n.k WHERE n.k BETWEEN 1 AND 7";

static const char *const weekdays[] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday"),
};

sr_status sr_report_traffic(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                            sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, traffic_cols, RPT_NCOLS(traffic_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, TRAFFIC_SQL, a);
	for (size_t i = 0; st == SR_OK && i < r->nrows; i++) {
		char label[64];
		const char *key = sr_report_text(r, i, 1);
		if (i < 24)
			snprintf(label, sizeof label, "%s:00", key);
		else
			snprintf(label, sizeof label, "%s", _(weekdays[(i - 24) % 7]));
		st = sr_report_set_text(db, &r->cells[i * r->ncols + 2], label);
	}
	return st == SR_OK ? sr_report_words(db, r, 0, RPT_W_DIM) : st;
}

/* ---- each consultant's day --------------------------------------------------------- */

static const sr_report_col daily_cols[] = {
	{ "date", N_("date"), SR_CELL_TEXT, false, false },
	{ "consultant", N_("consultant"), SR_CELL_TEXT, false, false },
	{ "traffic", N_("traffic received"), SR_CELL_COUNT, false, false },
	{ "filed", N_("cards filed"), SR_CELL_COUNT, false, false },
	{ "followups", N_("follow-ups"), SR_CELL_COUNT, false, false },
	{ "visits", N_("visits"), SR_CELL_COUNT, false, false },
	{ "test_drives", N_("test drives"), SR_CELL_COUNT, false, false },
	{ "orders", N_("orders"), SR_CELL_COUNT, false, false },
	{ "deliveries", N_("deliveries"), SR_CELL_COUNT, false, false },
};

/* One event row per fact: e(day, uid, traffic, filed, followup, visited
 * card, test-driven card, order, delivery). Orders and deliveries go to
 * the card's owner (frozen once sold). */
static const char DAILY_SQL[] =
	"WITH e(day, uid, tr, fi, fu, vc, dc, od, dl) AS ("
	"  SELECT date(t.time_in), t.consultant_id, 1, 0, 0, NULL, NULL, 0, 0 FROM traffic t"
	"   WHERE t.time_in >= ?1 AND t.time_in <= ?2" RPT_TRAFFIC_FILTER("t")
	"  UNION ALL SELECT date(c.filed_at), " FILED_TO("c") ", 0, 1, 0,"
	"   CASE WHEN c.channel = 'walkin' THEN c.id END, NULL, 0, 0 FROM cards c"
	"   WHERE c.filed_at >= ?1 AND c.filed_at <= ?2" RPT_CARD_ATTR_FILTER("c")
	"  UNION ALL SELECT date(f.at), f.user_id, 0, 0, 1,"
	"   CASE WHEN f.method = 'reception' THEN c.id END,"
	"   CASE WHEN f.step_test_drive = 1 THEN c.id END, 0, 0"
	"   FROM followups f JOIN cards c ON c.id = f.card_id"
	"   WHERE f.at >= ?1 AND f.at <= ?2" RPT_CARD_ATTR_FILTER("c")
	"  UNION ALL SELECT date(o.ordered_at), c.owner_id, 0, 0, 0, NULL, NULL, 1, 0"
	"   FROM orders o JOIN cards c ON c.id = o.card_id"
	"   WHERE o.ordered_at >= ?1 AND o.ordered_at <= ?2" RPT_CARD_ATTR_FILTER("c")
	"  UNION ALL SELECT date(o.delivered_at), c.owner_id, 0, 0, 0, NULL, NULL, 0, 1"
	"   FROM orders o JOIN cards c ON c.id = o.card_id"
	"   WHERE o.delivered_at >= ?1 AND o.delivered_at <= ?2" RPT_CARD_ATTR_FILTER("c") ")"
	" SELECT e.day, u.login, sum(tr), sum(fi), sum(fu), count(DISTINCT vc), count(DISTINCT dc),"
	"  sum(od), sum(dl)"
	" FROM e JOIN users u ON u.id = e.uid WHERE 1" RPT_USER_FILTER("e.uid")
	" GROUP BY e.day, e.uid ORDER BY e.day, u.login";

sr_status sr_report_daily(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                          sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, daily_cols, RPT_NCOLS(daily_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, DAILY_SQL, a);
	if (st == SR_OK)
		st = sr_report_words(db, r, 1, RPT_W_USER);
	return st == SR_OK ? sr_report_add_names(db, r, 1, RPT_W_USER) : st;
}

/* ---- lead collection against targets ----------------------------------------------- */

static const sr_report_col collection_cols[] = {
	{ "consultant", N_("consultant"), SR_CELL_TEXT, false, false },
	{ "traffic_target", N_("traffic target"), SR_CELL_COUNT, false, false },
	{ "traffic", N_("traffic"), SR_CELL_COUNT, false, false },
	{ "traffic_progress", N_("traffic progress"), SR_CELL_RATE, false, false },
	{ "cards_target", N_("cards target"), SR_CELL_COUNT, false, false },
	{ "new_cards", N_("new cards"), SR_CELL_COUNT, false, false },
	{ "walkin", N_("walk-in"), SR_CELL_COUNT, false, false },
	{ "phone", N_("phone"), SR_CELL_COUNT, false, false },
	{ "outreach", N_("outreach"), SR_CELL_COUNT, false, false },
	{ "cards_progress", N_("cards progress"), SR_CELL_RATE, false, false },
};

static const sr_report_col collection_day_cols[] = {
	{ "date", N_("date"), SR_CELL_TEXT, false, false },
	{ "traffic", N_("traffic"), SR_CELL_COUNT, false, false },
	{ "new_cards", N_("new cards"), SR_CELL_COUNT, false, false },
	{ "walkin", N_("walk-in"), SR_CELL_COUNT, false, false },
	{ "phone", N_("phone"), SR_CELL_COUNT, false, false },
	{ "outreach", N_("outreach"), SR_CELL_COUNT, false, false },
	{ "month_traffic", N_("traffic this month"), SR_CELL_COUNT, false, false },
	{ "traffic_target", N_("traffic target"), SR_CELL_COUNT, false, false },
	{ "traffic_progress", N_("traffic progress"), SR_CELL_RATE, false, false },
	{ "month_cards", N_("cards this month"), SR_CELL_COUNT, false, false },
	{ "cards_target", N_("cards target"), SR_CELL_COUNT, false, false },
	{ "cards_progress", N_("cards progress"), SR_CELL_RATE, false, false },
};

/* Traffic received and cards filed per consultant (channel, source, model
 * filters apply to cards; source and model to traffic), against the sum of
 * the consultant's targets for the months from the period start to the
 * as-of date. The total row is over the consultants shown. */
#define COLLECTION_CTES                                                             \
	" tr AS (SELECT t.consultant_id AS uid, date(t.time_in) AS day FROM traffic t"  \
	"  WHERE t.time_in >= ?1 AND t.time_in <= ?2" RPT_TRAFFIC_FILTER("t") "),"        \
	" nc AS (SELECT " FILED_TO("c") " AS uid, date(c.filed_at) AS day, c.channel"     \
	"  FROM cards c WHERE c.filed_at >= ?1 AND c.filed_at <= ?2"                     \
	RPT_USER_FILTER(FILED_TO("c")) RPT_CARD_ATTR_FILTER("c") "),"                     \
	" tg AS (SELECT g.user_id AS uid, g.month, g.traffic, g.cards FROM targets g"      \
	"  WHERE g.month >= substr(?11, 1, 7) AND g.month <= substr(?9, 1, 7)"           \
	RPT_USER_FILTER("g.user_id") ")"

/* Each set is counted once, grouped by consultant (or by day) and joined:
 * a correlated count per consultant or per day would read the whole set
 * again for each. */
static const char COLLECTION_SQL[] =
	"WITH" COLLECTION_CTES ","
	" trc AS (SELECT uid, count(*) AS n FROM tr GROUP BY uid),"
	" ncc AS (SELECT uid, count(*) AS n, sum(channel = 'walkin') AS w,"
	"  sum(channel = 'phone') AS p, sum(channel = 'outreach') AS o FROM nc GROUP BY uid),"
	" tgc AS (SELECT uid, sum(traffic) AS tt, sum(cards) AS ct FROM tg GROUP BY uid),"
	" ids AS (SELECT uid FROM trc UNION SELECT uid FROM ncc UNION SELECT uid FROM tgc),"
	" r AS MATERIALIZED (SELECT u.login AS who, tgc.tt AS tt, coalesce(trc.n, 0) AS t,"
	"  tgc.ct AS ct, coalesce(ncc.n, 0) AS c, coalesce(ncc.w, 0) AS w,"
	"  coalesce(ncc.p, 0) AS p, coalesce(ncc.o, 0) AS o"
	"  FROM ids JOIN users u ON u.id = ids.uid LEFT JOIN trc ON trc.uid = ids.uid"
	"  LEFT JOIN ncc ON ncc.uid = ids.uid LEFT JOIN tgc ON tgc.uid = ids.uid"
	"  WHERE 1" RPT_USER_FILTER("ids.uid") ")"
	" SELECT who, tt, t, CAST(t AS REAL) / nullif(tt, 0), ct, c, w, p, o,"
	"  CAST(c AS REAL) / nullif(ct, 0), 0 FROM r"
	" UNION ALL SELECT 'total', sum(tt), sum(t), CAST(sum(t) AS REAL) / nullif(sum(tt), 0),"
	"  sum(ct), sum(c), sum(w), sum(p), sum(o), CAST(sum(c) AS REAL) / nullif(sum(ct), 0), 1"
	"  FROM r HAVING count(*) > 0"
	" ORDER BY 11, 1";

/* Every day of the period up to the as-of date; running totals within
 * each month against that month's targets of the consultants filtered. */
static const char COLLECTION_DAY_SQL[] =
	"WITH RECURSIVE" COLLECTION_CTES ","
	" d(day) AS (SELECT ?11 UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < ?9),"
	" trd AS (SELECT day, count(*) AS n FROM tr GROUP BY day),"
	" ncd AS (SELECT day, count(*) AS n, sum(channel = 'walkin') AS w,"
	"  sum(channel = 'phone') AS p, sum(channel = 'outreach') AS o FROM nc GROUP BY day),"
	" tgm AS (SELECT month, sum(traffic) AS tt, sum(cards) AS ct FROM tg GROUP BY month),"
	" x AS (SELECT d.day, coalesce(trd.n, 0) AS t, coalesce(ncd.n, 0) AS c,"
	"  coalesce(ncd.w, 0) AS w, coalesce(ncd.p, 0) AS p, coalesce(ncd.o, 0) AS o,"
	"  tgm.tt AS tt, tgm.ct AS ct"
	"  FROM d LEFT JOIN trd ON trd.day = d.day LEFT JOIN ncd ON ncd.day = d.day"
	"  LEFT JOIN tgm ON tgm.month = substr(d.day, 1, 7)),"
	" y AS (SELECT *, sum(t) OVER (PARTITION BY substr(day, 1, 7) ORDER BY day) AS mt,"
	"  sum(c) OVER (PARTITION BY substr(day, 1, 7) ORDER BY day) AS mc FROM x)"
	" SELECT day, t, c, w, p, o, mt, tt, CAST(mt AS REAL) / nullif(tt, 0),"
	"  mc, ct, CAST(mc AS REAL) / nullif(ct, 0) FROM y ORDER BY day";

sr_status sr_report_collection(sr_db *db, const sr_kpi_query *q,
                               const struct sr_report_args *a, sr_report *r)
{
	(void)q;
	bool by_day = a->by && !strcmp(a->by, "day");
	sr_status st = by_day ? sr_report_columns(db, r, collection_day_cols,
	                                          RPT_NCOLS(collection_day_cols))
	                      : sr_report_columns(db, r, collection_cols,
	                                          RPT_NCOLS(collection_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, by_day ? COLLECTION_DAY_SQL : COLLECTION_SQL, a);
	return st == SR_OK ? sr_report_group_words(db, r) : st;
}
