/* login.h — passwords for shared terminals, and the database's guards.
 *
 * Staff at their own Unix account are known by the account (user.h); at a
 * shared terminal they log in with a password. Passwords are stored only as
 * libsodium crypto_pwhash_str hashes (Argon2id, interactive limits), never
 * in clear, never in the audit trail. Failed logins are audited and
 * rate-limited: after SR_LOGIN_MAX_FAILURES failures within
 * SR_LOGIN_WINDOW_MIN minutes the account waits until the oldest of them
 * is that old. An attempt counts from its start (a login_attempts row
 * written with the count's read, before the password check), so attempts
 * made at once are limited too, and one killed midway counts as failed.
 * Every login and failed login writes an audit row. */
#ifndef SHOWROOM_LOGIN_H
#define SHOWROOM_LOGIN_H

#include <stdbool.h>
#include "showroom/db.h"

enum {
	SR_LOGIN_MAX_FAILURES = 5,
	SR_LOGIN_WINDOW_MIN = 15,
	SR_PASSWORD_MIN = 8,    /* characters */
	SR_PASSWORD_MAX = 128,  /* bytes */
};

/* Set LOGIN's password: the administrator for anyone, everyone for
 * themselves. The password must be SR_PASSWORD_MIN..SR_PASSWORD_MAX long,
 * valid UTF-8 without control characters. NULL or "" clears it (admin
 * only): the user can then log in only through their Unix account. */
sr_status sr_user_set_password(sr_db *db, const char *login, const char *password);

/* Log in: on success the connection acts as LOGIN. A wrong login, a wrong
 * password, no password set, or a deactivated user all give the same
 * SR_PERM message (no hint which); too many recent failures give SR_PERM
 * saying when to try again, without checking the password. Each attempt is
 * audited; an attempt that cannot be recorded (a busy or full database) is
 * refused with that error before any check. */
sr_status sr_user_login(sr_db *db, const char *login, const char *password);

/* The checks made before opening a database file for a shared install:
 * SR_PERM with a message when the file or its directory is writable by
 * others (o+w), since anyone could then replace or corrupt the books.
 * A missing file is fine (init creates it). */
sr_status sr_db_path_check(const char *path, char *err, size_t errlen);

#endif
