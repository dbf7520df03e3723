/* scr_search.c — find prospects (查找有望客户): part of a name (Chinese
 * too) or of a phone number; results as a table, one page at a time from
 * the core (limit/offset), never the whole list. Enter opens the card. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
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
	[S_NEXT] = { N_("Next"), 10, 10, 0 },
	[S_AGE] = { N_("Age"), 3, 5, TCOL_RIGHT },
};

struct search {
	struct form form;       /* one field: the text */
	struct table t;
	bool in_table;          /* focus: results (else the text field) */
	char query[256];        /* what the results are for */
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
		[S_STATUS] = sr_card_status_label(c->status), [S_OWNER] = c->owner_login,
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

static void *search_open(struct app *a, const void *arg)
{
	(void)arg;
	struct search *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	form_init(&s->form);
	form_text(&s->form, _("Name or phone"), "", 60, 40);
	table_init(&s->t, search_cols, S_NCOLS, _("No card matches."));
	/* The rows the table will show (body less the field, hint and header)
	 * before it is first drawn: the first page is one screenful. */
	s->t.page = LINES - 8 > 1 ? LINES - 8 : 20;
	/* Until something is typed: the newest cards this user may see. */
	search_load(a, s);
	return s;
}

static void search_draw(struct app *a, void *st, const struct rect *r)
{
	struct search *s = st;
	struct rect fr = { r->y, r->x + 1, 1, r->w - 2 };
	form_draw(a, &s->form, &fr);
	if (s->in_table)
		app_cursor(a, -1, -1);
	char hint[256];
	snprintf(hint, sizeof hint,
	         _("%s: search (part of a name, Chinese too, or part of a phone)   %s: results/field"),
	         keys_key(ACT_OPEN), keys_key(ACT_NEXT));
	ui_text(r->y + 1, r->x + 1, r->w - 2, TH_DIM, hint);
	struct rect tr = { r->y + 3, r->x, r->h - 4, r->w };
	table_draw(&s->t, &tr, s->in_table);
	char foot[160];
	if (s->t.nrows)
		snprintf(foot, sizeof foot, _("Rows %d–%d%s"), s->offset + 1, s->offset + s->t.nrows,
		         s->more ? _(", more: PgDn") : "");
	else
		foot[0] = '\0';
	ui_text(r->y + r->h - 1, r->x + 1, r->w - 2, TH_DIM, foot);
}

static void run_search(struct app *a, struct search *s)
{
	snprintf(s->query, sizeof s->query, "%s", form_get(&s->form, 0));
	s->offset = 0;
	s->t.sel = s->t.top = 0;
	search_load(a, s);
	s->in_table = s->t.nrows > 0;
	s->form.dirty = false;
	if (!s->t.nrows && !s->query[0])
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
	case ACT_SEARCH:
		s->in_table = false;
		return true;
	default:
		break;
	}
	/* Typing a name while on the results: back to the field with it. */
	if (keys_is_text(k->code) && k->act == ACT_NONE) {
		s->in_table = false;
		form_key(&s->form, k);
		return true;
	}
	return false;
}

static bool search_key(struct app *a, void *st, const struct tui_key *k)
{
	struct search *s = st;
	if (s->in_table)
		return table_keys(a, s, k);
	switch (k->act) {
	case ACT_NEXT:
	case ACT_DOWN:
	case ACT_PGDN:
		s->in_table = s->t.nrows > 0;
		return true;
	case ACT_SEARCH:
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
