/* scr_filing.c — filing a new card (留档), from a traffic row or on its own.
 *
 * As the phone is typed, the cards that already follow that number are
 * listed (sr_card_by_phone): the user either records a follow-up on the
 * existing card (F5, linking the traffic row), or ticks "new opportunity"
 * for a second vehicle, which the core otherwise refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"

enum { P_NAME, P_PHONE, P_CHANNEL, P_LEVEL, P_MODEL, P_SOURCE, P_OWNER, P_EXPECTED, P_NEXT,
       P_GENDER, P_REGION, P_NEW_OPPORTUNITY };

#define DUPS_MAX 5

struct dup {
	int64_t id;
	char line[400];
};

struct filing_ctx {
	int64_t traffic_id;
	char checked_phone[SR_PHONE_MAX];
	struct dup dups[DUPS_MAX];
	int ndups, more;
};

static bool filing_build(struct app *a, struct formscr *fs, const void *arg)
{
	const struct filing_arg *in = arg;
	struct filing_ctx *c = calloc(1, sizeof *c);
	fs->ctx = c;
	if (!c) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_traffic t;
	memset(&t, 0, sizeof t);
	if (in && in->traffic_id) {
		sr_status st = sr_traffic_get(a->db, in->traffic_id, &t);
		if (st != SR_OK) {
			app_fail(a, st);
			return false;
		}
		c->traffic_id = t.id;
		snprintf(fs->heading, sizeof fs->heading, _("File a card from traffic row %lld (%.16s)"),
		         (long long)t.id, t.time_in);
	} else {
		snprintf(fs->heading, sizeof fs->heading, "%s", _("File a new card"));
	}
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("The phone is checked for existing cards as you type."));
	struct form *fm = &fs->form;
	form_text(fm, _("Name"), "", sr_card_field_max(SR_FIELD_NAME), 34);
	form_text(fm, _("Phone"), "", sr_card_field_max(SR_FIELD_PHONE), 22);
	int i = form_choice(fm, _("Channel"));
	for (int ch = SR_CHANNEL_WALKIN; ch <= SR_CHANNEL_OUTREACH; ch++)
		form_choice_add(fm, i, sr_channel_label((sr_channel)ch), sr_channel_name((sr_channel)ch));
	if (c->traffic_id)
		form_set(fm, i, t.kind == SR_TRAFFIC_CALL ? "phone" : "walkin");
	i = form_choice(fm, _("Intent level"));
	choices_levels(fm, i, false, false);
	form_set(fm, i, "N");
	i = form_choice(fm, _("Model"));
	choices_models(a, fm, i);
	if (t.model[0])
		form_set_label(fm, i, t.model);
	i = form_choice(fm, _("Source"));
	choices_sources(a, fm, i);
	if (t.source[0])
		form_set_label(fm, i, t.source);
	i = form_choice(fm, _("Owner"));
	form_choice_add(fm, i, c->traffic_id && t.consultant_login[0] ?
	                _("(the row's consultant)") : _("(me)"), "");
	choices_owners(a, fm, i, false);
	i = form_text(fm, _("Expected purchase"), "", 10, 12);
	form_note(fm, i, TH_DIM, "%s", _("optional, YYYY-MM-DD"));
	i = form_text(fm, _("Next follow-up"), "", 10, 12);
	form_note(fm, i, TH_DIM, "%s", _("empty: the earliest the follow-up level allows"));
	i = form_choice(fm, _("Gender"));
	form_choice_add(fm, i, "—", "");
	form_choice_add(fm, i, _("male"), "M");
	form_choice_add(fm, i, _("female"), "F");
	form_text(fm, _("Region"), "", sr_card_field_max(SR_FIELD_REGION), 0);
	form_bool(fm, _("New opportunity"), false);
	return true;
}

static int add_dup(void *ctx, const sr_card *k)
{
	struct filing_ctx *c = ctx;
	if (c->ndups >= DUPS_MAX) {
		c->more++;
		return 0;
	}
	struct dup *d = &c->dups[c->ndups++];
	d->id = k->id;
	snprintf(d->line, sizeof d->line, "#%lld  %s  %s %c  %s  %s (%s)  %.10s", (long long)k->id,
	         k->name, _("level"), k->level, sr_card_status_label(k->status), k->owner_name,
	         k->owner_login, k->filed_at);
	return 0;
}

static void check_phone(struct app *a, struct formscr *fs)
{
	struct filing_ctx *c = fs->ctx;
	char norm[SR_PHONE_MAX];
	if (!sr_phone_normalize(form_get(&fs->form, P_PHONE), norm)) {
		c->ndups = c->more = 0;
		fs->extra_rows = 0;
		c->checked_phone[0] = '\0';
		return;
	}
	if (strcmp(norm, c->checked_phone) == 0)
		return;
	snprintf(c->checked_phone, sizeof c->checked_phone, "%s", norm);
	c->ndups = c->more = 0;
	sr_status st = sr_card_by_phone(a->db, norm, add_dup, c);
	if (st != SR_OK)
		app_fail(a, st);
	fs->extra_rows = c->ndups ? c->ndups + 2 + (c->more ? 1 : 0) : 0;
}

static void filing_changed(struct app *a, struct formscr *fs, int field)
{
	if (field == P_PHONE)
		check_phone(a, fs);
}

static void filing_reload(struct app *a, struct formscr *fs)
{
	struct filing_ctx *c = fs->ctx;
	c->checked_phone[0] = '\0';
	check_phone(a, fs);
}

static void filing_extra(struct app *a, struct formscr *fs, const struct rect *r)
{
	struct filing_ctx *c = fs->ctx;
	if (!c->ndups || r->h < 2)
		return;
	int y = r->y;
	ui_text(y++, r->x, r->w, TH_ERROR, _("This phone already has following cards:"));
	for (int i = 0; i < c->ndups && y < r->y + r->h - 1; i++)
		ui_text(y++, r->x + 2, r->w - 2, TH_NORMAL, c->dups[i].line);
	if (c->more && y < r->y + r->h - 1) {
		char more[64];
		snprintf(more, sizeof more, _("… and %d more"), c->more);
		ui_text(y++, r->x + 2, r->w - 2, TH_DIM, more);
	}
	char hint[256];
	if (sr_perm_allows(a->me.role, SR_ACT_FOLLOWUP))
		snprintf(hint, sizeof hint,
		         _("%s: follow-up on card #%lld instead, or tick \"New opportunity\" (a second vehicle)"),
		         keys_key(ACT_FOLLOWUP), (long long)c->dups[0].id);
	else if (c->traffic_id)
		snprintf(hint, sizeof hint,
		         _("Same customer: the owner links traffic row %lld in a follow-up. A second vehicle: tick \"New opportunity\"."),
		         (long long)c->traffic_id);
	else
		snprintf(hint, sizeof hint, "%s",
		         _("Same customer: the owner records a follow-up. A second vehicle: tick \"New opportunity\"."));
	ui_text(y, r->x, r->w, TH_HEADING, hint);
}

static bool filing_key(struct app *a, struct formscr *fs, const struct tui_key *k)
{
	struct filing_ctx *c = fs->ctx;
	if (k->act != ACT_FOLLOWUP || !c->ndups)
		return false;
	/* Leave this form for the follow-up form on the existing card: the
	 * typed name and phone are on that card already. */
	struct followup_arg fa = { c->dups[0].id, c->traffic_id };
	app_pop(a);
	app_push(a, &scr_followup, &fa);
	return true;
}

static bool filing_save(struct app *a, struct formscr *fs)
{
	struct filing_ctx *c = fs->ctx;
	struct form *fm = &fs->form;
	enum { NTEXT = P_REGION + 1 };
	char *v[NTEXT];
	bool ok = true;
	for (int i = 0; i < NTEXT; i++) {
		v[i] = strdup(form_get(fm, i));
		ok = ok && v[i];
	}
	if (ok) {
		sr_card_filing in;
		memset(&in, 0, sizeof in);
		in.name = v[P_NAME];
		in.phone = v[P_PHONE];
		if (!sr_channel_parse(v[P_CHANNEL], &in.channel))
			in.channel = SR_CHANNEL_WALKIN;
		in.level = v[P_LEVEL][0];
		in.model = *v[P_MODEL] ? v[P_MODEL] : NULL;
		in.source = *v[P_SOURCE] ? v[P_SOURCE] : NULL;
		in.owner = *v[P_OWNER] ? v[P_OWNER] : NULL;
		in.expected_purchase = *v[P_EXPECTED] ? v[P_EXPECTED] : NULL;
		in.next_date = *v[P_NEXT] ? v[P_NEXT] : NULL;
		in.gender = *v[P_GENDER] ? v[P_GENDER] : NULL;
		in.region = *v[P_REGION] ? v[P_REGION] : NULL;
		in.new_opportunity = form_on(fm, P_NEW_OPPORTUNITY);
		in.traffic_id = c->traffic_id;
		int64_t id;
		sr_status st = sr_card_file(a->db, &in, &id);
		ok = st == SR_OK;
		if (ok)
			app_msg(a, _("Card %lld filed for %s."), (long long)id, v[P_NAME]);
		else
			app_fail(a, st);
	} else {
		app_err(a, "%s", _("out of memory"));
	}
	for (int i = 0; i < NTEXT; i++)
		free(v[i]);
	return ok;
}

static const struct formscr_spec filing_spec = {
	.build = filing_build,
	.save = filing_save,
	.changed = filing_changed,
	.key = filing_key,
	.draw_extra = filing_extra,
	.reload = filing_reload,
};

static void *filing_open(struct app *a, const void *arg)
{
	return formscr_open(a, &filing_spec, arg);
}

static const enum action filing_keys[] = {
	ACT_SAVE, ACT_NEXT, ACT_PREV, ACT_FOLLOWUP, ACT_BACK, ACT_NONE,
};

const struct screen_ops scr_filing = {
	.title = N_("File a card"),
	.open = filing_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.reload = formscr_reload,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = filing_keys,
};
