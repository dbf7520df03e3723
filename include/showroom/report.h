/* report.h — every report of SPEC §6 as one shape: a titled table.
 *
 * A report is columns (a fixed machine name for CSV and scripts, a label
 * for people, a kind) and rows of cells. Every report is built the same way
 * from a name and a query (the period and the filters of sr_kpi_query, plus
 * an optional grouping), so the command line, the TUI and the exports treat
 * them alike:
 *
 *	sr_report r;
 *	sr_report_query q = { .period = { .from = "2026-02-01", .to = "2026-02-28" } };
 *	if (sr_report_run(db, "funnel", &q, &r) == SR_OK) {
 *		for (size_t i = 0; i < r.nrows; i++)
 *			draw_bar(sr_report_text(&r, i, 0), sr_report_num(&r, i, 2));
 *		sr_report_free(&r);
 *	}
 *
 * Reports for charts keep a fixed row order (the funnel's steps, hours
 * 00..23 then Monday..Sunday, months in order) so a screen can draw bars
 * straight from the rows. sr_report_each lists the names with their titles
 * for a menu.
 *
 * Figures follow kpi.h: distinct cards, never events; merged cards count
 * once as their survivor; wholesale cards only when asked (customer type);
 * everything "as of" the period's end or now, whichever is earlier, so a
 * past period never changes when later records are added.
 *
 * Running a report needs the report permission. Writing one to a file
 * (sr_report_export) needs the export permission and leaves an audit row.
 *
 * Adding a report: a function `sr_status fn(sr_db *, const sr_kpi_query *,
 * const struct sr_report_args *, sr_report *)` (sr_report_fn in
 * src/core/report_int.h) in a src/core/report_*.c file and one line in the
 * table of report.c. */
#ifndef SHOWROOM_REPORT_H
#define SHOWROOM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "showroom/db.h"
#include "showroom/kpi.h"

/* What a cell holds and how it is shown: text; a count (whole number); a
 * rate (a decimal, 0.625 shown as 62.5%); money in yuan (2 decimals); an
 * average (a decimal). */
typedef enum {
	SR_CELL_TEXT, SR_CELL_COUNT, SR_CELL_RATE, SR_CELL_MONEY, SR_CELL_AVERAGE
} sr_cell_kind;

/* A column. `name` is fixed (CSV header, scripts); `label` is already
 * translated (table and xlsx headers). A human column (a Chinese label next
 * to a machine key) is left out of CSV, which is for scripts; a csv_only
 * column is left out of what people read (the table on screen or on the
 * terminal, the xlsx): a machine key beside its human column, or the name
 * beside a login that people see as the name itself. */
typedef struct {
	const char *name;
	const char *label;
	sr_cell_kind kind;
	bool human;
	bool csv_only;
} sr_report_col;

/* A cell: text (owned) for text cells, num for numbers; empty when there is
 * no value (a change against a month with nothing, a cost never entered).
 * The kind is the column's except in the kpi report, whose value column
 * holds counts, rates and averages row by row. A text cell holds the value
 * scripts read (a login, a channel code: walkin, a status: dormant) and,
 * when people read it otherwise, `shown` (owned): the user's name, 进店,
 * 休眠, 合计, in the language of the connection. */
typedef struct {
	sr_cell_kind kind;
	bool empty;
	double num;
	char *text;
	char *shown;                /* NULL: people read text as it is */
} sr_cell;

typedef struct {
	const char *name;           /* "funnel" */
	const char *title;          /* translated: "销售漏斗" */
	const char *about;          /* translated: what it counts, one sentence */
	char filters[512];          /* translated: the filters applied, for people
	                             * ("销售顾问：王芳；留档渠道：进店"), "" for none */
	char from[SR_DATE_LEN], to[SR_DATE_LEN];
	char as_of[SR_TIME_LEN];    /* the figures are taken as of this time */
	int days;                   /* from `from` to the as-of date, inclusive */
	char by[24];                /* the grouping used, "" when the report has none */
	size_t ncols;
	const sr_report_col *cols;  /* static or owned by the report */
	size_t nrows, cap;
	sr_cell *cells;             /* nrows * ncols */
} sr_report;

/* The period and filters (as for the kpi figures) and the grouping of the
 * reports that take one (`by`, NULL = the report's default; see
 * sr_report_each for each report's choices). */
typedef struct {
	sr_kpi_query period;
	const char *by;
} sr_report_query;

/* Build report `name`. SR_NOTFOUND for an unknown name (the message lists
 * the names), SR_BADINPUT for a grouping the report does not have, and
 * every refusal of sr_kpi_compute for the period and filters. On success
 * *out must be freed with sr_report_free; on failure it is empty. */
sr_status sr_report_run(sr_db *db, const char *name, const sr_report_query *q, sr_report *out);
void sr_report_free(sr_report *r);

/* The reports in menu order: name, translated title and what it counts,
 * the groupings it takes ("consultant,channel,...", or "" for none; the
 * first is the default). fn returns non-zero to stop. */
typedef struct {
	const char *name;
	const char *title;
	const char *about;
	const char *by;
} sr_report_info;
void sr_report_each(int (*fn)(void *ctx, const sr_report_info *info), void *ctx);
/* May the acting user run report `name`? Those who read reports read
 * every report, but a user who reads only their own figures (a consultant:
 * their cards, the traffic they received) reads only the reports about
 * one's own work: not the sources' costs, not the DCC's. Front ends offer
 * what this allows; sr_report_run refuses the rest. */
bool sr_report_may(sr_db *db, const char *name);
/* The translated label of a grouping ("consultant" → 销售顾问), for a
 * menu of the choices; the code itself when unknown. */
const char *sr_report_by_label(const char *by);
/* "kpi, collection, ...": for usage messages. */
const char *sr_report_names(void);

/* Cell access: NULL / 0 out of range or for the other kind. */
const sr_cell *sr_report_cell(const sr_report *r, size_t row, size_t col);
const char *sr_report_text(const sr_report *r, size_t row, size_t col);
double sr_report_num(const sr_report *r, size_t row, size_t col);
/* The column index of a name, or -1. */
int sr_report_col_index(const sr_report *r, const char *name);

/* A cell as text: for people (62.5%, 1,234.50 without grouping: 1234.50;
 * text as shown: names, labels in their language) or for machines
 * (machine: rates and averages as decimals, 0.625, up to 4 places, no
 * trailing zeros; text as stored: logins, codes). Empty cells give "". */
const char *sr_report_format(const sr_report *r, size_t row, size_t col, bool machine,
                             char *buf, size_t len);

/* CSV (RFC 4180 through libcsv): a header of column names, machine values;
 * human columns left out. A UTF-8 BOM first when bom. No permission needed
 * beyond having run the report (it is the --csv output on stdout). */
int sr_report_write_csv(const sr_report *r, FILE *out, bool bom);

typedef enum { SR_REPORT_CSV, SR_REPORT_XLSX } sr_report_format_kind;

/* Write reports[0..n) to the file path: CSV (one report; a blank line
 * between several) or xlsx (libxlsxwriter). A workbook reads as the
 * screens do: one sheet per report named by its title in the user's
 * language, three title rows (the store — setting store_name — and the
 * title; the period, the as-of time and the filters; what it counts), a
 * frozen header row of labels, values as people read them (names, not
 * logins), numbers as numbers, rates with a percentage format, money with
 * two decimals, columns as wide as their widest text. Needs the export
 * permission; an audit row ("export", "report") names the reports, the
 * period and the rows. The file is written whole or not at all. */
sr_status sr_report_export(sr_db *db, const sr_report *const *reports, size_t n,
                           sr_report_format_kind fmt, const char *path, bool bom);

#endif
