/* userfile.h — files a user names: an export, a report written to a file,
 * a backup, an import's input and its rejects.
 *
 * In the shared install the program runs setgid to the group that owns the
 * database, so any file it opens with the group's rights could be the
 * books themselves. A file the user names is therefore touched only with
 * the user's own rights (the effective group set back to the real one for
 * each system call on its path), never inside the database's folder, never
 * over the database file, and the checks come before anything is touched.
 *
 * An output is written to a fresh temporary file beside it (mkstemp:
 * O_CREAT|O_EXCL, mode 0600, so a link planted at the temporary name is
 * never followed) and renamed over the name only when whole and synced:
 * a failure leaves no half file and the old one, if any, as it was. */
#ifndef SHOWROOM_USERFILE_H
#define SHOWROOM_USERFILE_H

#include <stdbool.h>
#include <stdio.h>
#include "showroom/db.h"

typedef struct sr_userfile sr_userfile;

/* May the user write path? SR_USAGE for an empty name or a folder,
 * SR_PERM (audited) for a path inside the database's folder or the
 * database itself, SR_IO for a folder that does not exist or cannot be
 * reached. Nothing is created. */
sr_status sr_userfile_check(sr_db *db, const char *path);

/* Check path, then create its temporary file. *out must be ended with
 * sr_userfile_commit or sr_userfile_discard. */
sr_status sr_userfile_create(sr_db *db, const char *path, sr_userfile **out);

/* The temporary file as a stream to write to (opened on first call). */
FILE *sr_userfile_stream(sr_userfile *f);

/* The name of the file that becomes path: for writers that take a name
 * (libxlsxwriter, SQLite's backup), called with the user's own rights. */
const char *sr_userfile_temp(const sr_userfile *f);

/* Flush, sync and rename the temporary file over path, then free f. On
 * failure the temporary file is removed (SR_IO, naming path). */
sr_status sr_userfile_commit(sr_db *db, sr_userfile *f);

/* Remove the temporary file and free f (NULL is fine). */
void sr_userfile_discard(sr_userfile *f);

/* How every output ends: written is what the writer returned. A failed
 * write is discarded; a whole one is committed, then audit(db, ctx) writes
 * its audit row, so the row tells of a file that is safe. When the row
 * cannot be written: with audited NULL the file is removed again and the
 * failure returned (what cannot be audited is not handed out); otherwise
 * the file stays, *audited is false and the message says why (SR_OK). */
typedef sr_status (*sr_userfile_audit_fn)(sr_db *db, void *ctx);
sr_status sr_userfile_finish(sr_db *db, sr_userfile *f, sr_status written,
                             sr_userfile_audit_fn audit, void *ctx, bool *audited);

/* Remove path if it is there (a stale output of an earlier run), with the
 * user's rights and after the same checks as sr_userfile_check. */
sr_status sr_userfile_remove(sr_db *db, const char *path);

/* Open a file the user names for reading, with the user's own rights:
 * what they could not read themselves, the program does not read for
 * them. SR_BADINPUT naming the file and why. */
sr_status sr_userfile_read(sr_db *db, const char *path, FILE **out);

#endif
