/* report_dcc.c — the DCC's work (DCC 渠道统计, SPEC §5 and the DCC
 * supervisor's channel statistics): per caller, per filing channel or per
 * media source, the leads received, the calls made, the appointments set
 * and shown, and the visits, orders, sales and losses that followed.
 *
 * Who: by default the DCC team (users of team dcc); --team showroom shows
 * the consultants' own calls and invitations instead, --consultant LOGIN
 * one caller. A DCC supervisor reads the DCC team only (sr_report_resolve).
 *
 * The figures, over the period up to the as-of time:
 *  - filed: cards filed in the period to the caller (the owner at filing,
 *    the first assignment, so a later hand-over does not move them);
 *  - calls: call records started in the period, by the caller; connected:
 *    those the customer answered (every result but no-answer and
 *    wrong-number); cards_called: distinct cards among them;
 *  - appointments: appointments set (created) in the period by the caller;
 *    shown: those of them marked showed by the as-of time; show_rate:
 *    shown ÷ appointments;
 *  - visits, orders, sold, lost: distinct cards with a showroom visit (a
 *    reception follow-up, or the walk-in filing of a card merged into it),
 *    an order signed, a delivery, a loss, in the period, credited to every
 *    caller who had called the card or set an appointment on it at or
 *    before that fact. A card worked by two callers counts for each and
 *    once in a channel's row and in the total.
 * Calls and appointments of a card merged into another count for the
 * survivor; the card filters (channel, source, model, customer type) are
 * the survivor's. The total row is over the rows shown. */
#include "report_int.h"

static const sr_report_col dcc_cols[] = {
	{ "group", N_("group"), SR_CELL_TEXT, false, false },
	{ "filed", N_("leads filed"), SR_CELL_COUNT, false, false },
	{ "calls", N_("phone calls"), SR_CELL_COUNT, false, false },
	{ "connected", N_("connected calls"), SR_CELL_COUNT, false, false },
	{ "cards_called", N_("cards called"), SR_CELL_COUNT, false, false },
	{ "appointments", N_("appointments set"), SR_CELL_COUNT, false, false },
	{ "shown", N_("appointments shown"), SR_CELL_COUNT, false, false },
	{ "show_rate", N_("show rate"), SR_CELL_RATE, false, false },
	{ "visits", N_("visits"), SR_CELL_COUNT, false, false },
	{ "orders", N_("orders"), SR_CELL_COUNT, false, false },
	{ "sold", N_("sold"), SR_CELL_COUNT, false, false },
	{ "lost", N_("lost"), SR_CELL_COUNT, false, false },
};

/* The survivor of card alias k. */
#define SURVIVOR(k) "coalesce(" k ".merged_into, " k ".id)"

/* v: the card facts of the period a caller is credited with (receptions
 * read through followups_user_at, user by user, not the whole table);
 * vk: each with the cards merged into its card, whose calls count too;
 * e(uid, card, filed, call, connected, appointment, shown, visit, order,
 * sale, loss): one row per fact and person. A fact is credited through the
 * calls and appointments of its card before it (calls_card,
 * appointments_card), so only the period's facts are looked at, never the
 * whole call history. */
#define DCC_FACTS                                                                   \
	" v(card, at, vi, od, so, lo) AS ("                                           \
	"  SELECT f.card_id, f.at, 1, 0, 0, 0 FROM users fu CROSS JOIN followups f"   \
	"   WHERE f.user_id = fu.id AND f.at >= ?1 AND f.at <= ?2"                    \
	"   AND f.method = 'reception'"                                               \
	"  UNION ALL SELECT mc.merged_into, mc.filed_at, 1, 0, 0, 0 FROM cards mc"    \
	"   WHERE mc.merged_into IS NOT NULL AND mc.channel = 'walkin'"              \
	"   AND mc.filed_at >= ?1 AND mc.filed_at <= ?2"                              \
	"  UNION ALL SELECT " SURVIVOR("k") ", o.ordered_at, 0, 1, 0, 0"              \
	"   FROM orders o JOIN cards k ON k.id = o.card_id"                          \
	"   WHERE o.ordered_at >= ?1 AND o.ordered_at <= ?2"                          \
	"  UNION ALL SELECT c.id, c.sold_at, 0, 0, 1, 0 FROM cards c"                 \
	"   WHERE c.sold_at >= ?1 AND c.sold_at <= ?2"                                \
	"  UNION ALL SELECT c.id, c.lost_at, 0, 0, 0, 1 FROM cards c"                 \
	"   WHERE c.lost_at >= ?1 AND c.lost_at <= ?2),"                              \
	" vk AS MATERIALIZED (SELECT card, card AS src, at, vi, od, so, lo FROM v"     \
	"  UNION ALL SELECT v.card, mc.id, v.at, v.vi, v.od, v.so, v.lo"              \
	"  FROM v JOIN cards mc ON mc.merged_into = v.card),"                         \
	" e(uid, card, fi, ca, cn, ap, sh, vi, od, so, lo) AS ("                      \
	"  SELECT uid, id, 1, 0, 0, 0, 0, 0, 0, 0, 0 FROM (SELECT c.id,"              \
	"   coalesce((SELECT a.to_user FROM assignments a WHERE a.card_id = c.id"      \
	"   ORDER BY a.id LIMIT 1), c.owner_id) AS uid"                               \
	"   FROM cards c WHERE c.filed_at >= ?1 AND c.filed_at <= ?2)"                \
	"   WHERE 1" RPT_USER_FILTER("uid")                                            \
	"  UNION ALL SELECT l.caller_id, " SURVIVOR("k") ", 0, 1,"                    \
	"   l.result NOT IN ('no-answer', 'wrong-number'), 0, 0, 0, 0, 0, 0"          \
	"   FROM calls l JOIN cards k ON k.id = l.card_id"                           \
	"   WHERE l.started_at >= ?1 AND l.started_at <= ?2" RPT_USER_FILTER("l.caller_id") \
	"  UNION ALL SELECT p.created_by, " SURVIVOR("k") ", 0, 0, 0, 1,"             \
	"   p.status = 'showed' AND p.resolved_at <= ?2, 0, 0, 0, 0"                   \
	"   FROM appointments p JOIN cards k ON k.id = p.card_id"                    \
	"   WHERE p.created_at >= ?1 AND p.created_at <= ?2" RPT_USER_FILTER("p.created_by") \
	"  UNION ALL SELECT DISTINCT l.caller_id, vk.card, 0, 0, 0, 0, 0,"             \
	"   vk.vi, vk.od, vk.so, vk.lo"                                               \
	"   FROM vk JOIN calls l ON l.card_id = vk.src AND l.started_at <= vk.at"      \
	"   WHERE 1" RPT_USER_FILTER("l.caller_id")                                     \
	"  UNION ALL SELECT DISTINCT p.created_by, vk.card, 0, 0, 0, 0, 0,"            \
	"   vk.vi, vk.od, vk.so, vk.lo"                                               \
	"   FROM vk JOIN appointments p ON p.card_id = vk.src AND p.created_at <= vk.at" \
	"   WHERE 1" RPT_USER_FILTER("p.created_by") ")"

/* Distinct cards of the rows where flag is set. */
#define CARDS(flag) "count(DISTINCT CASE WHEN " flag " THEN x.card END)"

#define DCC_AGG                                                                     \
	"sum(fi), sum(ca), sum(cn), " CARDS("ca") ", sum(ap), sum(sh),"                \
	" CAST(sum(sh) AS REAL) / nullif(sum(ap), 0), " CARDS("vi") ", " CARDS("od") "," \
	" " CARDS("so") ", " CARDS("lo")

/* The group of a fact by ?10: the caller's login, the card's channel, the
 * card's source's name ('-' for none). */
static const char DCC_SQL[] =
	"WITH" DCC_FACTS ","
	" x AS MATERIALIZED (SELECT e.*, coalesce(CASE ?10"
	"  WHEN 'caller' THEN (SELECT u.login FROM users u WHERE u.id = e.uid)"
	"  WHEN 'channel' THEN c.channel"
	"  ELSE (SELECT s.name FROM sources s WHERE s.id = c.source_id) END, '-') AS g"
	"  FROM e JOIN cards c ON c.id = e.card WHERE 1" RPT_CARD_ATTR_FILTER("c")
	RPT_USER_FILTER("e.uid") ")"
	" SELECT g, " DCC_AGG ", 0 FROM x GROUP BY g"
	" UNION ALL SELECT 'total', " DCC_AGG ", 1 FROM x HAVING count(*) > 0"
	" ORDER BY 13, 1";

sr_status sr_report_dcc(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                        sr_report *r)
{
	(void)q;
	/* The DCC's report: its team unless a team or a caller is named. */
	struct sr_report_args dcc = *a;
	if (!dcc.team && !dcc.owner_id)
		dcc.team = "dcc";
	sr_status st = sr_report_columns(db, r, dcc_cols, RPT_NCOLS(dcc_cols));
	if (st == SR_OK)
		st = sr_report_sql(db, r, DCC_SQL, &dcc);
	return st == SR_OK ? sr_report_group_words(db, r) : st;
}
