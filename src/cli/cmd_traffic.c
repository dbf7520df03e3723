/* cmd_traffic.c — traffic add | leave | list. */
#include <string.h>
#include "cli.h"

static sr_status traffic_add(struct cli_ctx *c, int argc, char **argv)
{
	sr_traffic_input in = { 0 };
	const char *kind = NULL;
	int persons = -1;
	const struct cli_opt opts[] = {
		{ "kind", CLI_STR, &kind },
		{ "at", CLI_STR, &in.at },
		{ "persons", CLI_INT, &persons },
		{ "consultant", CLI_STR, &in.consultant },
		{ "model", CLI_STR, &in.model },
		{ "source", CLI_STR, &in.source },
		{ "note", CLI_STR, &in.note },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("only options")) || !cli_need(c, "--kind", kind))
		return SR_USAGE;
	if (!sr_traffic_kind_parse(kind, &in.kind))
		return cli_bad(c, _("--kind: expected walkin or call, got '%s'"), kind);
	/* The core reads 0 as "not given"; said explicitly, it is wrong. */
	if (persons == 0)
		return cli_bad(c, "%s", _("--persons: a batch has at least 1 person"));
	in.persons = persons < 0 ? 0 : persons;
	int64_t id = 0;
	sr_status st = sr_traffic_add(c->db, &in, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static sr_status traffic_leave(struct cli_ctx *c, int argc, char **argv)
{
	const char *at = NULL;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "at", CLI_STR, &at },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	int64_t id;
	if (!cli_npos(c, npos, 1, 1, _("one traffic id")) || !cli_id(c, _("traffic"), argv[0], &id))
		return SR_USAGE;
	sr_status st = sr_traffic_leave_v(c->db, id, version, at);
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

static const struct cli_col traffic_cols[] = {
	{ "id", CLI_RIGHT }, { "kind", 0 },   { "time_in", 0 }, { "time_out", 0 },
	{ "persons", CLI_RIGHT }, { "consultant", 0 }, { "model", 0 }, { "source", 0 },
	{ "result", 0 },     { "card_id", CLI_RIGHT }, { "version", CLI_RIGHT },
};
enum { TRAFFIC_NCOLS = sizeof traffic_cols / sizeof traffic_cols[0] };

static int traffic_row(void *ctx, const sr_traffic *r)
{
	struct cli_table *t = ctx;
	char id[24], persons[24], card[24], version[24];
	const char *row[TRAFFIC_NCOLS] = {
		cli_fmt_int(id, r->id),       sr_traffic_kind_name(r->kind),
		r->time_in,                   r->time_out,
		cli_fmt_int(persons, r->persons), r->consultant_login,
		r->model,                     r->source,
		sr_traffic_result_name(r->result), cli_fmt_id(card, r->card_id),
		cli_fmt_int(version, r->version),
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status traffic_list(struct cli_ctx *c, int argc, char **argv)
{
	const char *from_text = NULL, *to_text = NULL;
	const struct cli_opt opts[] = {
		{ "from", CLI_STR, &from_text },
		{ "to", CLI_STR, &to_text },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("only options")))
		return SR_USAGE;
	sr_date today = sr_db_today(c->db), from = today, to = today;
	if (from_text && !cli_date(c, "--from", from_text, &from))
		return SR_BADINPUT;
	if (to_text && !cli_date(c, "--to", to_text, &to))
		return SR_BADINPUT;
	/* --from alone runs up to today; --to alone is that one day. */
	if (to_text && !from_text)
		from = to;
	if (to < from)
		return cli_bad(c, _("--to %s is before --from %s"), to_text ? to_text : _("(today)"),
		               from_text ? from_text : _("(today)"));
	struct cli_table t;
	cli_table_init(&t, c, traffic_cols, TRAFFIC_NCOLS);
	sr_status st = sr_traffic_each(c->db, from, to, traffic_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status traffic_link(struct cli_ctx *c, int argc, char **argv)
{
	int64_t id, card = 0, appt = 0;
	const struct cli_opt opts[] = {
		{ "card", CLI_ID, &card },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("one traffic id")) || !cli_id(c, _("traffic"), argv[0], &id))
		return SR_USAGE;
	if (!cli_need(c, "--card", card ? "" : NULL))
		return SR_USAGE;
	sr_status st = sr_appointment_arrival(c->db, id, card, &appt);
	if (st != SR_OK)
		return cli_fail(c, st);
	if (appt)
		cli_print_id(c, appt);
	return SR_OK;
}

static const struct cli_cmd traffic_cmds[] = {
	{ "add", traffic_add, N_("log a walk-in batch or a sales call and print its id"),
	  "--kind walkin|call [OPTIONS]",
	  N_("  --at TIME          time in (default now)\n"
	  "  --persons N        persons in the batch (default 1)\n"
	  "  --consultant LOGIN the consultant who received them\n"
	  "  --model M          model of interest\n"
	  "  --source S         media source\n"
	  "  --note TEXT        a note\n"),
	  0, NULL },
	{ "leave", traffic_leave, N_("record when a walk-in batch left"),
	  "ID [--at TIME] [--version N]",
	  N_("  --at TIME          time out (default now)\n"
	  "  --version N        only if the row is still at this version (else exit 4)\n"),
	  0, NULL },
	{ "link", traffic_link,
	  N_("link a walk-in row to the visitor's card; prints the appointment it shows, if any"),
	  "ID --card CARD", NULL, 0, NULL },
	{ "list", traffic_list, N_("list traffic rows (default today)"),
	  "[--from DATE] [--to DATE]",
	  N_("  --from DATE        first day (default today)\n"
	  "  --to DATE          last day (default today, or --to alone: that day)\n"
	  "Columns: id,kind,time_in,time_out,persons,consultant,model,source,result,card_id\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cli_cmd cli_traffic_top[] = {
	{ "traffic", NULL, N_("showroom traffic"), NULL, NULL, 0, traffic_cmds },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
