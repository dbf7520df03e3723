/* scr_manage.c — the manager's tools (展厅经理): a card list found by part
 * of a name or phone and by owner (a consultant's cards), where Space marks
 * rows; A reassigns the marked cards to another owner (重新分配), M merges
 * them (合并, scr_merge.c). Also the small forms those keys open: the new
 * owner, and a comment (批复) on a follow-up record. The rules are the
 * core's: a refusal leaves every card as it was and shows why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"
#include "screens.h"
#include "table.h"

#define MANAGE_MAX 1000

enum { M_ID, M_NAME, M_PHONE, M_LEVEL, M_STATUS, M_OWNER, M_NEXT, M_MODEL, M_NCOLS };

static const struct table_col manage_cols[M_NCOLS] = {
	[M_ID] = { N_("ID"), 2, 8, TCOL_RIGHT },
	[M_NAME] = { N_("Name"), 6, 16, 0 },
	[M_PHONE] = { N_("Phone"), 11, 13, 0 },
	[M_LEVEL] = { N_("Lvl"), 3, 3, TCOL_LEVEL },
	[M_STATUS] = { N_("Status"), 4, 6, 0 },
	[M_OWNER] = { N_("Owner"), 5, 10, 0 },
	[M_NEXT] = { N_("Next due"), 10, 10, 0 },
	[M_MODEL] = { N_("Model"), 6, 0, TCOL_FILL },
};

enum { F_TEXT, F_OWNER, F_LEVEL };

struct manage {
	struct form form;
	struct table t;
	bool in_table;
	bool cut;
	bool done;              /* the marked cards were reassigned or merged */
};

static bool may_manage(sr_role r)
{
	return sr_perm_allows(r, SR_ACT_ASSIGN) || sr_perm_allows(r, SR_ACT_MERGE);
}

struct manage_load {
	struct manage *m;
	int n;
};

static int add_card(void *ctx, const sr_card *c)
{
	struct manage_load *l = ctx;
	if (++l->n > MANAGE_MAX) {
		l->m->cut = true;
		return 1;
	}
	char id[24], level[2] = { c->level, '\0' };
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	const char *cells[M_NCOLS] = {
		[M_ID] = id, [M_NAME] = c->name, [M_PHONE] = c->phone, [M_LEVEL] = level,
		[M_STATUS] = sr_card_status_label(c->status), [M_OWNER] = c->owner_name,
		[M_NEXT] = c->next_date, [M_MODEL] = c->model,
	};
	table_add(&l->m->t, c->id, TH_NORMAL, cells);
	return 0;
}

/* Load the list again, keeping the marks on the cards still in it. */
static void manage_load(struct app *a, struct manage *m)
{
	size_t nmarked = 0;
	int64_t *marked = malloc(((size_t)m->t.nrows + 1) * sizeof *marked);
	/* After a reassignment or merge the marks have done their work. */
	for (int i = 0; marked && !m->done && i < m->t.nrows; i++)
		if (m->t.rows[i].marked)
			marked[nmarked++] = m->t.rows[i].key;
	m->done = false;
	int64_t keep = table_key_selected(&m->t);
	char *text = strdup(form_get(&m->form, F_TEXT));
	char *owner = strdup(form_get(&m->form, F_OWNER));
	char level[4];
	snprintf(level, sizeof level, "%s", form_get(&m->form, F_LEVEL));
	sr_card_filter f;
	sr_card_filter_init(&f);
	f.text = text && *text ? text : NULL;
	f.owner = owner && *owner ? owner : NULL;
	f.level = level[0] ? level : NULL;
	table_clear(&m->t);
	m->cut = false;
	struct manage_load l = { m, 0 };
	sr_status st = sr_card_search(a->db, &f, add_card, &l);
	if (st != SR_OK)
		app_fail(a, st);
	for (int i = 0; marked && i < m->t.nrows; i++)
		for (size_t j = 0; j < nmarked; j++)
			if (m->t.rows[i].key == marked[j])
				m->t.rows[i].marked = true;
	if (keep)
		table_select(&m->t, keep);
	free(marked);
	free(text);
	free(owner);
}

static void *manage_open(struct app *a, const void *arg)
{
	(void)arg;
	if (!may_manage(a->me.role)) {
		app_err(a, _("permission denied: a %s may not reassign or merge cards"),
		        sr_role_label(a->me.role));
		return NULL;
	}
	struct manage *m = calloc(1, sizeof *m);
	if (!m) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	form_init(&m->form);
	form_text(&m->form, _("Name or phone"), "", 60, 30);
	int i = form_choice(&m->form, _("Owner"));
	form_choice_add(&m->form, i, _("(anyone)"), "");
	choices_owners(a, &m->form, i, false);
	i = form_choice(&m->form, _("Level"));
	form_choice_add(&m->form, i, _("(any)"), "");
	choices_levels(&m->form, i, false, true);
	table_init(&m->t, manage_cols, M_NCOLS, _("No card matches."));
	manage_load(a, m);
	return m;
}

static int marked_count(const struct manage *m)
{
	int n = 0;
	for (int i = 0; i < m->t.nrows; i++)
		n += m->t.rows[i].marked;
	return n;
}

static void manage_draw(struct app *a, void *st, const struct rect *r)
{
	struct manage *m = st;
	struct rect fr = { r->y, r->x + 1, 3, r->w - 2 };
	form_draw(a, &m->form, &fr);
	if (m->in_table)
		app_cursor(a, -1, -1);
	char hint[320];
	snprintf(hint, sizeof hint,
	         _("%d marked   %s: mark   %s: reassign   %s: merge   %s: search   %s: list/fields"),
	         marked_count(m), keys_key(ACT_MARK), keys_key(ACT_ASSIGN), keys_key(ACT_MERGE),
	         keys_key(ACT_SAVE), keys_key(ACT_NEXT));
	ui_text(r->y + 3, r->x + 1, r->w - 2, TH_DIM, hint);
	struct rect tr = { r->y + 5, r->x, r->h - 5 - (m->cut ? 1 : 0), r->w };
	table_draw(&m->t, &tr, m->in_table);
	if (m->cut) {
		char note[160];
		snprintf(note, sizeof note, _("Only the first %d cards are shown: narrow the search."),
		         MANAGE_MAX);
		ui_text(r->y + r->h - 1, r->x + 1, r->w - 2, TH_DIM, note);
	}
}

/* The marked cards, or the selected one when none is marked; 0 (with
 * the reason shown) when more are marked than one change takes. */
static size_t chosen(struct app *a, struct manage *m, struct card_ids *ids)
{
	ids->n = 0;
	ids->done = &m->done;
	for (int i = 0; i < m->t.nrows; i++) {
		if (!m->t.rows[i].marked)
			continue;
		if (ids->n == CARD_IDS_MAX) {
			app_err(a, _("More than %d cards marked: change at most %d at a time."),
			        CARD_IDS_MAX, CARD_IDS_MAX);
			ids->n = 0;
			return 0;
		}
		ids->id[ids->n++] = m->t.rows[i].key;
	}
	if (!ids->n && table_key_selected(&m->t))
		ids->id[ids->n++] = table_key_selected(&m->t);
	return ids->n;
}

static bool manage_table_key(struct app *a, struct manage *m, const struct tui_key *k)
{
	if (table_key(&m->t, k->act, NULL))
		return true;
	struct card_ids ids;
	switch (k->act) {
	case ACT_MARK:
		if (m->t.nrows && m->t.sel >= 0 && m->t.sel < m->t.nrows) {
			m->t.rows[m->t.sel].marked = !m->t.rows[m->t.sel].marked;
			if (m->t.sel < m->t.nrows - 1)
				m->t.sel++;
		}
		return true;
	case ACT_OPEN: {
		int64_t id = table_key_selected(&m->t);
		if (id)
			app_push(a, &scr_card, &id);
		return true;
	}
	case ACT_ASSIGN:
		if (!chosen(a, m, &ids)) {
			if (!a->status[0])
				app_err(a, "%s", _("No card to reassign: mark cards with Space first."));
			return true;
		}
		app_push(a, &scr_assign, &ids);
		return true;
	case ACT_MERGE:
		if (chosen(a, m, &ids) < 2) {
			if (!a->status[0])
				app_err(a, _("Mark two or more cards (%s) to merge them."),
				        keys_key(ACT_MARK));
			return true;
		}
		app_push(a, &scr_merge, &ids);
		return true;
	case ACT_NEXT:
	case ACT_PREV:
		m->in_table = false;
		return true;
	default:
		return false;
	}
}

static bool manage_key(struct app *a, void *st, const struct tui_key *k)
{
	struct manage *m = st;
	if (m->in_table)
		return manage_table_key(a, m, k);
	if (k->act == ACT_PGDN || (k->act == ACT_NEXT && m->form.focus == m->form.n - 1)) {
		m->in_table = m->t.nrows > 0;
		return true;
	}
	enum form_result r = form_key(&m->form, k);
	if (r == FORM_SUBMIT) {
		m->t.sel = m->t.top = 0;
		manage_load(a, m);
		m->in_table = m->t.nrows > 0;
		m->form.dirty = false;
		return true;
	}
	return r != FORM_UNUSED;
}

static void manage_reload(struct app *a, void *st)
{
	manage_load(a, st);
}

static void manage_close(struct app *a, void *st)
{
	(void)a;
	struct manage *m = st;
	form_free(&m->form);
	table_free(&m->t);
	free(m);
}

static const enum action manage_keys[] = {
	ACT_MARK, ACT_ASSIGN, ACT_MERGE, ACT_SAVE, ACT_NEXT, ACT_OPEN, ACT_BACK, ACT_HOME, ACT_NONE,
};

const struct screen_ops scr_manage = {
	.title = N_("Manage cards"),
	.open = manage_open,
	.draw = manage_draw,
	.key = manage_key,
	.reload = manage_reload,
	.close = manage_close,
	.keys = manage_keys,
};

/* --- reassign: the new owner ------------------------------------------------------------ */

static bool assign_build(struct app *a, struct formscr *fs, const void *arg)
{
	struct card_ids *ids = malloc(sizeof *ids);
	fs->ctx = ids;
	if (!ids) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	memcpy(ids, arg, sizeof *ids);
	snprintf(fs->heading, sizeof fs->heading, _("Reassign %zu card(s) to"), ids->n);
	snprintf(fs->help, sizeof fs->help, "%s",
	         _("All or none: when one card may not move, none moves."));
	int i = form_choice(&fs->form, _("New owner"));
	choices_owners(a, &fs->form, i, false);
	return true;
}

static bool assign_save(struct app *a, struct formscr *fs)
{
	struct card_ids *ids = fs->ctx;
	char login[SR_LOGIN_MAX];
	snprintf(login, sizeof login, "%s", form_get(&fs->form, 0));
	sr_status st = sr_card_assign(a->db, ids->id, ids->n, login);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	if (ids->done)
		*ids->done = true;
	app_msg(a, _("%zu card(s) reassigned to %s."), ids->n, login);
	return true;
}

static const struct formscr_spec assign_spec = { .build = assign_build, .save = assign_save };

static void *assign_open(struct app *a, const void *arg)
{
	return formscr_open(a, &assign_spec, arg);
}

const struct screen_ops scr_assign = {
	.title = N_("Reassign cards"),
	.open = assign_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};

/* --- comment (批复) on a follow-up ------------------------------------------------------- */

static bool comment_build(struct app *a, struct formscr *fs, const void *arg)
{
	int64_t *id = malloc(sizeof *id);
	fs->ctx = id;
	if (!id) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	*id = *(const int64_t *)arg;
	snprintf(fs->heading, sizeof fs->heading, _("Comment on follow-up #%lld"), (long long)*id);
	form_text(&fs->form, _("Comment"), "", 1000, 0);
	return true;
}

static bool comment_save(struct app *a, struct formscr *fs)
{
	int64_t *id = fs->ctx;
	char *text = strdup(form_get(&fs->form, 0));
	if (!text) {
		app_err(a, "%s", _("out of memory"));
		return false;
	}
	sr_status st = sr_followup_comment(a->db, *id, text);
	free(text);
	if (st != SR_OK) {
		app_fail(a, st);
		return false;
	}
	app_msg(a, "%s", _("Comment saved."));
	return true;
}

static const struct formscr_spec comment_spec = { .build = comment_build, .save = comment_save };

static void *comment_open(struct app *a, const void *arg)
{
	return formscr_open(a, &comment_spec, arg);
}

const struct screen_ops scr_comment = {
	.title = N_("Comment"),
	.open = comment_open,
	.draw = formscr_draw,
	.key = formscr_key,
	.close = formscr_close,
	.dirty = formscr_dirty,
	.keys = formscr_keys,
};
