/* import.h — internet leads from car portals' CSV exports (SPEC: DCC).
 *
 * A header row names the columns (the portals' Chinese names are known);
 * each good row files a phone-channel card owned by a DCC caller chosen by
 * the distribution rule, or becomes a follow-up note on the phone's
 * following card. Rows are written in batches, each its own transaction, and
 * a per-row key (source, phone, submit time) makes re-imports harmless. */
#ifndef SHOWROOM_IMPORT_H
#define SHOWROOM_IMPORT_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "showroom/db.h"
#include "showroom/demo.h"

#define SR_IMPORT_MAP_MAX 16
#define SR_IMPORT_BATCH 10000

typedef struct {
	const char *name;        /* the file's name, for notes and the imports table */
	const char *source;      /* media source code or name; NULL = a 来源 column */
	const char *encoding;    /* "auto" (NULL), "utf-8" or "gb18030" */
	const char *map[SR_IMPORT_MAP_MAX]; /* "COLUMN=FIELD" */
	size_t nmap;
	bool dry_run;            /* every check, nothing written */
	bool require_model;      /* an unknown or missing model rejects the row */
	int64_t size;            /* bytes in the file, for progress; 0 unknown */
} sr_import_options;

typedef struct {
	int64_t import_id;       /* 0 in a dry run */
	int64_t rows;            /* data rows read (blank lines not counted) */
	int64_t filed, matched, duplicate, rejected;
	int64_t batches;         /* transactions committed */
	bool broken;             /* parsing stopped at broken quoting */
	char encoding[16];       /* what was read: "utf-8" or "gb18030" */
} sr_import_summary;

/* A rejected row: its physical line (where the record starts; the header is
 * line 1), the reason, and the fields as read (n of them). */
typedef void (*sr_import_reject_fn)(void *ctx, int64_t line, const char *reason,
                                    const char *const *fields, size_t n);

/* May the acting user import (the managers' right to assign leads)? A
 * front end asks first, before it touches the input or the rejects file. */
sr_status sr_import_allowed(sr_db *db);

/* Field names for --map: name, phone, model, source, note, time, region. */
sr_status sr_import_csv(sr_db *db, const sr_import_options *opt, FILE *in,
                        sr_import_summary *out, sr_import_reject_fn on_reject, void *ctx,
                        sr_progress_fn progress, void *pctx);
#endif
