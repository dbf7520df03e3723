/* export.c — cards, follow-ups and traffic out as CSV.
 *
 * Rows are streamed from one statement straight to the file, so a store's
 * whole history never sits in memory. Exporting is a permission of its own
 * and every export leaves an audit row saying who took how many rows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "store.h"

enum { EXPORT_COLS_MAX = 24 };

static const char CARDS_SQL[] =
	"SELECT c.id, c.name, c.phone, c.gender, c.region, c.address, c.customer_type, c.channel, s.name,"
	" m.model, c.filed_at, u.login, c.level, c.level_at_filing, c.status, c.next_date,"
	" c.expected_purchase, c.step_intro, c.step_negotiation, c.step_test_drive,"
	" c.loss_reason, c.merged_into"
	" FROM cards c"
	" LEFT JOIN sources s ON s.id = c.source_id"
	" LEFT JOIN models m ON m.id = c.model_id"
	" LEFT JOIN users u ON u.id = c.owner_id"
	" WHERE (?1 IS NULL OR c.filed_at >= ?1) AND (?2 IS NULL OR c.filed_at < date(?2, '+1 day'))"
	" ORDER BY c.filed_at, c.id";

static const char FOLLOWUPS_SQL[] =
	"SELECT f.id, f.card_id, c.name, f.at, u.login, f.method, f.level_before, f.level,"
	" f.next_date, f.step_intro, f.step_negotiation, f.step_test_drive, f.traffic_id,"
	" f.content, f.result, f.comment"
	" FROM followups f"
	" JOIN cards c ON c.id = f.card_id"
	" LEFT JOIN users u ON u.id = f.user_id"
	" WHERE (?1 IS NULL OR f.at >= ?1) AND (?2 IS NULL OR f.at < date(?2, '+1 day'))"
	" ORDER BY f.at, f.id";

static const char TRAFFIC_SQL[] =
	"SELECT t.id, t.kind, t.time_in, t.time_out, t.persons, u.login, m.model, s.name,"
	" t.result, t.card_id, t.note"
	" FROM traffic t"
	" LEFT JOIN users u ON u.id = t.consultant_id"
	" LEFT JOIN models m ON m.id = t.model_id"
	" LEFT JOIN sources s ON s.id = t.source_id"
	" WHERE (?1 IS NULL OR t.time_in >= ?1) AND (?2 IS NULL OR t.time_in < date(?2, '+1 day'))"
	" ORDER BY t.time_in, t.id";

static const char *const cards_header[] = {
	"id", "name", "phone", "gender", "region", "address", "type", "channel", "source", "model",
	"filed_at", "owner", "level", "level_at_filing", "status", "next_date",
	"expected_purchase", "intro", "negotiation", "test_drive", "loss_reason", "merged_into",
};

static const char *const followups_header[] = {
	"id", "card_id", "card_name", "at", "user", "method", "level_before", "level",
	"next_date", "intro", "negotiation", "test_drive", "traffic_id", "content", "result",
	"comment",
};

static const char *const traffic_header[] = {
	"id", "kind", "time_in", "time_out", "persons", "consultant", "model", "source",
	"result", "card_id", "note",
};

struct export_def {
	const char *name;
	const char *sql;
	const char *const *header;
	size_t ncols;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct export_def exports[] = {
	[SR_EXPORT_CARDS] = { "cards", CARDS_SQL, cards_header, COUNT(cards_header) },
	[SR_EXPORT_FOLLOWUPS] = { "followups", FOLLOWUPS_SQL, followups_header,
	                          COUNT(followups_header) },
	[SR_EXPORT_TRAFFIC] = { "traffic", TRAFFIC_SQL, traffic_header, COUNT(traffic_header) },
};

bool sr_export_kind_parse(const char *text, sr_export_kind *out)
{
	if (!text)
		return false;
	for (size_t k = 0; k < COUNT(exports); k++) {
		if (!strcmp(text, exports[k].name)) {
			*out = (sr_export_kind)k;
			return true;
		}
	}
	return false;
}

/* A bound as a normalised date, or "" when absent. */
static sr_status date_bound(sr_db *db, const char *in, const char *what,
                            char out[SR_DATE_LEN])
{
	out[0] = '\0';
	if (!in || !*in)
		return SR_OK;
	sr_date d;
	if (!sr_date_parse(in, &d))
		return sr_fail(db, SR_BADINPUT, _("%s date '%s' is not valid: write it as YYYY-MM-DD"),
		               what, in);
	sr_date_format(d, out);
	return SR_OK;
}

static sr_status write_failed(sr_db *db, int err)
{
	return sr_fail(db, SR_IO, _("writing the export failed: %s"),
	               err ? strerror(err) : _("output error"));
}

/* Header, then one CSV row per result row; *rows counts data rows. */
static sr_status export_stream(sr_db *db, const struct export_def *def, const char *from,
                               const char *to, FILE *out, long *rows)
{
	if (sr_csv_row(out, def->header, def->ncols) != 0)
		return write_failed(db, errno);
	sqlite3_stmt *st = sr_stmt(db, def->sql);
	if (!st)
		return SR_IO;
	if (*from)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	if (*to)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	sr_status res = SR_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *fields[EXPORT_COLS_MAX];
		for (size_t i = 0; i < def->ncols; i++)
			fields[i] = (const char *)sqlite3_column_text(st, (int)i);
		if (sr_csv_row(out, fields, def->ncols) != 0) {
			res = write_failed(db, errno);
			break;
		}
		(*rows)++;
	}
	if (res == SR_OK && rc != SQLITE_DONE)
		res = sr_sqlite_fail(db, rc, _("reading the data to export"));
	sr_stmt_done(st);
	if (res == SR_OK && fflush(out) != 0)
		res = write_failed(db, errno);
	return res;
}

/* The same rows into one sheet of a workbook: numbers as numbers, text as
 * text, a bold header row. libxlsxwriter's constant-memory mode writes each
 * row as it comes, so a store's history never sits in memory. */
static sr_status export_sheet(sr_db *db, const struct export_def *def, const char *from,
                              const char *to, const char *path, long *rows)
{
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb)
		return write_failed(db, errno);
	lxw_worksheet *ws = workbook_add_worksheet(wb, def->name);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_error err = ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t i = 0; i < def->ncols && !err; i++)
		err = worksheet_write_string(ws, 0, (lxw_col_t)i, def->header[i], bold);
	sqlite3_stmt *st = err ? NULL : sr_stmt(db, def->sql);
	sr_status res = err || st ? SR_OK : SR_IO;
	if (st) {
		if (*from)
			sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
		if (*to)
			sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
		int rc;
		while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			lxw_row_t y = (lxw_row_t)(*rows + 1);
			for (size_t i = 0; i < def->ncols && !err; i++) {
				int t = sqlite3_column_type(st, (int)i);
				if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
					err = worksheet_write_number(ws, y, (lxw_col_t)i,
					                             sqlite3_column_double(st, (int)i), NULL);
				else if (t != SQLITE_NULL)
					err = sr_xlsx_text(ws, y, (lxw_col_t)i,
					                 (const char *)sqlite3_column_text(st, (int)i));
			}
			(*rows)++;
		}
		if (!err && rc != SQLITE_DONE)
			res = sr_sqlite_fail(db, rc, _("reading the data to export"));
		sr_stmt_done(st);
	}
	lxw_error cerr = sr_xlsx_close(db, wb);
	if (res == SR_OK && (err || cerr))
		res = sr_fail(db, SR_IO, _("writing the export failed: %s"),
		              lxw_strerror(err ? err : cerr));
	return res;
}

/* One audit row per export, even a failed one: rows may have left already. */
static sr_status export_audit(sr_db *db, const struct export_def *def, const char *from,
                              const char *to, long rows, bool complete)
{
	/* The bounds are normalised dates: safe to put in JSON as they are. */
	char after[160];
	char fromj[SR_DATE_LEN + 2] = "null", toj[SR_DATE_LEN + 2] = "null";
	if (*from)
		snprintf(fromj, sizeof fromj, "\"%s\"", from);
	if (*to)
		snprintf(toj, sizeof toj, "\"%s\"", to);
	snprintf(after, sizeof after, "{\"rows\":%ld,\"from\":%s,\"to\":%s,\"complete\":%s}", rows,
	         fromj, toj, complete ? "true" : "false");
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, sr_audit_write(db, "export", def->name, 0, 0, NULL, after));
}

/* What both exports check first: the right to export, the kind and the
 * period (bounds normalised into from and to, "" when open). */
static sr_status export_prepare(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                                const struct export_def **def, char *from, char *to)
{
	sr_status st = sr_perm_require(db, SR_ACT_EXPORT);
	if (st != SR_OK)
		return st;
	if ((unsigned)kind >= COUNT(exports))
		return sr_fail(db, SR_USAGE, _("unknown export: use cards, followups or traffic"));
	*def = &exports[kind];
	st = date_bound(db, opt ? opt->from : NULL, "--from", from);
	if (st == SR_OK)
		st = date_bound(db, opt ? opt->to : NULL, "--to", to);
	if (st != SR_OK)
		return st;
	if (*from && *to && strcmp(from, to) > 0)
		return sr_fail(db, SR_BADINPUT, _("--from %s is after --to %s"), from, to);
	return SR_OK;
}

/* The audit row of an export that ran: complete, or failed with st (the
 * first failure's message is kept: the write error matters more). */
static sr_status export_finish(sr_db *db, const struct export_def *def, const char *from,
                               const char *to, long count, sr_status st)
{
	if (st == SR_OK)
		return export_audit(db, def, from, to, count, true);
	char msg[SR_MSG_MAX];
	sr_copy(msg, sizeof msg, db->msg);
	export_audit(db, def, from, to, count, false);
	sr_copy(db->msg, sizeof db->msg, msg);
	return st;
}

sr_status sr_export_csv(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                        FILE *out, long *rows)
{
	long count = 0;
	const struct export_def *def = NULL;
	char from[SR_DATE_LEN], to[SR_DATE_LEN];
	if (rows)
		*rows = 0;
	sr_status st = export_prepare(db, kind, opt, &def, from, to);
	if (st != SR_OK)
		return st;
	if (opt && opt->bom && sr_csv_bom(out) != 0)
		return write_failed(db, errno);
	st = export_stream(db, def, from, to, out, &count);
	if (rows)
		*rows = count;
	return export_finish(db, def, from, to, count, st);
}

/* The rows into the temporary file of f, as CSV or as a workbook. */
static sr_status export_into(sr_db *db, const struct export_def *def, const char *from,
                             const char *to, const sr_export_options *opt, sr_userfile *f,
                             long *count)
{
	if (opt && opt->format == SR_EXPORT_XLSX)
		return export_sheet(db, def, from, to, sr_userfile_temp(f), count);
	FILE *out = sr_userfile_stream(f);
	if (!out)
		return write_failed(db, errno);
	if (opt && opt->bom && sr_csv_bom(out) != 0)
		return write_failed(db, errno);
	return export_stream(db, def, from, to, out, count);
}

struct file_audit {
	const struct export_def *def;
	const char *from, *to;
	long rows;
};

static sr_status file_audit(sr_db *db, void *ctx)
{
	const struct file_audit *a = ctx;
	return export_audit(db, a->def, a->from, a->to, a->rows, true);
}

sr_status sr_export_file(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                         const char *path, long *rows)
{
	long count = 0;
	const struct export_def *def = NULL;
	char from[SR_DATE_LEN], to[SR_DATE_LEN];
	if (rows)
		*rows = 0;
	sr_status st = export_prepare(db, kind, opt, &def, from, to);
	sr_userfile *f = NULL;
	if (st == SR_OK)
		st = sr_userfile_create(db, path, &f);
	if (st != SR_OK)
		return st;
	st = export_into(db, def, from, to, opt, f, &count);
	/* A failed export leaves no file; a whole one is audited once it is
	 * in place, and removed again when it cannot be. */
	struct file_audit a = { def, from, to, count };
	st = sr_userfile_finish(db, f, st, file_audit, &a, NULL);
	if (st == SR_OK && rows)
		*rows = count;
	return st;
}
