/* export.h — data out: cards, follow-ups, traffic as CSV or xlsx (export permission,
 * written to the audit trail). */
#ifndef SHOWROOM_EXPORT_H
#define SHOWROOM_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "showroom/db.h"

typedef enum { SR_EXPORT_CARDS, SR_EXPORT_FOLLOWUPS, SR_EXPORT_TRAFFIC } sr_export_kind;

bool sr_export_kind_parse(const char *text, sr_export_kind *out);

typedef enum { SR_EXPORT_CSV, SR_EXPORT_XLSX } sr_export_format;

typedef struct {
	const char *from, *to;  /* dates, NULL = unbounded */
	bool bom;               /* CSV: write a UTF-8 BOM first */
	sr_export_format format;
} sr_export_options;

/* Write the rows as CSV to out; *rows gets the count. Needs the export
 * right; audited (a failed export too: rows may have left already). */
sr_status sr_export_csv(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                        FILE *out, long *rows);

/* The rows into the file the user names (userfile.h: the user's own
 * rights, never the database's folder, a temporary file renamed when
 * whole), as CSV or as an xlsx workbook (one sheet named after the kind, a
 * header row, numbers as numbers). The right is checked before any file is
 * touched; the audit row is written once the file is in place, and an
 * export that cannot be audited is removed again. */
sr_status sr_export_file(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                         const char *path, long *rows);

#endif
