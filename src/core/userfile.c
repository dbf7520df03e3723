/* userfile.c — files a user names, touched with the user's own rights
 * (see userfile.h for the rules and why). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store.h"
#include "showroom/userfile.h"

struct sr_userfile {
	char path[PATH_MAX];
	char temp[PATH_MAX];
	int fd;
	FILE *stream;
};

/* --- the user's own rights ---------------------------------------------------- */

sr_status sr_rights_user(sr_db *db, sr_rights *saved)
{
	saved->egid = getegid();
	saved->dropped = saved->egid != getgid();
	if (saved->dropped && setegid(getgid()) != 0) {
		saved->dropped = false;
		return sr_fail(db, SR_IO, _("cannot give up the shared group's rights: %s"),
		               strerror(errno));
	}
	return SR_OK;
}

sr_status sr_rights_back(sr_db *db, sr_rights *saved)
{
	if (!saved->dropped)
		return SR_OK;
	saved->dropped = false;
	/* The saved set-group-ID still holds the group: this only fails if
	 * the kernel took it away, and then no database write can work. */
	if (setegid(saved->egid) != 0)
		return sr_fail(db, SR_IO, _("cannot take back the shared group's rights: %s"),
		               strerror(errno));
	return SR_OK;
}

/* --- where a file may go ------------------------------------------------------ */

/* The folder part of path ("." when it has none). */
static void folder_of(const char *path, char *out, size_t len)
{
	snprintf(out, len, "%s", path);
	char *slash = strrchr(out, '/');
	if (!slash)
		snprintf(out, len, ".");
	else if (slash == out)
		out[1] = '\0';
	else
		*slash = '\0';
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Is st the database file, its -wal or its -shm? Looked at with the
 * group's rights: the user may not see into the database's folder. */
static bool is_database_file(const char *db_path, const struct stat *st)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char p[PATH_MAX + 16];
	struct stat sb;
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		snprintf(p, sizeof p, "%s%s", db_path, suffixes[i]);
		if (stat(p, &sb) == 0 && same_file(&sb, st))
			return true;
	}
	return false;
}

/* What the user's own rights see of path's folder and of path itself
 * (*exists false when there is nothing at path). */
static sr_status look_as_user(sr_db *db, const char *path, const char *folder,
                              struct stat *folder_st, struct stat *path_st, bool *exists)
{
	sr_rights r;
	sr_status st = sr_rights_user(db, &r);
	if (st != SR_OK)
		return st;
	int folder_rc = stat(folder, folder_st);
	int folder_err = errno;
	*exists = stat(path, path_st) == 0;
	st = sr_rights_back(db, &r);
	if (st != SR_OK)
		return st;
	if (folder_rc != 0)
		return sr_fail(db, SR_IO, _("cannot write %s: %s"), path, strerror(folder_err));
	if (!S_ISDIR(folder_st->st_mode))
		return sr_fail(db, SR_IO, _("cannot write %s: %s is not a folder"), path, folder);
	return SR_OK;
}

sr_status sr_userfile_check(sr_db *db, const char *path)
{
	if (!path || !*path)
		return sr_fail(db, SR_USAGE, _("name the file to write"));
	size_t n = strlen(path);
	if (n + sizeof ".tmp-XXXXXX" > PATH_MAX)
		return sr_fail(db, SR_USAGE, _("file name too long: %s"), path);
	if (path[n - 1] == '/')
		return sr_fail(db, SR_USAGE, _("%s is a folder: name a file in it"), path);
	char folder[PATH_MAX];
	folder_of(path, folder, sizeof folder);
	struct stat fst, pst;
	bool exists = false;
	sr_status st = look_as_user(db, path, folder, &fst, &pst, &exists);
	if (st != SR_OK)
		return st;
	if (exists && S_ISDIR(pst.st_mode))
		return sr_fail(db, SR_USAGE, _("%s is a folder: name a file in it"), path);
	const char *db_path = sqlite3_db_filename(db->h, "main");
	if (!db_path || !*db_path)
		return SR_OK;
	char db_folder[PATH_MAX];
	folder_of(db_path, db_folder, sizeof db_folder);
	struct stat dst;
	/* The database's folder holds the books, their -wal and -shm, and
	 * nothing a user should write: no file of theirs goes there. */
	if (stat(db_folder, &dst) == 0 && same_file(&dst, &fst))
		return sr_fail(db, SR_PERM,
		               _("permission denied: %s is in the database's folder %s; write it "
		                 "somewhere else"),
		               path, db_folder);
	if (exists && is_database_file(db_path, &pst))
		return sr_fail(db, SR_PERM, _("permission denied: %s is the database itself"), path);
	return SR_OK;
}

/* --- writing ------------------------------------------------------------------- */

sr_status sr_userfile_create(sr_db *db, const char *path, sr_userfile **out)
{
	*out = NULL;
	sr_status st = sr_userfile_check(db, path);
	if (st != SR_OK)
		return st;
	sr_userfile *f = calloc(1, sizeof *f);
	if (!f)
		return sr_fail(db, SR_IO, _("out of memory"));
	snprintf(f->path, sizeof f->path, "%s", path);
	snprintf(f->temp, sizeof f->temp, "%s.tmp-XXXXXX", path);
	sr_rights r;
	st = sr_rights_user(db, &r);
	if (st != SR_OK) {
		free(f);
		return st;
	}
	f->fd = mkstemp(f->temp);
	int err = errno;
	if (f->fd >= 0)
		fcntl(f->fd, F_SETFD, FD_CLOEXEC);
	st = sr_rights_back(db, &r);
	if (f->fd < 0) {
		free(f);
		return sr_fail(db, SR_IO, _("cannot write %s: %s"), path, strerror(err));
	}
	if (st != SR_OK) {
		sr_userfile_discard(f);
		return st;
	}
	*out = f;
	return SR_OK;
}

FILE *sr_userfile_stream(sr_userfile *f)
{
	if (f && !f->stream)
		f->stream = fdopen(f->fd, "wb");
	return f ? f->stream : NULL;
}

const char *sr_userfile_temp(const sr_userfile *f)
{
	return f->temp;
}

/* Close the temporary file after syncing it; false (errno set) when a
 * write that was buffered or the sync failed. */
static bool close_synced(sr_userfile *f)
{
	bool ok = true;
	if (f->stream) {
		ok = fflush(f->stream) == 0 && !ferror(f->stream);
		int err = errno;
		ok = fsync(f->fd) == 0 && ok;
		if (fclose(f->stream) != 0)
			ok = false;
		else if (!ok)
			errno = err;
	} else {
		ok = fsync(f->fd) == 0;
		int err = errno;
		if (close(f->fd) != 0)
			ok = false;
		else
			errno = err;
	}
	f->stream = NULL;
	f->fd = -1;
	return ok;
}

/* The rename reaches the disk only with the folder's entry: sync it. */
static void sync_folder(const char *path)
{
	char folder[PATH_MAX];
	folder_of(path, folder, sizeof folder);
	int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

sr_status sr_userfile_commit(sr_db *db, sr_userfile *f)
{
	bool closed = close_synced(f);
	int err = errno;
	sr_rights r;
	sr_status st = sr_rights_user(db, &r);
	if (st == SR_OK) {
		if (!closed) {
			st = sr_fail(db, SR_IO, _("cannot write %s: %s"), f->path, strerror(err));
			unlink(f->temp);
		} else if (rename(f->temp, f->path) != 0) {
			st = sr_fail(db, SR_IO, _("cannot write %s: %s"), f->path, strerror(errno));
			unlink(f->temp);
		} else {
			sync_folder(f->path);
		}
		sr_status back = sr_rights_back(db, &r);
		if (st == SR_OK)
			st = back;
	}
	free(f);
	return st;
}

void sr_userfile_discard(sr_userfile *f)
{
	if (!f)
		return;
	if (f->stream)
		fclose(f->stream);
	else if (f->fd >= 0)
		close(f->fd);
	/* With the user's rights only; if the group cannot be taken back,
	 * the process is left with less, never more. */
	gid_t egid = getegid();
	bool drop = egid != getgid();
	if (!drop || setegid(getgid()) == 0) {
		unlink(f->temp);
		if (drop)
			(void)!setegid(egid);
	}
	free(f);
}

sr_status sr_userfile_remove(sr_db *db, const char *path)
{
	sr_status st = sr_userfile_check(db, path);
	if (st != SR_OK)
		return st;
	sr_rights r;
	st = sr_rights_user(db, &r);
	if (st != SR_OK)
		return st;
	int rc = unlink(path);
	int err = errno;
	st = sr_rights_back(db, &r);
	if (rc != 0 && err != ENOENT)
		return sr_fail(db, SR_IO, _("cannot remove %s: %s"), path, strerror(err));
	return st;
}

sr_status sr_userfile_finish(sr_db *db, sr_userfile *f, sr_status written,
                             sr_userfile_audit_fn audit, void *ctx, bool *audited)
{
	if (audited)
		*audited = false;
	if (written != SR_OK) {
		sr_userfile_discard(f);
		return written;
	}
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", f->path);
	sr_status st = sr_userfile_commit(db, f);
	if (st != SR_OK)
		return st;
	st = audit(db, ctx);
	if (st == SR_OK) {
		if (audited)
			*audited = true;
		return SR_OK;
	}
	char msg[SR_MSG_MAX];
	sr_copy(msg, sizeof msg, db->msg);
	if (audited) {
		sr_fail(db, st, _("the file is complete, but its audit row could not be written: %s"),
		        msg);
		return SR_OK;
	}
	sr_userfile_remove(db, path);
	return sr_fail(db, st, _("%s: the export was not kept"), msg);
}

/* --- reading -------------------------------------------------------------------- */

sr_status sr_userfile_read(sr_db *db, const char *path, FILE **out)
{
	*out = NULL;
	if (!path || !*path)
		return sr_fail(db, SR_USAGE, _("name the file to read"));
	sr_rights r;
	sr_status st = sr_rights_user(db, &r);
	if (st != SR_OK)
		return st;
	FILE *in = fopen(path, "rb");
	int err = errno;
	st = sr_rights_back(db, &r);
	if (st != SR_OK) {
		if (in)
			fclose(in);
		return st;
	}
	if (!in)
		return sr_fail(db, SR_BADINPUT, _("cannot read %s: %s"), path, strerror(err));
	*out = in;
	return SR_OK;
}
