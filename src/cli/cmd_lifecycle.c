/* cmd_lifecycle.c — every status change of a card from the command line:
 * appointment, order, loss, dormant, reactivate, assign, merge. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The one record id most of these commands take, with options: need says
 * what is missing ("one card id"), what names a bad id ("card"). */
static bool one_id(struct cli_ctx *c, int argc, char **argv, const struct cli_opt *opts,
                   const char *need, const char *what, int64_t *id)
{
	int npos = cli_parse(c, argc, argv, opts);
	return cli_npos(c, npos, 1, 1, need) && cli_id(c, what, argv[0], id);
}

static bool one_card(struct cli_ctx *c, int argc, char **argv, const struct cli_opt *opts,
                     int64_t *id)
{
	return one_id(c, argc, argv, opts, _("one card id"), _("card"), id);
}

static bool one_appointment(struct cli_ctx *c, int argc, char **argv,
                            const struct cli_opt *opts, int64_t *id)
{
	return one_id(c, argc, argv, opts, _("one appointment id"), _("appointment"), id);
}

static sr_status done(struct cli_ctx *c, sr_status st)
{
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

/* --- appointment -------------------------------------------------------------- */

static sr_status appointment_add(struct cli_ctx *c, int argc, char **argv)
{
	const char *date = NULL, *consultant = NULL;
	const struct cli_opt opts[] = {
		{ "date", CLI_STR, &date },
		{ "consultant", CLI_STR, &consultant },
		{ NULL, 0, NULL },
	};
	int64_t card, id = 0;
	if (!one_card(c, argc, argv, opts, &card) || !cli_need(c, "--date", date))
		return SR_USAGE;
	sr_status st = sr_appointment_add(c->db, card, date, consultant, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static sr_status appointment_showed(struct cli_ctx *c, int argc, char **argv)
{
	int64_t id, traffic = 0;
	const struct cli_opt opts[] = {
		{ "traffic", CLI_ID, &traffic },
		{ NULL, 0, NULL },
	};
	if (!one_appointment(c, argc, argv, opts, &id))
		return SR_USAGE;
	return done(c, sr_appointment_showed(c->db, id, traffic));
}

static sr_status appointment_missed(struct cli_ctx *c, int argc, char **argv)
{
	int64_t id;
	if (!one_appointment(c, argc, argv, NULL, &id))
		return SR_USAGE;
	return done(c, sr_appointment_missed(c->db, id));
}

/* --- order ------------------------------------------------------------------------ */

static sr_status order_add(struct cli_ctx *c, int argc, char **argv)
{
	sr_order_input in = { 0 };
	const char *deposit = NULL;
	const struct cli_opt opts[] = {
		{ "deposit", CLI_STR, &deposit },
		{ "vin", CLI_STR, &in.vin },
		{ "model", CLI_STR, &in.model },
		{ "delivery", CLI_STR, &in.expected_delivery },
		{ NULL, 0, NULL },
	};
	int64_t card, id = 0;
	if (!one_card(c, argc, argv, opts, &card))
		return SR_USAGE;
	if (deposit && !cli_money(c, "--deposit", deposit, &in.deposit_cents))
		return SR_BADINPUT;
	sr_status st = sr_order_add(c->db, card, &in, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

static sr_status order_deliver(struct cli_ctx *c, int argc, char **argv)
{
	int64_t card;
	if (!one_card(c, argc, argv, NULL, &card))
		return SR_USAGE;
	return done(c, sr_order_deliver(c->db, card));
}

static sr_status order_cancel(struct cli_ctx *c, int argc, char **argv)
{
	const char *reason = NULL;
	const struct cli_opt opts[] = {
		{ "reason", CLI_STR, &reason },
		{ NULL, 0, NULL },
	};
	int64_t card;
	if (!one_card(c, argc, argv, opts, &card) || !cli_need(c, "--reason", reason))
		return SR_USAGE;
	return done(c, sr_order_cancel(c->db, card, reason));
}

/* --- loss ------------------------------------------------------------------------- */

static sr_status loss_request(struct cli_ctx *c, int argc, char **argv)
{
	const char *reason = NULL, *note = NULL;
	const struct cli_opt opts[] = {
		{ "reason", CLI_STR, &reason },
		{ "note", CLI_STR, &note },
		{ NULL, 0, NULL },
	};
	int64_t card;
	if (!one_card(c, argc, argv, opts, &card) || !cli_need(c, "--reason", reason))
		return SR_USAGE;
	sr_loss_reason r;
	if (!sr_loss_reason_parse(reason, &r))
		return cli_bad(c, _("--reason: expected competitor, same-brand, gave-up, region or "
		                    "unreachable, got '%s'"),
		               reason);
	return done(c, sr_loss_request(c->db, card, r, note));
}

static sr_status loss_confirm(struct cli_ctx *c, int argc, char **argv)
{
	int64_t card;
	if (!one_card(c, argc, argv, NULL, &card))
		return SR_USAGE;
	return done(c, sr_loss_confirm(c->db, card));
}

static sr_status loss_reject(struct cli_ctx *c, int argc, char **argv)
{
	int64_t card;
	if (!one_card(c, argc, argv, NULL, &card))
		return SR_USAGE;
	return done(c, sr_loss_reject(c->db, card));
}

static sr_status loss_to_dcc(struct cli_ctx *c, int argc, char **argv)
{
	const char *to = NULL;
	const struct cli_opt opts[] = {
		{ "to", CLI_STR, &to },
		{ NULL, 0, NULL },
	};
	int64_t card;
	if (!one_card(c, argc, argv, opts, &card))
		return SR_USAGE;
	return done(c, sr_loss_to_dcc(c->db, card, to));
}

/* --- dormant, reactivate, assign, merge --------------------------------------------- */

static sr_status cmd_dormant(struct cli_ctx *c, int argc, char **argv)
{
	int64_t card;
	if (!one_card(c, argc, argv, NULL, &card))
		return SR_USAGE;
	return done(c, sr_card_dormant(c->db, card));
}

static sr_status cmd_reactivate(struct cli_ctx *c, int argc, char **argv)
{
	const char *next = NULL;
	const struct cli_opt opts[] = {
		{ "next", CLI_STR, &next },
		{ NULL, 0, NULL },
	};
	int64_t card;
	if (!one_card(c, argc, argv, opts, &card) || !cli_need(c, "--next", next))
		return SR_USAGE;
	return done(c, sr_card_reactivate(c->db, card, next));
}

/* Card ids from argv[0..n) into a new array; NULL after a usage error. */
static int64_t *card_ids(struct cli_ctx *c, char **argv, int n)
{
	int64_t *ids = calloc((size_t)n, sizeof *ids);
	if (!ids) {
		cli_error(c, SR_IO, "%s", _("out of memory"));
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		if (!cli_id(c, _("card"), argv[i], &ids[i])) {
			free(ids);
			return NULL;
		}
	}
	return ids;
}

static sr_status cmd_assign(struct cli_ctx *c, int argc, char **argv)
{
	const char *to = NULL;
	const struct cli_opt opts[] = {
		{ "to", CLI_STR, &to },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, -1, _("one or more card ids")) || !cli_need(c, "--to", to))
		return SR_USAGE;
	int64_t *ids = card_ids(c, argv, npos);
	if (!ids)
		return SR_USAGE;
	sr_status st = sr_card_assign(c->db, ids, (size_t)npos, to);
	free(ids);
	return done(c, st);
}

static sr_status cmd_merge(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 2, -1,
	              _("a surviving card id and one or more cards to merge into it")))
		return SR_USAGE;
	int64_t *ids = card_ids(c, argv, npos);
	if (!ids)
		return SR_USAGE;
	sr_status st = sr_card_merge(c->db, ids[0], ids + 1, (size_t)npos - 1);
	free(ids);
	return done(c, st);
}

/* --- tables ------------------------------------------------------------------------- */

static const struct cli_cmd appointment_cmds[] = {
	{ "add", appointment_add,
	  N_("invite a customer for a date and print the appointment id"),
	  "CARD --date DATE [--consultant LOGIN]",
	  N_("  --date DATE        the day the customer is expected (today or later)\n"
	     "  --consultant LOGIN who receives them (default the card's owner)\n"),
	  0, NULL },
	{ "showed", appointment_showed, N_("mark an appointment as kept"), "ID [--traffic TID]",
	  N_("  --traffic TID      the traffic row of the visit (links it to the card)\n"), 0,
	  NULL },
	{ "missed", appointment_missed, N_("mark an appointment as missed"), "ID", NULL, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

static const struct cli_cmd order_cmds[] = {
	{ "add", order_add, N_("sign a deposit order on a card and print the order id"),
	  "CARD [--deposit AMOUNT] [--vin VIN] [--model M] [--delivery DATE]",
	  N_("  --deposit AMOUNT   deposit in yuan, e.g. 5000 or 5000.50\n"
	     "  --vin VIN          vehicle identification number (17 characters)\n"
	     "  --model M          ordered model (default the card's)\n"
	     "  --delivery DATE    expected delivery date\n"),
	  0, NULL },
	{ "deliver", order_deliver, N_("deliver the car: the card becomes sold"), "CARD", NULL, 0,
	  NULL },
	{ "cancel", order_cancel, N_("cancel the order: the card becomes active again"),
	  "CARD --reason TEXT", NULL, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

static const struct cli_cmd loss_cmds[] = {
	{ "request", loss_request, N_("ask a manager to close a card as lost"),
	  "CARD --reason competitor|same-brand|gave-up|region|unreachable [--note TEXT]",
	  N_("  --reason R         competitor (已购竞品), same-brand (已购同品牌), gave-up (放弃购车),\n"
	     "                     region (地域限制) or unreachable (无法联系)\n"
	     "  --note TEXT        why\n"),
	  0, NULL },
	{ "confirm", loss_confirm, N_("confirm a loss request: the card is lost"), "CARD", NULL,
	  0, NULL },
	{ "reject", loss_reject, N_("reject a loss request: the card stays active"), "CARD", NULL,
	  0, NULL },
	{ "to-dcc", loss_to_dcc,
	  N_("hand a card with a loss request to the DCC for re-checking"), "CARD [--to LOGIN]",
	  N_("  --to LOGIN         the DCC caller (default the one with the fewest following "
	     "cards)\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cli_cmd cli_lifecycle_top[] = {
	{ "appointment", NULL, N_("appointments (invitations)"), NULL, NULL, 0, appointment_cmds },
	{ "order", NULL, N_("orders and delivery"), NULL, NULL, 0, order_cmds },
	{ "loss", NULL, N_("loss requests and decisions"), NULL, NULL, 0, loss_cmds },
	{ "dormant", cmd_dormant, N_("mark a card dormant (no next follow-up date)"), "CARD", NULL,
	  0, NULL },
	{ "reactivate", cmd_reactivate, N_("make a dormant card active again"),
	  "CARD --next DATE", N_("  --next DATE        the next follow-up date\n"), 0, NULL },
	{ "assign", cmd_assign, N_("reassign cards to a consultant or DCC caller, all or none"),
	  "CARD... --to LOGIN", NULL, 0, NULL },
	{ "merge", cmd_merge, N_("merge duplicate cards into a surviving card, all or none"),
	  "SURVIVOR CARD...", NULL, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
