/* report_int.h — private pieces shared by kpi.c and the report_*.c files:
 * the resolved query, its bound parameters, the filters and the prospect
 * base as SQL fragments, and the helpers that fill an sr_report.
 *
 * Every report statement takes the same numbered parameters, bound by
 * sr_report_bind (a statement that does not use one ignores it):
 *   ?1 period start "YYYY-MM-DD 00:00:00"   ?2 as-of time
 *   ?3 owner / consultant id                ?4 team
 *   ?5 filing channel                       ?6 media source id
 *   ?7 model id                             ?8 customer type
 *   ?9 as-of date                           ?10 the grouping (by)
 *   ?11 the period's first date */
#ifndef SHOWROOM_REPORT_INT_H
#define SHOWROOM_REPORT_INT_H

#include "store.h"
#include "test_hooks.h" /* sr_sources_hot_sql, sr_base_hot_sql */

struct sr_report_args {
	char from[SR_TIME_LEN];        /* start of the period: "YYYY-MM-DD 00:00:00" */
	char from_date[SR_DATE_LEN];
	char as_of[SR_TIME_LEN];
	char as_of_date[SR_DATE_LEN];
	int64_t owner_id, source_id, model_id;
	const char *team, *channel, *type;
	const char *by;                /* the report's grouping, validated */
};

/* Period and filters of q into a (and the period's text into period);
 * the refusals of sr_kpi_compute. No permission check. */
sr_status sr_report_resolve(sr_db *db, const sr_kpi_query *q, struct sr_report_args *a,
                            sr_kpi *period);
void sr_report_bind(sqlite3_stmt *st, const struct sr_report_args *a);

/* The card filters on card alias c that are not about people: channel,
 * source, model, customer type; merged cards left out (they count as
 * their survivor). */
#define RPT_CARD_ATTR_FILTER(c)                                                     \
	" AND " c ".merged_into IS NULL"                                             \
	" AND (?5 IS NULL OR " c ".channel = ?5)"                                    \
	" AND (?6 IS NULL OR " c ".source_id = ?6)"                                  \
	" AND (?7 IS NULL OR " c ".model_id = ?7)"                                   \
	" AND (?8 IS NULL OR " c ".customer_type = ?8)"

/* The people filters on a user id expression: consultant, team. */
#define RPT_USER_FILTER(id)                                                         \
	" AND (?3 IS NULL OR " id " = ?3)"                                           \
	" AND (?4 IS NULL OR " id " IN (SELECT u.id FROM users u WHERE u.team = ?4))"

/* Every card filter: the owner's and the card's. */
#define RPT_CARD_FILTER(c) RPT_USER_FILTER(c ".owner_id") RPT_CARD_ATTR_FILTER(c)

/* The traffic filters on alias t: consultant, team, source, model (a
 * traffic row has no channel or customer type). */
#define RPT_TRAFFIC_FILTER(t)                                                       \
	RPT_USER_FILTER(t ".consultant_id")                                          \
	" AND (?6 IS NULL OR " t ".source_id = ?6)"                                  \
	" AND (?7 IS NULL OR " t ".model_id = ?7)"

/* Walk-in cards merged into card c by ?2: at least n of them (the
 * survivors with one, and with two or more, are few: a set built once). */
#define RPT_MERGED_WALKINS(c, n)                                                    \
	" + (" c ".id IN (SELECT mc.merged_into FROM cards mc"                         \
	"   WHERE mc.merged_into IS NOT NULL AND mc.channel = 'walkin'"               \
	"   AND mc.filed_at <= ?2 GROUP BY mc.merged_into HAVING count(*) >= " n "))"

/* The prospect base of the period as a CTE `b` (kpi.c's definition): the
 * cards following at the start plus those filed in the period, with their
 * facts as of ?2, read from the card's own facts (schema 007) so that the
 * base walks the cards_kpi index alone:
 * - visits, counted up to 2 (the reports ask "one or more", "two or
 *   more"): the walk-in filing, the first two receptions (visit1_at,
 *   visit2_at), walk-in cards merged into it;
 * - drove: the first follow-up with a test drive by ?2, or the card's own
 *   flag when no follow-up has one (imported history);
 * - ordered: an order signed in the period;
 * - level_at_filing only when grouping by it (?10 = 'level'): it is not in
 *   the index, and a constant condition is checked once, not per card. */
#define RPT_BASE_CTE                                                                \
	"b AS MATERIALIZED (SELECT c.id, c.owner_id, c.channel, c.source_id,"          \
	"  c.model_id, (SELECT x.level_at_filing FROM cards x"                         \
	"   WHERE ?10 = 'level' AND x.id = c.id) AS level_at_filing,"                  \
	"  c.filed_at >= ?1 AS fresh, c.channel <> 'walkin' AS remote,"               \
	"  min(2, (c.channel = 'walkin') + coalesce(c.visit1_at <= ?2, 0)"             \
	"   + coalesce(c.visit2_at <= ?2, 0)" RPT_MERGED_WALKINS("c", "1")             \
	RPT_MERGED_WALKINS("c", "2") ") AS visits,"                                  \
	"  (coalesce(c.drive_at <= ?2, 0)"                                            \
	"   OR (c.step_test_drive = 1 AND c.drive_at IS NULL)) AS drove,"               \
	"  c.id IN (SELECT o.card_id FROM orders o WHERE o.ordered_at >= ?1"          \
	"   AND o.ordered_at <= ?2) AS ordered,"                                      \
	"  coalesce(c.sold_at <= ?2, 0) AS sold, coalesce(c.lost_at <= ?2, 0) AS lost" \
	" FROM cards c"                                                               \
	" WHERE coalesce(c.sold_at, c.lost_at, '9999-12-31') >= ?1 AND c.filed_at <= ?2" \
	RPT_CARD_FILTER("c") ")"

/* ---- building a report (report.c) ------------------------------------------ */

/* The report's columns (copied, labels translated). */
sr_status sr_report_columns(sr_db *db, sr_report *r, const sr_report_col *cols, size_t n);
/* A new row of ncols cells of the columns' kinds, zero; NULL when out of
 * memory (message set). */
sr_cell *sr_report_row(sr_db *db, sr_report *r);
/* Set a text cell (copied). */
sr_status sr_report_set_text(sr_db *db, sr_cell *cell, const char *text);
/* Run sql bound with a and append one row per result row: column i of
 * the result fills column i of the report (NULL = an empty cell). */
sr_status sr_report_sql(sr_db *db, sr_report *r, const char *sql,
                        const struct sr_report_args *a);

/* The name of r's sheet in a workbook: its title, or a shorter one when
 * the title (in English) is longer than Excel allows. */
const char *sr_report_sheet(const sr_report *r);

/* ---- for people (report_words.c) --------------------------------------------- */

/* The words a text column's codes are shown in: a login as the user's
 * name, a channel, a card status, an intent level (H级), a loss reason, a
 * card-age band, a dimension's name; RPT_W_GROUP by the report's grouping
 * (by consultant: names; by channel: channels ...), RPT_W_DIM_VALUE by the
 * row's dimension in column 0 (loss and structure). Every column also
 * shows the total row as 合计 and "-" as （无）. */
enum rpt_words {
	RPT_W_NONE, RPT_W_USER, RPT_W_CHANNEL, RPT_W_STATUS, RPT_W_LEVEL, RPT_W_REASON,
	RPT_W_AGE, RPT_W_DIM, RPT_W_GROUP, RPT_W_DIM_VALUE,
};
/* Set the shown text of every cell of column col. */
sr_status sr_report_words(sr_db *db, sr_report *r, size_t col, enum rpt_words w);
/* Insert after column col the CSV-only column `name`: the user's name on
 * the rows whose cell in col is a login (by w), empty on the others. */
sr_status sr_report_add_names(sr_db *db, sr_report *r, size_t col, enum rpt_words w);
/* A grouped report's first column: titled by its grouping (销售顾问 by
 * consultant, 留档渠道 by channel ...) rather than "group", its groups in
 * words, and by consultant or caller the name column for CSV. */
sr_status sr_report_group_words(sr_db *db, sr_report *r);
/* The filters of a, in words, into r->filters. */
void sr_report_filters(sr_db *db, const struct sr_report_args *a, sr_report *r);

/* The report functions, one per report (report_*.c). */
typedef sr_status (*sr_report_fn)(sr_db *db, const sr_kpi_query *q,
                                  const struct sr_report_args *a, sr_report *r);

sr_status sr_report_kpi(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                        sr_report *r);
sr_status sr_report_funnel(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                           sr_report *r);
sr_status sr_report_followup(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                             sr_report *r);
sr_status sr_report_orders(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                           sr_report *r);
sr_status sr_report_sales(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                          sr_report *r);
sr_status sr_report_loss(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                         sr_report *r);
sr_status sr_report_structure(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                              sr_report *r);
sr_status sr_report_traffic(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                            sr_report *r);
sr_status sr_report_daily(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                          sr_report *r);
sr_status sr_report_collection(sr_db *db, const sr_kpi_query *q,
                               const struct sr_report_args *a, sr_report *r);
sr_status sr_report_sources(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                            sr_report *r);
sr_status sr_report_dcc(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                        sr_report *r);

sr_status sr_report_trend(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                          sr_report *r);

#define RPT_NCOLS(a) (sizeof(a) / sizeof((a)[0]))

#endif
