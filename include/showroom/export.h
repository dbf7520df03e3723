/* export.h — data out: cards, follow-ups, traffic as CSV or xlsx (export permission,
 * written to the audit trail). */
#ifndef SHOWROOM_EXPORT_H
#define SHOWROOM_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "showroom/db.h"

typedef enum { SR_EXPORT_CARDS, SR_EXPORT_FOLLOWUPS, SR_EXPORT_TRAFFIC } sr_export_kind;

bool sr_export_kind_parse(const char *text, sr_export_kind *out);

typedef struct {
	const char *from, *to;  /* dates, NULL = unbounded */
	bool bom;               /* write a UTF-8 BOM first */
} sr_export_options;

/* Write the rows as CSV to out; *rows gets the count. */
sr_status sr_export_csv(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                        FILE *out, long *rows);

/* The same rows as an xlsx workbook at path (one sheet named after the
 * kind, a header row, numbers as numbers); the same permission and audit
 * row. A failure removes the file. */
sr_status sr_export_xlsx(sr_db *db, sr_export_kind kind, const sr_export_options *opt,
                         const char *path, long *rows);

#endif
