/* report.c — the reports as titled tables: the table of reports, running
 * one, the cells, and their text for people and for CSV.
 *
 * Each report lives in a report_*.c file as one function that sets its
 * columns and fills its rows, mostly from one SQL statement through
 * sr_report_sql; this file knows them only by the table below. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

/* own: the report is about one's own work, so a user who reads only their
 * own figures (scope own) may run it; the sources' costs are the store's,
 * and the DCC report is the DCC's. */
static const struct report_def {
	const char *name;
	const char *title;  /* N_(): translated where it is shown */
	const char *about;  /* N_(): what it counts, in one sentence */
	const char *by;     /* the groupings it takes, the default first */
	bool own;
	sr_report_fn fn;
	const char *sheet;  /* N_(): a workbook sheet's name when the title is too long */
} reports[] = {
	{ "kpi", N_("Key management report"),
	  N_("The period's traffic and prospects (at its start + new cards); sold counts every "
	     "card sold in the period, older ones too (the funnel: only new cards)"),
	  "", true, sr_report_kpi, NULL },
	{ "collection", N_("Lead collection progress"),
	  N_("Traffic received and cards filed by each consultant, against the monthly targets"),
	  "consultant,day", true, sr_report_collection, NULL },
	{ "followup", N_("Follow-up effectiveness"),
	  N_("Prospects (at the period's start + new cards) that visited, came back and "
	     "test-drove"),
	  "consultant,channel,source,model,level", true, sr_report_followup, NULL },
	{ "order-conversion", N_("Order conversion"),
	  N_("Prospects that signed an order in the period, and the new cards that did"),
	  "consultant,channel,source,model,level", true, sr_report_orders, NULL },
	{ "sales-conversion", N_("Sales conversion"),
	  N_("Prospects sold in the period, and the new cards that were"),
	  "consultant,channel,source,model,level", true, sr_report_sales, NULL },
	{ "loss", N_("Loss reasons"),
	  N_("Cards lost in the period (confirmed): by reason, consultant, model and competitor"),
	  "", true, sr_report_loss, NULL },
	{ "structure", N_("Customer structure"),
	  N_("Cards following at the as-of time: by level, status, card age, channel, source, "
	     "model"),
	  "", true, sr_report_structure, NULL },
	{ "traffic", N_("Showroom traffic by hour and weekday"),
	  N_("The period's walk-in batches and valid calls, by hour of day and by weekday"),
	  "", true, sr_report_traffic, N_("Traffic by hour and weekday") },
	{ "daily", N_("Consultants' daily work"),
	  N_("Each consultant's day: traffic received, cards filed, follow-ups, visits, test "
	     "drives, orders, deliveries"),
	  "", true, sr_report_daily, NULL },
	{ "sources", N_("Media sources by month"),
	  N_("Each media source month by month: calls, cards, visits, orders, sales, their "
	     "changes and cost"),
	  "", false, sr_report_sources, NULL },
	{ "funnel", N_("Sales funnel"),
	  N_("The period's new cards from traffic to sold; sold counts new cards only (the key "
	     "management report also counts older prospects)"),
	  "", true, sr_report_funnel, NULL },
	{ "trend", N_("Month-by-month trend"),
	  N_("Traffic, new cards, orders, sales and losses per month; a period within one month "
	     "shows the twelve months up to it"),
	  "", true, sr_report_trend, NULL },
	{ "dcc", N_("DCC calls, appointments and results"),
	  N_("The DCC callers' leads, calls and appointments, and the visits, orders, sales and "
	     "losses that followed"),
	  "caller,channel,source", false, sr_report_dcc, N_("DCC calls and appointments") },
};

#define NREPORTS (sizeof reports / sizeof reports[0])

void sr_report_each(int (*fn)(void *ctx, const sr_report_info *info), void *ctx)
{
	for (size_t i = 0; i < NREPORTS; i++) {
		sr_report_info info = { reports[i].name, _(reports[i].title), _(reports[i].about),
		                        reports[i].by };
		if (fn(ctx, &info))
			return;
	}
}

static const struct report_def *find_report(const char *name)
{
	for (size_t i = 0; name && i < NREPORTS; i++)
		if (!strcmp(name, reports[i].name))
			return &reports[i];
	return NULL;
}

/* A user who reads only their own figures reads only the reports of
 * one's own work. */
static bool may_run(const sr_db *db, const struct report_def *def)
{
	return sr_perm_allows(db->actor_role, SR_ACT_REPORT) &&
	       (def->own || sr_perm_scope(db->actor_role) != SR_SCOPE_OWN);
}

bool sr_report_may(sr_db *db, const char *name)
{
	const struct report_def *def = find_report(name);
	return db->actor_id && def && may_run(db, def);
}

const char *sr_report_sheet(const sr_report *r)
{
	const struct report_def *def = find_report(r->name);
	return def && def->sheet ? _(def->sheet) : r->title;
}

const char *sr_report_names(void)
{
	static char names[256];
	if (!names[0]) {
		for (size_t i = 0; i < NREPORTS; i++) {
			if (i)
				strcat(names, ", ");
			strcat(names, reports[i].name);
		}
	}
	return names;
}

/* ---- building ---------------------------------------------------------------- */

/* The report's own copy of its columns, labels translated. */
static sr_status set_columns(sr_db *db, sr_report *r, const sr_report_col *cols, size_t n)
{
	sr_report_col *c = calloc(n, sizeof *c);
	if (!c)
		return sr_fail(db, SR_IO, _("out of memory"));
	for (size_t i = 0; i < n; i++) {
		c[i] = cols[i];
		c[i].label = _(cols[i].label);
	}
	r->cols = c;
	r->ncols = n;
	return SR_OK;
}

sr_status sr_report_columns(sr_db *db, sr_report *r, const sr_report_col *cols, size_t n)
{
	return set_columns(db, r, cols, n);
}

sr_cell *sr_report_row(sr_db *db, sr_report *r)
{
	if (r->nrows == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		sr_cell *cells = realloc(r->cells, cap * r->ncols * sizeof *cells);
		if (!cells) {
			sr_fail(db, SR_IO, _("out of memory"));
			return NULL;
		}
		r->cells = cells;
		r->cap = cap;
	}
	sr_cell *row = r->cells + r->nrows * r->ncols;
	memset(row, 0, r->ncols * sizeof *row);
	for (size_t i = 0; i < r->ncols; i++)
		row[i].kind = r->cols[i].kind;
	r->nrows++;
	return row;
}

sr_status sr_report_set_text(sr_db *db, sr_cell *cell, const char *text)
{
	free(cell->text);
	cell->text = strdup(text ? text : "");
	if (!cell->text)
		return sr_fail(db, SR_IO, _("out of memory"));
	cell->kind = SR_CELL_TEXT;
	cell->empty = false;
	return SR_OK;
}

static sr_status fill_row(sr_db *db, sr_report *r, sqlite3_stmt *st)
{
	sr_cell *row = sr_report_row(db, r);
	if (!row)
		return SR_IO;
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n && (size_t)i < r->ncols; i++) {
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			row[i].empty = true;
		else if (row[i].kind == SR_CELL_TEXT) {
			if (sr_report_set_text(db, &row[i], (const char *)sqlite3_column_text(st, i)))
				return SR_IO;
		} else
			row[i].num = sqlite3_column_double(st, i);
	}
	return SR_OK;
}

sr_status sr_report_sql(sr_db *db, sr_report *r, const char *sql, const struct sr_report_args *a)
{
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (!st)
		return SR_IO;
	sr_report_bind(st, a);
	sr_status res = SR_OK;
	int rc;
	while (res == SR_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		res = fill_row(db, r, st);
	if (res == SR_OK && rc != SQLITE_DONE)
		res = sr_sqlite_fail(db, rc, r->name);
	sr_stmt_done(st);
	return res;
}

/* ---- running ----------------------------------------------------------------- */

/* by among the comma-separated choices (NULL: the first); the choice, as
 * static text, or NULL when it is not one of them. */
static const char *pick_by(const char *choices, const char *by, char *out, size_t len)
{
	const char *p = choices;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (!by || (strlen(by) == n && !strncmp(p, by, n))) {
			if (n >= len)
				return NULL;
			memcpy(out, p, n);
			out[n] = '\0';
			return out;
		}
		p += n + (p[n] == ',');
	}
	return NULL;
}

sr_status sr_report_run(sr_db *db, const char *name, const sr_report_query *q, sr_report *out)
{
	static const sr_report_query none;
	memset(out, 0, sizeof *out);
	sr_status st = sr_perm_require(db, SR_ACT_REPORT);
	if (st != SR_OK)
		return st;
	if (!q)
		q = &none;
	const struct report_def *def = find_report(name);
	if (!def)
		return sr_fail(db, SR_NOTFOUND, _("no report '%s'; the reports are: %s"),
		               name ? name : "", sr_report_names());
	if (!may_run(db, def))
		return sr_fail(db, SR_PERM,
		               _("permission denied: a %s reads the reports of their own work, "
		                 "not %s"),
		               _(sr_role_name(db->actor_role)), _(def->title));
	out->name = def->name;
	out->title = _(def->title);
	out->about = _(def->about);
	struct sr_report_args a;
	memset(&a, 0, sizeof a);
	if (*def->by) {
		if (!pick_by(def->by, q->by, out->by, sizeof out->by))
			return sr_fail(db, SR_BADINPUT, _("report %s by '%s': expected one of %s"),
			               def->name, q->by, def->by);
		a.by = out->by;
	} else if (q->by)
		return sr_fail(db, SR_BADINPUT, _("report %s has no grouping (by)"), def->name);
	sr_kpi period;
	memset(&period, 0, sizeof period);
	if ((st = sr_report_resolve(db, &q->period, &a, &period)) != SR_OK)
		return st;
	memcpy(out->from, period.from, sizeof out->from);
	memcpy(out->to, period.to, sizeof out->to);
	memcpy(out->as_of, period.as_of, sizeof out->as_of);
	out->days = period.days;
	sr_report_filters(db, &a, out);
	st = def->fn(db, &q->period, &a, out);
	if (st != SR_OK)
		sr_report_free(out);
	return st;
}

void sr_report_free(sr_report *r)
{
	for (size_t i = 0; i < r->nrows * r->ncols; i++) {
		free(r->cells[i].text);
		free(r->cells[i].shown);
	}
	free(r->cells);
	free((void *)r->cols);
	r->cells = NULL;
	r->cols = NULL;
	r->nrows = r->ncols = r->cap = 0;
}

/* ---- reading ----------------------------------------------------------------- */

const sr_cell *sr_report_cell(const sr_report *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return &r->cells[row * r->ncols + col];
}

const char *sr_report_text(const sr_report *r, size_t row, size_t col)
{
	const sr_cell *c = sr_report_cell(r, row, col);
	return c && c->kind == SR_CELL_TEXT && c->text ? c->text : NULL;
}

double sr_report_num(const sr_report *r, size_t row, size_t col)
{
	const sr_cell *c = sr_report_cell(r, row, col);
	return c && c->kind != SR_CELL_TEXT && !c->empty ? c->num : 0.0;
}

int sr_report_col_index(const sr_report *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (!strcmp(r->cols[i].name, name))
			return (int)i;
	return -1;
}

/* A decimal without trailing zeros: 0.625, 0.3333, 1, 0. */
static const char *fmt_decimal(char *buf, size_t len, double v)
{
	snprintf(buf, len, "%.4f", v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (!strcmp(buf, "-0"))
		snprintf(buf, len, "0");
	return buf;
}

const char *sr_report_format(const sr_report *r, size_t row, size_t col, bool machine,
                             char *buf, size_t len)
{
	const sr_cell *c = sr_report_cell(r, row, col);
	buf[0] = '\0';
	if (!c || c->empty)
		return buf;
	switch (c->kind) {
	case SR_CELL_TEXT:
		if (!machine && c->shown)
			return c->shown;
		return c->text ? c->text : "";
	case SR_CELL_COUNT:
		snprintf(buf, len, "%.0f", c->num);
		break;
	case SR_CELL_RATE:
		if (machine)
			return fmt_decimal(buf, len, c->num);
		snprintf(buf, len, "%.1f%%", c->num * 100.0);
		break;
	case SR_CELL_MONEY:
		snprintf(buf, len, "%.2f", c->num);
		break;
	case SR_CELL_AVERAGE:
		if (machine)
			return fmt_decimal(buf, len, c->num);
		snprintf(buf, len, "%.1f", c->num);
		break;
	}
	return buf;
}

int sr_report_write_csv(const sr_report *r, FILE *out, bool bom)
{
	if (bom && sr_csv_bom(out) != 0)
		return -1;
	const char *fields[r->ncols ? r->ncols : 1];
	char bufs[r->ncols ? r->ncols : 1][48];
	size_t n = 0;
	for (size_t i = 0; i < r->ncols; i++)
		if (!r->cols[i].human)
			fields[n++] = r->cols[i].name;
	if (sr_csv_row(out, fields, n) != 0)
		return -1;
	for (size_t row = 0; row < r->nrows; row++) {
		n = 0;
		for (size_t i = 0; i < r->ncols; i++)
			if (!r->cols[i].human)
				fields[n++] = sr_report_format(r, row, i, true, bufs[i], sizeof bufs[i]);
		if (sr_csv_row(out, fields, n) != 0)
			return -1;
	}
	return 0;
}

/* ---- kpi: the figures of kpi.c as rows ---------------------------------------- */

static const sr_report_col kpi_cols[] = {
	{ "metric", N_("metric"), SR_CELL_TEXT, false, true },
	{ "label", N_("metric"), SR_CELL_TEXT, true, false },
	{ "value", N_("value"), SR_CELL_COUNT, false, false },
};

static const sr_cell_kind kpi_kinds[] = {
	[SR_KPI_COUNT] = SR_CELL_COUNT, [SR_KPI_RATE] = SR_CELL_RATE,
	[SR_KPI_AVERAGE] = SR_CELL_AVERAGE,
};

sr_status sr_report_kpi(sr_db *db, const sr_kpi_query *q, const struct sr_report_args *a,
                        sr_report *r)
{
	(void)a;
	sr_kpi k;
	sr_status st = sr_kpi_compute(db, q, &k);
	if (st == SR_OK)
		st = set_columns(db, r, kpi_cols, 3);
	for (int i = 0; st == SR_OK && i < SR_KPI_N; i++) {
		sr_kpi_metric m = (sr_kpi_metric)i;
		sr_cell *row = sr_report_row(db, r);
		if (!row)
			return SR_IO;
		if (sr_report_set_text(db, &row[0], sr_kpi_name(m)) ||
		    sr_report_set_text(db, &row[1], _(sr_kpi_label(m))))
			return SR_IO;
		row[2].kind = kpi_kinds[sr_kpi_metric_kind(m)];
		row[2].num = sr_kpi_value(&k, m);
	}
	return st;
}
