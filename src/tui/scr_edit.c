/* scr_edit.c — editing a card's fields (sr_card_edit), safe against
 * another user's edit.
 *
 * The form remembers the version and the values it was opened with and
 * sends only the fields the user changed, with that version. When someone
 * else saved first (SR_CONFLICT), nothing is overwritten: the card is read
 * again; a field the user did not touch takes the other user's value, a
 * field both changed keeps the user's value and shows the other one beside
 * it. The version moves on, so a second F10 saves the user's choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"

/* The form's fields are the card's, in the field table's order. */
enum { E_ANSWER0 = SR_FIELD_ANSWER0, E_COUNT = SR_FIELD_COUNT };

struct edit_ctx {
	int64_t card_id, version;
	char name[SR_NAME_MAX];
	char *orig[E_COUNT];
};

static const char *field_name(int f)
{
	return sr_card_field_get(f)->key;
}

static void free_values(char **v)
{
	for (int f = 0; f < E_COUNT; f++) {
		free(v[f]);
		v[f] = NULL;
	}
}

/* The card's values as `card edit` takes them (codes for source, model). */
static bool card_values(struct app *a, const sr_card *c, char **v)
{
	char level[2] = { c->level, '\0' };
	char source[SR_CODE_MAX] = "", model[SR_CODE_MAX] = "";
	sr_source s;
	if (c->source_id && sr_source_by_id(a->db, c->source_id, &s) == SR_OK)
		snprintf(source, sizeof source, "%s", s.code);
	sr_model m;
	if (c->model_id && sr_model_by_id(a->db, c->model_id, &m) == SR_OK)
		snprintf(model, sizeof model, "%s", m.code);
	const char *in[E_ANSWER0] = {
		c->name, c->phone, c->gender, c->region, c->address, source, model,
		c->expected_purchase, c->followup_level, c->next_date, level,
	};
	bool ok = true;
	for (int f = 0; f < E_COUNT; f++) {
		v[f] = strdup(f < E_ANSWER0 ? in[f] : c->answers[f - E_ANSWER0]);
		ok = ok && v[f];
	}
	if (!ok)
		free_values(v);
	return ok;
}

static bool edit_build(struct app *a, struct formscr *fs, const void *arg)
{
	struct edit_ctx *c = calloc(1, sizeof *c);
	sr_card *card = choices_card(a, fs, c, *(const int64_t *)arg);
	if (!card)
		return false;
	if (!card_values(a, card, c->orig)) {
		free(card);
		return false;
	}
	c->card_id = card->id;
	c->version = card->version;
	snprintf(c->name, sizeof c->name, "%s", card->name);
	snprintf(fs->heading, sizeof fs->heading, _("Edit card %s (#%lld), version %lld"), card->name,
	         (long long)card->id, (long long)card->version);
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("Only the fields you change are saved."));

	struct form *fm = &fs->form;
	form_text(fm, _("Name"), "", sr_card_field_max(SR_FIELD_NAME), 34);
	form_text(fm, _("Phone"), "", sr_card_field_max(SR_FIELD_PHONE), 22);
	int i = form_choice(fm, _("Gender"));
	form_choice_add(fm, i, "—", "");
	form_choice_add(fm, i, _("male"), "M");
	form_choice_add(fm, i, _("female"), "F");
	form_text(fm, _("Region"), "", sr_card_field_max(SR_FIELD_REGION), 0);
	form_text(fm, _("Address"), "", sr_card_field_max(SR_FIELD_ADDRESS), 0);
	choices_sources(a, fm, form_choice(fm, _("Source")));
	choices_models(a, fm, form_choice(fm, _("Model")));
	form_text(fm, _("Expected purchase"), "", 10, 12);
	choices_followup_levels(a, fm, form_choice(fm, _("Follow-up level")));
	form_text(fm, _("Next follow-up"), "", 10, 12);
	choices_levels(fm, form_choice(fm, _("Intent level")), false, card->level == 'O');
	for (int q = 0; q < SR_ANS_COUNT; q++)
		form_text(fm, sr_answer_label((sr_answer)q), "",
		          sr_card_field_max(SR_FIELD_ANSWER0 + q), 0);
	for (int f = 0; f < E_COUNT; f++)
		form_set(fm, f, c->orig[f]);
	free(card);
	return true;
}

/* Someone else saved first: the shared choice of formscr_conflict, with
 * the card as it is now. */
static void edit_merge(struct app *a, struct formscr *fs, sr_status refused)
{
	struct edit_ctx *c = fs->ctx;
	sr_card *card = malloc(sizeof *card);
	char *theirs[E_COUNT] = { 0 };
	if (!card || sr_card_get(a->db, c->card_id, card) != SR_OK ||
	    !card_values(a, card, theirs)) {
		free(card);
		app_fail(a, refused);
		return;
	}
	bool moved = card->version != c->version;
	formscr_conflict(a, fs, _("this card"), c->orig, theirs, E_COUNT, moved);
	if (moved) {
		c->version = card->version;
		snprintf(fs->heading, sizeof fs->heading, _("Edit card %s (#%lld), version %lld"),
		         card->name, (long long)card->id, (long long)card->version);
	}
	free(card);
}

static bool edit_save(struct app *a, struct formscr *fs)
{
	struct edit_ctx *c = fs->ctx;
	sr_card_change ch[E_COUNT];
	char *vals[E_COUNT] = { 0 };
	size_t n = 0;
	for (int f = 0; f < E_COUNT; f++) {
		const char *v = form_get(&fs->form, f);
		if (strcmp(v, c->orig[f]) == 0)
			continue;
		vals[n] = strdup(v);
		if (!vals[n])
			break;
		ch[n].field = field_name(f);
		ch[n].value = vals[n];
		n++;
	}
	if (n == 0) {
		app_msg(a, "%s", _("Nothing changed."));
		return true;
	}
	sr_status st = sr_card_edit(a->db, c->card_id, c->version, ch, n);
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	if (st == SR_CONFLICT) {
		edit_merge(a, fs, st);
		return false;
	}
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	app_msg(a, _("Card %s saved."), c->name);
	return true;
}

static void edit_free(void *ctx)
{
	struct edit_ctx *c = ctx;
	if (!c)
		return;
	free_values(c->orig);
	free(c);
}

static const struct formscr_spec edit_spec = {
	.build = edit_build,
	.save = edit_save,
	.free_ctx = edit_free,
};

static void *edit_open(struct app *a, const void *arg)
{
	return formscr_open(a, &edit_spec, arg);
}

const struct screen_ops scr_card_edit = {
	.title = N_("Edit card"),
	.open = edit_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};
