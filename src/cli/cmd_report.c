/* cmd_report.c — report NAME: the figures managers live by.
 *
 * `report kpi` is the key management report (关键管理报表): every figure of
 * sr_kpi_compute in the order of its name table. On a terminal a table of
 * metric, Chinese label and value (rates as percentages); with --csv rows
 * "metric,value" with rates as decimals (0.625), as CLI.md fixes. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

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

static const char *fmt_value(char *buf, size_t len, sr_kpi_kind kind, double v, bool csv)
{
	switch (kind) {
	case SR_KPI_COUNT:
		snprintf(buf, len, "%.0f", v);
		return buf;
	case SR_KPI_RATE:
		if (csv)
			return fmt_decimal(buf, len, v);
		snprintf(buf, len, "%.1f%%", v * 100.0);
		return buf;
	case SR_KPI_AVERAGE:
		if (csv)
			return fmt_decimal(buf, len, v);
		snprintf(buf, len, "%.1f", v);
		return buf;
	}
	return "";
}

static const struct cli_col kpi_cols[] = {
	{ "metric", 0 }, { "label", 0 }, { "value", CLI_RIGHT },
};
static const struct cli_col kpi_csv_cols[] = {
	{ "metric", 0 }, { "value", 0 },
};

static void kpi_print(struct cli_ctx *c, const sr_kpi *k)
{
	struct cli_table t;
	if (c->csv)
		cli_table_init(&t, c, kpi_csv_cols, 2);
	else {
		fprintf(c->out, _("Key management report %s to %s, as of %s (%d days)\n"), k->from,
		        k->to, k->as_of, k->days);
		cli_table_init(&t, c, kpi_cols, 3);
	}
	for (int i = 0; i < SR_KPI_N; i++) {
		sr_kpi_metric m = (sr_kpi_metric)i;
		char val[48];
		fmt_value(val, sizeof val, sr_kpi_metric_kind(m), sr_kpi_value(k, m), c->csv);
		if (c->csv) {
			const char *row[2] = { sr_kpi_name(m), val };
			cli_table_row(&t, row);
		} else {
			const char *row[3] = { sr_kpi_name(m), sr_kpi_label(m), val };
			cli_table_row(&t, row);
		}
	}
	cli_table_print(&t, true);
}

static sr_status report_kpi(struct cli_ctx *c, int argc, char **argv)
{
	sr_kpi_query q = { 0 };
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{ "from", CLI_STR, &q.from },
		{ "to", CLI_STR, &q.to },
		{ "as-of", CLI_STR, &q.as_of },
		{ "consultant", CLI_STR, &q.consultant },
		{ "team", CLI_STR, &q.team },
		{ "channel", CLI_STR, &q.channel },
		{ "source", CLI_STR, &q.source },
		{ "model", CLI_STR, &q.model },
		{ "type", CLI_STR, &q.customer_type },
		{ "format", CLI_STR, &format },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("only options")))
		return SR_USAGE;
	if (format && !strcmp(format, "csv"))
		c->csv = true;
	else if (format && strcmp(format, "table") != 0)
		return cli_usage(c, _("--format %s: expected table or csv (xlsx is not available "
		                      "yet)"),
		                 format);
	sr_date d;
	if (q.from && !cli_date(c, "--from", q.from, &d))
		return SR_BADINPUT;
	if (q.to && !cli_date(c, "--to", q.to, &d))
		return SR_BADINPUT;
	/* --to alone: the month of that day up to it. */
	char from[SR_DATE_LEN];
	if (q.to && !q.from) {
		int y, m, day;
		sr_date_to_civil(d, &y, &m, &day);
		sr_date_format(d - (day - 1), from);
		q.from = from;
	}
	sr_kpi k;
	sr_status st = sr_kpi_compute(c->db, &q, &k);
	if (st != SR_OK)
		return cli_fail(c, st);
	kpi_print(c, &k);
	return SR_OK;
}

static const struct {
	const char *name;
	cli_fn fn;
} reports[] = {
	{ "kpi", report_kpi },
};

static char report_cmd[80];

static sr_status cmd_report(struct cli_ctx *c, int argc, char **argv)
{
	const char *available = "kpi";
	if (argc < 1 || argv[0][0] == '-')
		return cli_usage(c, _("name a report; available: %s"), available);
	snprintf(report_cmd, sizeof report_cmd, "report %s", argv[0]);
	c->cmd = report_cmd;
	for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++)
		if (!strcmp(argv[0], reports[i].name))
			return reports[i].fn(c, argc - 1, argv + 1);
	return cli_usage(c, _("not available yet; available: %s"), available);
}

const struct cli_cmd cli_report_top[] = {
	{ "report", cmd_report, N_("figures for a period (report kpi: the key management report)"),
	  "kpi [--from DATE] [--to DATE] [FILTERS] [--format table|csv]",
	  N_("  --from DATE        first day (default the 1st of this month)\n"
	     "  --to DATE          last day, inclusive (default today)\n"
	     "  --as-of TIME       take the figures as of this time (default the end of\n"
	     "                     --to or now, whichever is earlier)\n"
	     "  --consultant LOGIN cards owned by, and traffic received by, this user\n"
	     "  --team TEAM        showroom or dcc\n"
	     "  --channel C        filing channel: walkin, phone or outreach\n"
	     "  --source S         media source\n"
	     "  --model M          model of interest\n"
	     "  --type T           retail (default), wholesale or all\n"
	     "  --format F         table or csv (--csv: rows metric,value, rates as decimals)\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
