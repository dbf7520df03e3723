/* report_stock.c — what the stock is made of and why it leaves: customer
 * structure (客户结构分析) and loss reasons (战败原因分析).
 *
 * Both are long tables of (dimension, value, cards, share): a screen or a
 * spreadsheet takes the rows of one dimension for a chart. The share is of
 * all the cards of the report, so each dimension's shares add up to 1. */
#include "report_int.h"

static const sr_report_col dim_cols[] = {
	{ "dimension", N_("dimension"), SR_CELL_TEXT, false, false },
	{ "value", N_("value"), SR_CELL_TEXT, false, false },
	{ "cards", N_("cards"), SR_CELL_COUNT, false, false },
	{ "share", N_("share"), SR_CELL_RATE, false, false },
};

/* Both tables in words: the dimension's name, each value by its
 * dimension (已购竞品, 休眠, H级, 进店, a consultant's name). */
static sr_status dim_words(sr_db *db, sr_report *r)
{
	sr_status st = sr_report_words(db, r, 0, RPT_W_DIM);
	return st == SR_OK ? sr_report_words(db, r, 1, RPT_W_DIM_VALUE) : st;
}

/* An order open at the report time: signed, neither delivered nor
 * cancelled by then. */
#define OPEN_ORDER(c)                                                               \
	"EXISTS (SELECT 1 FROM orders o WHERE o.card_id = " c ".id AND o.ordered_at <= ?2" \
	" AND (o.delivered_at IS NULL OR o.delivered_at > ?2)"                        \
	" AND (o.cancelled_at IS NULL OR o.cancelled_at > ?2))"

/* The stock as of the report time: cards filed by then and neither sold
 * nor lost by then. The level is that of the last follow-up by then (else
 * the level at filing), O with an open order; the status is order with an
 * open order, else dormant or active as the card is now (dormancy keeps no
 * dated history outside the audit trail). The dimensions sort by the level's
 * rank, the age band, then by name. The stock is found through cards_kpi
 * (open at the report time: neither sold nor lost by then, never both),
 * and each card's open order is looked up once. */
static const char STRUCTURE_SQL[] =
	"WITH k AS MATERIALIZED (SELECT c.id, c.status, c.level_at_filing, c.filed_at,"
	"  c.channel, c.source_id, c.model_id, " OPEN_ORDER("c") " AS open_order"
	" FROM cards c WHERE coalesce(c.sold_at, c.lost_at, '9999-12-31') > ?2"
	"  AND c.filed_at <= ?2" RPT_CARD_FILTER("c") "),"
	" s AS MATERIALIZED (SELECT"
	"  CASE WHEN k.open_order THEN 'O' ELSE coalesce((SELECT f.level FROM followups f"
	"   WHERE f.card_id = k.id AND f.at <= ?2 ORDER BY f.at DESC, f.id DESC LIMIT 1),"
	"   k.level_at_filing) END AS level,"
	"  CASE WHEN k.open_order THEN 'order'"
	"   WHEN k.status = 'dormant' THEN 'dormant' ELSE 'active' END AS status,"
	"  CAST(julianday(?9) - julianday(date(k.filed_at)) AS INTEGER) AS age,"
	"  k.channel,"
	"  coalesce((SELECT so.name FROM sources so WHERE so.id = k.source_id), '-') AS source,"
	"  coalesce((SELECT m.model FROM models m WHERE m.id = k.model_id), '-') AS model"
	" FROM k),"
	" d(k, o, dim, v, n) AS ("
	"  SELECT 1, (SELECT rank FROM intent_levels WHERE code = level), 'level', level, count(*)"
	"   FROM s GROUP BY level"
	"  UNION ALL SELECT 2, 0, 'status', status, count(*) FROM s GROUP BY status"
	"  UNION ALL SELECT 3, min(age), 'age', CASE WHEN age <= 15 THEN '0-15'"
	"   WHEN age <= 30 THEN '16-30' WHEN age <= 60 THEN '31-60' WHEN age <= 90 THEN '61-90'"
	"   ELSE '>90' END AS band, count(*) FROM s GROUP BY band"
	"  UNION ALL SELECT 4, 0, 'channel', channel, count(*) FROM s GROUP BY channel"
	"  UNION ALL SELECT 5, 0, 'source', source, count(*) FROM s GROUP BY source"
	"  UNION ALL SELECT 6, 0, 'model', model, count(*) FROM s GROUP BY model)"
	" SELECT dim, v, n, CAST(n AS REAL) / (SELECT count(*) FROM s) FROM d ORDER BY k, o, v";

sr_status sr_report_structure(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                              sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, dim_cols, RPT_NCOLS(dim_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, STRUCTURE_SQL, a);
	return st == SR_OK ? dim_words(db, r) : st;
}

/* Cards lost in the period (confirmed by the report time), with the note of
 * the confirmed loss request. By reason (all five, in the order of SPEC
 * §3), by the consultant who owned the card, by model of interest, and by
 * competitor: a series (or model code) of the catalogue named in the note,
 * e.g. "买了明锐" counts for 明锐. */
static const char LOSS_SQL[] =
	"WITH l AS MATERIALIZED (SELECT c.id, c.loss_reason AS reason,"
	"  coalesce((SELECT u.login FROM users u WHERE u.id = c.owner_id), '-') AS owner,"
	"  coalesce((SELECT m.model FROM models m WHERE m.id = c.model_id), '-') AS model,"
	"  lower(coalesce((SELECT lr.note FROM loss_requests lr WHERE lr.card_id = c.id"
	"   AND lr.status = 'confirmed' ORDER BY lr.decided_at DESC, lr.id DESC LIMIT 1), '')) AS note"
	" FROM cards c WHERE c.lost_at >= ?1 AND c.lost_at <= ?2" RPT_CARD_FILTER("c") "),"
	/* Notes and the catalogue lower-cased once, not once per pair. */
	" ms AS MATERIALIZED (SELECT series, lower(series) AS ls, lower(code) AS lc FROM models),"
	" reasons(o, reason) AS (VALUES (1, 'competitor'), (2, 'same-brand'), (3, 'gave-up'),"
	"  (4, 'region'), (5, 'unreachable')),"
	" d(k, o, dim, v, n) AS ("
	"  SELECT 1, r.o, 'reason', r.reason, (SELECT count(*) FROM l WHERE l.reason = r.reason)"
	"   FROM reasons r"
	"  UNION ALL SELECT 2, 0, 'consultant', owner, count(*) FROM l GROUP BY owner"
	"  UNION ALL SELECT 3, 0, 'model', model, count(*) FROM l GROUP BY model"
	"  UNION ALL SELECT 4, 0, 'competitor', m.series, count(DISTINCT l.id)"
	"   FROM l JOIN ms m ON l.note <> '' AND (instr(l.note, m.ls) > 0 OR instr(l.note, m.lc) > 0)"
	"   GROUP BY m.series)"
	" SELECT dim, v, n, CAST(n AS REAL) / nullif((SELECT count(*) FROM l), 0)"
	" FROM d ORDER BY k, o, v";

sr_status sr_report_loss(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                         sr_report *r)
{
	(void)q;
	sr_status st = sr_report_columns(db, r, dim_cols, RPT_NCOLS(dim_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, LOSS_SQL, a);
	if (st == SR_OK)
		st = dim_words(db, r);
	/* The consultants' rows hold logins: CSV gets their names beside. */
	return st == SR_OK ? sr_report_add_names(db, r, 1, RPT_W_DIM_VALUE) : st;
}
