/* help.c — the help overlay (`?` or F1): every key of the screen below,
 * then the keys that work everywhere, all read from the keys table. */
#include <stdio.h>
#include <stdlib.h>
#include "screens.h"

struct help {
	const struct screen_ops *under;
	int top;
};

/* Keys that work everywhere besides the navigation table's (screens.c). */
static const enum action everywhere_more[] = { ACT_RELOAD, ACT_BACK, ACT_QUIT, ACT_NONE };

/* The global keys: every key of the navigation table (so a screen added
 * there shows here by itself), then reload, back and quit. */
static void everywhere_fill(enum action *out, size_t max)
{
	size_t n = 0;
	out[n++] = ACT_HELP;
	for (const struct tui_nav *v = tui_nav; v->ops && n + 1 < max; v++)
		if (v->act != ACT_HELP)
			out[n++] = v->act;
	for (const enum action *p = everywhere_more; *p != ACT_NONE && n + 1 < max; p++)
		out[n++] = *p;
	out[n] = ACT_NONE;
}

static const enum action moving[] = {
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM, ACT_NONE,
};

static const enum action editing[] = {
	ACT_NEXT, ACT_PREV, ACT_LEFT, ACT_RIGHT, ACT_MARK, ACT_ERASE, ACT_DELETE, ACT_KILL, ACT_SAVE,
	ACT_NONE,
};

static void *help_open(struct app *a, const void *arg)
{
	(void)a;
	const struct app_frame *f = arg;
	struct help *h = calloc(1, sizeof *h);
	if (h)
		h->under = f ? f->ops : NULL;
	return h;
}

struct help_line {
	const char *heading;
	enum action act;
};

static int help_lines(const struct help *h, const sr_user *me, struct help_line *out, int max)
{
	enum action everywhere[32];
	everywhere_fill(everywhere, sizeof everywhere / sizeof *everywhere);
	const enum action *lists[] = { h->under ? h->under->keys : NULL, everywhere, moving, editing };
	const char *headings[] = {
		N_("This screen"), N_("Everywhere"), N_("Moving in lists"), N_("In forms"),
	};
	int n = 0;
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
		if (!lists[l])
			continue;
		if (n < max)
			out[n++] = (struct help_line){ _(headings[l]), ACT_NONE };
		for (const enum action *p = lists[l]; *p != ACT_NONE && n < max; p++) {
			int perm = keys_permission(*p);
			if (perm >= 0 && !sr_perm_allows(me->role, (sr_action)perm))
				continue;
			out[n++] = (struct help_line){ NULL, *p };
		}
	}
	return n;
}

static void help_draw(struct app *a, void *st, const struct rect *r)
{
	struct help *h = st;
	struct help_line lines[96];
	int n = help_lines(h, &a->me, lines, 96);
	int w = r->w > 76 ? 72 : r->w - 4;
	int height = n + 3 < r->h ? n + 3 : r->h;
	struct rect o = { r->y + (r->h - height) / 2, r->x + (r->w - w) / 2, height, w };
	char title[128];
	snprintf(title, sizeof title, _("Keys: %s"), h->under ? _(h->under->title) : "");
	struct rect in = ui_box(&o, title);
	int room = in.h - 1;
	if (h->top > n - room)
		h->top = n - room > 0 ? n - room : 0;
	for (int i = 0; i < room && h->top + i < n; i++) {
		const struct help_line *l = &lines[h->top + i];
		int y = in.y + i;
		if (l->heading) {
			ui_text(y, in.x, in.w, TH_HEADING, l->heading);
			continue;
		}
		char keys[48];
		keys_names(l->act, keys, sizeof keys);
		ui_text(y, in.x + 1, 16, TH_HINT_KEY, keys);
		char text[256];
		snprintf(text, sizeof text, "%s — %s", keys_hint(l->act), keys_help(l->act));
		ui_text(y, in.x + 18, in.w - 18, TH_NORMAL, text);
	}
	ui_text(in.y + room, in.x, in.w, TH_DIM, _("Up/Down: scroll   any other key: close"));
}

static bool help_key(struct app *a, void *st, const struct tui_key *k)
{
	struct help *h = st;
	if (k->act == ACT_UP || k->act == ACT_PGUP) {
		h->top -= k->act == ACT_UP ? 1 : 10;
		if (h->top < 0)
			h->top = 0;
		return true;
	}
	if (k->act == ACT_DOWN || k->act == ACT_PGDN) {
		h->top += k->act == ACT_DOWN ? 1 : 10;
		return true;
	}
	app_pop(a);
	return true;
}

static void help_close(struct app *a, void *st)
{
	(void)a;
	free(st);
}

static const enum action help_keys[] = { ACT_UP, ACT_DOWN, ACT_BACK, ACT_NONE };

const struct screen_ops scr_help = {
	.title = N_("Help"),
	.overlay = true,
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
	.keys = help_keys,
};
