/* formscr.c — the shared frame of the form screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formscr.h"

const enum action formscr_keys[] = {
	ACT_SAVE, ACT_NEXT, ACT_PREV, ACT_BACK, ACT_NONE,
};

void *formscr_open(struct app *a, const struct formscr_spec *spec, const void *arg)
{
	struct formscr *fs = calloc(1, sizeof *fs);
	if (!fs) {
		app_err(a, "%s", _("out of memory"));
		return NULL;
	}
	fs->spec = spec;
	form_init(&fs->form);
	if (!spec->build(a, fs, arg)) {
		formscr_close(a, fs);
		return NULL;
	}
	return fs;
}

void formscr_draw(struct app *a, void *st, const struct rect *r)
{
	struct formscr *fs = st;
	int y = r->y;
	ui_text(y++, r->x + 1, r->w - 1, TH_HEADING, fs->heading);
	if (fs->help[0])
		ui_text(y++, r->x + 1, r->w - 1, TH_DIM, fs->help);
	char keys[256];
	snprintf(keys, sizeof keys,
	         _("%s: save   %s: next field   %s/%s: choose   %s: cancel"), keys_key(ACT_SAVE),
	         keys_key(ACT_NEXT), keys_key(ACT_LEFT), keys_key(ACT_RIGHT), keys_key(ACT_BACK));
	ui_text(y++, r->x + 1, r->w - 1, TH_DIM, keys);
	y++;
	int extra = fs->spec->draw_extra ? fs->extra_rows : 0;
	int room = r->y + r->h - y - extra;
	if (room < 3)
		room = r->y + r->h - y;
	struct rect fr = { y, r->x + 1, room, r->w - 2 };
	int used = form_draw(a, &fs->form, &fr);
	if (fs->spec->draw_extra) {
		int ey = y + used + 1;
		struct rect er = { ey, r->x + 1, r->y + r->h - ey, r->w - 2 };
		if (er.h > 0)
			fs->spec->draw_extra(a, fs, &er);
	}
}

bool formscr_key(struct app *a, void *st, const struct tui_key *k)
{
	struct formscr *fs = st;
	enum form_result res = form_key(&fs->form, k);
	if (res == FORM_CHANGED) {
		if (fs->spec->changed)
			fs->spec->changed(a, fs, fs->form.focus);
		return true;
	}
	if (res == FORM_USED)
		return true;
	if (res == FORM_SUBMIT) {
		/* A busy database makes the core wait: say so before it does. */
		app_msg(a, "%s", _("Saving…"));
		app_draw(a);
		app_clear_msg(a);
		if (fs->spec->save(a, fs))
			app_pop(a); /* fs is gone now */
		return true;
	}
	if (fs->spec->key && fs->spec->key(a, fs, k))
		return true;
	/* Global keys that would act on another screen's selection are of
	 * no use here; leave navigation (F1, F2, Esc, ...) to the main loop. */
	return false;
}

void formscr_reload(struct app *a, void *st)
{
	struct formscr *fs = st;
	if (fs->spec->reload)
		fs->spec->reload(a, fs);
}

void formscr_close(struct app *a, void *st)
{
	(void)a;
	struct formscr *fs = st;
	if (fs->spec->free_ctx)
		fs->spec->free_ctx(fs->ctx);
	else
		free(fs->ctx);
	form_free(&fs->form);
	free(fs);
}

void formscr_conflict(struct app *a, struct formscr *fs, const char *what, char **orig,
                      char **theirs, int n, bool moved)
{
	char msg[APP_STATUS_MAX];
	snprintf(msg, sizeof msg, "%s", sr_db_message(a->db));
	if (!moved) {
		/* Not another edit: the database stayed busy. Try again. */
		for (int f = 0; f < n; f++)
			free(theirs[f]);
		app_err(a, _("%s — your input is kept: press %s to try again"), msg,
		        keys_key(ACT_SAVE));
		return;
	}
	int both = 0;
	for (int f = 0; f < n; f++) {
		if (strcmp(theirs[f], orig[f]) == 0)
			continue;
		char *mine = strdup(form_get(&fs->form, f));
		bool touched = mine && strcmp(mine, orig[f]) != 0;
		if (!touched) {
			form_set(&fs->form, f, theirs[f]);
			form_note(&fs->form, f, TH_STATUS, "%s", _("changed by another user"));
		} else if (strcmp(mine, theirs[f]) != 0) {
			form_note(&fs->form, f, TH_ERROR, _("other user: %s"), *theirs[f] ? theirs[f] : "—");
			both++;
		}
		free(mine);
	}
	for (int f = 0; f < n; f++) {
		free(orig[f]);
		orig[f] = theirs[f];
	}
	if (both)
		app_err(a, _("%s saves yours, %s keeps theirs: someone else changed %s meanwhile "
		             "(%d field(s) marked)."),
		        keys_key(ACT_SAVE), keys_key(ACT_BACK), what, both);
	else
		app_err(a, _("Someone else changed %s meanwhile: their changes are in the form now. "
		             "Check, then %s again."),
		        what, keys_key(ACT_SAVE));
}

bool formscr_dirty(void *st)
{
	const struct formscr *fs = st;
	return fs->form.dirty;
}
