/* chart.h — bar charts in text: horizontal bars (a funnel, shares),
 * vertical bars (traffic by hour or weekday) and sparklines (trends).
 *
 * In a UTF-8 locale bars are drawn with the Unicode block elements, in
 * eighths of a cell (▏▎▍▌▋▊▉█ across, ▁▂▃▄▅▆▇█ up), so small differences
 * still show; otherwise with ASCII ('#' across, '#' and '.' up). The
 * drawing functions only draw: the caller scales (value / max). */
#ifndef SHOWROOM_TUI_CHART_H
#define SHOWROOM_TUI_CHART_H

#include <stdbool.h>
#include "app.h"

/* Whether the block characters can be used (the locale's codeset). */
bool chart_unicode(void);

/* The text of a horizontal bar frac (0..1) of w cells wide, into out
 * (at least 4 * w + 1 bytes). */
void chart_hbar_text(double frac, int w, char *out, size_t len);

/* A horizontal bar at (y, x), frac of w cells, in element e. */
void chart_hbar(int y, int x, int w, double frac, enum theme_elem e);

/* Vertical bars: values v[0..n-1] (>= 0) scaled to the largest, one
 * column of width bar_w each with gap columns between, bottom-aligned in
 * r's rows above the last; labels[i] (may be NULL) are written under the
 * bars, each cut to bar_w + gap columns. */
void chart_vbars(const struct rect *r, const double *v, int n, int bar_w, int gap,
                 const char *const *labels, enum theme_elem e);

/* A sparkline of n values into out (one character each, at least 3 * n + 1
 * bytes): ▁ for the smallest up to █ for the largest. */
void chart_spark_text(const double *v, int n, char *out, size_t len);

#endif
