/* db.h — one connection to the shared showroom database.
 *
 * An sr_db carries the SQLite connection with its statement cache, the
 * acting user, the clock, and the message of the last refusal. Many
 * showroom processes share one file: WAL, synchronous=FULL, foreign keys,
 * a busy timeout, and BEGIN IMMEDIATE for every change. */
#ifndef SHOWROOM_DB_H
#define SHOWROOM_DB_H

#include <stdint.h>
#include "showroom/clock.h"
#include "showroom/error.h"

typedef struct sr_db sr_db;

enum {
	SR_OPEN_CREATE = 1 << 0,  /* create the file if missing (init) */
	SR_OPEN_MIGRATE = 1 << 1, /* apply pending migrations */
	SR_OPEN_READONLY = 1 << 2,
};

/* Open PATH. On failure *out is NULL and err (if given) holds the reason.
 * A database newer than this program is refused (SR_IO). */
sr_status sr_db_open(const char *path, int flags, sr_db **out, char *err, size_t errlen);
void sr_db_close(sr_db *db);

/* The message of the last failed call: one line, for the user. */
const char *sr_db_message(const sr_db *db);

/* Schema version stored in the file, and the newest this program knows. */
int sr_db_schema_version(sr_db *db);
int sr_db_schema_latest(void);

/* The clock: fixed (tests, back-dating) or, when 0, the system clock. */
void sr_db_set_now(sr_db *db, sr_time fixed);
sr_time sr_db_now(const sr_db *db);
sr_date sr_db_today(const sr_db *db);

/* The acting user (see user.h); 0 before anyone is set. */
int64_t sr_db_actor(const sr_db *db);

/* PRAGMA data_version: changes when another connection commits. Screens
 * poll it while idle to refresh what others changed. */
int64_t sr_db_data_version(sr_db *db);

#endif
