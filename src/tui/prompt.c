/* prompt.c — a yes/no question and a message box, as overlay screens on
 * the stack, so resizing and redrawing work as for any screen. */
#include <stdlib.h>
#include <string.h>
#include "prompt.h"

int ui_wrap(const char *text, int w, void (*fn)(void *ctx, const char *s, size_t n), void *ctx)
{
	int lines = 0;
	const char *p = text ? text : "";
	if (w < 2)
		w = 2;
	while (*p) {
		const char *start = p, *brk = NULL;
		int cols = 0;
		while (*p && *p != '\n') {
			/* Columns as the line will show (an escape takes several). */
			int cw;
			size_t n = sr_text_step(p, &cw);
			if (cols + cw > w && cols > 0) /* a line holds one at least */
				break;
			cols += cw;
			bool space = *p == ' ';
			p += n;
			if (space)
				brk = p;
		}
		/* Break Latin words at a space; Chinese can break anywhere. */
		if (*p && *p != '\n' && brk && brk - start > 0 && (brk - start) * 2 > p - start)
			p = brk;
		if (fn)
			fn(ctx, start, (size_t)(p - start));
		lines++;
		if (*p == '\n')
			p++;
		else
			while (*p == ' ')
				p++;
	}
	return lines;
}

/* --- yes / no -------------------------------------------------------------- */

struct confirm {
	char question[512];
	prompt_done done;
	void *ctx;
};

static void *confirm_open(struct app *a, const void *arg)
{
	(void)a;
	struct confirm *c = calloc(1, sizeof *c);
	if (c)
		memcpy(c, arg, sizeof *c);
	return c;
}

struct wrap_draw {
	int y, x, w, row, max;
	enum theme_elem elem;
};

static void wrap_line(void *ctx, const char *s, size_t n)
{
	struct wrap_draw *d = ctx;
	if (d->row < 0 || d->row >= d->max) {
		d->row++;
		return;
	}
	char line[1024];
	if (n >= sizeof line)
		n = sizeof line - 1;
	memcpy(line, s, n);
	line[n] = '\0';
	ui_text(d->y + d->row, d->x, d->w, d->elem, line);
	d->row++;
}

static void confirm_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct confirm *c = st;
	int w = r->w < 64 ? r->w - 4 : 60;
	int lines = ui_wrap(c->question, w - 4, NULL, NULL);
	int h = lines + 4;
	struct rect o = { r->y + (r->h - h) / 2, r->x + (r->w - w) / 2, h, w };
	struct rect in = ui_box(&o, _("Please confirm"));
	struct wrap_draw d = { in.y, in.x, in.w, 0, in.h - 1, TH_NORMAL };
	ui_wrap(c->question, in.w, wrap_line, &d);
	ui_text(in.y + in.h - 1, in.x, in.w, TH_HEADING, _("y / Enter: yes     n / Esc: no"));
}

static bool confirm_key(struct app *a, void *st, const struct tui_key *k)
{
	struct confirm c = *(struct confirm *)st;
	bool yes = k->code == 'y' || k->code == 'Y' || k->act == ACT_OPEN;
	bool no = k->code == 'n' || k->code == 'N' || k->act == ACT_BACK || k->act == ACT_QUIT;
	if (!yes && !no)
		return true; /* a question waits for its answer */
	app_pop(a);
	if (c.done)
		c.done(a, c.ctx, yes);
	return true;
}

static void prompt_free(struct app *a, void *st)
{
	(void)a;
	free(st);
}

static const enum action confirm_keys[] = { ACT_OPEN, ACT_BACK, ACT_NONE };

static const struct screen_ops confirm_ops = {
	.title = N_("Confirm"),
	.overlay = true,
	.open = confirm_open,
	.draw = confirm_draw,
	.key = confirm_key,
	.close = prompt_free,
	.keys = confirm_keys,
};

void prompt_confirm(struct app *a, const char *question, prompt_done done, void *ctx)
{
	struct confirm c;
	memset(&c, 0, sizeof c);
	snprintf(c.question, sizeof c.question, "%s", question);
	c.done = done;
	c.ctx = ctx;
	app_push(a, &confirm_ops, &c);
}

/* --- message box ------------------------------------------------------------ */

struct message {
	char title[128];
	char *text;
	int top;
};

static void *message_open(struct app *a, const void *arg)
{
	(void)a;
	const char *const *in = arg;
	struct message *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	snprintf(m->title, sizeof m->title, "%s", in[0]);
	m->text = strdup(in[1] ? in[1] : "");
	if (!m->text) {
		free(m);
		return NULL;
	}
	return m;
}

static void message_draw(struct app *a, void *st, const struct rect *r)
{
	(void)a;
	struct message *m = st;
	int w = r->w - 8;
	int lines = ui_wrap(m->text, w - 4, NULL, NULL);
	int h = lines + 3;
	if (h > r->h - 2)
		h = r->h - 2;
	struct rect o = { r->y + (r->h - h) / 2, r->x + 4, h, w };
	struct rect in = ui_box(&o, m->title);
	int room = in.h - 1;
	if (m->top > lines - room)
		m->top = lines - room > 0 ? lines - room : 0;
	/* Rows start negative: the first `top` lines are wrapped but not drawn. */
	struct wrap_draw d = { in.y, in.x, in.w, -m->top, room, TH_NORMAL };
	ui_wrap(m->text, in.w, wrap_line, &d);
	ui_text(in.y + room, in.x, in.w, TH_DIM, _("Up/Down: scroll   any other key: close"));
}

static bool message_key(struct app *a, void *st, const struct tui_key *k)
{
	struct message *m = st;
	if (k->act == ACT_UP || k->act == ACT_PGUP) {
		m->top -= k->act == ACT_UP ? 1 : 10;
		if (m->top < 0)
			m->top = 0;
		return true;
	}
	if (k->act == ACT_DOWN || k->act == ACT_PGDN) {
		m->top += k->act == ACT_DOWN ? 1 : 10;
		return true;
	}
	app_pop(a);
	return true;
}

static void message_close(struct app *a, void *st)
{
	(void)a;
	struct message *m = st;
	free(m->text);
	free(m);
}

static const enum action message_keys[] = { ACT_UP, ACT_DOWN, ACT_BACK, ACT_NONE };

static const struct screen_ops message_ops = {
	.title = N_("Message"),
	.overlay = true,
	.open = message_open,
	.draw = message_draw,
	.key = message_key,
	.close = message_close,
	.keys = message_keys,
};

void prompt_message(struct app *a, const char *title, const char *text)
{
	const char *arg[2] = { title, text };
	app_push(a, &message_ops, arg);
}
