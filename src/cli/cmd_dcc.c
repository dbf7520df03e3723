/* cmd_dcc.c — the DCC from the command line: dcc sweep, call, script,
 * complaint, campaign. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static sr_status done(struct cli_ctx *c, sr_status st)
{
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

static bool one_id(struct cli_ctx *c, int argc, char **argv, const struct cli_opt *opts,
                   const char *what, int64_t *id)
{
	int npos = cli_parse(c, argc, argv, opts);
	return cli_npos(c, npos, 1, 1, what) && cli_id(c, what, argv[0], id);
}

/* --- dcc sweep ------------------------------------------------------------------ */

static sr_status dcc_sweep(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	sr_dcc_sweep_result r;
	sr_status st = sr_dcc_sweep(c->db, &r);
	if (st != SR_OK)
		return cli_fail(c, st);
	char moved[24], missed[24];
	const char *keys[] = { "moved", "missed" };
	const char *vals[] = { cli_fmt_int(moved, r.moved), cli_fmt_int(missed, r.missed) };
	cli_kv_print(c, keys, vals, 2);
	return SR_OK;
}

/* --- call ----------------------------------------------------------------------- */

static sr_status call_add(struct cli_ctx *c, int argc, char **argv)
{
	sr_call_input in = { 0 };
	const char *result = NULL;
	const struct cli_opt opts[] = {
		{ "result", CLI_STR, &result },
		{ "start", CLI_STR, &in.start },
		{ "end", CLI_STR, &in.end },
		{ "script", CLI_ID, &in.script_id },
		{ "note", CLI_STR, &in.note },
		{ NULL, 0, NULL },
	};
	int64_t id = 0;
	if (!one_id(c, argc, argv, opts, _("card"), &in.card_id) ||
	    !cli_need(c, "--result", result))
		return SR_USAGE;
	if (!sr_call_result_parse(result, &in.result))
		return cli_bad(c, _("--result: expected reached, no-answer, wrong-number, call-back, "
		                    "appointment or not-interested, got '%s'"), result);
	sr_status st = sr_call_add(c->db, &in, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static const struct cli_col call_cols[] = {
	{ "id", CLI_RIGHT },    { "card_id", CLI_RIGHT }, { "name", 0 },   { "caller", 0 },
	{ "start", 0 },         { "end", 0 },             { "seconds", CLI_RIGHT },
	{ "result", 0 },        { "script_id", CLI_RIGHT }, { "note", 0 },
};
enum { CALL_NCOLS = sizeof call_cols / sizeof *call_cols };

static int call_row(void *ctx, const sr_call *k)
{
	struct cli_table *t = ctx;
	char id[24], card[24], secs[24], script[24];
	const char *row[CALL_NCOLS] = {
		cli_fmt_int(id, k->id),          cli_fmt_int(card, k->card_id), k->card_name,
		k->caller_login,                 k->started_at,                  k->ended_at,
		cli_fmt_int(secs, k->duration_s), sr_call_result_name(k->result),
		cli_fmt_id(script, k->script_id), k->note,
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status call_list(struct cli_ctx *c, int argc, char **argv)
{
	sr_call_filter f = { 0 };
	const struct cli_opt opts[] = {
		{ "card", CLI_ID, &f.card_id },
		{ "caller", CLI_STR, &f.caller },
		{ "from", CLI_STR, &f.from },
		{ "to", CLI_STR, &f.to },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("no arguments besides the options")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, call_cols, CALL_NCOLS);
	sr_status st = sr_call_each(c->db, &f, call_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

/* --- script --------------------------------------------------------------------- */

static sr_status script_add(struct cli_ctx *c, int argc, char **argv)
{
	const char *title = NULL, *body = NULL, *tags = NULL;
	const struct cli_opt opts[] = {
		{ "title", CLI_STR, &title },
		{ "body", CLI_STR, &body },
		{ "tags", CLI_STR, &tags },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("no arguments besides the options")) ||
	    !cli_need(c, "--title", title) || !cli_need(c, "--body", body))
		return SR_USAGE;
	int64_t id = 0;
	sr_status st = sr_script_add(c->db, title, body, tags, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static sr_status script_edit(struct cli_ctx *c, int argc, char **argv)
{
	const char *title = NULL, *body = NULL, *tags = NULL;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "title", CLI_STR, &title },
		{ "body", CLI_STR, &body },
		{ "tags", CLI_STR, &tags },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int64_t id;
	if (!one_id(c, argc, argv, opts, _("call script"), &id))
		return SR_USAGE;
	if (!title && !body && !tags)
		return cli_usage(c, "%s", _("nothing to change: give --title, --body or --tags"));
	return done(c, sr_script_edit(c->db, id, version, title, body, tags));
}

static sr_status script_delete(struct cli_ctx *c, int argc, char **argv)
{
	int64_t id, version = 0;
	const struct cli_opt opts[] = {
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	if (!one_id(c, argc, argv, opts, _("call script"), &id))
		return SR_USAGE;
	return done(c, sr_script_delete(c->db, id, version));
}

static const struct cli_col script_cols[] = {
	{ "id", CLI_RIGHT }, { "title", 0 }, { "tags", 0 }, { "updated_at", 0 },
	{ "version", CLI_RIGHT },
};

static int script_row(void *ctx, const sr_script *s)
{
	struct cli_table *t = ctx;
	char id[24], version[24];
	const char *row[] = { cli_fmt_int(id, s->id), s->title, s->tags, s->updated_at,
		              cli_fmt_int(version, s->version) };
	cli_table_row(t, row);
	return t->failed;
}

static sr_status script_table(struct cli_ctx *c, const char *text)
{
	struct cli_table t;
	cli_table_init(&t, c, script_cols, sizeof script_cols / sizeof *script_cols);
	sr_status st = sr_script_each(c->db, text, script_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status script_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	return script_table(c, NULL);
}

static sr_status script_search(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 1, 1, _("the text to look for")))
		return SR_USAGE;
	return script_table(c, argv[0]);
}

static sr_status script_show(struct cli_ctx *c, int argc, char **argv)
{
	int64_t id;
	if (!one_id(c, argc, argv, NULL, _("call script"), &id))
		return SR_USAGE;
	sr_script *s = malloc(sizeof *s);
	if (!s)
		return cli_error(c, SR_IO, "%s", _("out of memory"));
	sr_status st = sr_script_get(c->db, id, s);
	if (st == SR_OK) {
		char sid[24], version[24];
		const char *keys[] = { "id", "title", "tags", "active", "updated_at", "version", "body" };
		const char *vals[] = { cli_fmt_int(sid, s->id), s->title, s->tags,
		                       cli_bool(s->active), s->updated_at,
		                       cli_fmt_int(version, s->version), s->body };
		cli_kv_print(c, keys, vals, 7);
	}
	free(s);
	return done(c, st);
}

/* --- callback done and complaints ------------------------------------------------- */

static sr_status callback_done(struct cli_ctx *c, int argc, char **argv)
{
	const char *result = NULL, *note = NULL;
	const struct cli_opt opts[] = {
		{ "result", CLI_STR, &result },
		{ "note", CLI_STR, &note },
		{ NULL, 0, NULL },
	};
	int64_t id, complaint = 0;
	if (!one_id(c, argc, argv, opts, _("callback"), &id) || !cli_need(c, "--result", result))
		return SR_USAGE;
	sr_satisfaction s;
	if (!sr_satisfaction_parse(result, &s))
		return cli_bad(c, _("--result: expected satisfied, neutral or unhappy, got '%s'"),
		               result);
	sr_status st = sr_callback_record(c->db, id, s, note, &complaint);
	if (st != SR_OK)
		return cli_fail(c, st);
	if (complaint)
		cli_print_id(c, complaint);
	return SR_OK;
}

static const struct cli_col complaint_cols[] = {
	{ "id", CLI_RIGHT }, { "card_id", CLI_RIGHT }, { "name", 0 },     { "handler", 0 },
	{ "opened_at", 0 },  { "deadline", 0 },        { "status", 0 },   { "overdue", 0 },
	{ "note", 0 },       { "closing_note", 0 }, { "version", CLI_RIGHT },
};
enum { COMPLAINT_NCOLS = sizeof complaint_cols / sizeof *complaint_cols };

static int complaint_row(void *ctx, const sr_complaint *k)
{
	struct cli_table *t = ctx;
	char id[24], card[24], version[24];
	const char *row[COMPLAINT_NCOLS] = {
		cli_fmt_int(id, k->id), cli_fmt_int(card, k->card_id), k->card_name,
		k->handler_login,       k->opened_at,                   k->deadline,
		k->open ? "open" : "closed", cli_bool(k->overdue),      k->note,
		k->closing_note,        cli_fmt_int(version, k->version),
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status complaint_list(struct cli_ctx *c, int argc, char **argv)
{
	bool open = false, overdue = false;
	const struct cli_opt opts[] = {
		{ "open", CLI_FLAG, &open },
		{ "overdue", CLI_FLAG, &overdue },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("no arguments besides the options")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, complaint_cols, COMPLAINT_NCOLS);
	sr_status st = sr_complaint_each(c->db, open, overdue, complaint_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status complaint_assign(struct cli_ctx *c, int argc, char **argv)
{
	const char *to = NULL;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "to", CLI_STR, &to },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int64_t id;
	if (!one_id(c, argc, argv, opts, _("complaint"), &id) || !cli_need(c, "--to", to))
		return SR_USAGE;
	return done(c, sr_complaint_assign(c->db, id, version, to));
}

static sr_status complaint_close(struct cli_ctx *c, int argc, char **argv)
{
	const char *note = NULL;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "note", CLI_STR, &note },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int64_t id;
	if (!one_id(c, argc, argv, opts, _("complaint"), &id) || !cli_need(c, "--note", note))
		return SR_USAGE;
	return done(c, sr_complaint_close(c->db, id, version, note));
}

/* --- campaign ------------------------------------------------------------------- */

static sr_status campaign_add(struct cli_ctx *c, int argc, char **argv)
{
	sr_campaign_input in = { 0 };
	const char *budget = NULL;
	const struct cli_opt opts[] = {
		{ "from", CLI_STR, &in.from },
		{ "to", CLI_STR, &in.to },
		{ "budget", CLI_STR, &budget },
		{ "models", CLI_STR, &in.models },
		{ "source", CLI_STR, &in.source },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the campaign's name")) || !cli_need(c, "--from", in.from) ||
	    !cli_need(c, "--to", in.to))
		return SR_USAGE;
	in.name = argv[0];
	if (budget && !cli_money(c, "--budget", budget, &in.budget_cents))
		return SR_BADINPUT;
	int64_t id = 0;
	sr_status st = sr_campaign_add(c->db, &in, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static const struct cli_col campaign_cols[] = {
	{ "id", CLI_RIGHT },     { "name", 0 },          { "from", 0 },         { "to", 0 },
	{ "budget", CLI_RIGHT }, { "models", 0 },        { "source", 0 },       { "leads", CLI_RIGHT },
	{ "visits", CLI_RIGHT }, { "orders", CLI_RIGHT }, { "sold", CLI_RIGHT },
};
enum { CAMPAIGN_NCOLS = sizeof campaign_cols / sizeof *campaign_cols };

static void campaign_cells(const sr_campaign *g, char buf[6][24], const char *row[CAMPAIGN_NCOLS])
{
	const char *r[CAMPAIGN_NCOLS] = {
		cli_fmt_int(buf[0], g->id),     g->name,  g->from, g->to,
		cli_fmt_money(buf[1], g->budget_cents), g->models, g->source,
		cli_fmt_int(buf[2], g->leads),  cli_fmt_int(buf[3], g->visits),
		cli_fmt_int(buf[4], g->orders), cli_fmt_int(buf[5], g->sold),
	};
	memcpy(row, r, sizeof r);
}

static int campaign_row(void *ctx, const sr_campaign *g)
{
	struct cli_table *t = ctx;
	char buf[6][24];
	const char *row[CAMPAIGN_NCOLS];
	campaign_cells(g, buf, row);
	cli_table_row(t, row);
	return t->failed;
}

static sr_status campaign_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, campaign_cols, CAMPAIGN_NCOLS);
	sr_status st = sr_campaign_each(c->db, campaign_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status campaign_show(struct cli_ctx *c, int argc, char **argv)
{
	int64_t id;
	if (!one_id(c, argc, argv, NULL, _("campaign"), &id))
		return SR_USAGE;
	sr_campaign g;
	sr_status st = sr_campaign_get(c->db, id, &g);
	if (st != SR_OK)
		return cli_fail(c, st);
	char buf[6][24];
	const char *row[CAMPAIGN_NCOLS], *keys[CAMPAIGN_NCOLS];
	campaign_cells(&g, buf, row);
	for (size_t i = 0; i < CAMPAIGN_NCOLS; i++)
		keys[i] = campaign_cols[i].name;
	cli_kv_print(c, keys, row, CAMPAIGN_NCOLS);
	return SR_OK;
}

/* --- tables ----------------------------------------------------------------------- */

#define END { NULL, NULL, NULL, NULL, NULL, 0, NULL }

static const struct cli_cmd dcc_cmds[] = {
	{ "sweep", dcc_sweep,
	  N_("close missed appointments and move long-overdue consultant cards to the DCC"), "",
	  N_("  Appointments dated before today still waiting become missed; their cards\n"
	  "  are due today. Active cards of consultants more than dcc_sweep_days (setting)\n"
	  "  overdue go to DCC callers by the distribution rule. One transaction; prints\n"
	  "  moved and missed. For cron, e.g.:\n"
	  "  15 7 * * * showroom --db /srv/showroom.db --as admin dcc sweep\n"),
	  0, NULL },
	END,
};

static const struct cli_cmd call_cmds[] = {
	{ "add", call_add, N_("record a phone call to a card's customer and print its id"),
	  "CARD --result RESULT [--start TIME] [--end TIME] [--script ID] [--note TEXT]",
	  N_("  --result R    reached, no-answer, wrong-number, call-back, appointment or\n"
	  "                not-interested (reached and appointment count as contact)\n"
	  "  --start TIME  when the call began (default now)\n"
	  "  --end TIME    when it ended (default the start)\n"
	  "  --script ID   the call script in use\n"
	  "  --note TEXT   a note\n"),
	  0, NULL },
	{ "list", call_list, N_("list phone calls"),
	  "[--card ID] [--caller LOGIN] [--from DATE] [--to DATE]",
	  N_("Columns: id,card_id,name,caller,start,end,seconds,result,script_id,note\n"), 0,
	  NULL },
	END,
};

static const struct cli_cmd script_cmds[] = {
	{ "add", script_add, N_("add a call script and print its id"),
	  "--title TEXT --body TEXT [--tags MODELS,TAGS]", NULL, 0, NULL },
	{ "edit", script_edit, N_("change a call script"),
	  "ID [--title TEXT] [--body TEXT] [--tags MODELS,TAGS] [--version N]",
	  N_("  --version N        only if the script is still at this version (else exit 4)\n"),
	  0, NULL },
	{ "list", script_list, N_("list the call scripts"), "",
	  N_("Columns: id,title,tags,updated_at,version\n"), 0, NULL },
	{ "show", script_show, N_("show a call script"), "ID", NULL, 0, NULL },
	{ "search", script_search, N_("find call scripts by title, text or tag"), "TEXT", NULL, 0,
	  NULL },
	{ "delete", script_delete, N_("retire a call script"), "ID [--version N]",
	  N_("  --version N        only if the script is still at this version (else exit 4)\n"),
	  0, NULL },
	END,
};

static const struct cli_cmd complaint_cmds[] = {
	{ "list", complaint_list, N_("list complaints"), "[--open] [--overdue]",
	  N_("  --open      open complaints only\n"
	  "  --overdue   open complaints past their 24-hour deadline\n"
	  "Columns: id,card_id,name,handler,opened_at,deadline,status,overdue,note,closing_note,\n"
	  "version\n"),
	  0, NULL },
	{ "assign", complaint_assign, N_("give a complaint to another handler"),
	  "ID --to LOGIN [--version N]",
	  N_("  --version N        only if the complaint is still at this version (else exit 4)\n"),
	  0, NULL },
	{ "close", complaint_close, N_("close a complaint with a note"),
	  "ID --note TEXT [--version N]",
	  N_("  --version N        only if the complaint is still at this version (else exit 4)\n"),
	  0, NULL },
	END,
};

static const struct cli_cmd campaign_cmds[] = {
	{ "add", campaign_add, N_("add a marketing campaign and print its id"),
	  "NAME --from DATE --to DATE [--budget YUAN] [--models CODE,..] [--source S]", NULL, 0,
	  NULL },
	{ "list", campaign_list, N_("list campaigns with their leads, visits and orders"), "",
	  NULL, 0, NULL },
	{ "show", campaign_show, N_("show a campaign with its leads, visits and orders"), "ID",
	  NULL, 0, NULL },
	END,
};

static const struct cli_cmd callback_cmds[] = {
	{ "done", callback_done,
	  N_("record a post-sale callback; unhappy opens a complaint and prints its id"),
	  "ID --result satisfied|neutral|unhappy [--note TEXT]", NULL, 0, NULL },
	END,
};

const struct cli_cmd cli_dcc_top[] = {
	{ "dcc", NULL, N_("the DCC's daily sweep"), NULL, NULL, 0, dcc_cmds },
	{ "call", NULL, N_("phone calls to customers"), NULL, NULL, 0, call_cmds },
	{ "script", NULL, N_("call scripts (话务范本)"), NULL, NULL, 0, script_cmds },
	{ "callback", NULL, N_("post-sale callbacks"), NULL, NULL, 0, callback_cmds },
	{ "complaint", NULL, N_("customer complaints"), NULL, NULL, 0, complaint_cmds },
	{ "campaign", NULL, N_("marketing campaigns"), NULL, NULL, 0, campaign_cmds },
	END,
};
