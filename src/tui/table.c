/* table.c — rows and columns by display width. */
#include <stdlib.h>
#include <string.h>
#include "chart.h"
#include "table.h"

void table_init(struct table *t, const struct table_col *cols, int ncols, const char *empty)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols < TABLE_MAX_COLS ? ncols : TABLE_MAX_COLS;
	t->empty = empty;
}

void table_hscroll_on(struct table *t, int frozen)
{
	t->hscroll = true;
	t->frozen = frozen < 0 ? 0 : frozen;
	if (t->left < t->frozen)
		t->left = t->frozen;
}

bool table_hscroll(struct table *t, int dir)
{
	if (dir > 0 && t->more_right) {
		t->left++;
		return true;
	}
	if (dir < 0 && t->left > t->frozen) {
		t->left--;
		return true;
	}
	return false;
}

static void row_free(struct table *t, struct table_row *r)
{
	for (int c = 0; c < t->ncols; c++)
		free(r->cells[c]);
	free(r->cells);
}

void table_clear(struct table *t)
{
	for (int i = 0; i < t->nrows; i++)
		row_free(t, &t->rows[i]);
	t->nrows = 0;
}

void table_free(struct table *t)
{
	table_clear(t);
	free(t->rows);
	t->rows = NULL;
	t->cap = 0;
}

bool table_add(struct table *t, int64_t key, enum theme_elem elem, const char *const *cells)
{
	if (t->nrows == t->cap) {
		int cap = t->cap ? t->cap * 2 : 32;
		struct table_row *rows = realloc(t->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return false;
		t->rows = rows;
		t->cap = cap;
	}
	struct table_row *r = &t->rows[t->nrows];
	r->cells = calloc((size_t)t->ncols, sizeof *r->cells);
	if (!r->cells)
		return false;
	for (int c = 0; c < t->ncols; c++) {
		r->cells[c] = strdup(cells[c] ? cells[c] : "");
		if (!r->cells[c]) {
			row_free(t, r);
			return false;
		}
	}
	r->key = key;
	r->elem = elem;
	r->marked = false;
	t->nrows++;
	return true;
}

/* A column's title, translated; "" stays "" (gettext("") is the
 * catalogue's header, not an empty title). */
static const char *col_title(const struct table_col *col)
{
	return col->title && *col->title ? _(col->title) : "";
}

/* w within the column's min..max. */
static int clamp_width(const struct table_col *col, int w)
{
	if (col->max > 0 && w > col->max)
		w = col->max;
	return w < col->min ? col->min : w;
}

/* Widths: each column as wide as its widest cell or title (within
 * min..max); then titles wider than their cells are cut, so a date is
 * never cut to make room for a long title; then the widest columns give up
 * columns until the row fits; a TCOL_FILL column takes what is left. */
static void fit_widths(const struct table *t, int avail, int *w)
{
	int total = 0, cells[TABLE_MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		const struct table_col *col = &t->cols[c];
		int cw = 0;
		for (int i = 0; i < t->nrows; i++) {
			int x = sr_text_width(t->rows[i].cells[c]);
			if (x > cw)
				cw = x;
		}
		int title = sr_text_width(col_title(col));
		cells[c] = clamp_width(col, cw);
		w[c] = clamp_width(col, title > cw ? title : cw);
		/* Scrolling: the title whole, whatever the column's max. */
		if (t->hscroll && w[c] < title)
			w[c] = title;
		total += w[c] + (c ? 1 : 0);
	}
	if (t->hscroll)
		return; /* columns that do not fit are scrolled to, not narrowed */
	while (total > avail) { /* the title cut most, one column at a time */
		int most = -1;
		for (int c = 0; c < t->ncols; c++)
			if (!(t->cols[c].flags & TCOL_FILL) && w[c] > cells[c] &&
			    (most < 0 || w[c] - cells[c] > w[most] - cells[most]))
				most = c;
		if (most < 0)
			break;
		w[most]--;
		total--;
	}
	/* The filler column (detail, model) gives way first, then the widest. */
	for (int c = 0; c < t->ncols && total > avail; c++) {
		if (!(t->cols[c].flags & TCOL_FILL))
			continue;
		int give = w[c] - t->cols[c].min;
		if (give > total - avail)
			give = total - avail;
		if (give > 0) {
			w[c] -= give;
			total -= give;
		}
	}
	while (total > avail) {
		int widest = -1;
		for (int c = 0; c < t->ncols; c++)
			if (w[c] > t->cols[c].min && w[c] > 4 && (widest < 0 || w[c] > w[widest]))
				widest = c;
		if (widest < 0)
			break;
		w[widest]--;
		total--;
	}
	for (int c = 0; c < t->ncols && total < avail; c++) {
		if (t->cols[c].flags & TCOL_FILL) {
			w[c] += avail - total;
			total = avail;
		}
	}
}

/* The columns drawn, in order, and the gap before each: the scrolled
 * columns follow the frozen ones after a marker's room when some are left
 * out on the left. */
struct shown {
	int n;
	int col[TABLE_MAX_COLS];
	int gap[TABLE_MAX_COLS];
};

static void draw_row(const struct table *t, const int *w, const struct shown *v, int y, int x,
                     int avail, const char *const *cells, attr_t row_attr, bool color_levels)
{
	int cx = x;
	for (int k = 0; k < v->n && cx < x + avail; k++) {
		int c = v->col[k];
		if (v->gap[k] > 1) {
			attrset(row_attr);
			for (int g = 1; g < v->gap[k] && cx < x + avail; g++)
				mvaddch(y, cx++, ' ');
		}
		int cw = w[c];
		if (cx + cw > x + avail)
			cw = x + avail - cx;
		attr_t at = row_attr;
		if (color_levels && (t->cols[c].flags & TCOL_LEVEL))
			at = theme_attr(theme_level(cells[c][0])) | (row_attr & A_REVERSE);
		static char buf[4 * 1024 + 8];
		if (cw > 1024)
			cw = 1024;
		size_t n = sr_text_fit(cells[c], cw, t->cols[c].flags & TCOL_RIGHT, true, buf,
		                       sizeof buf);
		attrset(at);
		mvaddnstr(y, cx, buf, (int)n);
		/* The gap between columns in the row's colour, so a selection
		 * bar is unbroken. */
		if (k + 1 < v->n && cx + cw < x + avail)
			mvaddch(y, cx + cw, ' ');
		attrset(A_NORMAL);
		cx += cw + 1;
	}
}

/* Every column, as before scrolling existed. */
static void shown_all(const struct table *t, struct shown *v)
{
	v->n = t->ncols;
	for (int c = 0; c < t->ncols; c++) {
		v->col[c] = c;
		v->gap[c] = 1;
	}
}

/* Width of a marker and its space: "◀ " before the scrolled columns when
 * some are left out on the left, " ▶" at the right edge when some are
 * left out there. */
#define MARK_W 2

/* The frozen columns, then the scrolled ones from t->left as far as they
 * fit whole (at least one, cut if it alone is too wide), leaving room for
 * the markers. */
static void shown_scrolled(struct table *t, const int *w, int avail, struct shown *v)
{
	int used = 0;
	v->n = 0;
	for (int c = 0; c < t->frozen && c < t->ncols; c++) {
		v->col[v->n] = c;
		v->gap[v->n++] = 1;
		used += w[c] + (c ? 1 : 0);
	}
	if (t->left >= t->ncols)
		t->left = t->ncols - 1;
	if (t->left < t->frozen)
		t->left = t->frozen;
	t->more_left = t->left > t->frozen;
	int c = t->left;
	for (; c < t->ncols; c++) {
		/* The columns before this one: the separator (none before the
		 * first), and the left marker's room. */
		int gap = t->more_left && c == t->left ? 1 + MARK_W : 1;
		int before = v->n ? gap : gap - 1;
		int right = c + 1 < t->ncols ? MARK_W : 0; /* room for " ▶" if more follow */
		if (used + before + w[c] + right > avail && c > t->left)
			break;
		v->col[v->n] = c;
		v->gap[v->n++] = gap;
		used += before + w[c];
	}
	t->more_right = c < t->ncols;
}

/* The markers on the header row: what scrolling left or right shows. */
static void draw_marks(const struct table *t, const int *w, const struct shown *v,
                       const struct rect *r)
{
	const char *lm = chart_unicode() ? "◀" : "<", *rm = chart_unicode() ? "▶" : ">";
	if (t->more_left) {
		int x = r->x;
		for (int k = 0; k < v->n && v->col[k] < t->left; k++)
			x += w[v->col[k]] + 1;
		ui_text(r->y, x, 1, TH_HEADING, lm);
	}
	if (t->more_right)
		ui_text(r->y, r->x + r->w - 1, 1, TH_HEADING, rm);
}

void table_draw(struct table *t, const struct rect *r, bool focused)
{
	if (r->h < 2 || r->w < 4)
		return;
	int w[TABLE_MAX_COLS];
	int nc = t->ncols;
	struct shown v;
	fit_widths(t, r->w, w);
	if (t->hscroll)
		shown_scrolled(t, w, r->w, &v);
	else
		shown_all(t, &v);
	const char *titles[TABLE_MAX_COLS];
	for (int c = 0; c < nc; c++)
		titles[c] = col_title(&t->cols[c]);
	ui_fill(r->y, r->x, r->w, TH_HEADING);
	draw_row(t, w, &v, r->y, r->x, r->w, titles, theme_attr(TH_HEADING), false);
	if (t->hscroll)
		draw_marks(t, w, &v, r);
	t->page = r->h - 1;
	if (t->nrows == 0) {
		ui_text(r->y + 1, r->x, r->w, TH_DIM, t->empty ? t->empty : "");
		return;
	}
	if (t->sel >= t->nrows)
		t->sel = t->nrows - 1;
	if (t->sel < 0)
		t->sel = 0;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + t->page)
		t->top = t->sel - t->page + 1;
	if (t->top > t->nrows - t->page)
		t->top = t->nrows - t->page > 0 ? t->nrows - t->page : 0;
	for (int i = 0; i < t->page && t->top + i < t->nrows; i++) {
		const struct table_row *row = &t->rows[t->top + i];
		bool sel = focused && t->top + i == t->sel;
		attr_t at = theme_attr(sel ? TH_SELECTED : row->marked ? TH_MARKED : row->elem);
		if (sel && !theme_has_color())
			at |= theme_attr(row->elem);
		if (sel)
			ui_text_attr(r->y + 1 + i, r->x, r->w, at, "");
		draw_row(t, w, &v, r->y + 1 + i, r->x, r->w, (const char *const *)row->cells, at, !sel);
	}
}

bool table_key(struct table *t, enum action act, int *edge)
{
	int page = t->page > 1 ? t->page : 1;
	if (edge)
		*edge = 0;
	switch (act) {
	case ACT_UP:
		if (t->sel == 0 && edge)
			*edge = -1;
		t->sel--;
		break;
	case ACT_DOWN:
		if (t->sel >= t->nrows - 1 && edge)
			*edge = 1;
		t->sel++;
		break;
	case ACT_PGUP:
		if (t->sel == 0 && edge)
			*edge = -1;
		t->sel -= page;
		t->top -= page;
		break;
	case ACT_PGDN:
		if (t->sel >= t->nrows - 1 && edge)
			*edge = 1;
		t->sel += page;
		t->top += page;
		break;
	case ACT_TOP:
		t->sel = 0;
		break;
	case ACT_BOTTOM:
		t->sel = t->nrows - 1;
		break;
	default:
		return false;
	}
	if (t->sel >= t->nrows)
		t->sel = t->nrows - 1;
	if (t->sel < 0)
		t->sel = 0;
	if (t->top < 0)
		t->top = 0;
	return true;
}

const struct table_row *table_selected(const struct table *t)
{
	if (t->nrows == 0 || t->sel < 0 || t->sel >= t->nrows)
		return NULL;
	return &t->rows[t->sel];
}

int64_t table_key_selected(const struct table *t)
{
	const struct table_row *r = table_selected(t);
	return r ? r->key : 0;
}

void table_select(struct table *t, int64_t key)
{
	for (int i = 0; i < t->nrows; i++) {
		if (t->rows[i].key == key) {
			t->sel = i;
			return;
		}
	}
}
