/* scr_report.c — reports (报表): the key management report (关键管理报表)
 * for a month or a year, every figure of SPEC §5 with the rates drawn as
 * bars; Tab and Shift-Tab go through the other reports (report.h), each a
 * table with its main count drawn as bars (the funnel's steps, traffic by
 * hour and weekday, ...). [ and ] move the period, y switches month and
 * year.
 *
 * Figures over years of data take a moment, so another user's commit does
 * not recompute them at once: the screen says they changed, and recomputes
 * on Ctrl-L or after a minute. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chart.h"
#include "screens.h"
#include "table.h"

/* Recompute on another user's change at most this often. */
#define STALE_AFTER_S 60
#define BAR_W 20

enum { K_LABEL, K_NAME, K_VALUE, K_BAR, K_NCOLS };

static const struct table_col kpi_cols[K_NCOLS] = {
	[K_LABEL] = { N_("Figure"), 8, 28, 0 },
	[K_NAME] = { N_("Key"), 6, 24, 0 },
	[K_VALUE] = { N_("Value"), 6, 10, TCOL_RIGHT },
	[K_BAR] = { "", BAR_W, BAR_W, TCOL_FILL },
};

enum period_kind { PERIOD_MONTH, PERIOD_YEAR };

struct report_scr {
	struct table t;
	enum period_kind kind;
	int year, month;
	char from[32], to[32]; /* room for any int year, to keep -Wformat-truncation quiet */
	sr_kpi k;
	bool have;             /* k holds figures for from..to */
	bool stale;            /* someone changed the data since */
	time_t computed;
	/* view 0 is the KPI; view i > 0 is names[i - 1] of the other reports */
	int view, nviews;
	const char *names[32];
	sr_report rep;
	bool have_rep;
	struct table rt;
	struct table_col rcols[TABLE_MAX_COLS];
	int bar_col;           /* the report column drawn as bars, -1 = none */
};

static int collect_name(void *ctx, const sr_report_info *info)
{
	struct report_scr *r = ctx;
	if (strcmp(info->name, "kpi") != 0 && r->nviews < 32)
		r->names[r->nviews++] = info->name;
	return 0;
}

/* The column to draw as bars: the first of these a report has. */
static int pick_bar_col(const sr_report *rep)
{
	static const char *const prefer[] = { "count", "traffic", "cards", "new_cards", "base", "calls", NULL };
	for (int i = 0; prefer[i]; i++) {
		int c = sr_report_col_index(rep, prefer[i]);
		if (c >= 0 && rep->cols[c].kind == SR_CELL_COUNT)
			return c;
	}
	return -1;
}

static void fill_report_table(struct report_scr *r)
{
	const sr_report *rep = &r->rep;
	int n = 0;
	for (size_t c = 0; c < rep->ncols && n < TABLE_MAX_COLS - 1; c++, n++) {
		bool text = rep->cols[c].kind == SR_CELL_TEXT;
		r->rcols[n] = (struct table_col){ rep->cols[c].label, 4, text ? 16 : 12,
		                                  text ? 0 : TCOL_RIGHT };
	}
	r->bar_col = pick_bar_col(rep);
	if (r->bar_col >= 0)
		r->rcols[n++] = (struct table_col){ "", BAR_W, BAR_W, TCOL_FILL };
	table_free(&r->rt);
	table_init(&r->rt, r->rcols, n, _("No rows for this period."));
	double max = 0;
	for (size_t i = 0; r->bar_col >= 0 && i < rep->nrows; i++)
		if (sr_report_num(rep, i, (size_t)r->bar_col) > max)
			max = sr_report_num(rep, i, (size_t)r->bar_col);
	for (size_t i = 0; i < rep->nrows; i++) {
		char buf[TABLE_MAX_COLS][64], bar[4 * BAR_W + 1] = "";
		const char *cells[TABLE_MAX_COLS];
		int k = 0;
		for (size_t c = 0; c < rep->ncols && k < TABLE_MAX_COLS - 1; c++, k++)
			cells[k] = sr_report_format(rep, i, c, false, buf[k], sizeof buf[k]);
		if (r->bar_col >= 0) {
			double v = sr_report_num(rep, i, (size_t)r->bar_col);
			chart_hbar_text(max > 0 ? v / max : 0, BAR_W, bar, sizeof bar);
			cells[k++] = bar;
		}
		table_add(&r->rt, (int64_t)i + 1, TH_NORMAL, cells);
	}
}

static sr_status compute_report(struct app *a, struct report_scr *r)
{
	if (r->have_rep)
		sr_report_free(&r->rep);
	r->have_rep = false;
	sr_report_query q = { .period = { .from = r->from, .to = r->to } };
	sr_status s = sr_report_run(a->db, r->names[r->view - 1], &q, &r->rep);
	if (s != SR_OK)
		return s;
	r->have_rep = true;
	fill_report_table(r);
	return SR_OK;
}

static void period_dates(struct report_scr *r)
{
	int last = 31;
	if (r->kind == PERIOD_YEAR) {
		snprintf(r->from, sizeof r->from, "%04d-01-01", r->year);
		snprintf(r->to, sizeof r->to, "%04d-12-31", r->year);
		return;
	}
	/* The last day of the month: the day before the next month's 1st. */
	int ny = r->month == 12 ? r->year + 1 : r->year, nm = r->month == 12 ? 1 : r->month + 1;
	sr_date next;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-01", ny, nm);
	if (sr_date_parse(buf, &next)) {
		int y, m;
		sr_date_to_civil(next - 1, &y, &m, &last);
	}
	snprintf(r->from, sizeof r->from, "%04d-%02d-01", r->year, r->month);
	snprintf(r->to, sizeof r->to, "%04d-%02d-%02d", r->year, r->month, last);
}

static void format_value(const sr_kpi *k, sr_kpi_metric m, char *out, size_t len)
{
	double v = sr_kpi_value(k, m);
	switch (sr_kpi_metric_kind(m)) {
	case SR_KPI_RATE: snprintf(out, len, "%.1f%%", v * 100); break;
	case SR_KPI_AVERAGE: snprintf(out, len, "%.1f", v); break;
	default: snprintf(out, len, "%.0f", v); break;
	}
}

static void fill_table(struct report_scr *r)
{
	table_clear(&r->t);
	for (int m = 0; m < SR_KPI_N; m++) {
		char value[32], bar[4 * BAR_W + 1] = "";
		format_value(&r->k, (sr_kpi_metric)m, value, sizeof value);
		if (sr_kpi_metric_kind((sr_kpi_metric)m) == SR_KPI_RATE)
			chart_hbar_text(sr_kpi_value(&r->k, (sr_kpi_metric)m), BAR_W, bar, sizeof bar);
		const char *cells[K_NCOLS] = {
			[K_LABEL] = _(sr_kpi_label((sr_kpi_metric)m)),
			[K_NAME] = sr_kpi_name((sr_kpi_metric)m),
			[K_VALUE] = value,
			[K_BAR] = bar,
		};
		table_add(&r->t, m + 1, TH_NORMAL, cells);
	}
}

static void compute(struct app *a, struct report_scr *r)
{
	period_dates(r);
	sr_kpi_query q = { .from = r->from, .to = r->to };
	int sel = r->t.sel;
	sr_status s = sr_kpi_compute(a->db, &q, &r->k);
	if (s == SR_OK && r->view > 0)
		s = compute_report(a, r);
	r->computed = time(NULL);
	r->stale = false;
	r->have = s == SR_OK;
	if (!r->have) {
		table_clear(&r->t);
		app_fail(a, s);
		return;
	}
	fill_table(r);
	r->t.sel = sel;
}

static void report_reload(struct app *a, void *st)
{
	struct report_scr *r = st;
	if (time(NULL) - r->computed >= STALE_AFTER_S)
		compute(a, r);
	else
		r->stale = true;
}

static void *report_open(struct app *a, const void *arg)
{
	(void)arg;
	if (!sr_perm_allows(a->me.role, SR_ACT_REPORT)) {
		app_err(a, _("permission denied: a %s may not read reports"),
		        sr_role_label(a->me.role));
		return NULL;
	}
	struct report_scr *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	table_init(&r->t, kpi_cols, K_NCOLS, _("No figures."));
	table_init(&r->rt, r->rcols, 0, "");
	sr_report_each(collect_name, r);
	int day;
	sr_date_to_civil(sr_db_today(a->db), &r->year, &r->month, &day);
	compute(a, r);
	if (!r->have) {
		table_free(&r->t);
		table_free(&r->rt);
		free(r);
		return NULL;
	}
	return r;
}

/* Under the trend report's table, a sparkline per figure across its
 * months, oldest first, with the first and last month's value: the shape
 * of the year at a glance. Returns the lines used (from the bottom of rc). */
static int draw_trend_lines(const sr_report *rep, const struct rect *rc)
{
	static const char *const series[] = { "new_cards", "orders", "sold" };
	enum { NS = sizeof series / sizeof *series, MAXM = 120 };
	if (strcmp(rep->name, "trend") != 0 || rep->nrows < 2 || rc->h < NS + 6)
		return 0;
	size_t n = rep->nrows < MAXM ? rep->nrows : MAXM, from = rep->nrows - n;
	for (int s = 0; s < NS; s++) {
		int col = sr_report_col_index(rep, series[s]);
		if (col < 0)
			continue;
		double v[MAXM];
		for (size_t i = 0; i < n; i++)
			v[i] = sr_report_num(rep, from + i, (size_t)col);
		char label[4 * 12 + 1], spark[3 * MAXM + 1], line[3 * MAXM + 200];
		sr_text_fit(rep->cols[col].label, 12, false, true, label, sizeof label);
		chart_spark_text(v, (int)n, spark, sizeof spark);
		snprintf(line, sizeof line, "%s %s  %s %.0f → %s %.0f", label, spark,
		         sr_report_text(rep, from, 0), v[0], sr_report_text(rep, from + n - 1, 0),
		         v[n - 1]);
		ui_text(rc->y + rc->h - NS + s, rc->x + 1, rc->w - 1, TH_NORMAL, line);
	}
	return NS + 1;
}

/* The traffic values of the report's rows of group g ("hour", "weekday"),
 * in row order, into v; their count. */
static int traffic_series(const sr_report *rep, const char *g, double *v, int max)
{
	int col = sr_report_col_index(rep, "traffic"), n = 0;
	for (size_t i = 0; col >= 0 && i < rep->nrows && n < max; i++)
		if (!strcmp(sr_report_text(rep, i, 0), g))
			v[n++] = sr_report_num(rep, i, (size_t)col);
	return n;
}

/* Under the traffic report's table, its two bar charts: traffic by hour of
 * day and by day of the week, side by side when the window is wide
 * enough. Returns the lines used (from the bottom of rc). */
static int draw_traffic_charts(const sr_report *rep, const struct rect *rc)
{
	enum { H = 9, HOUR_W = 24 * 3, DAY_W = 7 * 3 };
	/* Two columns each, under a bar two columns wide. */
	static const char *const days[7] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
	                                     N_("Fr"), N_("Sa"), N_("Su") };
	if (strcmp(rep->name, "traffic") != 0 || rc->h < H + 8 || rc->w < HOUR_W + 2)
		return 0;
	double hours[24], week[7];
	if (traffic_series(rep, "hour", hours, 24) != 24 || traffic_series(rep, "weekday", week, 7) != 7)
		return 0;
	char hl[24][4];
	const char *hlabels[24], *dlabels[7];
	for (int i = 0; i < 24; i++) {
		snprintf(hl[i], sizeof hl[i], "%02d", i);
		hlabels[i] = hl[i];
	}
	for (int i = 0; i < 7; i++)
		dlabels[i] = _(days[i]);
	int top = rc->y + rc->h - H;
	ui_text(top, rc->x + 1, HOUR_W, TH_HEADING, _("Traffic by hour of day"));
	struct rect hr = { top + 1, rc->x + 1, H - 1, HOUR_W };
	chart_vbars(&hr, hours, 24, 2, 1, hlabels, TH_NORMAL);
	if (rc->w >= HOUR_W + DAY_W + 5) {
		int x = rc->x + HOUR_W + 4;
		ui_text(top, x, DAY_W, TH_HEADING, _("by weekday"));
		struct rect dr = { top + 1, x, H - 1, DAY_W };
		chart_vbars(&dr, week, 7, 2, 1, dlabels, TH_NORMAL);
	}
	return H + 1;
}

static void report_draw(struct app *a, void *st, const struct rect *rc)
{
	(void)a;
	struct report_scr *r = st;
	char head[256];
	if (r->view > 0 && r->have_rep)
		snprintf(head, sizeof head, _("%s (%s) %s … %s (as of %.16s)   Tab: next report"),
		         r->rep.title, r->rep.name, r->rep.from, r->rep.to, r->rep.as_of);
	else
		snprintf(head, sizeof head, _("Key management report %s … %s (as of %.16s)"),
		         r->k.from, r->k.to, r->k.as_of);
	ui_text(rc->y, rc->x + 1, rc->w - 1, TH_HEADING, head);
	if (r->stale)
		ui_text(rc->y + 1, rc->x + 1, rc->w - 1, TH_DIM,
		        _("Others have changed the data since: Ctrl-L recomputes."));
	int below = 0;
	if (r->view > 0 && r->have_rep) {
		below = draw_trend_lines(&r->rep, rc);
		if (!below)
			below = draw_traffic_charts(&r->rep, rc);
	}
	struct rect tr = { rc->y + 2, rc->x, rc->h - 2 - below, rc->w };
	table_draw(r->view > 0 ? &r->rt : &r->t, &tr, true);
}

static void move_period(struct report_scr *r, int step)
{
	if (r->kind == PERIOD_YEAR) {
		r->year += step;
		return;
	}
	r->month += step;
	if (r->month < 1) {
		r->month = 12;
		r->year--;
	} else if (r->month > 12) {
		r->month = 1;
		r->year++;
	}
}

static bool report_key(struct app *a, void *st, const struct tui_key *k)
{
	struct report_scr *r = st;
	if (table_key(r->view > 0 ? &r->rt : &r->t, k->act, NULL))
		return true;
	switch (k->act) {
	case ACT_NEXT:
	case ACT_PREV:
		r->view = (r->view + (k->act == ACT_NEXT ? 1 : r->nviews)) % (r->nviews + 1);
		compute(a, r);
		return true;
	case ACT_PERIOD_PREV:
	case ACT_PERIOD_NEXT:
		move_period(r, k->act == ACT_PERIOD_NEXT ? 1 : -1);
		compute(a, r);
		return true;
	case ACT_PERIOD_KIND:
		r->kind = r->kind == PERIOD_MONTH ? PERIOD_YEAR : PERIOD_MONTH;
		compute(a, r);
		return true;
	case ACT_RELOAD:
		/* Here, not globally: the global reload only marks figures stale. */
		compute(a, r);
		a->redraw_all = true;
		return true;
	default:
		return false;
	}
}

static void report_close(struct app *a, void *st)
{
	(void)a;
	struct report_scr *r = st;
	table_free(&r->t);
	table_free(&r->rt);
	if (r->have_rep)
		sr_report_free(&r->rep);
	free(r);
}

static const enum action report_keys[] = {
	ACT_NEXT, ACT_PERIOD_PREV, ACT_PERIOD_NEXT, ACT_PERIOD_KIND, ACT_RELOAD, ACT_HOME, ACT_SEARCH,
	ACT_QUIT, ACT_NONE,
};

const struct screen_ops scr_report = {
	.title = N_("Reports"),
	.open = report_open,
	.draw = report_draw,
	.key = report_key,
	.reload = report_reload,
	.close = report_close,
	.keys = report_keys,
};
