/* scr_report.c — reports (报表): the key management report (关键管理报表)
 * of this month first, every figure of SPEC §5 with the rates drawn as
 * bars; Tab and Shift-Tab go through the other reports the user may read
 * (report.h: a consultant reads those of their own work), each a table
 * with its main count drawn as bars (the funnel's steps, traffic by hour
 * and weekday, ...).
 *
 * Every page says what it counts (the core's one sentence) and the filters
 * applied, in the user's language; values are in words and people by name
 * (the core's shown text). Columns keep their full width, so no title is
 * cut: those that do not fit are reached with Left/Right (or h/l), the
 * first columns staying, and the header row marks the columns left out
 * on either side.
 *
 * [ and ] move the period, never past the current month or year; y
 * switches month and year and back to the month it came from. F opens the
 * filters (period, as-of time, people, channel, source, model, customer
 * type, grouping); E writes the report on screen to a file (the export
 * right).
 *
 * Figures over years of data take a moment, so another user's commit does
 * not recompute them at once: the screen says they changed, and recomputes
 * on Ctrl-L or after a minute. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chart.h"
#include "scr_report.h"
#include "table.h"

/* Recompute on another user's change at most this often. */
#define STALE_AFTER_S 60
#define BAR_W 20
/* Widest cells: text (a model, a source) and numbers. */
#define TEXT_MAX 32
#define NUM_MAX 14
#define MAX_VIEWS 32

enum period_kind { PERIOD_MONTH, PERIOD_YEAR, PERIOD_CUSTOM };

struct report_scr {
	enum period_kind kind;
	int year, month;            /* the month, or the year, on screen */
	int back_year, back_month;  /* the month y returns to from a year */
	char from[32], to[32];      /* room for any int year, to keep -Wformat-truncation quiet */
	struct report_filter f;     /* the filters of the form (F) */
	bool requery;               /* the filters changed: compute when back on top */
	bool stale;                 /* someone changed the data since */
	time_t computed;
	int64_t data_version;       /* the database as of the figures */
	/* views: the reports the user may read, the kpi first */
	int view, nviews;
	const char *names[MAX_VIEWS], *bys[MAX_VIEWS];
	sr_report rep;
	bool have_rep;
	struct table rt;
	struct table_col rcols[TABLE_MAX_COLS];
	int at[TABLE_MAX_COLS];     /* the report column of each table column */
	int bar_col;                /* the report column drawn as bars, -1 = none */
};

struct collect {
	struct app *a;
	struct report_scr *r;
};

/* The reports this user may read, in the core's order (kpi first). */
static int collect_name(void *ctx, const sr_report_info *info)
{
	struct collect *c = ctx;
	if (c->r->nviews < MAX_VIEWS && sr_report_may(c->a->db, info->name)) {
		c->r->names[c->r->nviews] = info->name;
		c->r->bys[c->r->nviews++] = info->by;
	}
	return 0;
}

/* ---- the table ------------------------------------------------------------------- */

/* The column to draw as bars: the first of these a report has. */
static int pick_bar_col(const sr_report *rep)
{
	static const char *const prefer[] = { "count", "traffic", "cards", "new_cards", "base", "calls", NULL };
	for (int i = 0; prefer[i]; i++) {
		int c = sr_report_col_index(rep, prefer[i]);
		if (c >= 0 && rep->cols[c].kind == SR_CELL_COUNT && !rep->cols[c].csv_only)
			return c;
	}
	return -1;
}

/* The columns people read (not the CSV-only ones); the leading text
 * columns (a name, a date and a name) stay when the others scroll. */
static int table_columns(struct report_scr *r, int *frozen)
{
	const sr_report *rep = &r->rep;
	int n = 0;
	bool lead = true;
	*frozen = 0;
	for (size_t c = 0; c < rep->ncols && n < TABLE_MAX_COLS - 1; c++) {
		if (rep->cols[c].csv_only)
			continue;
		bool text = rep->cols[c].kind == SR_CELL_TEXT;
		if (text && lead && *frozen < 2)
			(*frozen)++;
		else
			lead = false;
		r->rcols[n] = (struct table_col){ rep->cols[c].label, 4, text ? TEXT_MAX : NUM_MAX,
		                                  text ? 0 : TCOL_RIGHT };
		r->at[n++] = (int)c;
	}
	return n;
}

/* The bar of row i: a rate of the kpi as itself, a count against the
 * largest. */
static double bar_of(const struct report_scr *r, size_t i, double max)
{
	const sr_report *rep = &r->rep;
	if (!strcmp(rep->name, "kpi")) {
		const sr_cell *c = sr_report_cell(rep, i, (size_t)sr_report_col_index(rep, "value"));
		return c && c->kind == SR_CELL_RATE ? c->num : -1;
	}
	if (r->bar_col < 0)
		return -1;
	return max > 0 ? sr_report_num(rep, i, (size_t)r->bar_col) / max : 0;
}

static void fill_report_table(struct report_scr *r, bool same_view)
{
	const sr_report *rep = &r->rep;
	int frozen, sel = r->rt.sel, top = r->rt.top, left = r->rt.left;
	int n = table_columns(r, &frozen);
	r->bar_col = pick_bar_col(rep);
	bool bars = r->bar_col >= 0 || !strcmp(rep->name, "kpi");
	if (bars)
		r->rcols[n++] = (struct table_col){ "", BAR_W, BAR_W, TCOL_FILL };
	table_free(&r->rt);
	table_init(&r->rt, r->rcols, n, _("No rows for this period."));
	table_hscroll_on(&r->rt, frozen);
	if (same_view) {
		r->rt.sel = sel;
		r->rt.top = top;
		r->rt.left = left;
	}
	double max = 0;
	for (size_t i = 0; r->bar_col >= 0 && i < rep->nrows; i++)
		if (sr_report_num(rep, i, (size_t)r->bar_col) > max)
			max = sr_report_num(rep, i, (size_t)r->bar_col);
	for (size_t i = 0; i < rep->nrows; i++) {
		char buf[TABLE_MAX_COLS][64], bar[4 * BAR_W + 1] = "";
		const char *cells[TABLE_MAX_COLS];
		int k = 0;
		for (; k < n - (bars ? 1 : 0); k++)
			cells[k] = sr_report_format(rep, i, (size_t)r->at[k], false, buf[k], sizeof buf[k]);
		if (bars) {
			double f = bar_of(r, i, max);
			if (f >= 0)
				chart_hbar_text(f, BAR_W, bar, sizeof bar);
			cells[k++] = bar;
		}
		table_add(&r->rt, (int64_t)i + 1, TH_NORMAL, cells);
	}
}

/* ---- the period ------------------------------------------------------------------- */

static void period_dates(struct report_scr *r)
{
	int last = 31;
	if (r->kind == PERIOD_CUSTOM) {
		snprintf(r->from, sizeof r->from, "%s", r->f.from);
		snprintf(r->to, sizeof r->to, "%s", r->f.to);
		return;
	}
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

/* The grouping of the filters when the report on screen has it. */
static const char *view_by(const struct report_scr *r)
{
	const char *by = r->f.by, *p = r->bys[r->view];
	size_t n = strlen(by);
	if (!n)
		return NULL;
	while (*p) {
		size_t k = strcspn(p, ",");
		if (k == n && !strncmp(p, by, n))
			return by;
		p += k + (p[k] == ',');
	}
	return NULL;
}

static void compute(struct app *a, struct report_scr *r, bool same_view)
{
	period_dates(r);
	if (r->have_rep)
		sr_report_free(&r->rep);
	r->have_rep = false;
	sr_report_query q;
	report_filter_query(&r->f, r->from, r->to, &q);
	q.by = view_by(r);
	sr_status s = sr_report_run(a->db, r->names[r->view], &q, &r->rep);
	r->computed = time(NULL);
	r->data_version = sr_db_data_version(a->db);
	r->stale = r->requery = false;
	if (s != SR_OK) {
		table_clear(&r->rt);
		app_fail(a, s);
		return;
	}
	r->have_rep = true;
	fill_report_table(r, same_view);
}

/* Today's month as y * 12 + m, to compare periods with. */
static int this_month(struct app *a, int *year)
{
	int y, m, d;
	sr_date_to_civil(sr_db_today(a->db), &y, &m, &d);
	if (year)
		*year = y;
	return y * 12 + m;
}

/* A custom period moves by its own length. */
static bool move_custom(struct app *a, struct report_scr *r, int step)
{
	sr_date from, to;
	if (!sr_date_parse(r->f.from, &from) || !sr_date_parse(r->f.to, &to))
		return false;
	sr_date len = to - from + 1;
	if (step > 0 && from + len > sr_db_today(a->db))
		return false;
	sr_date_format(from + step * len, r->f.from);
	sr_date_format(to + step * len, r->f.to);
	return true;
}

/* One period earlier (step -1) or later (+1); false when later would be
 * after the current month or year: reports do not run into the future. */
static bool move_period(struct app *a, struct report_scr *r, int step)
{
	int year, now = this_month(a, &year);
	if (r->kind == PERIOD_CUSTOM)
		return move_custom(a, r, step);
	if (r->kind == PERIOD_YEAR) {
		if (r->year + step > year)
			return false;
		r->year += step;
		return true;
	}
	int at = r->year * 12 + r->month - 1 + step;
	if (at + 1 > now)
		return false;
	r->year = at / 12;
	r->month = at % 12 + 1;
	return true;
}

/* y: a month to its year, and a year back to the month it came from (the
 * same month of another year when the year was moved, never a month to
 * come); a period of one's own to the month it starts in. */
static void switch_kind(struct app *a, struct report_scr *r)
{
	int now = this_month(a, NULL);
	if (r->kind == PERIOD_MONTH) {
		r->back_year = r->year;
		r->back_month = r->month;
		r->kind = PERIOD_YEAR;
		return;
	}
	if (r->kind == PERIOD_CUSTOM) {
		sr_date from;
		int d;
		if (sr_date_parse(r->f.from, &from))
			sr_date_to_civil(from, &r->year, &r->back_month, &d);
		r->f.from[0] = r->f.to[0] = '\0';
	}
	r->kind = PERIOD_MONTH;
	r->month = r->back_month;
	if (r->year * 12 + r->month > now) {
		r->year = now / 12;
		r->month = now % 12;
		if (!r->month) {
			r->month = 12;
			r->year--;
		}
	}
}

/* ---- opening, reloading ------------------------------------------------------------ */

static void report_reload(struct app *a, void *st)
{
	struct report_scr *r = st;
	if (r->requery) {
		/* New filters: dates of one's own make the period, until y. */
		if (r->f.from[0])
			r->kind = PERIOD_CUSTOM;
		else if (r->kind == PERIOD_CUSTOM)
			r->kind = PERIOD_MONTH;
		compute(a, r, true);
	} else if (time(NULL) - r->computed >= STALE_AFTER_S)
		compute(a, r, true);
	else if (sr_db_data_version(a->db) != r->data_version)
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
	table_init(&r->rt, r->rcols, 0, "");
	struct collect c = { a, r };
	sr_report_each(collect_name, &c);
	int day;
	sr_date_to_civil(sr_db_today(a->db), &r->year, &r->month, &day);
	r->back_year = r->year;
	r->back_month = r->month;
	if (r->nviews)
		compute(a, r, false);
	if (!r->have_rep) {
		table_free(&r->rt);
		free(r);
		return NULL;
	}
	return r;
}

/* ---- drawing ----------------------------------------------------------------------- */

/* Bytes of the longest start of s that fits in w columns. */
static size_t fit_prefix(const char *s, int w)
{
	char buf[1024];
	size_t best = 0, i = 0;
	while (s[i] && i < sizeof buf - 8) {
		unsigned cp;
		size_t n = sr_utf8_decode(s + i, (size_t)-1, &cp);
		memcpy(buf, s, i + n);
		buf[i + n] = '\0';
		if (sr_text_width(buf) > w)
			break;
		i += n;
		best = i;
	}
	return best;
}

/* s in lines of w columns from (y, x), at most max lines: broken at a
 * space near the end of a line (English), else between any two
 * characters (Chinese). Returns the lines used. */
static int draw_wrapped(int y, int x, int w, enum theme_elem e, const char *s, int max)
{
	int lines = 0;
	while (*s && lines < max && w > 0) {
		size_t cut = fit_prefix(s, w);
		if (!cut)
			break;
		if (s[cut]) {
			size_t sp = cut;
			while (sp > 0 && s[sp] != ' ')
				sp--;
			char head[1024];
			snprintf(head, sizeof head, "%.*s", (int)sp, s);
			if (sp > 0 && sr_text_width(head) >= w - 16)
				cut = sp;
		}
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)cut, s);
		ui_text(y + lines++, x, w, e, line);
		s += cut;
		while (*s == ' ')
			s++;
	}
	return lines;
}

/* The title, the period and the as-of time; what the report counts; the
 * filters; whether the figures are stale. Returns the lines used. */
static int draw_head(const struct report_scr *r, const struct rect *rc)
{
	const sr_report *rep = &r->rep;
	int x = rc->x + 1, w = rc->w - 2, y = rc->y;
	char line[1024];
	snprintf(line, sizeof line, _("%s  %s to %s, as of %.16s"), rep->title, rep->from, rep->to,
	         rep->as_of);
	y += draw_wrapped(y, x, w, TH_HEADING, line, 2);
	if (rep->about)
		y += draw_wrapped(y, x, w, TH_DIM, rep->about, 3);
	if (rep->filters[0]) {
		snprintf(line, sizeof line, _("Filtered by %s"), rep->filters);
		y += draw_wrapped(y, x, w, TH_STATUS, line, 2);
	}
	if (r->stale)
		y += draw_wrapped(y, x, w, TH_DIM,
		                  _("Others have changed the data since: Ctrl-L recomputes."), 1);
	return y - rc->y;
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
	if (!r->have_rep) {
		struct rect tr = { rc->y, rc->x, rc->h, rc->w };
		table_draw(&r->rt, &tr, true);
		return;
	}
	int used = draw_head(r, rc);
	int below = draw_trend_lines(&r->rep, rc);
	if (!below)
		below = draw_traffic_charts(&r->rep, rc);
	struct rect tr = { rc->y + used, rc->x, rc->h - used - below, rc->w };
	table_draw(&r->rt, &tr, true);
}

/* ---- keys -------------------------------------------------------------------------- */

static void open_filters(struct app *a, struct report_scr *r)
{
	struct report_filter_arg arg = { &r->f, r->names[r->view], r->bys[r->view], r->from, r->to,
		                         &r->requery };
	app_push(a, &scr_report_filter, &arg);
}

static void open_export(struct app *a, struct report_scr *r)
{
	if (!sr_perm_allows(a->me.role, SR_ACT_EXPORT)) {
		app_err(a, _("permission denied: a %s may not %s"), sr_role_label(a->me.role),
		        _(sr_action_text(SR_ACT_EXPORT)));
		return;
	}
	if (r->have_rep)
		app_push(a, &scr_report_export, &r->rep);
}

static bool period_key(struct app *a, struct report_scr *r, enum action act)
{
	switch (act) {
	case ACT_PERIOD_PREV:
	case ACT_PERIOD_NEXT:
		if (!move_period(a, r, act == ACT_PERIOD_NEXT ? 1 : -1)) {
			app_err(a, "%s", _("This is the latest period: reports do not run into the future."));
			return true;
		}
		compute(a, r, true);
		return true;
	case ACT_PERIOD_KIND:
		switch_kind(a, r);
		compute(a, r, true);
		return true;
	default:
		return false;
	}
}

static bool report_key(struct app *a, void *st, const struct tui_key *k)
{
	struct report_scr *r = st;
	/* Before the table and the global keys: Left and h are theirs too. */
	if (keys_bound(ACT_COLS_LEFT, k->code) || keys_bound(ACT_COLS_RIGHT, k->code)) {
		table_hscroll(&r->rt, keys_bound(ACT_COLS_RIGHT, k->code) ? 1 : -1);
		return true;
	}
	if (table_key(&r->rt, k->act, NULL))
		return true;
	if (period_key(a, r, k->act))
		return true;
	switch (k->act) {
	case ACT_NEXT:
	case ACT_PREV:
		r->view = (r->view + (k->act == ACT_NEXT ? 1 : r->nviews - 1)) % r->nviews;
		compute(a, r, false);
		return true;
	case ACT_FILTER:
		open_filters(a, r);
		return true;
	case ACT_EXPORT:
		open_export(a, r);
		return true;
	case ACT_RELOAD:
		/* Here, not globally: the global reload only marks figures stale. */
		compute(a, r, true);
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
	table_free(&r->rt);
	if (r->have_rep)
		sr_report_free(&r->rep);
	free(r);
}

/* The most used first: the hint line shows what fits (at 80 columns the
 * columns to the right; the header row marks those to the left), the help
 * all. F9 still goes home; h scrolls the columns here. */
static const enum action report_keys[] = {
	ACT_NEXT, ACT_PERIOD_PREV, ACT_PERIOD_NEXT, ACT_PERIOD_KIND, ACT_FILTER, ACT_EXPORT,
	ACT_COLS_RIGHT, ACT_COLS_LEFT, ACT_RELOAD, ACT_SEARCH, ACT_QUIT, ACT_NONE,
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
