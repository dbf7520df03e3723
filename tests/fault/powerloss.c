/* powerloss.c — power loss, simulated with a VFS over the default one.
 *
 * The VFS passes every call through to the real file and, per file name,
 * keeps the "durable image": the file's whole content as of its last xSync
 * (or as it was when first opened). The machine "loses power" at a chosen
 * write: from then on writes, syncs, truncates and deletes fail. Then each
 * file is replaced by its durable image (a file never synced and not there
 * before is removed) and the -shm, which is memory, goes. What a disk that
 * honours fsync keeps is exactly that, so with synchronous=FULL every
 * commit acknowledged before the loss must be there after recovery; with
 * synchronous=OFF (no syncs) acknowledged commits are lost, which shows
 * the test can see a loss. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>
#include "powerloss.h"
#include "showroom.h"
#include "test_hooks.h" /* sr_db_handle */

enum { PL_FILES = 16 };

struct image {
	char path[600];
	bool used;
	bool exists;        /* durable: the file exists */
	unsigned char *data;
	sqlite3_int64 size;
};

static struct image images[PL_FILES];
static long writes_left = -1;   /* < 0: the power stays on */
static bool power_off;
static sqlite3_vfs *real_vfs;

struct pl_file {
	sqlite3_file base;
	struct image *img;      /* NULL for temporary files */
	sqlite3_file *real;     /* follows this struct */
};

static struct image *image_for(const char *path)
{
	for (int i = 0; i < PL_FILES; i++)
		if (images[i].used && strcmp(images[i].path, path) == 0)
			return &images[i];
	for (int i = 0; i < PL_FILES; i++)
		if (!images[i].used) {
			images[i].used = true;
			snprintf(images[i].path, sizeof images[i].path, "%s", path);
			/* What is on disk when first seen counts as durable. */
			FILE *f = fopen(path, "rb");
			if (f) {
				fseek(f, 0, SEEK_END);
				long n = ftell(f);
				fseek(f, 0, SEEK_SET);
				images[i].data = malloc(n > 0 ? (size_t)n : 1);
				images[i].size = n > 0 && fread(images[i].data, 1, (size_t)n, f) == (size_t)n
				                         ? n : 0;
				images[i].exists = true;
				fclose(f);
			}
			return &images[i];
		}
	return NULL;
}

/* The file's content now becomes its durable image. */
static int take_image(struct pl_file *p)
{
	sqlite3_int64 size = 0;
	int rc = p->real->pMethods->xFileSize(p->real, &size);
	if (rc != SQLITE_OK)
		return rc;
	unsigned char *data = malloc(size > 0 ? (size_t)size : 1);
	if (!data)
		return SQLITE_NOMEM;
	if (size > 0) {
		rc = p->real->pMethods->xRead(p->real, data, (int)size, 0);
		if (rc != SQLITE_OK) {
			free(data);
			return rc;
		}
	}
	free(p->img->data);
	p->img->data = data;
	p->img->size = size;
	p->img->exists = true;
	return SQLITE_OK;
}

static bool io_fails(void)
{
	if (power_off)
		return true;
	if (writes_left == 0) {
		power_off = true;
		return true;
	}
	if (writes_left > 0)
		writes_left--;
	return false;
}

#define REAL(f) (((struct pl_file *)(f))->real)

static int pl_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	return rc;
}

static int pl_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int pl_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (io_fails())
		return SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int pl_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (power_off)
		return SQLITE_IOERR_TRUNCATE;
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int pl_sync(sqlite3_file *f, int flags)
{
	struct pl_file *p = (struct pl_file *)f;
	if (power_off)
		return SQLITE_IOERR_FSYNC;
	int rc = p->real->pMethods->xSync(p->real, flags);
	if (rc == SQLITE_OK && p->img)
		rc = take_image(p);
	return rc;
}

static int pl_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int pl_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int pl_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int pl_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int pl_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int pl_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int pl_device(sqlite3_file *f)
{
	/* No atomic or safe-append promises: the worst case disk. */
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)) &
	       ~(SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL |
	         SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_ATOMIC);
}

static int pl_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, pp);
}

static int pl_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void pl_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int pl_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static const sqlite3_io_methods pl_methods = {
	2, pl_close, pl_read, pl_write, pl_truncate, pl_sync, pl_file_size, pl_lock, pl_unlock,
	pl_check_lock, pl_control, pl_sector, pl_device, pl_shm_map, pl_shm_lock,
	pl_shm_barrier, pl_shm_unmap, NULL, NULL,
};

static int pl_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                   int *out_flags)
{
	(void)vfs;
	struct pl_file *p = (struct pl_file *)f;
	p->real = (sqlite3_file *)(p + 1);
	p->img = name ? image_for(name) : NULL;
	int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out_flags);
	p->base.pMethods = rc == SQLITE_OK ? &pl_methods : NULL;
	return rc;
}

static int pl_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	if (power_off)
		return SQLITE_IOERR_DELETE;
	int rc = real_vfs->xDelete(real_vfs, name, sync_dir);
	/* A delete is durable at once here (SQLite treats it so). */
	for (int i = 0; i < PL_FILES; i++)
		if (rc == SQLITE_OK && images[i].used && strcmp(images[i].path, name) == 0) {
			free(images[i].data);
			images[i].data = NULL;
			images[i].size = 0;
			images[i].exists = false;
		}
	return rc;
}

static int pl_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int pl_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int pl_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int pl_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int pl_time(sqlite3_vfs *vfs, double *out)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int pl_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int pl_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs pl_vfs = {
	2, 0, 0, NULL, "powerloss", NULL, pl_open, pl_delete, pl_access, pl_full_path,
	NULL, NULL, NULL, NULL, pl_randomness, pl_sleep, pl_time, pl_last_error, pl_time64,
	NULL, NULL, NULL,
};

static void images_free(void)
{
	for (int i = 0; i < PL_FILES; i++) {
		free(images[i].data);
		memset(&images[i], 0, sizeof images[i]);
	}
}

/* Power back on: every file as its durable image. */
static void restore_images(const char *db_path)
{
	for (int i = 0; i < PL_FILES; i++) {
		struct image *im = &images[i];
		if (!im->used)
			continue;
		if (!im->exists) {
			unlink(im->path);
			continue;
		}
		FILE *f = fopen(im->path, "wb");
		if (f) {
			if (im->size > 0)
				fwrite(im->data, 1, (size_t)im->size, f);
			fclose(f);
		}
	}
	char shm[700];
	snprintf(shm, sizeof shm, "%s-shm", db_path);
	unlink(shm);
	images_free();
}

static void vfs_install(void)
{
	if (!real_vfs) {
		real_vfs = sqlite3_vfs_find(NULL);
		pl_vfs.szOsFile = (int)sizeof(struct pl_file) + real_vfs->szOsFile;
		pl_vfs.mxPathname = real_vfs->mxPathname;
	}
	sqlite3_vfs_register(&pl_vfs, 1);
}

static void vfs_remove(void)
{
	sqlite3_vfs_unregister(&pl_vfs);
	sqlite3_vfs_register(real_vfs, 1);
}

static void remove_files(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char p[700];
	for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

enum { PL_MAX_WRITES = 400 };

struct pl_result pl_round(const char *path, bool full, unsigned seed)
{
	struct pl_result res = { 0, 0, false, false };
	remove_files(path);
	/* The database made with the power on and the real VFS. */
	sr_db *db = NULL;
	char err[512];
	if (sr_db_open(path, SR_OPEN_CREATE | SR_OPEN_MIGRATE, &db, err, sizeof err) != SR_OK ||
	    sr_user_act_as(db, "admin") != SR_OK ||
	    sr_user_add(db, "m01", "经理", SR_ROLE_MANAGER, SR_TEAM_SHOWROOM, NULL, NULL) != SR_OK) {
		res.error = true;
		sr_db_close(db);
		return res;
	}
	sr_db_close(db);
	db = NULL;

	vfs_install();
	srand(seed);
	power_off = false;
	writes_left = -1;
	int64_t *ids = calloc(PL_MAX_WRITES, sizeof *ids);
	if (sr_db_open(path, 0, &db, err, sizeof err) != SR_OK || sr_user_act_as(db, "m01") != SR_OK)
		res.error = true;
	if (!res.error && !full)
		sqlite3_exec(sr_db_handle(db), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
	/* The power fails at a random write: a WAL frame, a checkpoint page,
	 * a header; commits are two or three writes each here. */
	writes_left = 20 + rand() % 600;
	for (int n = 0; !res.error && n < PL_MAX_WRITES && !power_off; n++) {
		char note[32];
		snprintf(note, sizeof note, "p%d", n);
		sr_traffic_input in = { .kind = SR_TRAFFIC_CALL, .note = note };
		if (sr_traffic_add(db, &in, &ids[res.acked]) == SR_OK)
			res.acked++;
	}
	power_off = true;
	sr_db_close(db);
	db = NULL;
	power_off = false;
	writes_left = -1;
	restore_images(path);
	vfs_remove();

	/* Power back: SQLite recovers from the WAL on open. */
	sqlite3 *h = NULL;
	if (!res.error && sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_stmt *q = NULL;
		if (sqlite3_prepare_v2(h, "SELECT count(*) FROM traffic WHERE id = ?1", -1, &q,
		                       NULL) == SQLITE_OK) {
			for (long i = 0; i < res.acked; i++) {
				sqlite3_reset(q);
				sqlite3_bind_int64(q, 1, ids[i]);
				if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int(q, 0) != 1)
					res.lost++;
			}
		} else {
			res.error = true;
		}
		sqlite3_finalize(q);
		if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
		    sqlite3_step(q) == SQLITE_ROW)
			res.sound = strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
		sqlite3_finalize(q);
	} else {
		res.error = true;
	}
	sqlite3_close(h);
	free(ids);
	return res;
}
