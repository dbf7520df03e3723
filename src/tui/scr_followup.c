/* scr_followup.c — the follow-up form (跟进记录): method, content, result,
 * the sales steps of this contact, the intent level after it, the next
 * follow-up date with the range the card's follow-up level allows, and an
 * optional link to a traffic row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"

enum { F_METHOD, F_CONTENT, F_RESULT, F_LEVEL, F_NEXT, F_INTRO, F_NEGOTIATION, F_TEST_DRIVE,
       F_TRAFFIC };

struct fu_ctx {
	int64_t card_id;
	char name[SR_NAME_MAX];
};

static bool fu_build(struct app *a, struct formscr *fs, const void *arg)
{
	const struct followup_arg *in = arg;
	struct fu_ctx *c = calloc(1, sizeof *c);
	sr_card *card = choices_card(a, fs, c, in->card_id);
	if (!card)
		return false;
	c->card_id = card->id;
	snprintf(c->name, sizeof c->name, "%s", card->name);
	snprintf(fs->heading, sizeof fs->heading, _("Follow-up for %s (#%lld), level %c"),
	         card->name, (long long)card->id, card->level);

	struct form *fm = &fs->form;
	int i = form_choice(fm, _("Method"));
	for (int m = SR_METHOD_RECEPTION; m <= SR_METHOD_OTHER; m++)
		form_choice_add(fm, i, sr_method_label((sr_method)m), sr_method_name((sr_method)m));
	form_set(fm, i, in->traffic_id ? "reception" : "phone");
	form_text(fm, _("Content"), "", 2000, 0);
	form_text(fm, _("Result"), "", 200, 0);
	i = form_choice(fm, _("Intent level"));
	choices_levels(fm, i, true, false);

	char next[SR_DATE_LEN] = "";
	sr_followup_level fl;
	if (card->followup_level[0] &&
	    sr_followup_level_get(a->db, card->followup_level, &fl) == SR_OK) {
		char lo[SR_DATE_LEN], hi[SR_DATE_LEN];
		date_from_today(a, fl.min_days, lo);
		date_from_today(a, fl.max_days, hi);
		snprintf(next, sizeof next, "%s", lo);
		i = form_text(fm, _("Next follow-up"), next, 10, 12);
		form_note(fm, i, TH_DIM, _("%s … %s (%s)"), lo, hi, fl.name);
	} else {
		form_text(fm, _("Next follow-up"), next, 10, 12);
	}
	form_bool(fm, _("Vehicle introduction"), false);
	form_bool(fm, _("Price negotiation"), false);
	form_bool(fm, _("Test drive"), false);
	char traffic[24] = "";
	if (in->traffic_id)
		snprintf(traffic, sizeof traffic, "%lld", (long long)in->traffic_id);
	i = form_text(fm, _("Traffic row"), traffic, 12, 12);
	form_note(fm, i, TH_DIM, "%s", _("optional: the visit or call this follow-up answers"));
	free(card);
	return true;
}

static bool fu_save(struct app *a, struct formscr *fs)
{
	struct fu_ctx *c = fs->ctx;
	struct form *fm = &fs->form;
	sr_followup_input in;
	memset(&in, 0, sizeof in);
	in.card_id = c->card_id;
	if (!sr_method_parse(form_get(fm, F_METHOD), &in.method))
		in.method = SR_METHOD_OTHER;
	char *content = strdup(form_get(fm, F_CONTENT));
	char *result = strdup(form_get(fm, F_RESULT));
	char *next = strdup(form_get(fm, F_NEXT));
	if (!content || !result || !next) {
		free(content), free(result), free(next);
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	in.content = content;
	in.result = result;
	in.level = form_get(fm, F_LEVEL)[0];
	in.next_date = next[0] ? next : NULL;
	in.intro = form_on(fm, F_INTRO);
	in.negotiation = form_on(fm, F_NEGOTIATION);
	in.test_drive = form_on(fm, F_TEST_DRIVE);
	bool ok = id_parse(form_get(fm, F_TRAFFIC), &in.traffic_id);
	if (!ok) {
		app_err(a, "%s", _("Traffic row: expected the number of a traffic row, or nothing"));
	} else {
		int64_t id;
		sr_status st = sr_followup_add(a->db, &in, &id);
		ok = st == SR_OK;
		if (ok)
			app_msg(a, _("Follow-up saved for %s."), c->name);
		else
			app_fail(a, st);
	}
	free(content), free(result), free(next);
	return ok;
}

static const struct formscr_spec fu_spec = {
	.build = fu_build,
	.save = fu_save,
};

static void *fu_open(struct app *a, const void *arg)
{
	return formscr_open(a, &fu_spec, arg);
}

const struct screen_ops scr_followup = {
	.title = N_("Follow-up"),
	.open = fu_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.reload = formscr_reload,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};
