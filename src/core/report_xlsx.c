/* report_xlsx.c — reports to a file: CSV or an Excel workbook through
 * libxlsxwriter, behind the export permission and the audit trail.
 *
 * A workbook is what a manager sends upstairs, so it reads as the screens
 * do: one sheet per report named by its title in the user's language
 * (Excel's rules: at most 31 characters, none of []:*?/\), three title
 * rows (the store and the report; the period, the as-of time and the
 * filters; what it counts), then a frozen header row of the column labels
 * and the rows with names, not logins, and values in words; numbers are
 * written as numbers, rates with a percentage format, money with two
 * decimals, so the people who pass these files around can sum and chart
 * them. Columns are as wide as their widest text in display columns (a
 * Chinese character takes two). The file is written under a temporary name
 * and renamed when complete. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "report_int.h"

/* The header row (0-based): after the three title rows. */
#define XLSX_HEAD_ROW 3
/* Column widths, in characters of the default font. */
#define XLSX_COL_MIN 8
#define XLSX_COL_MAX 60

struct xlsx_formats {
	lxw_format *title, *head, *rate, *money, *avg;
};

static void xlsx_formats(lxw_workbook *wb, struct xlsx_formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	f->rate = workbook_add_format(wb);
	format_set_num_format(f->rate, "0.0%");
	f->money = workbook_add_format(wb);
	format_set_num_format(f->money, "#,##0.00");
	f->avg = workbook_add_format(wb);
	format_set_num_format(f->avg, "0.00");
}

static lxw_format *cell_format(const struct xlsx_formats *f, sr_cell_kind kind)
{
	switch (kind) {
	case SR_CELL_RATE:
		return f->rate;
	case SR_CELL_MONEY:
		return f->money;
	case SR_CELL_AVERAGE:
		return f->avg;
	default:
		return NULL;
	}
}

/* ---- the sheet's name -------------------------------------------------------------- */

/* Excel's forbidden characters, as their full-width forms (U+FF0F ...),
 * which it takes: 展厅流量分析（时段／星期）. */
static const char *sheet_char(char c)
{
	switch (c) {
	case '/': return "／";
	case '\\': return "＼";
	case ':': return "：";
	case '*': return "＊";
	case '?': return "？";
	case '[': return "［";
	case ']': return "］";
	case '\'': return "’";
	default: return NULL;
	}
}

/* title as a sheet name into out: forbidden characters replaced, at most
 * LXW_SHEETNAME_MAX characters, cut at a character boundary. */
static void sheet_name_of(const char *title, char *out, size_t len)
{
	size_t at = 0, chars = 0;
	for (const char *p = title; *p && chars < LXW_SHEETNAME_MAX; chars++) {
		const char *sub = sheet_char(*p);
		unsigned cp;
		size_t n = sub ? 1 : sr_utf8_decode(p, (size_t)-1, &cp);
		const char *from = sub ? sub : p;
		size_t m = sub ? strlen(sub) : n;
		if (at + m >= len)
			break;
		memcpy(out + at, from, m);
		at += m;
		p += n;
	}
	while (at > 0 && out[at - 1] == ' ')
		at--;
	out[at] = '\0';
}

/* A name no other sheet of the workbook has: the title, else the title
 * cut shorter with a number. */
static void sheet_name(lxw_workbook *wb, const sr_report *r, char *out, size_t len)
{
	sheet_name_of(sr_report_sheet(r), out, len);
	for (int k = 2; workbook_validate_sheet_name(wb, out) != LXW_NO_ERROR && k < 100; k++) {
		char base[LXW_MAX_SHEETNAME_LENGTH], tag[8];
		snprintf(tag, sizeof tag, "(%d)", k);
		sheet_name_of(sr_report_sheet(r), base, sizeof base);
		/* Room for the tag within the limit, counted in characters. */
		size_t keep = 0, chars = 0;
		unsigned cp;
		while (base[keep] && chars < LXW_SHEETNAME_MAX - strlen(tag)) {
			keep += sr_utf8_decode(base + keep, (size_t)-1, &cp);
			chars++;
		}
		base[keep] = '\0';
		snprintf(out, len, "%s%s", base, tag);
	}
}

/* ---- the sheet ---------------------------------------------------------------------- */

/* The store's name for the title row: setting store_name. */
static void store_name(sr_db *db, char *out, size_t len)
{
	if (sr_setting_get(db, "store_name", out, len) != SR_OK || !out[0])
		snprintf(out, len, "%s", _("our store"));
}

static lxw_error title_rows(sr_db *db, lxw_worksheet *ws, const struct xlsx_formats *f,
                            const sr_report *r)
{
	char store[SR_LABEL_MAX], line[2048];
	store_name(db, store, sizeof store);
	snprintf(line, sizeof line, _("%s — %s"), store, r->title);
	lxw_error err = worksheet_write_string(ws, 0, 0, line, f->title);
	int n = snprintf(line, sizeof line, _("Period: %s to %s; as of %.16s"), r->from, r->to,
	                 r->as_of);
	if (r->filters[0] && n > 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, "%s%s", _("; "), r->filters);
	if (!err)
		err = worksheet_write_string(ws, 1, 0, line, NULL);
	if (!err && r->about)
		err = worksheet_write_string(ws, 2, 0, r->about, NULL);
	return err;
}

/* One people's column: its header, its cells as people read them, and a
 * width that fits the widest of them. */
static lxw_error xlsx_column(lxw_worksheet *ws, const struct xlsx_formats *f,
                             const sr_report *r, size_t col, lxw_col_t x)
{
	int w = sr_text_width(r->cols[col].label);
	lxw_error err = worksheet_write_string(ws, XLSX_HEAD_ROW, x, r->cols[col].label, f->head);
	for (size_t row = 0; row < r->nrows && !err; row++) {
		const sr_cell *c = sr_report_cell(r, row, col);
		lxw_row_t y = (lxw_row_t)(XLSX_HEAD_ROW + 1 + row);
		char buf[64];
		const char *text = sr_report_format(r, row, col, false, buf, sizeof buf);
		if (sr_text_width(text) > w)
			w = sr_text_width(text);
		if (c->empty)
			continue;
		if (c->kind == SR_CELL_TEXT)
			err = sr_xlsx_text(ws, y, x, text);
		else
			err = worksheet_write_number(ws, y, x, c->num, cell_format(f, c->kind));
	}
	w += 2;
	if (!err)
		worksheet_set_column(ws, x, x, w < XLSX_COL_MIN ? XLSX_COL_MIN
		                               : w > XLSX_COL_MAX ? XLSX_COL_MAX : w, NULL);
	return err;
}

static lxw_error xlsx_sheet(sr_db *db, lxw_workbook *wb, const struct xlsx_formats *f,
                            const sr_report *r)
{
	char name[LXW_MAX_SHEETNAME_LENGTH];
	sheet_name(wb, r, name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	lxw_error err = title_rows(db, ws, f, r);
	lxw_col_t x = 0;
	for (size_t i = 0; i < r->ncols && !err; i++)
		if (!r->cols[i].csv_only)
			err = xlsx_column(ws, f, r, i, x++);
	/* The header row stays in view, and so do the rows' names. */
	worksheet_freeze_panes(ws, XLSX_HEAD_ROW + 1, 1);
	return err;
}

/* Stored text as every output shows it (sr_text_escape): a control or
 * bidi character that reached the database reaches no spreadsheet raw. */
int sr_xlsx_text(lxw_worksheet *ws, lxw_row_t y, lxw_col_t x, const char *text)
{
	if (sr_text_shows_as_is(text, SR_TEXT_LINES))
		return worksheet_write_string(ws, y, x, text, NULL);
	char *shown = sr_text_escape_dup(text, SR_TEXT_LINES);
	if (!shown)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	lxw_error err = worksheet_write_string(ws, y, x, shown, NULL);
	free(shown);
	return (int)err;
}

int sr_xlsx_close(sr_db *db, lxw_workbook *wb)
{
	sr_rights r;
	if (sr_rights_user(db, &r) != SR_OK) {
		/* Nothing is written with the group's rights: give the
		 * workbook up unwritten. */
		lxw_workbook_free(wb);
		return LXW_ERROR_CREATING_TMPFILE;
	}
	lxw_error err = workbook_close(wb);
	if (sr_rights_back(db, &r) != SR_OK && !err)
		err = LXW_ERROR_CREATING_TMPFILE;
	return (int)err;
}

/* The workbook into the temporary file of the output (created already,
 * so libxlsxwriter finds a file it can write and stays silent). */
static sr_status write_xlsx(sr_db *db, const sr_report *const *reports, size_t n,
                            sr_userfile *out, const char *path)
{
	lxw_workbook *wb = workbook_new(sr_userfile_temp(out));
	if (!wb)
		return sr_fail(db, SR_IO, _("cannot write %s: %s"), path, strerror(errno));
	struct xlsx_formats f;
	xlsx_formats(wb, &f);
	lxw_error err = LXW_NO_ERROR;
	for (size_t i = 0; i < n && !err; i++)
		err = xlsx_sheet(db, wb, &f, reports[i]);
	lxw_error cerr = (lxw_error)sr_xlsx_close(db, wb);
	if (!err)
		err = cerr;
	if (err)
		return sr_fail(db, SR_IO, _("cannot write %s: %s"), path, lxw_strerror(err));
	return SR_OK;
}

static sr_status write_csv(sr_db *db, const sr_report *const *reports, size_t n,
                           sr_userfile *out, const char *path, bool bom)
{
	FILE *f = sr_userfile_stream(out);
	int bad = !f;
	for (size_t i = 0; i < n && !bad; i++) {
		if (i)
			bad = fputs("\r\n", f) == EOF;
		if (!bad)
			bad = sr_report_write_csv(reports[i], f, bom && i == 0);
	}
	if (!bad)
		bad = fflush(f) != 0;
	if (bad)
		return sr_fail(db, SR_IO, _("cannot write %s: %s"), path, strerror(errno));
	return SR_OK;
}

/* One audit row: which reports, the period, how many rows, which format.
 * Report names and dates are plain ASCII: safe in JSON as they are. */
static sr_status export_audit(sr_db *db, const sr_report *const *reports, size_t n,
                              sr_report_format_kind fmt)
{
	char names[256] = "", after[512];
	size_t rows = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strncat(names, ",", sizeof names - strlen(names) - 1);
		strncat(names, reports[i]->name, sizeof names - strlen(names) - 1);
		rows += reports[i]->nrows;
	}
	snprintf(after, sizeof after,
	         "{\"reports\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"as_of\":\"%s\",\"rows\":%zu,"
	         "\"format\":\"%s\"}",
	         names, n ? reports[0]->from : "", n ? reports[0]->to : "",
	         n ? reports[0]->as_of : "", rows, fmt == SR_REPORT_XLSX ? "xlsx" : "csv");
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, sr_audit_write(db, "export", "report", 0, 0, NULL, after));
}

struct report_audit {
	const sr_report *const *reports;
	size_t n;
	sr_report_format_kind fmt;
};

static sr_status report_audit(sr_db *db, void *ctx)
{
	const struct report_audit *a = ctx;
	return export_audit(db, a->reports, a->n, a->fmt);
}

sr_status sr_report_export(sr_db *db, const sr_report *const *reports, size_t n,
                           sr_report_format_kind fmt, const char *path, bool bom)
{
	sr_status st = sr_perm_require(db, SR_ACT_EXPORT);
	sr_userfile *out = NULL;
	if (st == SR_OK)
		st = sr_userfile_create(db, path, &out);
	if (st != SR_OK)
		return st;
	st = fmt == SR_REPORT_XLSX ? write_xlsx(db, reports, n, out, path)
	                           : write_csv(db, reports, n, out, path, bom);
	struct report_audit a = { reports, n, fmt };
	return sr_userfile_finish(db, out, st, report_audit, &a, NULL);
}
