/* choices.c — the choice lists and small value parsers the forms share. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"

struct fill {
	struct form *fm;
	int idx;
};

static int add_owner(void *ctx, const sr_user *u)
{
	struct fill *f = ctx;
	if (!u->active || !sr_role_owns_cards(u->role))
		return 0;
	char label[SR_NAME_MAX + SR_LOGIN_MAX + 4];
	snprintf(label, sizeof label, "%s (%s)", u->name, u->login);
	form_choice_add(f->fm, f->idx, label, u->login);
	return 0;
}

void choices_owners(struct app *a, struct form *fm, int idx, bool with_none)
{
	if (with_none)
		form_choice_add(fm, idx, _("(none)"), "");
	struct fill f = { fm, idx };
	sr_user_each(a->db, add_owner, &f);
}

static int add_model(void *ctx, const sr_model *m)
{
	struct fill *f = ctx;
	char label[2 * SR_LABEL_MAX + 2];
	/* As the core shows it: 英朗 1.5L rather than 英朗 英朗 1.5L. */
	if (strncmp(m->model, m->series, strlen(m->series)) == 0)
		snprintf(label, sizeof label, "%s", m->model);
	else
		snprintf(label, sizeof label, "%s %s", m->series, m->model);
	form_choice_add(f->fm, f->idx, label, m->code);
	return 0;
}

void choices_models(struct app *a, struct form *fm, int idx)
{
	form_choice_add(fm, idx, _("(none)"), "");
	struct fill f = { fm, idx };
	sr_model_each(a->db, add_model, &f);
}

static int add_source(void *ctx, const sr_source *s)
{
	struct fill *f = ctx;
	form_choice_add(f->fm, f->idx, s->name, s->code);
	return 0;
}

void choices_sources(struct app *a, struct form *fm, int idx)
{
	form_choice_add(fm, idx, _("(none)"), "");
	struct fill f = { fm, idx };
	sr_source_each(a->db, add_source, &f);
}

void choices_levels(struct form *fm, int idx, bool with_unchanged, bool with_o)
{
	static const char levels[] = "OHABCN";
	if (with_unchanged)
		form_choice_add(fm, idx, _("(unchanged)"), "");
	for (const char *p = with_o ? levels : levels + 1; *p; p++) {
		char v[2] = { *p, '\0' };
		form_choice_add(fm, idx, v, v);
	}
}

static int add_fl(void *ctx, const sr_followup_level *l)
{
	struct fill *f = ctx;
	char label[SR_CODE_MAX + SR_LABEL_MAX + 32];
	snprintf(label, sizeof label, "%s %s (%d–%d)", l->code, l->name, l->min_days, l->max_days);
	form_choice_add(f->fm, f->idx, label, l->code);
	return 0;
}

void choices_followup_levels(struct app *a, struct form *fm, int idx)
{
	struct fill f = { fm, idx };
	sr_followup_level_each(a->db, add_fl, &f);
}

void date_from_today(struct app *a, int days, char out[SR_DATE_LEN])
{
	sr_date_format(sr_db_today(a->db) + days, out);
}

bool money_parse(const char *text, int64_t *cents)
{
	const char *dot = strchr(text, '.');
	size_t whole = dot ? (size_t)(dot - text) : strlen(text);
	size_t frac = dot ? strlen(dot + 1) : 0;
	if (whole < 1 || whole > 12 || (dot && (frac < 1 || frac > 2)))
		return false;
	int64_t v = 0, f = 0;
	for (size_t i = 0; i < whole; i++) {
		if (!isdigit((unsigned char)text[i]))
			return false;
		v = v * 10 + (text[i] - '0');
	}
	for (size_t i = 0; i < frac; i++) {
		if (!isdigit((unsigned char)dot[1 + i]))
			return false;
		f = f * 10 + (dot[1 + i] - '0');
	}
	*cents = v * 100 + (frac == 1 ? f * 10 : f);
	return true;
}

bool id_parse(const char *text, int64_t *out)
{
	int64_t v = 0;
	while (*text == ' ')
		text++;
	if (!*text) {
		*out = 0;
		return true;
	}
	for (; *text && *text != ' '; text++) {
		if (!isdigit((unsigned char)*text) || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*text - '0');
	}
	while (*text == ' ')
		text++;
	if (*text || v == 0)
		return false;
	*out = v;
	return true;
}

sr_card *choices_card(struct app *a, struct formscr *fs, void *ctx, int64_t id)
{
	sr_card *card = malloc(sizeof *card);
	fs->ctx = ctx;
	if (!ctx || !card) {
		free(card);
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	sr_status st = sr_card_get(a->db, id, card);
	if (st != SR_OK) {
		free(card);
		app_fail(a, st);
		return NULL;
	}
	return card;
}
