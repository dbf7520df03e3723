/* scr_losses.c — loss approval (战败审批): the pending loss requests, oldest
 * first; the manager confirms (确认战败: the card is lost), rejects (驳回:
 * it stays active with its owner) or hands it to DCC (转DCC: a chosen
 * caller, or the core picks one). Each asks y/n first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "prompt.h"
#include "screens.h"
#include "table.h"

enum { P_DATE, P_NAME, P_PHONE, P_LEVEL, P_OWNER, P_REASON, P_NCOLS };

static const struct table_col loss_cols[P_NCOLS] = {
	[P_DATE] = { N_("Requested"), 10, 16, 0 },
	[P_NAME] = { N_("Name"), 6, 16, 0 },
	[P_PHONE] = { N_("Phone"), 11, 13, 0 },
	[P_LEVEL] = { N_("Lvl"), 3, 3, TCOL_LEVEL },
	[P_OWNER] = { N_("Owner"), 5, 10, 0 },
	[P_REASON] = { N_("Reason"), 6, 0, TCOL_FILL },
};

struct losses {
	struct table t;
	int64_t card_id;        /* the card a question is about */
	char name[SR_NAME_MAX];
};

static int add_request(void *ctx, const sr_work_item *it)
{
	struct losses *l = ctx;
	char level[2] = { it->level, '\0' }, date[17];
	snprintf(date, sizeof date, "%.16s", it->date);
	const char *cells[P_NCOLS] = {
		[P_DATE] = date, [P_NAME] = it->name, [P_PHONE] = it->phone, [P_LEVEL] = level,
		[P_OWNER] = it->owner_name, [P_REASON] = it->detail,
	};
	table_add(&l->t, it->card_id, TH_NORMAL, cells);
	return 0;
}

static void losses_reload(struct app *a, void *st)
{
	struct losses *l = st;
	int sel = l->t.sel;
	table_clear(&l->t);
	sr_status s = sr_worklist(a->db, SR_LIST_PENDING_LOSS, NULL, add_request, l);
	if (s != SR_OK)
		app_fail(a, s);
	l->t.sel = sel;
}

static void *losses_open(struct app *a, const void *arg)
{
	(void)arg;
	if (!sr_perm_allows(a->me.role, SR_ACT_LOSS_DECIDE)) {
		app_err(a, _("permission denied: a %s may not decide loss requests"),
		        sr_role_label(a->me.role));
		return NULL;
	}
	struct losses *l = calloc(1, sizeof *l);
	if (!l) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	table_init(&l->t, loss_cols, P_NCOLS, _("No loss request is waiting."));
	losses_reload(a, l);
	return l;
}

static void losses_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct losses *l = st;
	char head[300];
	snprintf(head, sizeof head, _("%d loss request(s) waiting   %s: confirm   %s: reject   %s: to DCC"),
	         l->t.nrows, keys_key(ACT_LOSS_CONFIRM), keys_key(ACT_LOSS_REJECT),
	         keys_key(ACT_TO_DCC));
	ui_text(r->y, r->x + 1, r->w - 1, TH_HEADING, head);
	struct rect tr = { r->y + 2, r->x, r->h - 2, r->w };
	table_draw(&l->t, &tr, true);
}

static void confirm_answer(struct app *a, void *ctx, bool yes)
{
	struct losses *l = ctx;
	if (!yes)
		return;
	sr_status st = sr_loss_confirm(a->db, l->card_id);
	if (st != SR_OK) {
		app_fail(a, st);
		return;
	}
	losses_reload(a, l);
	app_msg(a, _("Loss confirmed: %s is closed as lost."), l->name);
}

static void reject_answer(struct app *a, void *ctx, bool yes)
{
	struct losses *l = ctx;
	if (!yes)
		return;
	sr_status st = sr_loss_reject(a->db, l->card_id);
	if (st != SR_OK) {
		app_fail(a, st);
		return;
	}
	losses_reload(a, l);
	app_msg(a, _("Loss request rejected: %s stays active with its owner."), l->name);
}

/* --- hand over to DCC: which caller ----------------------------------------------------- */

struct to_dcc {
	int64_t card_id;
	char name[SR_NAME_MAX];
	char login[SR_LOGIN_MAX];
};

struct fill {
	struct form *fm;
	int idx;
};

static int add_caller(void *ctx, const sr_user *u)
{
	struct fill *f = ctx;
	if (!u->active || !sr_role_is_caller(u->role))
		return 0;
	char label[SR_NAME_MAX + SR_LOGIN_MAX + 48];
	snprintf(label, sizeof label, "%s (%s, %s)", u->name, u->login, sr_role_label(u->role));
	form_choice_add(f->fm, f->idx, label, u->login);
	return 0;
}

static bool to_dcc_build(struct app *a, struct formscr *fs, const void *arg)
{
	struct to_dcc *t = calloc(1, sizeof *t);
	sr_card *card = choices_card(a, fs, t, *(const int64_t *)arg);
	if (!card)
		return false;
	t->card_id = card->id;
	snprintf(t->name, sizeof t->name, "%s", card->name);
	snprintf(fs->heading, sizeof fs->heading, _("Hand %s (#%lld) to DCC"), card->name,
	         (long long)card->id);
	free(card);
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("Automatic: an outbound caller first, the one with the fewest following cards."));
	int i = form_choice(&fs->form, _("DCC caller"));
	form_choice_add(&fs->form, i, _("(automatic)"), "");
	struct fill f = { &fs->form, i };
	sr_user_each(a->db, add_caller, &f);
	return true;
}

static void to_dcc_answer(struct app *a, void *ctx, bool yes)
{
	struct to_dcc *t = ctx;
	if (!yes)
		return;
	sr_status st = sr_loss_to_dcc(a->db, t->card_id, t->login[0] ? t->login : NULL);
	if (st != SR_OK) {
		app_fail(a, st);
		return;
	}
	char name[SR_NAME_MAX];
	snprintf(name, sizeof name, "%s", t->name);
	app_pop(a); /* the form, and t with it */
	app_msg(a, _("%s handed to DCC."), name);
}

/* The save key asks first; the answer does the work and closes the form. */
static bool to_dcc_save(struct app *a, struct formscr *fs)
{
	struct to_dcc *t = fs->ctx;
	snprintf(t->login, sizeof t->login, "%s", form_get(&fs->form, 0));
	char q[512];
	if (t->login[0])
		snprintf(q, sizeof q, _("Hand %s to DCC caller %s? The loss request is closed."),
		         t->name, t->login);
	else
		snprintf(q, sizeof q, _("Hand %s to a DCC caller chosen automatically? The loss request is closed."),
		         t->name);
	prompt_confirm(a, q, to_dcc_answer, t);
	return false;
}

static const struct formscr_spec to_dcc_spec = { .build = to_dcc_build, .save = to_dcc_save };

static void *to_dcc_open(struct app *a, const void *arg)
{
	return formscr_open(a, &to_dcc_spec, arg);
}

static const struct screen_ops scr_to_dcc_form = {
	.title = N_("Hand to DCC"),
	.open = to_dcc_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

static bool losses_key(struct app *a, void *st, const struct tui_key *k)
{
	struct losses *l = st;
	if (table_key(&l->t, k->act, NULL))
		return true;
	const struct table_row *row = table_selected(&l->t);
	char q[512];
	switch (k->act) {
	case ACT_OPEN:
		if (row)
			app_push(a, &scr_card, &row->key);
		return true;
	case ACT_LOSS_CONFIRM:
	case ACT_LOSS_REJECT:
		if (!row)
			return true;
		l->card_id = row->key;
		snprintf(l->name, sizeof l->name, "%s", row->cells[P_NAME]);
		if (k->act == ACT_LOSS_CONFIRM)
			snprintf(q, sizeof q, _("Confirm the loss of %s (#%lld)? The card is closed as lost for good."),
			         l->name, (long long)l->card_id);
		else
			snprintf(q, sizeof q, _("Reject the loss request for %s (#%lld)? The card stays active."),
			         l->name, (long long)l->card_id);
		prompt_confirm(a, q, k->act == ACT_LOSS_CONFIRM ? confirm_answer : reject_answer, l);
		return true;
	case ACT_TO_DCC:
		if (row)
			app_push(a, &scr_to_dcc_form, &row->key);
		return true;
	default:
		return false;
	}
}

static void losses_close(struct app *a, void *st)
{
	(void)a;
	struct losses *l = st;
	table_free(&l->t);
	free(l);
}

static const enum action losses_keys[] = {
	ACT_LOSS_CONFIRM, ACT_LOSS_REJECT, ACT_TO_DCC, ACT_OPEN, ACT_BACK, ACT_HOME, ACT_NONE,
};

const struct screen_ops scr_losses = {
	.title = N_("Loss approval"),
	.open = losses_open,
	.draw = losses_draw,
	.key = losses_key,
	.reload = losses_reload,
	.close = losses_close,
	.keys = losses_keys,
};
