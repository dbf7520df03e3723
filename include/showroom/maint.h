/* maint.h — keeping the database sound: online backup and checks. */
#ifndef SHOWROOM_MAINT_H
#define SHOWROOM_MAINT_H

#include <stdbool.h>
#include "showroom/db.h"

/* Copy the whole database to dest_path with SQLite's online backup API: a
 * consistent snapshot even while others write. Needs the export right (a
 * backup holds every customer's phone and every password hash), checked
 * before any file is touched. dest_path is a file the user names
 * (userfile.h): written with the user's own rights into a temporary file,
 * renamed over dest_path when whole. Audited once it is safe; when the
 * audit row cannot be written (the database's disk full) the backup still
 * stands: SR_OK, *audited false and the message says why. */
sr_status sr_db_backup(sr_db *db, const char *dest_path, bool *audited);

/* What sr_db_check found: kind is "integrity", "foreign-key" or "rule". */
typedef void (*sr_check_fn)(void *ctx, const char *kind, const char *text);

/* The integrity check, the foreign-key check and the rule check (the
 * card invariants the core keeps, checked again in the stored data).
 * Each problem goes to fn; *problems gets their number. */
sr_status sr_db_check(sr_db *db, sr_check_fn fn, void *ctx, long *problems);

/* Replace the whole database with the backup at src_path (administrators
 * only). Refused (SR_CONFLICT) while any other process has the database
 * open (probed with fcntl on the -shm file's lock byte that every open
 * connection holds), and (SR_BADINPUT) unless src_path is a showroom
 * database of a schema this program knows that passes integrity_check.
 * The copy goes through SQLite's backup API in one transaction, so a crash
 * midway leaves the old books. Audited in the restored database. */
sr_status sr_db_restore(sr_db *db, const char *src_path);

#endif
