/* report_xlsx.c — reports to a file: CSV or an Excel workbook through
 * libxlsxwriter, behind the export permission and the audit trail.
 *
 * A workbook has one sheet per report, named after it, with a header row
 * of the (translated) column labels; numbers are written as numbers, rates
 * with a percentage format, money with two decimals, so the people who
 * pass these files around can sum and chart them. The file is written
 * under a temporary name and renamed when complete. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "report_int.h"

struct xlsx_formats {
	lxw_format *head, *rate, *money, *avg;
};

static void xlsx_formats(lxw_workbook *wb, struct xlsx_formats *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
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

static lxw_error xlsx_sheet(lxw_workbook *wb, const struct xlsx_formats *f, const sr_report *r)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, r->name);
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	lxw_error err = LXW_NO_ERROR;
	for (size_t i = 0; i < r->ncols && !err; i++) {
		int w = sr_text_width(r->cols[i].label) + 2;
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w < 10 ? 10 : w, NULL);
		err = worksheet_write_string(ws, 0, (lxw_col_t)i, r->cols[i].label, f->head);
	}
	for (size_t row = 0; row < r->nrows && !err; row++) {
		for (size_t i = 0; i < r->ncols && !err; i++) {
			const sr_cell *c = sr_report_cell(r, row, i);
			lxw_row_t y = (lxw_row_t)(row + 1);
			if (c->empty)
				continue;
			if (c->kind == SR_CELL_TEXT)
				err = worksheet_write_string(ws, y, (lxw_col_t)i, c->text ? c->text : "",
				                             NULL);
			else
				err = worksheet_write_number(ws, y, (lxw_col_t)i, c->num,
				                             cell_format(f, c->kind));
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	return err;
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
		err = xlsx_sheet(wb, &f, reports[i]);
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
