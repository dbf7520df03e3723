/* cmd_followup.c — followup add | list | comment. */
#include <string.h>
#include "cli.h"

static sr_status followup_add(struct cli_ctx *c, int argc, char **argv)
{
	sr_followup_input in = { 0 };
	const char *method = NULL, *level = NULL;
	const struct cli_opt opts[] = {
		{ "method", CLI_STR, &method },
		{ "at", CLI_STR, &in.at },
		{ "level", CLI_STR, &level },
		{ "next", CLI_STR, &in.next_date },
		{ "intro", CLI_FLAG, &in.intro },
		{ "negotiation", CLI_FLAG, &in.negotiation },
		{ "test-drive", CLI_FLAG, &in.test_drive },
		{ "note", CLI_STR, &in.content },
		{ "result", CLI_STR, &in.result },
		{ "traffic", CLI_ID, &in.traffic_id },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("one card id")) ||
	    !cli_id(c, _("card"), argv[0], &in.card_id) || !cli_need(c, "--method", method))
		return SR_USAGE;
	if (!sr_method_parse(method, &in.method))
		return cli_bad(c, _("--method: expected reception, phone, sms, wechat, visit or "
		                    "other, got '%s'"),
		               method);
	if (level && !cli_level(c, "--level", level, &in.level))
		return SR_BADINPUT;
	int64_t id = 0;
	sr_status st = sr_followup_add(c->db, &in, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static const struct cli_col followup_cols[] = {
	{ "id", CLI_RIGHT }, { "at", 0 },          { "user", 0 },       { "method", 0 },
	{ "level_before", 0 }, { "level", 0 },     { "next_date", 0 },  { "intro", 0 },
	{ "negotiation", 0 }, { "test_drive", 0 }, { "traffic_id", CLI_RIGHT }, { "content", 0 },
	{ "result", 0 },      { "comment", 0 },
};
enum { FOLLOWUP_NCOLS = sizeof followup_cols / sizeof followup_cols[0] };

static int followup_row(void *ctx, const sr_followup *f)
{
	struct cli_table *t = ctx;
	char id[24], traffic[24];
	char before[2] = { f->level_before, 0 }, level[2] = { f->level, 0 };
	const char *row[FOLLOWUP_NCOLS] = {
		cli_fmt_int(id, f->id),     f->at,     f->user_login,  sr_method_name(f->method),
		before,                     level,     f->next_date,   cli_bool(f->intro),
		cli_bool(f->negotiation), cli_bool(f->test_drive), cli_fmt_id(traffic, f->traffic_id),
		f->content,                 f->result, f->comment,
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status followup_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	int64_t card;
	if (!cli_npos(c, npos, 1, 1, _("one card id")) || !cli_id(c, _("card"), argv[0], &card))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, followup_cols, FOLLOWUP_NCOLS);
	sr_status st = sr_followup_each(c->db, card, followup_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status followup_comment(struct cli_ctx *c, int argc, char **argv)
{
	const char *text = NULL;
	const struct cli_opt opts[] = {
		{ "text", CLI_STR, &text },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	int64_t id;
	if (!cli_npos(c, npos, 1, 1, _("one follow-up id")) ||
	    !cli_id(c, _("follow-up"), argv[0], &id) || !cli_need(c, "--text", text))
		return SR_USAGE;
	sr_status st = sr_followup_comment(c->db, id, text);
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

static const struct cli_cmd followup_cmds[] = {
	{ "add", followup_add, N_("record a follow-up on a card and print its id"),
	  "CARD --method reception|phone|sms|wechat|visit|other [OPTIONS]",
	  N_("  --at TIME          when it happened (default now; never in the future)\n"
	  "  --level L          intent level after it (O H A B C N)\n"
	  "  --next DATE        next follow-up date (default: earliest the follow-up level allows)\n"
	  "  --intro            vehicle introduction done\n"
	  "  --negotiation      price negotiation done\n"
	  "  --test-drive       test drive done\n"
	  "  --note TEXT        what was said\n"
	  "  --result TEXT      short outcome\n"
	  "  --traffic ID       the traffic row this follow-up answers\n"),
	  0, NULL },
	{ "list", followup_list, N_("list a card's follow-ups, oldest first"), "CARD",
	  N_("Columns: id,at,user,method,level_before,level,next_date,intro,negotiation,"
	     "test_drive,\ntraffic_id,content,result,comment\n"),
	  0, NULL },
	{ "comment", followup_comment, N_("add a manager's comment to a follow-up"),
	  "ID --text TEXT", NULL, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cli_cmd cli_followup_top[] = {
	{ "followup", NULL, N_("follow-up records"), NULL, NULL, 0, followup_cmds },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
