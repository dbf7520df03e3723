/* cmd_report.c — report NAME: every report of the core (report.h) for a
 * period and filters, and target set for the collection report.
 *
 * On a terminal a title line and a table fitted by display width (rates as
 * percentages); with --csv the CSV of sr_report_write_csv (machine names,
 * rates as decimals: `report kpi --csv` is the metric,value rows CLI.md
 * fixes); with --out FILE a CSV or xlsx file through sr_report_export,
 * which needs the export permission and is audited. `report all` runs
 * every report (one sheet each in a workbook). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The table people read: the title, what it counts and the filters, then
 * the columns people read (not the CSV-only ones), values in words. */
static void report_print(struct cli_ctx *c, const sr_report *r)
{
	fprintf(c->out, _("%s %s to %s, as of %s (%d days)\n"), r->title, r->from, r->to,
	        r->as_of, r->days);
	fprintf(c->out, "%s\n", r->about);
	if (r->filters[0])
		fprintf(c->out, "%s\n", r->filters);
	size_t n = 0, at[r->ncols ? r->ncols : 1];
	struct cli_col cols[r->ncols ? r->ncols : 1];
	for (size_t i = 0; i < r->ncols; i++) {
		if (r->cols[i].csv_only)
			continue;
		at[n] = i;
		cols[n].name = r->cols[i].label;
		cols[n++].flags = r->cols[i].kind == SR_CELL_TEXT ? 0 : CLI_RIGHT;
	}
	struct cli_table t;
	bool csv = c->csv;
	c->csv = false;
	cli_table_init(&t, c, cols, n);
	char bufs[n ? n : 1][48];
	const char *row[n ? n : 1];
	for (size_t y = 0; y < r->nrows; y++) {
		for (size_t i = 0; i < n; i++)
			row[i] = sr_report_format(r, y, at[i], false, bufs[i], sizeof bufs[i]);
		cli_table_row(&t, row);
	}
	cli_table_print(&t, true);
	c->csv = csv;
}

struct name_check {
	const char *name;
	bool found;
};

static int find_name(void *ctx, const sr_report_info *info)
{
	struct name_check *n = ctx;
	if (!strcmp(n->name, info->name))
		n->found = true;
	return n->found;
}

struct run_all {
	sr_db *db;
	const sr_report_query *q;
	sr_report *reports;
	size_t n;
	sr_status st;
};

/* `report all`: each report the user may read, with its default
 * grouping. */
static int run_one(void *ctx, const sr_report_info *info)
{
	struct run_all *a = ctx;
	if (!sr_report_may(a->db, info->name))
		return 0;
	sr_report_query q = *a->q;
	q.by = NULL;
	a->st = sr_report_run(a->db, info->name, &q, &a->reports[a->n]);
	if (a->st == SR_OK)
		a->n++;
	return a->st != SR_OK;
}

static int count_one(void *ctx, const sr_report_info *info)
{
	(void)info;
	(*(size_t *)ctx)++;
	return 0;
}

struct report_opts {
	const char *format, *out;
	bool bom;
};

/* Where the report goes: the format from --format, --csv, or the --out
 * file's extension. */
static sr_status pick_format(struct cli_ctx *c, struct report_opts *o, bool *xlsx)
{
	const char *ext = o->out ? strrchr(o->out, '.') : NULL;
	if (!o->format)
		o->format = o->out ? (ext && !strcmp(ext, ".xlsx") ? "xlsx" : "csv")
		                   : (c->csv ? "csv" : "table");
	*xlsx = !strcmp(o->format, "xlsx");
	if (!*xlsx && strcmp(o->format, "csv") && strcmp(o->format, "table"))
		return cli_usage(c, _("--format %s: expected table, csv or xlsx"), o->format);
	if (*xlsx && !o->out)
		return cli_usage(c, "%s", _("--format xlsx writes a file: add --out FILE"));
	if (o->out && !strcmp(o->format, "table"))
		return cli_usage(c, "%s", _("--out writes csv or xlsx, not a table"));
	if (!strcmp(o->format, "csv"))
		c->csv = true;
	return SR_OK;
}

static sr_status report_output(struct cli_ctx *c, const struct report_opts *o, bool xlsx,
                               sr_report *reports, size_t n)
{
	if (o->out) {
		const sr_report *list[n ? n : 1];
		size_t rows = 0;
		for (size_t i = 0; i < n; i++) {
			list[i] = &reports[i];
			rows += reports[i].nrows;
		}
		sr_status st = sr_report_export(c->db, list, n, xlsx ? SR_REPORT_XLSX : SR_REPORT_CSV,
		                                o->out, o->bom);
		if (st != SR_OK)
			return cli_fail(c, st);
		fprintf(c->out, P_("exported %zu row to %s\n", "exported %zu rows to %s\n", rows),
		        rows, o->out);
		return SR_OK;
	}
	for (size_t i = 0; i < n; i++) {
		if (c->csv) {
			if (i)
				fputs("\r\n", c->out);
			sr_report_write_csv(&reports[i], c->out, o->bom && i == 0);
		} else {
			if (i)
				fputc('\n', c->out);
			report_print(c, &reports[i]);
		}
	}
	return SR_OK;
}

static sr_status run_reports(struct cli_ctx *c, const char *name, const sr_report_query *q,
                             const struct report_opts *o, bool xlsx)
{
	size_t max = 0;
	sr_report_each(count_one, &max);
	sr_report *reports = calloc(max, sizeof *reports);
	if (!reports)
		return cli_error(c, SR_IO, "%s", _("out of memory"));
	struct run_all all = { c->db, q, reports, 0, SR_OK };
	if (!strcmp(name, "all"))
		sr_report_each(run_one, &all);
	else {
		all.st = sr_report_run(c->db, name, q, &reports[0]);
		all.n = all.st == SR_OK;
	}
	sr_status st = all.st != SR_OK ? cli_fail(c, all.st)
	                               : report_output(c, o, xlsx, reports, all.n);
	for (size_t i = 0; i < all.n; i++)
		sr_report_free(&reports[i]);
	free(reports);
	return st;
}

static sr_status cmd_report(struct cli_ctx *c, int argc, char **argv)
{
	sr_report_query q = { 0 };
	struct report_opts o = { 0 };
	sr_kpi_query *p = &q.period;
	const struct cli_opt opts[] = {
		{ "from", CLI_STR, &p->from },
		{ "to", CLI_STR, &p->to },
		{ "as-of", CLI_STR, &p->as_of },
		{ "consultant", CLI_STR, &p->consultant },
		{ "team", CLI_STR, &p->team },
		{ "channel", CLI_STR, &p->channel },
		{ "source", CLI_STR, &p->source },
		{ "model", CLI_STR, &p->model },
		{ "type", CLI_STR, &p->customer_type },
		{ "by", CLI_STR, &q.by },
		{ "format", CLI_STR, &o.format },
		{ "out", CLI_STR, &o.out },
		{ "bom", CLI_FLAG, &o.bom },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (npos < 0)
		return SR_USAGE;
	if (npos < 1)
		return cli_usage(c, _("name a report; available: %s"), sr_report_names());
	struct name_check nc = { argv[0], !strcmp(argv[0], "all") };
	sr_report_each(find_name, &nc);
	if (!nc.found)
		return cli_usage(c, _("unknown report '%s'; available: %s"), argv[0],
		                 sr_report_names());
	if (!cli_npos(c, npos, 1, 1, _("one report name")))
		return SR_USAGE;
	bool xlsx;
	sr_status st = pick_format(c, &o, &xlsx);
	if (st != SR_OK)
		return st;
	sr_date d;
	if (p->from && !cli_date(c, "--from", p->from, &d))
		return SR_BADINPUT;
	if (p->to && !cli_date(c, "--to", p->to, &d))
		return SR_BADINPUT;
	/* --to alone: the month of that day up to it. */
	char from[SR_DATE_LEN];
	if (p->to && !p->from) {
		int y, m, day;
		sr_date_to_civil(d, &y, &m, &day);
		sr_date_format(d - (day - 1), from);
		p->from = from;
	}
	return run_reports(c, argv[0], &q, &o, xlsx);
}

/* report list: the names and titles, for people and scripts. */
static int list_one(void *ctx, const sr_report_info *info)
{
	struct cli_table *t = ctx;
	const char *row[3] = { info->name, info->title, info->by };
	cli_table_row(t, row);
	return 0;
}

static sr_status cmd_report_list(struct cli_ctx *c)
{
	static const struct cli_col cols[] = { { "name", 0 }, { "title", 0 }, { "by", 0 } };
	struct cli_table t;
	cli_table_init(&t, c, cols, 3);
	sr_report_each(list_one, &t);
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status cmd_report_top(struct cli_ctx *c, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "list"))
		return cmd_report_list(c);
	static char report_cmd[80];
	if (argc >= 1 && argv[0][0] != '-') {
		snprintf(report_cmd, sizeof report_cmd, "report %s", argv[0]);
		c->cmd = report_cmd;
	}
	return cmd_report(c, argc, argv);
}

/* --- targets ----------------------------------------------------------------------- */

static sr_status cmd_target_set(struct cli_ctx *c, int argc, char **argv)
{
	const char *month = NULL;
	int traffic = SR_TARGET_KEEP, cards = SR_TARGET_KEEP;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "month", CLI_STR, &month },
		{ "traffic", CLI_INT, &traffic },
		{ "cards", CLI_INT, &cards },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the consultant's login")))
		return SR_USAGE;
	if (!cli_need(c, "--month", month))
		return SR_USAGE;
	sr_status st = sr_target_set(c->db, argv[0], month, version, traffic, cards);
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

static const struct cli_col target_cols[] = {
	{ "month", 0 },          { "login", 0 }, { "name", 0 }, { "traffic", CLI_RIGHT },
	{ "cards", CLI_RIGHT },  { "version", CLI_RIGHT },
};
enum { TARGET_NCOLS = sizeof target_cols / sizeof target_cols[0] };

static int target_row(void *ctx, const sr_target *g)
{
	struct cli_table *t = ctx;
	char traffic[24], cards[24], version[24];
	const char *row[TARGET_NCOLS] = {
		g->month, g->login, g->name, cli_fmt_int(traffic, g->traffic),
		cli_fmt_int(cards, g->cards), cli_fmt_int(version, g->version),
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status cmd_target_list(struct cli_ctx *c, int argc, char **argv)
{
	const char *month = NULL;
	const struct cli_opt opts[] = {
		{ "month", CLI_STR, &month },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, target_cols, TARGET_NCOLS);
	sr_status st = sr_target_each(c->db, month, target_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static const struct cli_cmd target_sub[] = {
	{ "set", cmd_target_set, N_("set a consultant's monthly targets (collection report)"),
	  "LOGIN --month YYYY-MM [--traffic N] [--cards N] [--version N]",
	  N_("  --month YYYY-MM    the month\n"
	     "  --traffic N        showroom traffic to receive that month (default: as it was,\n"
	     "                     0 for a new target)\n"
	     "  --cards N          new cards to file that month (default: as it was)\n"
	     "  --version N        only if the target is still at this version (else exit 4;\n"
	     "                     a month without a target is at version 0)\n"),
	  0, NULL },
	{ "list", cmd_target_list, N_("list the monthly targets"), "[--month YYYY-MM]",
	  N_("  --month YYYY-MM    only this month (default every month)\n"), 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cli_cmd cli_report_top[] = {
	{ "report", cmd_report_top, N_("figures for a period: report list names every report"),
	  "NAME|all|list [--from DATE] [--to DATE] [FILTERS] [--by G] [--format table|csv|xlsx] "
	  "[--out FILE] [--bom]",
	  N_("  NAME               kpi, collection, followup, order-conversion,\n"
	     "                     sales-conversion, loss, structure, traffic, daily,\n"
	     "                     sources, funnel, trend, dcc; all: every report; list:\n"
	     "                     names and titles\n"
	     "  --from DATE        first day (default the 1st of this month)\n"
	     "  --to DATE          last day, inclusive (default today)\n"
	     "  --as-of TIME       take the figures as of this time (default the end of\n"
	     "                     --to or now, whichever is earlier)\n"
	     "  --consultant LOGIN cards owned by, and traffic received by, this user\n"
	     "  --team TEAM        showroom or dcc\n"
	     "  --channel C        filing channel: walkin, phone or outreach\n"
	     "  --source S         media source\n"
	     "  --model M          model of interest\n"
	     "  --type T           retail (default), wholesale or all\n"
	     "  --by G             grouping: collection by consultant or day; followup,\n"
	     "                     order-conversion, sales-conversion by consultant,\n"
	     "                     channel, source, model or level (at filing); dcc by\n"
	     "                     caller, channel or source\n"
	     "  --format F         table (default), csv (as --csv) or xlsx (needs --out)\n"
	     "  --out FILE         write csv or xlsx (by the extension) to FILE: needs the\n"
	     "                     export permission and is audited\n"
	     "  --bom              start CSV with a UTF-8 byte-order mark (Excel, WPS)\n"),
	  0, NULL },
	{ "target", NULL, N_("monthly targets per consultant"), "", NULL, 0, target_sub },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
