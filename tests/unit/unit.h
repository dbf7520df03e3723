/* unit.h — a tiny test runner for the core, and the fixture every module's
 * tests share.
 *
 *   TEST(filing_duplicate_phone_refused) { ... }
 *
 * registers a test (a constructor adds it to the runner's table). A failed
 * CHECK records file:line and a message and ends the current test; the
 * runner closes the fixture and goes on with the next one. The run ends with
 * exactly "N passed, N failed". */
#ifndef SHOWROOM_UNIT_H
#define SHOWROOM_UNIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sqlite3.h>
#include "showroom.h"
#include "test_hooks.h" /* sr_db_handle */

typedef void (*unit_fn)(void);
void unit_register(const char *name, const char *file, unit_fn fn);

#define TEST(name)                                                        \
	static void test_##name(void);                                    \
	static void unit_reg_##name(void) __attribute__((constructor));   \
	static void unit_reg_##name(void)                                 \
	{                                                                 \
		unit_register(#name, __FILE__, test_##name);              \
	}                                                                 \
	static void test_##name(void)

/* Record a failure and end the current test (longjmp to the runner). */
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

const char *unit_status_name(sr_status st);
/* Case-insensitive substring test (NULL never contains anything). */
bool unit_contains(const char *hay, const char *needle);

/* The database of the current fixture (NULL before fx_open): CHECK_STATUS
 * shows its message on failure. */
extern sr_db *unit_db;

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond))                                              \
			unit_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);  \
	} while (0)

#define CHECK_EQ_INT(got, want)                                           \
	do {                                                              \
		long long g_ = (long long)(got), w_ = (long long)(want);  \
		if (g_ != w_)                                             \
			unit_fail(__FILE__, __LINE__, "%s: got %lld, expected %lld", \
			          #got, g_, w_);                          \
	} while (0)

#define CHECK_EQ_STR(got, want)                                           \
	do {                                                              \
		const char *g_ = (got), *w_ = (want);                     \
		if (!g_ || !w_ || strcmp(g_, w_) != 0)                    \
			unit_fail(__FILE__, __LINE__, "%s: got \"%s\", expected \"%s\"", \
			          #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
	} while (0)

#define CHECK_STATUS(expr, want)                                          \
	do {                                                              \
		sr_status s_ = (expr);                                    \
		if (s_ != (want))                                         \
			unit_fail(__FILE__, __LINE__, "%s: got %s, expected %s; message: %s", \
			          #expr, unit_status_name(s_), unit_status_name(want), \
			          unit_db ? sr_db_message(unit_db) : "");  \
	} while (0)

#define CHECK_OK(expr) CHECK_STATUS(expr, SR_OK)

/* The last refusal's message names the rule: it holds this word. */
#define CHECK_MSG(word)                                                   \
	do {                                                              \
		const char *m_ = sr_db_message(unit_db);                  \
		if (!unit_contains(m_, (word)))                           \
			unit_fail(__FILE__, __LINE__, "message \"%s\" does not mention \"%s\"", \
			          m_, (word));                            \
	} while (0)

/* A refusal: the status, a message naming the rule, and nothing changed in
 * any table of the database. */
#define CHECK_REFUSED(expr, want, word)                                   \
	do {                                                              \
		uint64_t h_ = fx_hash();                                  \
		CHECK_STATUS(expr, want);                                 \
		CHECK_MSG(word);                                          \
		if (fx_hash() != h_)                                      \
			unit_fail(__FILE__, __LINE__, "%s was refused but changed the database", \
			          #expr);                                 \
	} while (0)

/* The same where the rule allows two codes (e.g. a missing required value
 * may be SR_BADINPUT or SR_RULE). */
#define CHECK_REFUSED_EITHER(expr, want1, want2, word)                    \
	do {                                                              \
		uint64_t h_ = fx_hash();                                  \
		sr_status s_ = (expr);                                    \
		if (s_ != (want1) && s_ != (want2))                       \
			unit_fail(__FILE__, __LINE__, "%s: got %s, expected %s or %s; message: %s", \
			          #expr, unit_status_name(s_), unit_status_name(want1), \
			          unit_status_name(want2), sr_db_message(unit_db)); \
		CHECK_MSG(word);                                          \
		if (fx_hash() != h_)                                      \
			unit_fail(__FILE__, __LINE__, "%s was refused but changed the database", \
			          #expr);                                 \
	} while (0)

/* ---- the fixture (fixture.c) ------------------------------------------ */

/* A fresh database in $TMPDIR (or /tmp), migrated, the clock at
 * 2026-03-02 10:00 (a Monday), acting as admin, with the standard staff:
 * mgr (manager), dir (director), c1 c2 (consultants), rec (receptionist),
 * d1 (dcc-outbound), d2 (dcc-inbound), svc (service). Removed, with its
 * -wal/-shm files, when the test ends. */
sr_db *fx_open(void);
const char *fx_path(void);
/* A file in a folder of its own beside the database's (exports, backups:
 * never written into the database's folder). Static buffer. */
const char *fx_out(const char *name);
/* Called by the runner after each test. */
void fx_cleanup(void);

void fx_as(const char *login);
/* Current actor's login into out (SR_LOGIN_MAX). */
void fx_actor(char *out);
void fx_now(const char *when);
/* "YYYY-MM-DD" of today + days. */
void fx_date(int days, char out[SR_DATE_LEN]);

/* Raw SQL through the connection's handle (ints only in fmt). */
int64_t fx_q(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fx_qs(char *out, size_t outlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Run raw SQL; returns the SQLite result code, message into err. */
int fx_sql(const char *sql, char *err, size_t errlen);
/* A hash of every row of every table: equal before and after = unchanged. */
uint64_t fx_hash(void);

/* Read a card as admin (the actor is kept). */
void fx_get(int64_t id, sr_card *out);

/* A simple filing: name 张三, a fresh phone, level N, the given owner and
 * channel, filed days_ago days back at 09:00. */
void fx_filing(sr_card_filing *f, const char *owner, sr_channel ch, int days_ago);
/* File as admin (actor kept); the id. */
int64_t fx_file(const sr_card_filing *f);
int64_t fx_card(const char *owner, sr_channel ch, int days_ago);
/* A fresh 11-digit phone number each call. */
const char *fx_phone(void);

/* Status changes done as admin or as the owner (actor kept). */
void fx_order(int64_t id);
void fx_sold(int64_t id);
void fx_lost(int64_t id);
void fx_dormant(int64_t id);
int64_t fx_followup(int64_t id, sr_method m);
int64_t fx_traffic(sr_traffic_kind kind, const char *consultant);

#endif
