/* table.h — a table of rows fitted by display width (sr_text_fit, never
 * bytes), with a selected row, scrolling and marks.
 *
 * The table owns copies of its cells. Column widths follow the widest
 * cell of the loaded rows (capped), and shrink to fit the screen, so
 * 欧阳明月 and Li Lei start the next column at the same place. */
#ifndef SHOWROOM_TUI_TABLE_H
#define SHOWROOM_TUI_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "app.h"

#define TABLE_MAX_COLS 32

enum {
	TCOL_RIGHT = 1 << 0, /* numbers */
	TCOL_LEVEL = 1 << 1, /* an intent level: coloured by its letter */
	TCOL_FILL = 1 << 2,  /* takes the columns left over (last text column) */
};

struct table_col {
	const char *title;   /* msgid */
	int min, max;        /* display columns */
	unsigned flags;
};

struct table_row {
	int64_t key;         /* the screen's id for the row (card id, ...) */
	enum theme_elem elem;/* TH_NORMAL, TH_OVERDUE, ... */
	bool marked;
	char **cells;
};

struct table {
	const struct table_col *cols;
	int ncols;
	struct table_row *rows;
	int nrows, cap;
	int sel, top;
	int page;            /* rows visible at the last draw */
	const char *empty;   /* shown when there are no rows */
	/* Horizontal scrolling (table_hscroll_on): every column keeps its full
	 * width, so no title is cut; the first `frozen` columns stay, the
	 * others are shown from `left` on as far as they fit, and the header
	 * row marks the columns left out on either side (more_left,
	 * more_right, as of the last draw). */
	bool hscroll;
	int frozen, left;
	bool more_left, more_right;
};

void table_init(struct table *t, const struct table_col *cols, int ncols, const char *empty);
void table_free(struct table *t);
/* Drop every row; the selection is kept as an index until re-selected. */
void table_clear(struct table *t);
/* cells[ncols] (NULL = empty). False when out of memory. */
bool table_add(struct table *t, int64_t key, enum theme_elem elem, const char *const *cells);
void table_draw(struct table *t, const struct rect *r, bool focused);
/* Move the selection for ACT_UP/DOWN/PGUP/PGDN/TOP/BOTTOM. Returns true
 * when used; *edge (if given) is -1 / +1 when asked to move beyond the
 * first / last row (a pager loads the previous / next page). */
bool table_key(struct table *t, enum action act, int *edge);
/* Scroll columns instead of narrowing them: a narrow window shows fewer
 * columns, never shorter words. The first `frozen` columns always show. */
void table_hscroll_on(struct table *t, int frozen);
/* Show one column more on the right (dir > 0) or on the left (dir < 0);
 * false when there is none there. */
bool table_hscroll(struct table *t, int dir);
/* The selected row's key, 0 when empty. */
int64_t table_key_selected(const struct table *t);
const struct table_row *table_selected(const struct table *t);
/* Select the row with this key (after a reload); keeps the index otherwise. */
void table_select(struct table *t, int64_t key);

#endif
