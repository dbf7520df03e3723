/* login.c — passwords (libsodium Argon2id), login with a rate limit, and
 * the file-permission guard for a shared install. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store.h"
#include "showroom/login.h"

static bool sodium_ready(void)
{
	static int state; /* 0 not tried, 1 ok, -1 failed */
	if (!state)
		state = sodium_init() >= 0 ? 1 : -1;
	return state > 0;
}

static sr_status password_check(sr_db *db, const char *login, const char *pw)
{
	if (strlen(pw) > SR_PASSWORD_MAX)
		return sr_fail(db, SR_BADINPUT, _("password of %s: at most %d bytes"), login,
		               SR_PASSWORD_MAX);
	if (!sr_text_valid(pw, false))
		return sr_fail(db, SR_BADINPUT,
		               _("password of %s: use UTF-8 text without control characters"),
		               login);
	if (sr_text_chars(pw) < SR_PASSWORD_MIN)
		return sr_fail(db, SR_BADINPUT, _("password of %s: at least %d characters"), login,
		               SR_PASSWORD_MIN);
	return SR_OK;
}

static sr_status store_hash(sr_db *db, int64_t user_id, const char *hash, const char *what)
{
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	st = sr_exec(db, "UPDATE users SET password_hash = ?2, version = version + 1"
	                 " WHERE id = ?1", "Is", user_id, hash);
	/* The audit row says that it changed, never what to. */
	if (st == SR_OK)
		st = sr_audit_write(db, what, "user", user_id, 0, NULL, NULL);
	return sr_tx_end(db, st);
}

sr_status sr_user_set_password(sr_db *db, const char *login, const char *password)
{
	if (!db->actor_id)
		return sr_fail(db, SR_PERM, _("permission denied: nobody is logged in"));
	sr_user u;
	sr_status st = sr_user_by_login(db, login ? login : "", &u);
	if (st != SR_OK)
		return st;
	bool self = u.id == db->actor_id;
	if (!self && !sr_perm_allows(db->actor_role, SR_ACT_USER_ADMIN))
		return sr_perm_require(db, SR_ACT_USER_ADMIN);
	if (!password || !*password) {
		if (!sr_perm_allows(db->actor_role, SR_ACT_USER_ADMIN))
			return sr_perm_require(db, SR_ACT_USER_ADMIN);
		return store_hash(db, u.id, NULL, "password-clear");
	}
	st = password_check(db, login, password);
	if (st != SR_OK)
		return st;
	if (!sodium_ready())
		return sr_fail(db, SR_IO, _("cannot start the password library (libsodium)"));
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return sr_fail(db, SR_IO, _("hashing the password failed: out of memory"));
	st = store_hash(db, u.id, hash, "password");
	sodium_memzero(hash, sizeof hash);
	return st;
}

/* Attempts for this login in the window that may have failed: those that
 * failed, and those still running or killed midway (no outcome), since the
 * start of its last good login. */
static const char FAILURES_SQL[] =
	"SELECT count(*), coalesce(min(at), '') FROM login_attempts"
	" WHERE login = ?2 AND at > ?1 AND (outcome IS NULL OR outcome = 'failed')"
	"   AND id > coalesce((SELECT max(id) FROM login_attempts"
	"                      WHERE login = ?2 AND outcome = 'ok'), 0)";

static sr_status recent_failures(sr_db *db, const char *login, int *count, sr_time *oldest)
{
	char since[SR_TIME_LEN];
	sr_time_format(sr_db_now(db) - SR_LOGIN_WINDOW_MIN * 60, since);
	sqlite3_stmt *q = sr_stmt(db, FAILURES_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, since, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, login, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	sr_status st = SR_OK;
	if (rc == SQLITE_ROW) {
		*count = sqlite3_column_int(q, 0);
		const char *at = (const char *)sqlite3_column_text(q, 1);
		if (!at || !sr_time_parse(at, oldest))
			*oldest = 0;
	} else {
		st = sr_sqlite_fail(db, rc, _("reading"));
	}
	sr_stmt_done(q);
	return st;
}

/* The audit row of an attempt. The login typed is kept, the password
 * never. */
static sr_status audit_attempt(sr_db *db, const char *action, int64_t user_id,
                               int64_t entity_id, const char *login)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	return sr_exec(db,
	               "INSERT INTO audit(at, user_id, action, entity, entity_id, after)"
	               " VALUES (?1, ?2, ?3, 'user', ?4, json_object('login', ?5))",
	               "szszs", now, user_id, action, entity_id, login);
}

static sr_status locked(sr_db *db, const char *login, int fails, sr_time oldest)
{
	char until[SR_TIME_LEN];
	sr_time_format(oldest + SR_LOGIN_WINDOW_MIN * 60 + 1, until);
	db->refusal_quiet = true; /* audited as login-locked */
	sr_status st = sr_fail(db, SR_PERM,
	                       _("too many failed logins for %s (%d within %d minutes): try "
	                         "again after %s, or ask an administrator"),
	                       login, fails, SR_LOGIN_WINDOW_MIN, until);
	db->refusal_quiet = false;
	return st;
}

/* Count the attempts and, under the limit, record this one as started, in
 * one write transaction (BEGIN IMMEDIATE): attempts made at once queue on
 * the write lock, and each counts those before it, finished or not. Over
 * the limit only a login-locked audit row is written: waiting out the
 * window must end it. *attempt is 0 when refused. */
static sr_status attempt_start(sr_db *db, const char *login, int64_t *attempt)
{
	int fails = 0;
	sr_time oldest = 0;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	*attempt = 0;
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	st = recent_failures(db, login, &fails, &oldest);
	bool over = st == SR_OK && fails >= SR_LOGIN_MAX_FAILURES;
	if (over)
		st = audit_attempt(db, "login-locked", db->actor_id, 0, login);
	else if (st == SR_OK)
		st = sr_exec(db, "INSERT INTO login_attempts(login, at) VALUES (?1, ?2)", "ss", login,
		             now);
	if (st == SR_OK && !over)
		*attempt = sqlite3_last_insert_rowid(db->h);
	st = sr_tx_end(db, st);
	return st == SR_OK && over ? locked(db, login, fails, oldest) : st;
}

/* The outcome of a started attempt and its audit row, together. */
static sr_status attempt_finish(sr_db *db, int64_t attempt, bool ok, int64_t user_id,
                                int64_t entity_id, const char *login)
{
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	st = sr_exec(db, "UPDATE login_attempts SET outcome = ?2 WHERE id = ?1", "Is", attempt,
	             ok ? "ok" : "failed");
	if (st == SR_OK)
		st = audit_attempt(db, ok ? "login" : "login-failed", user_id, entity_id, login);
	return sr_tx_end(db, st);
}

/* Verify against a throw-away hash when the login has none, so an unknown
 * login takes as long to refuse as a wrong password. */
static bool verify(const char *hash, const char *password)
{
	static char dummy[crypto_pwhash_STRBYTES];
	if (*hash)
		return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	if (!*dummy && crypto_pwhash_str(dummy, "x", 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                 crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return false;
	/* Only the time it costs matters: no hash means no login. */
	if (crypto_pwhash_str_verify(dummy, password, strlen(password)) == 0)
		return false;
	return false;
}

static sr_status refused(sr_db *db, int64_t attempt, bool found, const sr_user *u,
                         const char *login)
{
	/* Best effort: unrecorded, the attempt still counts as failed. */
	char saved[SR_MSG_MAX];
	memcpy(saved, db->msg, sizeof saved);
	attempt_finish(db, attempt, false, db->actor_id, found ? u->id : 0, login);
	memcpy(db->msg, saved, sizeof saved);
	db->refusal_quiet = true; /* audited above, as a failed login */
	sr_status st = sr_fail(db, SR_PERM,
	                       _("login refused: wrong login or password (or no password set: "
	                         "an administrator can set one with `showroom user passwd %s`)"),
	                       login);
	db->refusal_quiet = false;
	return st;
}

sr_status sr_user_login(sr_db *db, const char *login, const char *password)
{
	if (!login || !password)
		return sr_fail(db, SR_USAGE, _("give a login and a password"));
	if (!sodium_ready())
		return sr_fail(db, SR_IO, _("cannot start the password library (libsodium)"));
	int64_t attempt;
	sr_status st = attempt_start(db, login, &attempt);
	if (st != SR_OK)
		return st;
	sr_user u;
	char hash[crypto_pwhash_STRBYTES] = "";
	bool found = sr_user_by_login(db, login, &u) == SR_OK;
	if (found)
		sr_query_text(db, hash, sizeof hash,
		              "SELECT coalesce(password_hash, '') FROM users WHERE id = ?1", "I", u.id);
	if (!(verify(hash, password) && found && u.active))
		return refused(db, attempt, found, &u, login);
	/* A login that cannot be recorded is not granted. */
	if ((st = attempt_finish(db, attempt, true, u.id, u.id, login)) != SR_OK)
		return st;
	db->actor_id = u.id;
	db->actor_role = u.role;
	db->actor_team = u.team;
	sr_copy(db->actor_login, sizeof db->actor_login, u.login);
	return SR_OK;
}

sr_status sr_db_path_check(const char *path, char *err, size_t errlen)
{
	struct stat sb;
	char dir[4096];
	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return SR_OK;
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (stat(path, &sb) == 0 && (sb.st_mode & S_IWOTH)) {
		snprintf(err, errlen,
		         _("refusing to open %s: the file is writable by everyone (mode %04o); "
		           "fix it with: chmod o-w %s"),
		         path, (unsigned)(sb.st_mode & 07777), path);
		return SR_PERM;
	}
	/* A sticky world-writable directory such as /tmp still lets others
	 * create the -wal and -shm files first: refuse it too. */
	if (stat(dir, &sb) == 0 && (sb.st_mode & S_IWOTH)) {
		snprintf(err, errlen,
		         _("refusing to open %s: its directory %s is writable by everyone (mode "
		           "%04o); fix it with: chmod o-w %s"),
		         path, dir, (unsigned)(sb.st_mode & 07777), dir);
		return SR_PERM;
	}
	return SR_OK;
}
