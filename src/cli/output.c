/* output.c — tables fitted by display width, CSV rows, "key: value" lines.
 *
 * Widths are terminal columns, never bytes (sr_text_width / sr_text_fit),
 * so 欧阳明月 and Li Lei line up. A cell wider than CELL_MAX columns is cut
 * with "…" in a table; CSV always carries the whole value. Stored text is
 * shown as sr_text_escape shows it (text.h), everywhere: an ESC or a
 * U+202E that reached the database shows as \x1b or \u202e, never raw. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

enum { CELL_MAX = 40, GAP = 2 };

void cli_table_init(struct cli_table *t, struct cli_ctx *c, const struct cli_col *cols,
                    size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->c = c;
	t->cols = cols;
	t->ncols = ncols;
}

/* The CSV header goes out with the first row or at the end, never before
 * the core has answered: a refusal leaves stdout empty. */
static void csv_header(struct cli_table *t)
{
	if (t->header_done)
		return;
	t->header_done = true;
	const char *head[t->ncols];
	for (size_t i = 0; i < t->ncols; i++)
		head[i] = t->cols[i].name;
	if (sr_csv_row(t->c->out, head, t->ncols) != 0)
		t->failed = true;
}

/* A copy for a table cell. It is shown through sr_text_fit, which keeps
 * each record on its line (tabs and newlines as spaces) and escapes what
 * must not reach the terminal. */
static char *cell_dup(const char *s)
{
	return strdup(s ? s : "");
}

void cli_table_row(struct cli_table *t, const char *const *fields)
{
	if (t->failed)
		return;
	if (t->c->csv) {
		csv_header(t);
		if (!t->failed && sr_csv_row(t->c->out, fields, t->ncols) != 0)
			t->failed = true;
		return;
	}
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		if (!cells) {
			t->failed = true;
			return;
		}
		t->cells = cells;
		t->cap = cap;
	}
	char **row = t->cells + t->nrows * t->ncols;
	for (size_t i = 0; i < t->ncols; i++) {
		row[i] = cell_dup(fields[i]);
		if (!row[i]) {
			while (i-- > 0)
				free(row[i]);
			t->failed = true;
			return;
		}
	}
	t->nrows++;
}

/* Writes text, holding back blanks until something follows them, so no
 * line ends in blanks however many empty cells close it. */
struct line_out {
	FILE *f;
	int blanks;
};

static void emit(struct line_out *lo, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ') {
			lo->blanks++;
			continue;
		}
		for (; lo->blanks > 0; lo->blanks--)
			fputc(' ', lo->f);
		fputc(*s, lo->f);
	}
}

static void print_line(struct cli_table *t, const char *const *cells, const int *widths)
{
	struct line_out lo = { t->c->out, 0 };
	char buf[4 * CELL_MAX + 8];
	for (size_t i = 0; i < t->ncols; i++) {
		if (i > 0)
			lo.blanks += GAP;
		sr_text_fit(cells[i], widths[i], t->cols[i].flags & CLI_RIGHT, true, buf, sizeof buf);
		emit(&lo, buf);
	}
	fputc('\n', lo.f);
}

void cli_table_print(struct cli_table *t, bool header)
{
	if (t->c->csv)
		csv_header(t);
	if (!t->c->csv && !t->failed) {
		int widths[t->ncols];
		const char *head[t->ncols];
		for (size_t i = 0; i < t->ncols; i++) {
			head[i] = t->cols[i].name;
			widths[i] = header ? sr_text_width(head[i]) : 0;
		}
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t i = 0; i < t->ncols; i++) {
				int w = sr_text_width(t->cells[r * t->ncols + i]);
				if (w > widths[i])
					widths[i] = w;
			}
		for (size_t i = 0; i < t->ncols; i++)
			if (widths[i] > CELL_MAX)
				widths[i] = CELL_MAX;
		if (header)
			print_line(t, head, widths);
		for (size_t r = 0; r < t->nrows; r++)
			print_line(t, (const char *const *)t->cells + r * t->ncols, widths);
	}
	cli_table_free(t);
}

void cli_table_free(struct cli_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

void cli_kv_print(struct cli_ctx *c, const char *const *keys, const char *const *values,
                  size_t n)
{
	if (c->csv) {
		sr_csv_row(c->out, keys, n);
		sr_csv_row(c->out, values, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		fprintf(c->out, "%s: ", keys[i]);
		cli_put_text(c->out, values[i]);
		fputc('\n', c->out);
	}
}

void cli_put_text(FILE *f, const char *s)
{
	if (sr_text_shows_as_is(s, 0)) {
		fputs(s ? s : "", f);
		return;
	}
	char *shown = sr_text_escape_dup(s, 0);
	if (shown)
		fputs(shown, f);
	free(shown);
}

const char *cli_fmt_int(char *buf, int64_t v)
{
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

const char *cli_fmt_id(char *buf, int64_t v)
{
	if (!v) {
		buf[0] = '\0';
		return buf;
	}
	return cli_fmt_int(buf, v);
}

const char *cli_fmt_money(char *buf, int64_t cents)
{
	const char *sign = cents < 0 ? "-" : "";
	long long a = cents < 0 ? -(long long)cents : (long long)cents;
	snprintf(buf, 24, "%s%lld.%02lld", sign, a / 100, a % 100);
	return buf;
}

const char *cli_bool(bool b)
{
	return b ? "1" : "0";
}

static void progress_step(void *ctx, int64_t done, int64_t total)
{
	struct cli_progress *p = ctx;
	if (total <= 0)
		return;
	int pct = (int)(done * 100 / total);
	if (pct > 100)
		pct = 100;
	if (pct == p->shown)
		return;
	p->shown = pct;
	char bar[21];
	for (int i = 0; i < 20; i++)
		bar[i] = i < pct / 5 ? '#' : '.';
	bar[20] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%%", p->label, bar, pct);
	fflush(stderr);
}

sr_progress_fn cli_progress_begin(struct cli_progress *p, const char *label)
{
	p->label = label;
	p->shown = -1;
	return isatty(STDERR_FILENO) ? progress_step : NULL;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->shown >= 0)
		fputc('\n', stderr);
}
