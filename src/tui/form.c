/* form.c — text, choice and toggle fields.
 *
 * Text is kept as wide characters (Unicode code points), converted from
 * and to UTF-8 here, independent of the locale's multibyte encoding. The
 * cursor and scrolling are measured in display columns with the same
 * widths as every table (sr_text_width). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"

/* --- UTF-8 <-> code points: text.h's one decoder and encoder ---------------- */

static size_t utf8_put(unsigned cp, char *out)
{
	return sr_utf8_encode(cp, out);
}

static size_t utf8_get(const unsigned char *s, unsigned *cp)
{
	return sr_utf8_decode((const char *)s, (size_t)-1, cp);
}

/* Columns of one character, as the tables count them. */
static int wc_cols(wchar_t c)
{
	char b[8];
	size_t n = utf8_put((unsigned)c, b);
	b[n] = '\0';
	return sr_text_width(b);
}

/* UTF-8 of text[from, to) into a new string. */
static char *wide_to_utf8(const wchar_t *text, int from, int to)
{
	char *out = malloc((size_t)(to - from) * 4 + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (int i = from; i < to; i++)
		n += utf8_put((unsigned)text[i], out + n);
	out[n] = '\0';
	return out;
}

/* --- fields -------------------------------------------------------------------- */

void form_init(struct form *fm)
{
	memset(fm, 0, sizeof *fm);
}

void form_free(struct form *fm)
{
	for (int i = 0; i < fm->n; i++) {
		struct form_field *f = &fm->f[i];
		free(f->text);
		for (int c = 0; c < f->nchoices; c++) {
			free(f->labels[c]);
			free(f->values[c]);
		}
		free(f->labels);
		free(f->values);
		free(f->cache);
	}
	free(fm->f);
	memset(fm, 0, sizeof *fm);
}

static int add_field(struct form *fm, enum field_kind kind, const char *label)
{
	if (fm->n == fm->cap) {
		int cap = fm->cap ? fm->cap * 2 : 16;
		struct form_field *f = realloc(fm->f, (size_t)cap * sizeof *f);
		if (!f)
			return -1;
		fm->f = f;
		fm->cap = cap;
	}
	struct form_field *f = &fm->f[fm->n];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	snprintf(f->label, sizeof f->label, "%s", label);
	return fm->n++;
}

static void text_assign(struct form_field *f, const char *utf8)
{
	f->len = 0;
	const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
	while (*p && f->len < f->cap) {
		unsigned cp;
		p += utf8_get(p, &cp);
		f->text[f->len++] = (wchar_t)cp;
	}
	f->cur = f->len;
	f->scroll = 0;
}

int form_text(struct form *fm, const char *label, const char *init, int maxchars, int width)
{
	int i = add_field(fm, FIELD_TEXT, label);
	if (i < 0)
		return -1;
	struct form_field *f = &fm->f[i];
	f->maxchars = maxchars > 0 ? maxchars : 200;
	f->cap = f->maxchars;
	f->text = calloc((size_t)f->cap + 1, sizeof *f->text);
	if (!f->text) {
		fm->n--;
		return -1;
	}
	f->width = width;
	text_assign(f, init);
	return i;
}

int form_choice(struct form *fm, const char *label)
{
	return add_field(fm, FIELD_CHOICE, label);
}

void form_choice_add(struct form *fm, int idx, const char *label, const char *value)
{
	if (idx < 0 || idx >= fm->n)
		return;
	struct form_field *f = &fm->f[idx];
	char **l = realloc(f->labels, (size_t)(f->nchoices + 1) * sizeof *l);
	if (!l)
		return;
	f->labels = l;
	char **v = realloc(f->values, (size_t)(f->nchoices + 1) * sizeof *v);
	if (!v)
		return;
	f->values = v;
	f->labels[f->nchoices] = strdup(label);
	f->values[f->nchoices] = strdup(value);
	if (!f->labels[f->nchoices] || !f->values[f->nchoices]) {
		free(f->labels[f->nchoices]);
		free(f->values[f->nchoices]);
		return;
	}
	f->nchoices++;
}

int form_bool(struct form *fm, const char *label, bool on)
{
	int i = add_field(fm, FIELD_BOOL, label);
	if (i >= 0)
		fm->f[i].on = on;
	return i;
}

void form_set(struct form *fm, int idx, const char *value)
{
	if (idx < 0 || idx >= fm->n)
		return;
	struct form_field *f = &fm->f[idx];
	f->edited = false;
	switch (f->kind) {
	case FIELD_TEXT:
		text_assign(f, value);
		break;
	case FIELD_CHOICE:
		for (int c = 0; c < f->nchoices; c++)
			if (strcmp(f->values[c], value ? value : "") == 0)
				f->choice = c;
		break;
	case FIELD_BOOL:
		f->on = value && strcmp(value, "1") == 0;
		break;
	}
}

bool form_set_label(struct form *fm, int idx, const char *label)
{
	if (idx < 0 || idx >= fm->n || fm->f[idx].kind != FIELD_CHOICE || !label)
		return false;
	struct form_field *f = &fm->f[idx];
	for (int c = 0; c < f->nchoices; c++) {
		if (strcmp(f->labels[c], label) == 0) {
			f->choice = c;
			return true;
		}
	}
	return false;
}

const char *form_get(struct form *fm, int idx)
{
	if (idx < 0 || idx >= fm->n)
		return "";
	struct form_field *f = &fm->f[idx];
	switch (f->kind) {
	case FIELD_TEXT:
		free(f->cache);
		f->cache = wide_to_utf8(f->text, 0, f->len);
		return f->cache ? f->cache : "";
	case FIELD_CHOICE:
		return f->nchoices ? f->values[f->choice] : "";
	case FIELD_BOOL:
		return f->on ? "1" : "0";
	}
	return "";
}

bool form_on(const struct form *fm, int idx)
{
	return idx >= 0 && idx < fm->n && fm->f[idx].on;
}

void form_note(struct form *fm, int idx, enum theme_elem e, const char *fmt, ...)
{
	if (idx < 0 || idx >= fm->n)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(fm->f[idx].note, sizeof fm->f[idx].note, fmt, ap);
	va_end(ap);
	fm->f[idx].note_elem = e;
}

/* --- drawing ---------------------------------------------------------------------- */

/* Keep the cursor inside a box of w columns. */
static void text_scroll(struct form_field *f, int w)
{
	if (f->cur < f->scroll)
		f->scroll = f->cur;
	for (;;) {
		int cols = 0;
		for (int i = f->scroll; i < f->cur; i++)
			cols += wc_cols(f->text[i]);
		if (cols < w || f->scroll >= f->cur)
			break;
		f->scroll++;
	}
}

static int text_draw(struct app *a, struct form_field *f, int y, int x, int w, bool focus)
{
	if (focus)
		text_scroll(f, w);
	else
		f->scroll = 0;
	char *s = wide_to_utf8(f->text, f->scroll, f->len);
	ui_text(y, x, w, focus ? TH_FIELD_FOCUS : TH_FIELD, s ? s : "");
	free(s);
	if (focus) {
		int cols = 0;
		for (int i = f->scroll; i < f->cur; i++)
			cols += wc_cols(f->text[i]);
		app_cursor(a, y, x + cols);
	}
	return w;
}

static int choice_draw(struct form_field *f, int y, int x, int w, bool focus)
{
	char buf[512];
	snprintf(buf, sizeof buf, "‹ %s ›", f->nchoices ? f->labels[f->choice] : "");
	int bw = sr_text_width(buf);
	if (f->width > bw)
		bw = f->width;
	if (bw > w)
		bw = w;
	ui_text(y, x, bw, focus ? TH_FIELD_FOCUS : TH_FIELD, buf);
	return bw;
}

static int bool_draw(struct form_field *f, int y, int x, bool focus)
{
	const char *s = f->on ? "[x]" : "[ ]";
	ui_text(y, x, 3, focus ? TH_FIELD_FOCUS : TH_FIELD, s);
	return 3;
}

int form_draw(struct app *a, struct form *fm, const struct rect *r)
{
	int lw = 0;
	for (int i = 0; i < fm->n; i++) {
		int w = sr_text_width(fm->f[i].label);
		if (w > lw)
			lw = w;
	}
	if (lw > r->w / 3)
		lw = r->w / 3;
	if (fm->focus < fm->top)
		fm->top = fm->focus;
	if (fm->focus >= fm->top + r->h)
		fm->top = fm->focus - r->h + 1;
	int rows = 0;
	for (int i = fm->top; i < fm->n && rows < r->h; i++, rows++) {
		struct form_field *f = &fm->f[i];
		bool focus = i == fm->focus;
		int y = r->y + rows, x = r->x + lw + 2;
		int avail = r->w - lw - 2;
		ui_text(y, r->x, lw, focus ? TH_HEADING : TH_LABEL, f->label);
		int used;
		if (f->kind == FIELD_TEXT) {
			/* Long fields stop at 60 columns: room for the note. */
			int bw = f->width > 0 ? f->width : 60;
			if (bw > avail)
				bw = avail;
			used = text_draw(a, f, y, x, bw, focus);
		} else if (f->kind == FIELD_CHOICE) {
			used = choice_draw(f, y, x, avail, focus);
		} else {
			used = bool_draw(f, y, x, focus);
		}
		if (f->note[0] && avail - used > 3)
			ui_text(y, x + used + 2, avail - used - 2, f->note_elem, f->note);
	}
	return rows;
}

/* --- keys --------------------------------------------------------------------------- */

static bool text_edit(struct form_field *f, const struct tui_key *k)
{
	if (keys_is_text(k->code)) {
		if (f->len >= f->cap)
			return false;
		memmove(f->text + f->cur + 1, f->text + f->cur,
		        (size_t)(f->len - f->cur) * sizeof *f->text);
		f->text[f->cur++] = (wchar_t)k->code;
		f->len++;
		return true;
	}
	switch (k->act) {
	case ACT_ERASE:
		if (f->cur == 0)
			return false;
		f->cur--;
		/* fall through */
	case ACT_DELETE:
		if (f->cur >= f->len)
			return false;
		memmove(f->text + f->cur, f->text + f->cur + 1,
		        (size_t)(f->len - f->cur - 1) * sizeof *f->text);
		f->len--;
		return true;
	case ACT_KILL:
		if (f->len == 0)
			return false;
		f->len = f->cur = f->scroll = 0;
		return true;
	default:
		return false;
	}
}

/* Cursor moves in a text field; true when the key was one. */
static bool text_move(struct form_field *f, enum action act)
{
	switch (act) {
	case ACT_LEFT:
		if (f->cur > 0)
			f->cur--;
		return true;
	case ACT_RIGHT:
		if (f->cur < f->len)
			f->cur++;
		return true;
	case ACT_TOP:
		f->cur = 0;
		return true;
	case ACT_BOTTOM:
		f->cur = f->len;
		return true;
	default:
		return false;
	}
}

/* A typed letter on a choice list picks the next choice starting with it
 * (levels: press B for B). */
static bool choice_jump(struct form_field *f, int code)
{
	if (code >= 'a' && code <= 'z')
		code -= 'a' - 'A';
	for (int step = 1; step <= f->nchoices; step++) {
		int c = (f->choice + step) % f->nchoices;
		unsigned cp;
		utf8_get((const unsigned char *)f->labels[c], &cp);
		if (cp >= 'a' && cp <= 'z')
			cp -= 'a' - 'A';
		if ((int)cp == code) {
			f->choice = c;
			return true;
		}
	}
	return false;
}

static enum form_result field_key(struct form_field *f, const struct tui_key *k)
{
	switch (f->kind) {
	case FIELD_TEXT:
		if (text_edit(f, k))
			return FORM_CHANGED;
		if (text_move(f, k->act) || keys_is_text(k->code))
			return FORM_USED;
		return FORM_UNUSED;
	case FIELD_CHOICE:
		if (f->nchoices == 0)
			return keys_is_text(k->code) ? FORM_USED : FORM_UNUSED;
		if (k->act == ACT_LEFT) {
			f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
			return FORM_CHANGED;
		}
		if (k->act == ACT_RIGHT || k->act == ACT_MARK) {
			f->choice = (f->choice + 1) % f->nchoices;
			return FORM_CHANGED;
		}
		if (keys_is_text(k->code))
			return choice_jump(f, k->code) ? FORM_CHANGED : FORM_USED;
		return FORM_UNUSED;
	case FIELD_BOOL:
		if (k->act == ACT_MARK || k->act == ACT_LEFT || k->act == ACT_RIGHT ||
		    k->code == 'x' || k->code == 'X') {
			f->on = !f->on;
			return FORM_CHANGED;
		}
		if (k->code == 'y' || k->code == 'Y' || k->code == 'n' || k->code == 'N') {
			bool on = k->code == 'y' || k->code == 'Y';
			if (on == f->on)
				return FORM_USED;
			f->on = on;
			return FORM_CHANGED;
		}
		return keys_is_text(k->code) ? FORM_USED : FORM_UNUSED;
	}
	return FORM_UNUSED;
}

enum form_result form_key(struct form *fm, const struct tui_key *k)
{
	if (fm->n == 0)
		return FORM_UNUSED;
	struct form_field *f = &fm->f[fm->focus];
	/* Typing comes first: in a form, letters are text, not commands. */
	enum form_result r = field_key(f, k);
	if (r == FORM_CHANGED) {
		f->edited = true;
		fm->dirty = true;
		return r;
	}
	if (r == FORM_USED)
		return r;
	switch (k->act) {
	case ACT_SAVE:
		return FORM_SUBMIT;
	case ACT_OPEN:
		if (fm->focus == fm->n - 1)
			return FORM_SUBMIT;
		fm->focus++;
		return FORM_USED;
	case ACT_NEXT:
	case ACT_DOWN:
		fm->focus = (fm->focus + 1) % fm->n;
		return FORM_USED;
	case ACT_PREV:
	case ACT_UP:
		fm->focus = (fm->focus + fm->n - 1) % fm->n;
		return FORM_USED;
	case ACT_PGUP:
	case ACT_TOP:
		fm->focus = 0;
		return FORM_USED;
	case ACT_PGDN:
	case ACT_BOTTOM:
		fm->focus = fm->n - 1;
		return FORM_USED;
	default:
		return FORM_UNUSED;
	}
}
