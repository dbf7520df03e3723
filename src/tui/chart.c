/* chart.c — bar charts drawn as text (see chart.h). */
#include <langinfo.h>
#include <math.h>
#include <string.h>
#include "chart.h"

/* Eighths of a cell, left to right and bottom to top; [0] is empty. */
static const char *const across[9] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" };
static const char *const upward[9] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

bool chart_unicode(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

static double clamp01(double f)
{
	if (!(f > 0)) /* also NaN */
		return 0;
	return f > 1 ? 1 : f;
}

static void append(char *out, size_t len, size_t *at, const char *s)
{
	size_t n = strlen(s);
	if (*at + n < len) {
		memcpy(out + *at, s, n);
		*at += n;
		out[*at] = '\0';
	}
}

void chart_hbar_text(double frac, int w, char *out, size_t len)
{
	size_t at = 0;
	if (len)
		out[0] = '\0';
	if (w <= 0)
		return;
	long eighths = lround(clamp01(frac) * w * 8);
	bool uni = chart_unicode();
	/* A value above zero always shows something: "none" and "a few" differ. */
	if (eighths == 0 && frac > 0)
		eighths = 1;
	for (long full = eighths / 8; full > 0; full--)
		append(out, len, &at, uni ? across[8] : "#");
	if (eighths % 8)
		append(out, len, &at, uni ? across[eighths % 8] : (eighths % 8 >= 4 ? "#" : "+"));
}

void chart_hbar(int y, int x, int w, double frac, enum theme_elem e)
{
	char bar[4 * 256 + 1];
	if (w > 256)
		w = 256;
	chart_hbar_text(frac, w, bar, sizeof bar);
	ui_text(y, x, w, e, bar);
}

static double max_of(const double *v, int n)
{
	double m = 0;
	for (int i = 0; i < n; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

/* The character of one cell of a vertical bar: row (0 = bottom) of a bar
 * eighths high. */
static const char *vcell(long eighths, int row, bool uni)
{
	long in_cell = eighths - 8L * row;
	if (in_cell <= 0)
		return " ";
	if (!uni)
		return in_cell >= 4 ? "#" : ".";
	return upward[in_cell > 8 ? 8 : in_cell];
}

void chart_vbars(const struct rect *r, const double *v, int n, int bar_w, int gap,
                 const char *const *labels, enum theme_elem e)
{
	int rows = labels ? r->h - 1 : r->h;
	if (rows < 1 || n <= 0 || bar_w < 1)
		return;
	double max = max_of(v, n);
	bool uni = chart_unicode();
	int step = bar_w + gap;
	for (int i = 0; i < n && (i + 1) * step - gap <= r->w; i++) {
		long eighths = max > 0 ? lround(clamp01(v[i] / max) * rows * 8) : 0;
		if (eighths == 0 && v[i] > 0)
			eighths = 1;
		int x = r->x + i * step;
		for (int row = 0; row < rows; row++) {
			char cell[64] = "";
			size_t at = 0;
			for (int c = 0; c < bar_w; c++)
				append(cell, sizeof cell, &at, vcell(eighths, row, uni));
			ui_text(r->y + rows - 1 - row, x, bar_w, e, cell);
		}
		if (labels && labels[i])
			ui_text(r->y + rows, x, step, TH_DIM, labels[i]);
	}
}

void chart_spark_text(const double *v, int n, char *out, size_t len)
{
	size_t at = 0;
	if (len)
		out[0] = '\0';
	double max = max_of(v, n);
	bool uni = chart_unicode();
	for (int i = 0; i < n; i++) {
		double f = max > 0 ? clamp01(v[i] / max) : 0;
		if (!uni) {
			append(out, len, &at, f == 0 ? "_" : f < 0.34 ? "." : f < 0.67 ? "o" : "#");
			continue;
		}
		long level = lround(f * 7) + 1; /* ▁ even for 0: the line stays visible */
		append(out, len, &at, upward[level > 8 ? 8 : level]);
	}
}
