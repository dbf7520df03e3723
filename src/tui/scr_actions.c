/* scr_actions.c — the small forms of the card's status changes: sign an
 * order (deposit), request the card closed as lost (reason), reactivate a
 * dormant card (next date). The rules are the core's (lifecycle.c); these
 * forms only collect what the call needs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"

struct act_ctx {
	int64_t card_id;
	char name[SR_NAME_MAX];
	char followup_level[33];
};

/* Read the card for the heading; false with the core's message. */
static bool act_card(struct app *a, struct formscr *fs, const void *arg, const char *what)
{
	struct act_ctx *c = calloc(1, sizeof *c);
	sr_card *card = choices_card(a, fs, c, *(const int64_t *)arg);
	if (!card)
		return false;
	c->card_id = card->id;
	snprintf(c->name, sizeof c->name, "%s", card->name);
	snprintf(c->followup_level, sizeof c->followup_level, "%s", card->followup_level);
	snprintf(fs->heading, sizeof fs->heading, "%s: %s (#%lld)", what, card->name,
	         (long long)card->id);
	free(card);
	return true;
}

/* --- order ------------------------------------------------------------------------ */

enum { O_DEPOSIT, O_VIN, O_MODEL, O_DELIVERY };

static bool order_build(struct app *a, struct formscr *fs, const void *arg)
{
	if (!act_card(a, fs, arg, _("Sign an order")))
		return false;
	struct form *fm = &fs->form;
	int i = form_text(fm, _("Deposit (yuan)"), "", 15, 16);
	form_note(fm, i, TH_DIM, "%s", _("e.g. 5000 or 5000.50"));
	i = form_text(fm, _("VIN"), "", 17, 19);
	form_note(fm, i, TH_DIM, "%s", _("optional, 17 characters"));
	i = form_choice(fm, _("Model"));
	form_choice_add(fm, i, _("(the card's model)"), "");
	choices_models(a, fm, i);
	i = form_text(fm, _("Expected delivery"), "", 10, 12);
	form_note(fm, i, TH_DIM, "%s", _("optional, YYYY-MM-DD"));
	return true;
}

static bool order_save(struct app *a, struct formscr *fs)
{
	struct act_ctx *c = fs->ctx;
	struct form *fm = &fs->form;
	sr_order_input in;
	memset(&in, 0, sizeof in);
	const char *dep = form_get(fm, O_DEPOSIT);
	if (*dep && !money_parse(dep, &in.deposit_cents)) {
		app_err(a, _("Deposit: expected an amount in yuan such as 5000 or 5000.50, got '%s'"), dep);
		return false;
	}
	char *vin = strdup(form_get(fm, O_VIN));
	char *model = strdup(form_get(fm, O_MODEL));
	char *delivery = strdup(form_get(fm, O_DELIVERY));
	bool ok = false;
	if (vin && model && delivery) {
		in.vin = *vin ? vin : NULL;
		in.model = *model ? model : NULL;
		in.expected_delivery = *delivery ? delivery : NULL;
		int64_t id;
		sr_status st = sr_order_add(a->db, c->card_id, &in, &id);
		ok = st == SR_OK;
		if (ok)
			app_msg(a, _("Order signed for %s."), c->name);
		else
			app_fail(a, st);
	}
	free(vin), free(model), free(delivery);
	return ok;
}

static const struct formscr_spec order_spec = { .build = order_build, .save = order_save };

static void *order_open(struct app *a, const void *arg)
{
	return formscr_open(a, &order_spec, arg);
}

const struct screen_ops scr_order = {
	.title = N_("Order"),
	.open = order_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* --- loss request ------------------------------------------------------------------- */

enum { L_REASON, L_NOTE };

static bool loss_build(struct app *a, struct formscr *fs, const void *arg)
{
	if (!act_card(a, fs, arg, _("Request closing as lost")))
		return false;
	struct form *fm = &fs->form;
	int i = form_choice(fm, _("Reason"));
	for (int r = SR_LOSS_COMPETITOR; r <= SR_LOSS_UNREACHABLE; r++)
		form_choice_add(fm, i, sr_loss_reason_label((sr_loss_reason)r),
		                sr_loss_reason_name((sr_loss_reason)r));
	form_text(fm, _("Note"), "", 500, 0);
	return true;
}

static bool loss_save(struct app *a, struct formscr *fs)
{
	struct act_ctx *c = fs->ctx;
	sr_loss_reason r;
	if (!sr_loss_reason_parse(form_get(&fs->form, L_REASON), &r))
		r = SR_LOSS_GAVE_UP;
	char *note = strdup(form_get(&fs->form, L_NOTE));
	if (!note) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_status st = sr_loss_request(a->db, c->card_id, r, note);
	free(note);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	app_msg(a, _("Loss request for %s sent to the manager."), c->name);
	return true;
}

static const struct formscr_spec loss_spec = { .build = loss_build, .save = loss_save };

static void *loss_open(struct app *a, const void *arg)
{
	return formscr_open(a, &loss_spec, arg);
}

const struct screen_ops scr_loss = {
	.title = N_("Loss request"),
	.open = loss_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* --- reactivation -------------------------------------------------------------------- */

static bool react_build(struct app *a, struct formscr *fs, const void *arg)
{
	if (!act_card(a, fs, arg, _("Reactivate")))
		return false;
	struct act_ctx *c = fs->ctx;
	char next[SR_DATE_LEN];
	date_from_today(a, 1, next);
	sr_followup_level fl;
	bool fl_ok = c->followup_level[0] &&
	             sr_followup_level_get(a->db, c->followup_level, &fl) == SR_OK;
	if (fl_ok)
		date_from_today(a, fl.min_days, next);
	int i = form_text(&fs->form, _("Next follow-up"), next, 10, 12);
	if (fl_ok) {
		char hi[SR_DATE_LEN];
		date_from_today(a, fl.max_days, hi);
		form_note(&fs->form, i, TH_DIM, _("%s … %s (%s)"), next, hi, fl.name);
	}
	return true;
}

static bool react_save(struct app *a, struct formscr *fs)
{
	struct act_ctx *c = fs->ctx;
	char next[SR_DATE_LEN * 4];
	snprintf(next, sizeof next, "%s", form_get(&fs->form, 0));
	sr_status st = sr_card_reactivate(a->db, c->card_id, next);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	app_msg(a, _("%s is active again; next follow-up %s."), c->name, next);
	return true;
}

static const struct formscr_spec react_spec = { .build = react_build, .save = react_save };

static void *react_open(struct app *a, const void *arg)
{
	return formscr_open(a, &react_spec, arg);
}

const struct screen_ops scr_reactivate = {
	.title = N_("Reactivate"),
	.open = react_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* --- order cancellation ------------------------------------------------------------- */

static bool cancel_build(struct app *a, struct formscr *fs, const void *arg)
{
	if (!act_card(a, fs, arg, _("Cancel the order")))
		return false;
	int i = form_text(&fs->form, _("Reason"), "", 500, 0);
	form_note(&fs->form, i, TH_DIM, "%s", _("why the customer cancelled (required)"));
	return true;
}

static bool cancel_save(struct app *a, struct formscr *fs)
{
	struct act_ctx *c = fs->ctx;
	char *reason = strdup(form_get(&fs->form, 0));
	if (!reason) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_status st = sr_order_cancel(a->db, c->card_id, reason);
	free(reason);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	app_msg(a, _("Order of %s cancelled; the card is active again."), c->name);
	return true;
}

static const struct formscr_spec cancel_spec = { .build = cancel_build, .save = cancel_save };

static void *cancel_open(struct app *a, const void *arg)
{
	return formscr_open(a, &cancel_spec, arg);
}

const struct screen_ops scr_order_cancel = {
	.title = N_("Cancel order"),
	.open = cancel_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};
