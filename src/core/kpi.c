/* kpi.c — the key management figures (SPEC §5) for a period and filters.
 *
 * Two statements, both read-only and bound:
 *  - the traffic log by time in (traffic_time index): traffic, follow-up,
 *    filed and new traffic, and the first-contact retention rate;
 *  - the prospect base (cards_filed index), one row per card with its facts
 *    as of the report time (indexed subqueries on followups, orders and
 *    merged cards), summed into the card figures.
 *
 * Rules kept here, per SPEC §5:
 *  - distinct cards, never events; cards merged into another are left out
 *    (their follow-ups, traffic links and walk-in filing visit count for
 *    the survivor, see SR_VISITS_SQL in card_int.h);
 *  - wholesale cards are left out of the showroom figures: the default
 *    customer type is retail;
 *  - the base is the cards following at the period start (filed before it,
 *    not sold or lost before it; dormant ones count) plus the cards filed in
 *    the period; stock at end is the base less what was sold or lost;
 *  - "as of" is the end of the period or now, whichever is earlier, and
 *    every dated fact (visits, test drives, orders, sales, losses, filings)
 *    counts only up to it, so later records never change a past period;
 *  - a test drive is a follow-up with the test-drive step, dated; a card
 *    whose test-drive flag has no dated follow-up behind it (imported
 *    history) counts as test-driven, since there is no date to judge by;
 *  - filters on the card's current owner, the owner's team, channel, source,
 *    model and customer type; traffic rows follow the consultant, team,
 *    source and model filters (a traffic row has no channel or type).
 */
#include <stddef.h>
#include <string.h>
#include "store.h"
#include "test_hooks.h"
#include "report_int.h"

/* ---- the name table --------------------------------------------------------- */

static const struct {
	const char *name, *label;
	sr_kpi_kind kind;
	size_t offset;
} metrics[SR_KPI_N] = {
#define SR_KPI_ROW(n, l, k) { #n, l, k, offsetof(sr_kpi, n) },
	SR_KPI_LIST(SR_KPI_ROW)
#undef SR_KPI_ROW
};

const char *sr_kpi_name(sr_kpi_metric m)
{
	return (unsigned)m < SR_KPI_N ? metrics[m].name : "?";
}

const char *sr_kpi_label(sr_kpi_metric m)
{
	return (unsigned)m < SR_KPI_N ? metrics[m].label : "?";
}

sr_kpi_kind sr_kpi_metric_kind(sr_kpi_metric m)
{
	return (unsigned)m < SR_KPI_N ? metrics[m].kind : SR_KPI_COUNT;
}

double sr_kpi_value(const sr_kpi *k, sr_kpi_metric m)
{
	if ((unsigned)m >= SR_KPI_N)
		return 0;
	const char *p = (const char *)k + metrics[m].offset;
	double v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* ---- the query, resolved ------------------------------------------------------ */

static double ratio(int64_t num, int64_t den)
{
	return den > 0 ? (double)num / (double)den : 0.0;
}

static sr_status parse_period(sr_db *db, const sr_kpi_query *q, struct sr_report_args *a, sr_kpi *out)
{
	sr_date today = sr_db_today(db), from, to;
	int y, m, d;
	sr_date_to_civil(today, &y, &m, &d);
	from = today - (d - 1);
	to = today;
	if (q->from && !sr_date_parse(q->from, &from))
		return sr_fail(db, SR_BADINPUT, _("from date '%s': expected YYYY-MM-DD"), q->from);
	if (q->to && !sr_date_parse(q->to, &to))
		return sr_fail(db, SR_BADINPUT, _("to date '%s': expected YYYY-MM-DD"), q->to);
	if (to < from)
		return sr_fail(db, SR_BADINPUT, _("the period ends (%s) before it starts (%s)"),
		               q->to ? q->to : _("today"), q->from ? q->from : _("this month"));
	sr_time start = sr_date_start(from), end = sr_date_start(to + 1) - 1, as_of;
	sr_time now = sr_db_now(db);
	as_of = now < end ? now : end;
	if (q->as_of) {
		if (!sr_time_parse(q->as_of, &as_of))
			return sr_fail(db, SR_BADINPUT,
			               _("as-of time '%s': expected YYYY-MM-DD[ HH:MM[:SS]]"), q->as_of);
		if (as_of < start)
			return sr_fail(db, SR_BADINPUT,
			               _("as-of time '%s' is before the period starts"), q->as_of);
		if (as_of > end)
			as_of = end;
	}
	sr_date_format(from, out->from);
	sr_date_format(from, a->from_date);
	sr_date_format(to, out->to);
	sr_time_format(start, a->from);
	sr_time_format(as_of, a->as_of);
	sr_date_format(sr_time_date(as_of), a->as_of_date);
	sr_copy(out->as_of, sizeof out->as_of, a->as_of);
	out->days = as_of >= start ? (int)(sr_time_date(as_of) - from) + 1 : 0;
	return SR_OK;
}

static sr_status resolve_team(sr_db *db, const sr_kpi_query *q, struct sr_report_args *a)
{
	sr_team team;
	a->team = NULL;
	if (q->team) {
		if (!sr_team_parse(q->team, &team))
			return sr_fail(db, SR_BADINPUT, _("team '%s': expected showroom or dcc"),
			               q->team);
		a->team = sr_team_name(team);
	}
	/* A DCC supervisor reaches the cards of the DCC team: so do the figures. */
	if (sr_perm_scope(db->actor_role) == SR_SCOPE_TEAM) {
		const char *own = sr_team_name(db->actor_team);
		if (a->team && strcmp(a->team, own) != 0)
			return sr_fail(db, SR_PERM,
			               _("permission denied: a %s reads the figures of the %s team "
			                 "only"),
			               _(sr_role_name(db->actor_role)), own);
		a->team = own;
	}
	return SR_OK;
}

static sr_status resolve_filters(sr_db *db, const sr_kpi_query *q, struct sr_report_args *a)
{
	sr_status st;
	sr_channel ch;
	if (q->consultant) {
		st = sr_query_int(db, &a->owner_id, "SELECT id FROM users WHERE login = ?1", "s",
		                  q->consultant);
		if (st == SR_NOTFOUND)
			return sr_fail(db, st, _("no user '%s'; see `showroom user list`"),
			               q->consultant);
		if (st != SR_OK)
			return st;
	}
	/* A consultant reads the figures of their own work: the cards they
	 * own, the traffic they received. */
	if (sr_perm_scope(db->actor_role) == SR_SCOPE_OWN) {
		if (a->owner_id && a->owner_id != db->actor_id)
			return sr_fail(db, SR_PERM,
			               _("permission denied: a %s reads their own figures only"),
			               _(sr_role_name(db->actor_role)));
		a->owner_id = db->actor_id;
	}
	if ((st = resolve_team(db, q, a)) != SR_OK)
		return st;
	if (q->channel) {
		if (!sr_channel_parse(q->channel, &ch))
			return sr_fail(db, SR_BADINPUT,
			               _("channel '%s': expected walkin, phone or outreach"),
			               q->channel);
		a->channel = sr_channel_name(ch);
	}
	if (q->source) {
		sr_source s;
		if ((st = sr_source_find(db, q->source, &s)) != SR_OK)
			return st;
		a->source_id = s.id;
	}
	if (q->model) {
		sr_model m;
		if ((st = sr_model_find(db, q->model, &m)) != SR_OK)
			return st;
		a->model_id = m.id;
	}
	a->type = "retail";
	if (q->customer_type) {
		if (!strcmp(q->customer_type, "all"))
			a->type = NULL;
		else if (!strcmp(q->customer_type, "wholesale"))
			a->type = "wholesale";
		else if (strcmp(q->customer_type, "retail") != 0)
			return sr_fail(db, SR_BADINPUT,
			               _("customer type '%s': expected retail, wholesale or all"),
			               q->customer_type);
	}
	return SR_OK;
}

sr_status sr_report_resolve(sr_db *db, const sr_kpi_query *q, struct sr_report_args *a,
                            sr_kpi *period)
{
	sr_status st = parse_period(db, q, a, period);
	if (st == SR_OK)
		st = resolve_filters(db, q, a);
	return st;
}

/* ---- traffic ------------------------------------------------------------------- */

/* A first-contact walk-in batch: a walk-in row that is not a follow-up of
 * an existing card, and was not an order or sale at first contact (the card
 * filed from it started at level O). It kept the customer's details when it
 * filed a card. */
static const char TRAFFIC_SQL[] =
	"SELECT count(*), coalesce(sum(t.result = 'followup'), 0),"
	" coalesce(sum(t.result = 'filed'), 0),"
	" coalesce(sum(t.kind = 'walkin' AND t.result <> 'followup' AND NOT o), 0),"
	" coalesce(sum(t.kind = 'walkin' AND t.result = 'filed' AND NOT o), 0)"
	" FROM (SELECT t.kind, t.result, coalesce(t.card_id IN (SELECT c.id FROM cards c"
	"   WHERE c.level_at_filing = 'O'), 0) AS o"
	"  FROM traffic t WHERE t.time_in >= ?1 AND t.time_in <= ?2"
	"  AND (?3 IS NULL OR t.consultant_id = ?3)"
	"  AND (?4 IS NULL OR t.consultant_id IN (SELECT u.id FROM users u WHERE u.team = ?4))"
	"  AND (?5 IS NULL OR t.source_id = ?5)"
	"  AND (?6 IS NULL OR t.model_id = ?6)) t";

static sr_status kpi_traffic(sr_db *db, const struct sr_report_args *a, sr_kpi *k)
{
	sqlite3_stmt *st = sr_stmt(db, TRAFFIC_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_text(st, 1, a->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->as_of, -1, SQLITE_STATIC);
	if (a->owner_id)
		sqlite3_bind_int64(st, 3, a->owner_id);
	if (a->team)
		sqlite3_bind_text(st, 4, a->team, -1, SQLITE_STATIC);
	if (a->source_id)
		sqlite3_bind_int64(st, 5, a->source_id);
	if (a->model_id)
		sqlite3_bind_int64(st, 6, a->model_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sr_stmt_done(st);
		return sr_sqlite_fail(db, rc, "traffic figures");
	}
	int64_t rows = sqlite3_column_int64(st, 0), followup = sqlite3_column_int64(st, 1);
	int64_t filed = sqlite3_column_int64(st, 2), first = sqlite3_column_int64(st, 3);
	int64_t kept = sqlite3_column_int64(st, 4);
	sr_stmt_done(st);
	k->traffic = (double)rows;
	k->daily_traffic = k->days > 0 ? (double)rows / k->days : 0.0;
	k->followup_traffic = (double)followup;
	k->new_traffic = (double)(rows - followup);
	k->filed_traffic = (double)filed;
	k->filing_rate = ratio(filed, rows - followup);
	k->retention_rate = ratio(kept, first);
	return SR_OK;
}

/* ---- cards --------------------------------------------------------------------- */

/* The cards of the period: filed by its end and not closed (sold or lost,
 * never both) before its start, with the filters. ?1 period start, ?2 as
 * of, ?3 owner, ?4 team, ?5 channel, ?6 source, ?7 model, ?8 customer type.
 * Written to walk cards_kpi (schema 007), which holds every column used. */
#define BASE_CARDS                                                                           \
	" coalesce(c.sold_at, c.lost_at, '9999-12-31') >= ?1 AND c.filed_at <= ?2"           \
	"  AND c.merged_into IS NULL"                                                        \
	"  AND (?3 IS NULL OR c.owner_id = ?3)"                                              \
	"  AND (?4 IS NULL OR c.owner_id IN (SELECT u.id FROM users u WHERE u.team = ?4))"   \
	"  AND (?5 IS NULL OR c.channel = ?5)"                                               \
	"  AND (?6 IS NULL OR c.source_id = ?6)"                                             \
	"  AND (?7 IS NULL OR c.model_id = ?7)"                                              \
	"  AND (?8 IS NULL OR c.customer_type = ?8)"

/* One row per card of the period: its class, the bits the figures need
 * (an order signed in the period: from the period's orders, one set)
 * (kpi_class below), summed up in C; one integer a row keeps SQLite's
 * share small on a large period. Visits as of ?2: the walk-in filing, the
 * first two reception follow-ups (visit1_at, visit2_at: enough for "at
 * least one" and "at least two"), walk-in cards merged into the card (the
 * survivors with one, and with two or more, are few: two sets built once);
 * the test drive from the first follow-up with one, or the card's flag
 * when no follow-up has it. Age by the filing date against ?12..?15, the
 * dates 15, 30, 60 and 90 days before the as-of date. */
#define MERGED_WALKINS(n)                                                                    \
	" + (c.id IN (SELECT mc.merged_into FROM cards mc WHERE mc.merged_into IS NOT NULL"  \
	"   AND mc.channel = 'walkin' AND mc.filed_at <= ?2 GROUP BY mc.merged_into"         \
	"   HAVING count(*) >= " n "))"
static const char CARDS_SQL[] =
	"SELECT (c.filed_at >= ?1)"
	" | ((c.channel <> 'walkin') << 1)"
	" | (min(2, (c.channel = 'walkin') + coalesce(c.visit1_at <= ?2, 0)"
	"   + coalesce(c.visit2_at <= ?2, 0)" MERGED_WALKINS("1") MERGED_WALKINS("2") ") << 2)"
	" | ((coalesce(c.drive_at <= ?2, 0) OR (c.step_test_drive = 1 AND c.drive_at IS NULL)) << 4)"
	" | (coalesce(c.sold_at <= ?2, 0) << 5)"
	" | (coalesce(c.lost_at <= ?2, 0) << 6)"
	" | ((CASE WHEN c.filed_at >= ?12 THEN 0 WHEN c.filed_at >= ?13 THEN 1"
	"   WHEN c.filed_at >= ?14 THEN 2 WHEN c.filed_at >= ?15 THEN 3 ELSE 4 END) << 7)"
	" | ((c.id IN (SELECT o.card_id FROM orders o WHERE o.ordered_at >= ?1"
	"   AND o.ordered_at <= ?2)) << 10)"
	" FROM cards c WHERE" BASE_CARDS;

enum {
	C_BASE, C_NEW, C_VISITED, C_NEW_VISITED, C_REMOTE, C_REMOTE_VISITED, C_NEW_REMOTE,
	C_NEW_REMOTE_VISITED, C_RETURNED, C_NEW_RETURNED, C_DROVE, C_NEW_DROVE, C_ORDERED,
	C_SOLD, C_LOST, C_FOLLOWING, C_AGE0, C_AGE16, C_AGE31, C_AGE61, C_AGE91, C_N
};

void sr_report_bind(sqlite3_stmt *st, const struct sr_report_args *a)
{
	sqlite3_bind_text(st, 1, a->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, a->as_of, -1, SQLITE_STATIC);
	if (a->owner_id)
		sqlite3_bind_int64(st, 3, a->owner_id);
	if (a->team)
		sqlite3_bind_text(st, 4, a->team, -1, SQLITE_STATIC);
	if (a->channel)
		sqlite3_bind_text(st, 5, a->channel, -1, SQLITE_STATIC);
	if (a->source_id)
		sqlite3_bind_int64(st, 6, a->source_id);
	if (a->model_id)
		sqlite3_bind_int64(st, 7, a->model_id);
	if (a->type)
		sqlite3_bind_text(st, 8, a->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, a->as_of_date, -1, SQLITE_STATIC);
	/* Reports' own parameters; a statement without them ignores them. */
	if (a->by)
		sqlite3_bind_text(st, 10, a->by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, a->from_date, -1, SQLITE_STATIC);
}

static void cards_figures(const int64_t *n, sr_kpi *k)
{
	k->base = (double)n[C_BASE];
	k->new_cards = (double)n[C_NEW];
	k->stock_start = (double)(n[C_BASE] - n[C_NEW]);
	k->overall_visit_rate = ratio(n[C_VISITED], n[C_BASE]);
	k->new_overall_visit_rate = ratio(n[C_NEW_VISITED], n[C_NEW]);
	k->first_visit_rate = ratio(n[C_REMOTE_VISITED], n[C_REMOTE]);
	k->new_first_visit_rate = ratio(n[C_NEW_REMOTE_VISITED], n[C_NEW_REMOTE]);
	k->return_visit_rate = ratio(n[C_RETURNED], n[C_VISITED]);
	k->new_return_visit_rate = ratio(n[C_NEW_RETURNED], n[C_NEW_VISITED]);
	k->test_drive_rate = ratio(n[C_DROVE], n[C_BASE]);
	k->new_test_drive_rate = ratio(n[C_NEW_DROVE], n[C_NEW]);
	k->order_conversion = ratio(n[C_ORDERED], n[C_BASE]);
	k->sales_conversion = ratio(n[C_SOLD], n[C_BASE]);
	k->loss_rate = ratio(n[C_LOST], n[C_BASE]);
	k->sold = (double)n[C_SOLD];
	k->lost = (double)n[C_LOST];
	k->stock_end = (double)n[C_FOLLOWING];
	k->age_0_15 = (double)n[C_AGE0];
	k->age_16_30 = (double)n[C_AGE16];
	k->age_31_60 = (double)n[C_AGE31];
	k->age_61_90 = (double)n[C_AGE61];
	k->age_over_90 = (double)n[C_AGE91];
}

/* The age bands' first filing dates, 15, 30, 60 and 90 days before the
 * as-of date, as ?12..?15 (after sr_report_bind's ?1..?11). */
static void bind_ages(sqlite3_stmt *st, const struct sr_report_args *a)
{
	static const int ages[4] = {15, 30, 60, 90};
	sr_date as_of;
	if (!sr_date_parse(a->as_of_date, &as_of))
		return; /* set by sr_report_resolve: cannot fail */
	for (int i = 0; i < 4; i++) {
		char day[SR_DATE_LEN];
		sr_date_format(as_of - ages[i], day);
		sqlite3_bind_text(st, 12 + i, day, -1, SQLITE_TRANSIENT);
	}
}

/* Count one card of the period by its class (CARDS_SQL). */
static void kpi_class(int64_t *n, int k)
{
	bool fresh = k & 1, remote = k >> 1 & 1, drove = k >> 4 & 1;
	bool sold = k >> 5 & 1, lost = k >> 6 & 1, following = !sold && !lost;
	int visits = k >> 2 & 3, age = k >> 7 & 7;
	n[C_BASE]++;
	n[C_NEW] += fresh;
	n[C_VISITED] += visits >= 1;
	n[C_NEW_VISITED] += fresh && visits >= 1;
	n[C_REMOTE] += remote;
	n[C_REMOTE_VISITED] += remote && visits >= 1;
	n[C_NEW_REMOTE] += fresh && remote;
	n[C_NEW_REMOTE_VISITED] += fresh && remote && visits >= 1;
	n[C_RETURNED] += visits >= 2;
	n[C_NEW_RETURNED] += fresh && visits >= 2;
	n[C_DROVE] += drove;
	n[C_NEW_DROVE] += fresh && drove;
	n[C_ORDERED] += k >> 10 & 1;
	n[C_SOLD] += sold;
	n[C_LOST] += lost;
	n[C_FOLLOWING] += following;
	if (following && age <= 4)
		n[C_AGE0 + age]++;
}

static sr_status kpi_cards(sr_db *db, const struct sr_report_args *a, sr_kpi *k)
{
	sqlite3_stmt *st = sr_stmt(db, CARDS_SQL);
	if (!st)
		return SR_IO;
	sr_report_bind(st, a);
	bind_ages(st, a);
	int64_t n[C_N] = {0};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		kpi_class(n, sqlite3_column_int(st, 0));
	sr_stmt_done(st);
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, "card figures");
	cards_figures(n, k);
	return SR_OK;
}

sr_status sr_kpi_compute(sr_db *db, const sr_kpi_query *q, sr_kpi *out)
{
	static const sr_kpi_query none;
	struct sr_report_args a;
	sr_status st = sr_perm_require(db, SR_ACT_REPORT);
	if (st != SR_OK)
		return st;
	if (!q)
		q = &none;
	memset(&a, 0, sizeof a);
	memset(out, 0, sizeof *out);
	if ((st = sr_report_resolve(db, q, &a, out)) != SR_OK)
		return st;
	if ((st = kpi_traffic(db, &a, out)) != SR_OK)
		return st;
	return kpi_cards(db, &a, out);
}

const char *sr_kpi_hot_sql(const char *name)
{
	return !strcmp(name, "cards") ? CARDS_SQL : !strcmp(name, "traffic") ? TRAFFIC_SQL : NULL;
}
