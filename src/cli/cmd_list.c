/* cmd_list.c — the work lists: list KIND, and `showroom`
 * with no command (the acting user's lists until the terminal UI). */
#include <string.h>
#include "cli.h"

static const struct cli_col work_cols[] = {
	{ "card_id", CLI_RIGHT }, { "name", 0 },  { "phone", 0 },     { "level", 0 },
	{ "status", 0 },          { "owner", 0 }, { "date", 0 },      { "days_late", CLI_RIGHT },
	{ "ref_id", CLI_RIGHT },  { "detail", 0 },
};
enum { WORK_NCOLS = sizeof work_cols / sizeof work_cols[0] };

static int work_row(void *ctx, const sr_work_item *it)
{
	struct cli_table *t = ctx;
	char card[24], late[24], ref[24], level[2] = { it->level, 0 };
	const char *row[WORK_NCOLS] = {
		cli_fmt_int(card, it->card_id),  it->name,        it->phone,
		level,                           sr_card_status_name(it->status),
		it->owner_login,                 it->date,        cli_fmt_int(late, it->days_late),
		cli_fmt_id(ref, it->ref_id),     it->detail,
	};
	cli_table_row(t, row);
	return t->failed;
}

/* The call list adds the new-lead columns: waited is working minutes since
 * filing, flagged past lead_contact_hours. */
static const struct cli_col call_list_cols[] = {
	{ "card_id", CLI_RIGHT }, { "name", 0 },  { "phone", 0 },     { "level", 0 },
	{ "status", 0 },          { "owner", 0 }, { "date", 0 },      { "days_late", CLI_RIGHT },
	{ "ref_id", CLI_RIGHT },  { "detail", 0 }, { "new_lead", 0 }, { "waited_min", CLI_RIGHT },
	{ "flagged", 0 },
};
enum { CALL_LIST_NCOLS = sizeof call_list_cols / sizeof call_list_cols[0] };

static int call_list_row(void *ctx, const sr_work_item *it)
{
	struct cli_table *t = ctx;
	char card[24], late[24], ref[24], waited[24], level[2] = { it->level, 0 };
	const char *row[CALL_LIST_NCOLS] = {
		cli_fmt_int(card, it->card_id),  it->name,        it->phone,
		level,                           sr_card_status_name(it->status),
		it->owner_login,                 it->date,        cli_fmt_int(late, it->days_late),
		cli_fmt_id(ref, it->ref_id),     it->detail,      cli_bool(it->new_lead),
		it->new_lead ? cli_fmt_int(waited, it->wait_minutes) : "", cli_bool(it->flagged),
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status cmd_list(struct cli_ctx *c, int argc, char **argv)
{
	const char *owner = NULL;
	const struct cli_opt opts[] = {
		{ "owner", CLI_STR, &owner },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1,
	              _("which list: today, overdue, contacted, arrivals, calls, pending-loss, "
	                "callbacks or to-comment")))
		return SR_USAGE;
	sr_list_kind kind;
	if (!sr_list_parse(argv[0], &kind))
		return cli_usage(c,
		                 _("unknown list '%s' (one of today, overdue, contacted, arrivals, "
		                   "calls, pending-loss, callbacks or to-comment)"),
		                 argv[0]);
	struct cli_table t;
	bool calls = kind == SR_LIST_CALLS;
	cli_table_init(&t, c, calls ? call_list_cols : work_cols,
	               calls ? CALL_LIST_NCOLS : WORK_NCOLS);
	sr_status st = sr_worklist(c->db, kind, owner, calls ? call_list_row : work_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

/* --- home: the acting user's lists ------------------------------------------------ */

/* With --csv the lists go out as one CSV with the list name first. */
static const struct cli_col home_csv_cols[] = {
	{ "list", 0 },      { "card_id", 0 }, { "name", 0 },      { "phone", 0 },
	{ "level", 0 },     { "status", 0 },  { "owner", 0 },     { "date", 0 },
	{ "days_late", 0 }, { "ref_id", 0 },  { "detail", 0 },
};

struct home_csv {
	struct cli_table t;
	const char *list;
};

static int home_csv_row(void *ctx, const sr_work_item *it)
{
	struct home_csv *h = ctx;
	char card[24], late[24], ref[24], level[2] = { it->level, 0 };
	const char *row[] = {
		h->list,         cli_fmt_int(card, it->card_id),   it->name,
		it->phone,       level,                            sr_card_status_name(it->status),
		it->owner_login, it->date,                         cli_fmt_int(late, it->days_late),
		cli_fmt_id(ref, it->ref_id), it->detail,
	};
	cli_table_row(&h->t, row);
	return h->t.failed;
}

static sr_status home_table(struct cli_ctx *c, sr_list_kind kind, bool first)
{
	struct cli_table t;
	cli_table_init(&t, c, work_cols, WORK_NCOLS);
	sr_status st = sr_worklist(c->db, kind, NULL, work_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	fprintf(c->out, "%s%s %s (%zu)\n", first ? "" : "\n", sr_list_label(kind),
	        sr_list_name(kind), t.nrows);
	cli_table_print(&t, t.nrows > 0);
	return SR_OK;
}

sr_status cli_cmd_home(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	sr_user me;
	sr_status st = sr_user_actor(c->db, &me);
	if (st != SR_OK)
		return cli_fail(c, st);
	sr_list_kind kinds[5];
	size_t n = 0;
	kinds[n++] = SR_LIST_TODAY;
	kinds[n++] = SR_LIST_OVERDUE;
	kinds[n++] = SR_LIST_ARRIVALS;
	if (sr_perm_allows(me.role, SR_ACT_LOSS_DECIDE))
		kinds[n++] = SR_LIST_PENDING_LOSS;
	if (sr_perm_allows(me.role, SR_ACT_CALLBACK))
		kinds[n++] = SR_LIST_CALLBACKS;

	if (c->csv) {
		struct home_csv h;
		cli_table_init(&h.t, c, home_csv_cols, sizeof home_csv_cols / sizeof *home_csv_cols);
		for (size_t i = 0; i < n && st == SR_OK; i++) {
			h.list = sr_list_name(kinds[i]);
			st = sr_worklist(c->db, kinds[i], NULL, home_csv_row, &h);
		}
		if (st != SR_OK) {
			cli_table_free(&h.t);
			return cli_fail(c, st);
		}
		cli_table_print(&h.t, true);
		return SR_OK;
	}
	cli_put_text(c->out, me.name);
	fprintf(c->out, " (%s, %s)\n\n", me.login, sr_role_label(me.role));
	for (size_t i = 0; i < n; i++) {
		st = home_table(c, kinds[i], i == 0);
		if (st != SR_OK)
			return st;
	}
	return SR_OK;
}

const struct cli_cmd cli_list_top[] = {
	{ "list", cmd_list, N_("a work list"),
	  "today|overdue|contacted|arrivals|calls|pending-loss|callbacks|to-comment [--owner LOGIN]",
	  N_("  today          今日待跟进: next follow-up date is today\n"
	  "  overdue        逾期未跟进: next follow-up date has passed\n"
	  "  contacted      今日接触: followed up today\n"
	  "  arrivals       tomorrow's expected arrivals (appointments)\n"
	  "  calls          the DCC call list\n"
	  "  pending-loss   loss requests waiting for a manager\n"
	  "  callbacks      post-sale callbacks due\n"
	  "  to-comment     follow-ups of the last 7 days awaiting a manager's comment (批复)\n"
	  "  --owner LOGIN  someone else's list (managers); default your own\n"
	  "Columns: card_id,name,phone,level,status,owner,date,days_late,ref_id,detail\n"
	  "(calls adds new_lead,waited_min,flagged: a new lead's working minutes since filing,\n"
	  "flagged past the lead_contact_hours setting)\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
