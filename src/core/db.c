/* db.c — the connection: open, pragmas, migrations, the statement cache,
 * bound-parameter helpers, transactions and messages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store.h"
#include "test_hooks.h"
#include "schema.h"

enum { BUSY_TIMEOUT_MS = 5000, BEGIN_RETRIES = 6 };

/* "SRDB": PRAGMA application_id of every showroom database, so that file(1)
 * and this program tell it from any other SQLite file. */
enum { SR_APPLICATION_ID = 0x53524442 };

sr_status sr_fail(sr_db *db, sr_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->msg, sizeof db->msg, fmt, ap);
	va_end(ap);
	if (st == SR_PERM)
		sr_audit_refusal(db);
	return st;
}

sr_status sr_sqlite_fail(sr_db *db, int rc, const char *what)
{
	const char *err = sqlite3_errmsg(db->h);
	int primary = rc & 0xff;
	switch (primary) {
	case SQLITE_CONSTRAINT:
		return sr_fail(db, SR_RULE, _("%s refused by the database: %s"), what, err);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return sr_fail(db, SR_CONFLICT,
		               _("%s: the database stayed busy (other users are saving); try again"),
		               what);
	case SQLITE_FULL:
		return sr_fail(db, SR_IO, _("%s: the disk is full; nothing was saved"), what);
	case SQLITE_READONLY:
		return sr_fail(db, SR_IO, _("%s: the database is read-only: %s"), what, err);
	case SQLITE_IOERR: {
		/* Some paths report a full disk (or quota, or file size limit)
		 * as an I/O error: say what it is. */
		int e = sqlite3_system_errno(db->h);
		if (e == ENOSPC || e == EDQUOT || e == EFBIG)
			return sr_fail(db, SR_IO, _("%s: the disk is full; nothing was saved"), what);
		return sr_fail(db, SR_IO, _("%s: database error: %s (code %d)"), what, err,
		               sqlite3_extended_errcode(db->h));
	}
	default:
		return sr_fail(db, SR_IO, _("%s: database error: %s (code %d)"), what, err,
		               sqlite3_extended_errcode(db->h));
	}
}

const char *sr_db_message(const sr_db *db)
{
	return db ? db->msg : "";
}

void sr_copy(char *out, size_t outlen, const char *in)
{
	if (!outlen)
		return;
	if (!in)
		in = "";
	size_t n = strlen(in);
	if (n >= outlen) {
		/* never cut a UTF-8 sequence in half */
		n = sr_utf8_boundary(in, outlen - 1);
	}
	memcpy(out, in, n);
	out[n] = '\0';
}

void sr_col_text(sqlite3_stmt *st, int i, char *out, size_t outlen)
{
	sr_copy(out, outlen, (const char *)sqlite3_column_text(st, i));
}

sqlite3_stmt *sr_stmt(sr_db *db, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 4) % SR_STMT_CACHE;
	for (size_t probe = 0; probe < SR_STMT_CACHE; probe++) {
		struct sr_stmt_slot *slot = &db->cache[(h + probe) % SR_STMT_CACHE];
		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (!slot->sql) {
			int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
			                            &slot->stmt, NULL);
			if (rc != SQLITE_OK) {
				sr_fail(db, SR_IO, "SQL error: %s in: %.80s", sqlite3_errmsg(db->h), sql);
				slot->stmt = NULL;
				return NULL;
			}
			slot->sql = sql;
			return slot->stmt;
		}
	}
	/* Cache full: should not happen with a fixed set of statements. */
	sr_fail(db, SR_IO, "statement cache full");
	return NULL;
}

void sr_stmt_done(sqlite3_stmt *st)
{
	if (st)
		sqlite3_reset(st);
}

bool sr_bindv(sr_db *db, sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int rc = SQLITE_OK;
	for (int i = 1; fmt && *fmt && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'z': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
			break;
		}
		case 'd':
			rc = sqlite3_bind_double(st, i, va_arg(ap, double));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			rc = c ? sqlite3_bind_text(st, i, &c, 1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i);
			break;
		}
		default:
			sr_fail(db, SR_IO, "internal: bad bind format '%c'", *fmt);
			return false;
		}
	}
	if (rc != SQLITE_OK) {
		sr_sqlite_fail(db, rc, "bind");
		return false;
	}
	return true;
}


/* The statement of sql with its parameters bound; NULL (the message
 * set) when it cannot be prepared or bound. */
static sqlite3_stmt *stmt_bound(sr_db *db, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (st && !sr_bindv(db, st, fmt, ap)) {
		sr_stmt_done(st);
		return NULL;
	}
	return st;
}

/* The first row's step: SR_OK with the row in st, SR_NOTFOUND, or the
 * failure reading. */
static sr_status first_row(sr_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return SR_OK;
	if (rc == SQLITE_DONE)
		return SR_NOTFOUND;
	return sr_sqlite_fail(db, rc, _("reading"));
}

sr_status sr_exec(sr_db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *st = stmt_bound(db, sql, fmt, ap);
	va_end(ap);
	if (!st)
		return SR_IO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sr_stmt_done(st);
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("saving"));
	return SR_OK;
}

int sr_changes(sr_db *db)
{
	return sqlite3_changes(db->h);
}

/* The first row's first column: as a number into num, or as text into
 * text (outlen bytes) when text is given. */
static sr_status query_first(sr_db *db, int64_t *num, char *text, size_t outlen,
                             const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = stmt_bound(db, sql, fmt, ap);
	if (!st)
		return SR_IO;
	sr_status res = first_row(db, st);
	if (res == SR_OK && text)
		sr_col_text(st, 0, text, outlen);
	else if (res == SR_OK)
		*num = sqlite3_column_int64(st, 0);
	sr_stmt_done(st);
	return res;
}

sr_status sr_query_int(sr_db *db, int64_t *out, const char *sql, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sr_status res = query_first(db, out, NULL, 0, sql, fmt, ap);
	va_end(ap);
	return res;
}

sr_status sr_query_text(sr_db *db, char *out, size_t outlen, const char *sql, const char *fmt,
                        ...)
{
	va_list ap;
	va_start(ap, fmt);
	sr_status res = query_first(db, NULL, out, outlen, sql, fmt, ap);
	va_end(ap);
	return res;
}

char *sr_stmt_dup(sqlite3_stmt *st)
{
	char *out = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		out = strdup(text ? text : "{}");
	}
	sr_stmt_done(st);
	return out;
}

char *sr_query_dup(sr_db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return sr_stmt_dup(st);
}

/* Plain SQL without parameters (pragmas, migrations, transaction control). */
static sr_status exec_script(sr_db *db, const char *sql, const char *what)
{
	char *err = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		sr_status st = sr_sqlite_fail(db, rc, what);
		if (err) {
			size_t len = strlen(db->msg);
			snprintf(db->msg + len, sizeof db->msg - len, " (%s)", err);
		}
		sqlite3_free(err);
		return st;
	}
	return SR_OK;
}

sr_status sr_tx_begin(sr_db *db)
{
	if (db->tx_depth > 0) {
		sr_status st = exec_script(db, "SAVEPOINT sr_nested", _("saving"));
		if (st == SR_OK)
			db->tx_depth++;
		return st;
	}
	/* BEGIN IMMEDIATE takes the write lock now, so a busy database waits in
	 * the busy handler instead of failing at the first write. Retry a few
	 * times on top of the busy timeout before telling the user. */
	sr_status st = SR_OK;
	for (int attempt = 0; attempt < BEGIN_RETRIES; attempt++) {
		int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			db->tx_depth = 1;
			return SR_OK;
		}
		st = sr_sqlite_fail(db, rc, _("saving"));
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return st;
		usleep(20000u * (unsigned)(attempt + 1));
	}
	return st;
}

sr_status sr_tx_end(sr_db *db, sr_status st)
{
	if (db->tx_depth <= 0)
		return st;
	if (db->tx_depth > 1) {
		db->tx_depth--;
		if (st == SR_OK)
			return exec_script(db, "RELEASE sr_nested", _("saving"));
		sqlite3_exec(db->h, "ROLLBACK TO sr_nested; RELEASE sr_nested", NULL, NULL, NULL);
		return st;
	}
	db->tx_depth = 0;
	if (st == SR_OK) {
		st = exec_script(db, "COMMIT", _("saving"));
		if (st != SR_OK)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	} else {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	if (db->refusal_pending)
		sr_audit_refusal_flush(db);
	return st;
}

int sr_db_schema_latest(void)
{
	return sr_migration_count;
}

int sr_db_schema_version(sr_db *db)
{
	int64_t v = 0;
	if (sr_query_int(db, &v, "PRAGMA user_version", NULL) != SR_OK)
		return -1;
	return (int)v;
}

static sr_status migrate(sr_db *db)
{
	int have = sr_db_schema_version(db);
	if (have < 0)
		return SR_IO;
	if (have > sr_migration_count)
		return sr_fail(db, SR_IO,
		               _("the database is at schema version %d but this showroom knows only "
		                 "%d: install the newer showroom program"),
		               have, sr_migration_count);
	for (int i = have; i < sr_migration_count; i++) {
		const struct sr_migration *m = &sr_migrations[i];
		sr_status st = sr_tx_begin(db);
		if (st != SR_OK)
			return st;
		st = exec_script(db, m->sql, m->name);
		if (st == SR_OK) {
			char pragma[64];
			snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
			st = exec_script(db, pragma, m->name);
		}
		st = sr_tx_end(db, st);
		if (st != SR_OK)
			return st;
	}
	/* Marked once; a database made before the mark is known by its
	 * tables until then (a full disk only postpones it). */
	int64_t app = 0;
	if (sr_query_int(db, &app, "PRAGMA application_id", NULL) == SR_OK &&
	    app != SR_APPLICATION_ID) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", SR_APPLICATION_ID);
		sqlite3_exec(db->h, pragma, NULL, NULL, NULL);
	}
	return SR_OK;
}

static const char SHAPE_SQL[] = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                " AND name IN ('users', 'cards', 'followups', 'audit')";

/* An empty file, another program's SQLite file or no SQLite file at all is
 * never taken for the books (nor turned into new, empty ones): a wiped
 * database must raise the alarm, not open as a store with no customers.
 * Databases made before the application id was set are known by their
 * schema version and tables. */
static sr_status is_showroom_database(sr_db *db, const char *path)
{
	int64_t app = 0, version = 0, tables = 0;
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA application_id", -1, &q, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
		app = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return sr_fail(db, SR_IO,
		               _("%s is not a showroom database (not an SQLite file): restore a "
		                 "backup, or name the right file"),
		               path);
	if (rc != SQLITE_ROW)
		return sr_sqlite_fail(db, rc, _("opening the database"));
	if (app == SR_APPLICATION_ID)
		return SR_OK;
	if (app == 0 && sr_query_int(db, &version, "PRAGMA user_version", NULL) == SR_OK &&
	    version >= 1 && sr_query_int(db, &tables, SHAPE_SQL, NULL) == SR_OK && tables == 4)
		return SR_OK;
	struct stat sb;
	bool empty = stat(path, &sb) == 0 && sb.st_size == 0;
	return sr_fail(db, SR_IO,
	               empty ? _("%s is not a showroom database (the file is empty): restore a "
	                         "backup; showroom init makes a new database only where there is "
	                         "no file")
	                     : _("%s is not a showroom database (another program's SQLite file): "
	                         "name the right file"),
	               path);
}

/* must_exist: the file was there before, so it must be the books already
 * (checked before WAL mode is asked for, which would write to it). */
static sr_status configure(sr_db *db, const char *path, bool readonly, bool must_exist)
{
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 1);
	sr_status st = must_exist ? is_showroom_database(db, path) : SR_OK;
	if (st == SR_OK)
		st = exec_script(db,
		                 "PRAGMA foreign_keys = ON;"
		                 "PRAGMA synchronous = FULL;"
		                 "PRAGMA trusted_schema = OFF;",
		                 _("opening the database"));
	if (st == SR_OK && !readonly)
		st = exec_script(db, "PRAGMA journal_mode = WAL;", _("opening the database"));
	return st;
}

sr_status sr_db_open(const char *path, int flags, sr_db **out, char *err, size_t errlen)
{
	*out = NULL;
	sr_db *db = calloc(1, sizeof *db);
	if (!db) {
		if (err)
			snprintf(err, errlen, "out of memory");
		return SR_IO;
	}
	int oflags = SQLITE_OPEN_NOMUTEX;
	if (flags & SR_OPEN_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE;
	if (flags & SR_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	/* Only a new file becomes a new database: whatever is already at the
	 * path must be a showroom database (is_showroom_database). */
	struct stat sb;
	bool existed = stat(path, &sb) == 0;
	int rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	sr_status st = SR_OK;
	if (rc != SQLITE_OK) {
		if (err)
			snprintf(err, errlen, _("cannot open database %s: %s%s"), path,
			         db->h ? sqlite3_errmsg(db->h) : "out of memory",
			         (flags & SR_OPEN_CREATE) ? "" : _(" (run `showroom init` to create it)"));
		sqlite3_close(db->h);
		free(db);
		return rc == SQLITE_CANTOPEN ? SR_NOTFOUND : SR_IO;
	}
	st = configure(db, path, flags & SR_OPEN_READONLY, existed || !(flags & SR_OPEN_CREATE));
	if (st == SR_OK) {
		int v = sr_db_schema_version(db);
		if (v > sr_migration_count)
			st = sr_fail(db, SR_IO,
			             _("the database is at schema version %d but this showroom knows "
			               "only %d: install the newer showroom program"),
			             v, sr_migration_count);
		else if (flags & SR_OPEN_MIGRATE)
			st = migrate(db);
		else if (v < sr_migration_count)
			st = sr_fail(db, SR_IO,
			             v == 0 ? _("%s is not a showroom database yet: run `showroom init`")
			                    : _("%s needs an upgrade: run `showroom init`"),
			             path);
	}
	if (st != SR_OK) {
		if (err)
			snprintf(err, errlen, "%s", db->msg);
		sr_db_close(db);
		return st;
	}
	*out = db;
	return SR_OK;
}

void sr_db_close(sr_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < SR_STMT_CACHE; i++)
		if (db->cache[i].stmt)
			sqlite3_finalize(db->cache[i].stmt);
	sqlite3_close(db->h);
	free(db);
}

void sr_db_set_now(sr_db *db, sr_time fixed)
{
	db->fixed_now = fixed;
}

sr_time sr_db_now(const sr_db *db)
{
	return db->fixed_now ? db->fixed_now : sr_time_system_now();
}

sr_date sr_db_today(const sr_db *db)
{
	return sr_time_date(sr_db_now(db));
}

void sr_now_text(const sr_db *db, char out[SR_TIME_LEN])
{
	sr_time_format(sr_db_now(db), out);
}

void sr_today_text(const sr_db *db, char out[SR_DATE_LEN])
{
	sr_date_format(sr_db_today(db), out);
}

sr_status sr_time_past(sr_db *db, const char *field, const char *in, bool say_now,
                       char out[SR_TIME_LEN])
{
	sr_time t;
	if (!sr_time_parse(in, &t))
		return sr_fail(db, SR_BADINPUT, _("%s '%s': expected YYYY-MM-DD[ HH:MM[:SS]]"), field,
		               in);
	if (t > sr_db_now(db) && say_now) {
		char now[SR_TIME_LEN];
		sr_now_text(db, now);
		return sr_fail(db, SR_RULE, _("%s %s is in the future (now is %s)"), field, in, now);
	}
	if (t > sr_db_now(db))
		return sr_fail(db, SR_RULE, _("%s %s is in the future"), field, in);
	sr_time_format(t, out);
	return SR_OK;
}

int64_t sr_db_actor(const sr_db *db)
{
	return db->actor_id;
}

int64_t sr_db_data_version(sr_db *db)
{
	int64_t v = 0;
	sr_query_int(db, &v, "PRAGMA data_version", NULL);
	return v;
}

struct sqlite3 *sr_db_handle(sr_db *db)
{
	return db->h;
}
