/* scr_search.c — find prospects (查找有望客户): part of a name (Chinese
 * too) or of a phone number, narrowed by level, status, owner and card
 * age; results as a table, one page at a time from the core
 * (limit/offset), never the whole list. Enter opens the card. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "formscr.h"
#include "screens.h"
#include "table.h"

enum { S_ID, S_NAME, S_PHONE, S_LEVEL, S_STATUS, S_OWNER, S_MODEL, S_NEXT, S_AGE, S_NCOLS };

static const struct table_col search_cols[S_NCOLS] = {
	[S_ID] = { N_("ID"), 2, 8, TCOL_RIGHT },
	[S_NAME] = { N_("Name"), 6, 16, 0 },
	[S_PHONE] = { N_("Phone"), 11, 13, 0 },
	[S_LEVEL] = { N_("Lvl"), 3, 3, TCOL_LEVEL },
	[S_STATUS] = { N_("Status"), 4, 6, 0 },
	[S_OWNER] = { N_("Owner"), 5, 10, 0 },
	[S_MODEL] = { N_("Model"), 6, 0, TCOL_FILL },
	[S_NEXT] = { N_("Next due"), 10, 10, 0 },
	[S_AGE] = { N_("Age"), 3, 5, TCOL_RIGHT },
};

/* The form's fields: the text, then the filters (sr_card_filter). */
enum { F_TEXT, F_LEVEL, F_STATUS, F_CHANNEL, F_MODEL, F_SOURCE, F_OWNER, F_MIN_AGE, F_MAX_AGE, F_COUNT };

struct search {
	struct form form;       /* the text and the filters */
	struct table t;
	bool in_table;          /* focus: results (else the form) */
	char query[256];        /* what the results are for: */
	char level[8], status[16], owner[SR_LOGIN_MAX];
	char channel[16], model[64], source[64];
	int min_age, max_age;
	int offset, page;
	bool more, searched;
};

struct page_load {
	struct search *s;
	int n;
};

static int add_card(void *ctx, const sr_card *c)
{
	struct page_load *l = ctx;
	if (l->n++ >= l->s->page) {
		l->s->more = true;
		return 1;
	}
	char id[24], age[16], level[2] = { c->level, '\0' };
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	snprintf(age, sizeof age, "%d", c->age_days);
	const char *cells[S_NCOLS] = {
		[S_ID] = id, [S_NAME] = c->name, [S_PHONE] = c->phone, [S_LEVEL] = level,
		[S_STATUS] = sr_card_status_label(c->status), [S_OWNER] = c->owner_name,
		[S_MODEL] = c->model, [S_NEXT] = c->next_date, [S_AGE] = age,
	};
	table_add(&l->s->t, c->id, TH_NORMAL, cells);
	return 0;
}

static void search_load(struct app *a, struct search *s)
{
	s->page = s->t.page > 1 ? s->t.page : 20;
	sr_card_filter f;
	sr_card_filter_init(&f);
	f.text = s->query[0] ? s->query : NULL;
	f.level = s->level[0] ? s->level : NULL;
	f.owner = s->owner[0] ? s->owner : NULL;
	f.model = s->model[0] ? s->model : NULL;
	f.source = s->source[0] ? s->source : NULL;
	sr_channel ch;
	if (s->channel[0] && sr_channel_parse(s->channel, &ch))
		f.channel = (int)ch;
	f.min_age = s->min_age;
	f.max_age = s->max_age;
	sr_card_status cs;
	if (strcmp(s->status, "all") == 0)
		f.all_statuses = true;
	else if (sr_card_status_parse(s->status, &cs))
		f.status_mask = 1 << cs;
	f.limit = s->page + 1;
	f.offset = s->offset;
	table_clear(&s->t);
	s->more = false;
	s->searched = true;
	struct page_load l = { s, 0 };
	sr_status st = sr_card_search(a->db, &f, add_card, &l);
	if (st != SR_OK)
		app_fail(a, st);
}

/* The catalogue choices start with "(none)" (for a card's own field); as
 * a filter the empty value means any. */
static void relabel_any(struct form *fm, int idx)
{
	if (idx < 0 || fm->f[idx].nchoices < 1)
		return;
	char *any = strdup(_("(any)"));
	if (!any)
		return;
	free(fm->f[idx].labels[0]);
	fm->f[idx].labels[0] = any;
}

static void *search_open(struct app *a, const void *arg)
{
	(void)arg;
	struct search *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	form_init(&s->form);
	s->min_age = s->max_age = -1;
	form_text(&s->form, _("Name or phone"), "", 60, 40);
	int i = form_text(&s->form, _("Level"), "", 6, 7);
	form_note(&s->form, i, TH_DIM, "%s", _("letters of OHABCN, e.g. HA; empty = any"));
	i = form_choice(&s->form, _("Status"));
	form_choice_add(&s->form, i, _("(being followed)"), "");
	for (int c = SR_STATUS_ACTIVE; c <= SR_STATUS_LOST; c++)
		form_choice_add(&s->form, i, sr_card_status_label((sr_card_status)c),
		                sr_card_status_name((sr_card_status)c));
	form_choice_add(&s->form, i, _("(all)"), "all");
	i = form_choice(&s->form, _("Channel"));
	form_choice_add(&s->form, i, _("(any)"), "");
	for (int c = SR_CHANNEL_WALKIN; c <= SR_CHANNEL_OUTREACH; c++)
		form_choice_add(&s->form, i, sr_channel_label((sr_channel)c),
		                sr_channel_name((sr_channel)c));
	i = form_choice(&s->form, _("Model"));
	choices_models(a, &s->form, i);
	relabel_any(&s->form, i);
	i = form_choice(&s->form, _("Source"));
	choices_sources(a, &s->form, i);
	relabel_any(&s->form, i);
	i = form_text(&s->form, _("Owner"), "", SR_LOGIN_MAX - 1, 16);
	form_note(&s->form, i, TH_DIM, "%s", _("login; empty = anyone"));
	i = form_text(&s->form, _("Min age"), "", 5, 6);
	form_note(&s->form, i, TH_DIM, "%s", _("days since filing"));
	i = form_text(&s->form, _("Max age"), "", 5, 6);
	form_note(&s->form, i, TH_DIM, "%s", _("days since filing"));
	table_init(&s->t, search_cols, S_NCOLS, _("No card matches."));
	/* The rows the table will show (body less the field, hint and header)
	 * before it is first drawn: the first page is one screenful. */
	s->t.page = LINES - 7 - F_COUNT > 1 ? LINES - 7 - F_COUNT : 20;
	/* Until something is typed: the newest cards this user may see. */
	search_load(a, s);
	return s;
}

static void search_draw(struct app *a, void *st, const struct rect *r)
{
	struct search *s = st;
	int fh = r->h >= 20 ? F_COUNT : 1;
	struct rect fr = { r->y, r->x + 1, fh, r->w - 2 };
	form_draw(a, &s->form, &fr);
	if (s->in_table)
		app_cursor(a, -1, -1);
	char hint[256];
	snprintf(hint, sizeof hint,
	         _("%s: search (part of a name, Chinese too, or part of a phone)   %s: next filter   %s: results"),
	         keys_key(ACT_OPEN), keys_key(ACT_NEXT), keys_key(ACT_DOWN));
	ui_text(r->y + fh, r->x + 1, r->w - 2, TH_DIM, hint);
	struct rect tr = { r->y + fh + 2, r->x, r->h - fh - 3, r->w };
	table_draw(&s->t, &tr, s->in_table);
	char foot[160];
	if (s->t.nrows)
		snprintf(foot, sizeof foot, _("Rows %d–%d%s"), s->offset + 1, s->offset + s->t.nrows,
		         s->more ? _(", more: PgDn") : "");
	else
		foot[0] = '\0';
	ui_text(r->y + r->h - 1, r->x + 1, r->w - 2, TH_DIM, foot);
}

/* An age field: empty = unbounded (-1); false when not a number. */
static bool age_get(struct app *a, struct search *s, int idx, int *out)
{
	const char *t = form_get(&s->form, idx);
	if (!*t) {
		*out = -1;
		return true;
	}
	char *end;
	long v = strtol(t, &end, 10);
	if (*end || v < 0 || v > 100000) {
		app_err(a, _("%s: expected a number of days, got '%s'"), s->form.f[idx].label, t);
		return false;
	}
	*out = (int)v;
	return true;
}

static void run_search(struct app *a, struct search *s)
{
	int min_age, max_age;
	if (!age_get(a, s, F_MIN_AGE, &min_age) || !age_get(a, s, F_MAX_AGE, &max_age))
		return;
	s->min_age = min_age;
	s->max_age = max_age;
	snprintf(s->query, sizeof s->query, "%s", form_get(&s->form, F_TEXT));
	snprintf(s->level, sizeof s->level, "%s", form_get(&s->form, F_LEVEL));
	for (char *p = s->level; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	snprintf(s->status, sizeof s->status, "%s", form_get(&s->form, F_STATUS));
	snprintf(s->owner, sizeof s->owner, "%s", form_get(&s->form, F_OWNER));
	snprintf(s->channel, sizeof s->channel, "%s", form_get(&s->form, F_CHANNEL));
	snprintf(s->model, sizeof s->model, "%s", form_get(&s->form, F_MODEL));
	snprintf(s->source, sizeof s->source, "%s", form_get(&s->form, F_SOURCE));
	s->offset = 0;
	s->t.sel = s->t.top = 0;
	search_load(a, s);
	s->in_table = s->t.nrows > 0;
	s->form.dirty = false;
	if (!s->t.nrows && !s->query[0] && !s->level[0] && !s->status[0] && !s->owner[0] &&
	    !s->channel[0] && !s->model[0] && !s->source[0] &&
	    min_age < 0 && max_age < 0)
		app_msg(a, "%s", _("No cards to show."));
}

static bool table_keys(struct app *a, struct search *s, const struct tui_key *k)
{
	int edge = 0;
	if (table_key(&s->t, k->act, &edge)) {
		if (edge > 0 && s->more) {
			s->offset += s->page;
			search_load(a, s);
			s->t.sel = s->t.top = 0;
		} else if (edge < 0 && s->offset > 0) {
			s->offset = s->offset > s->page ? s->offset - s->page : 0;
			search_load(a, s);
			s->t.sel = s->t.nrows - 1;
		}
		return true;
	}
	switch (k->act) {
	case ACT_OPEN: {
		int64_t id = table_key_selected(&s->t);
		if (id)
			app_push(a, &scr_card, &id);
		return true;
	}
	case ACT_NEXT:
	case ACT_PREV:
		s->in_table = false;
		return true;
	default:
		break;
	}
	/* Typing a name while on the results: back to the name field with it. */
	if (keys_is_text(k->code) && k->act == ACT_NONE) {
		s->in_table = false;
		s->form.focus = F_TEXT;
		form_key(&s->form, k);
		return true;
	}
	return false;
}

static bool search_key(struct app *a, void *st, const struct tui_key *k)
{
	struct search *s = st;
	if (k->act == ACT_SEARCH) {
		/* F2 again: to the name field, from the results or a filter. */
		s->in_table = false;
		s->form.focus = F_TEXT;
		return true;
	}
	if (s->in_table)
		return table_keys(a, s, k);
	bool last = s->form.focus == s->form.n - 1;
	switch (k->act) {
	case ACT_OPEN:
		/* Enter searches from any field: the filters are optional. */
		run_search(a, s);
		return true;
	case ACT_NEXT:
		/* From the last filter on to the results. */
		if (!last)
			break;
		/* fall through */
	case ACT_DOWN:
	case ACT_PGDN:
		s->in_table = s->t.nrows > 0;
		return true;
	default:
		break;
	}
	enum form_result r = form_key(&s->form, k);
	if (r == FORM_SUBMIT) {
		run_search(a, s);
		return true;
	}
	return r != FORM_UNUSED;
}

static void search_reload(struct app *a, void *st)
{
	struct search *s = st;
	int64_t keep = table_key_selected(&s->t);
	int sel = s->t.sel;
	search_load(a, s);
	s->t.sel = sel;
	table_select(&s->t, keep);
}

static void search_close(struct app *a, void *st)
{
	(void)a;
	struct search *s = st;
	form_free(&s->form);
	table_free(&s->t);
	free(s);
}

static const enum action search_keys[] = {
	ACT_OPEN, ACT_NEXT, ACT_BACK, ACT_HOME, ACT_TRAFFIC, ACT_NEW, ACT_NONE,
};

const struct screen_ops scr_search = {
	.title = N_("Find prospects"),
	.open = search_open,
	.draw = search_draw,
	.key = search_key,
	.reload = search_reload,
	.close = search_close,
	.keys = search_keys,
};
