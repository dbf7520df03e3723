/* store.h — the core's plumbing: the connection structure, SQL helpers
 * with bound parameters, transactions, refusals and audit rows, the clock
 * as text, checks of typed text, the user's own rights and optimistic
 * versions. Private to src/core; front ends use include/showroom/ only. */
#ifndef SHOWROOM_STORE_H
#define SHOWROOM_STORE_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <libintl.h>
#include "showroom.h"

/* Messages go through gettext (domain "showroom") so the UI can show them
 * in Chinese, checked by sr_i18n_text (a translation is used only with the
 * original's printf conversions); N_ marks table strings translated where
 * they are shown. */
#define _(s) sr_i18n_text(s)
#define N_(s) (s)

#define SR_STMT_CACHE 256
#define SR_MSG_MAX 512

struct sr_stmt_slot {
	const char *sql;        /* the static SQL text: its address is the key */
	sqlite3_stmt *stmt;
};

struct sr_db {
	sqlite3 *h;
	struct sr_stmt_slot cache[SR_STMT_CACHE];
	int tx_depth;           /* nesting: 0 = none, 1 = BEGIN IMMEDIATE, >1 savepoints */
	sr_time fixed_now;      /* 0 = system clock */
	int64_t actor_id;
	sr_role actor_role;
	sr_team actor_team;
	char actor_login[SR_LOGIN_MAX];
	char msg[SR_MSG_MAX];
	/* A permission refusal is audited even when the change it refused is
	 * rolled back: written at once outside a transaction, else kept here
	 * and written after the outermost transaction ends (audit.c). */
	bool refusal_pending;
	bool refusal_quiet;     /* writing one now, or a login that audits itself */
	char refusal_msg[SR_MSG_MAX];
	/* The last search by phone audited on this connection, and by whom
	 * (card_search.c): a screen runs its search again on every reload, and
	 * auditing it again would be a commit that reloads everyone's. */
	int64_t phone_search_actor;
	char phone_search_last[48];
};

/* Set the connection's message and return st. printf-style. */
sr_status sr_fail(sr_db *db, sr_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Map a SQLite result to a status with a message that names the SQL
 * error: constraint → SR_RULE, busy/locked → SR_CONFLICT, full/IO → SR_IO. */
sr_status sr_sqlite_fail(sr_db *db, int rc, const char *what);

/* A cached prepared statement for a static SQL string, reset and with its
 * bindings cleared. NULL on error (message set). Callers must sr_stmt_done
 * it (reset) when finished, so no reader holds a snapshot. */
sqlite3_stmt *sr_stmt(sr_db *db, const char *sql);
void sr_stmt_done(sqlite3_stmt *st);

/* Bind by a format string: i int, I int64, s text (NULL binds NULL),
 * z int64 where 0 binds NULL (optional ids), d double, c a single char as
 * text (0 binds NULL). Parameters are numbered from 1 in order. */
bool sr_bindv(sr_db *db, sqlite3_stmt *st, const char *fmt, va_list ap);

/* Run a statement that returns no rows. Returns SR_OK or a failure. */
sr_status sr_exec(sr_db *db, const char *sql, const char *fmt, ...);
/* sqlite3_changes after the last sr_exec. */
int sr_changes(sr_db *db);
/* First column of the first row as int64; SR_NOTFOUND when no row. */
sr_status sr_query_int(sr_db *db, int64_t *out, const char *sql, const char *fmt, ...);
/* First column of the first row as text (copied, truncated to outlen);
 * SR_NOTFOUND when no row; NULL column gives "". */
sr_status sr_query_text(sr_db *db, char *out, size_t outlen, const char *sql,
                        const char *fmt, ...);
/* The text of the first column of the row whose ?1 is id, malloc'd ("{}"
 * when NULL: the JSON snapshots of the audit trail); NULL when there is
 * no such row or on error. */
char *sr_query_dup(sr_db *db, const char *sql, int64_t id);
/* The same of a statement bound already (and done with after). */
char *sr_stmt_dup(sqlite3_stmt *st);

/* Copy column i (text) into out, "" for NULL. */
void sr_col_text(sqlite3_stmt *st, int i, char *out, size_t outlen);
void sr_copy(char *out, size_t outlen, const char *in);

/* Transactions. sr_tx_begin starts BEGIN IMMEDIATE (retrying while busy)
 * or, when one is already open, a SAVEPOINT. sr_tx_end commits when st is
 * SR_OK and rolls back otherwise, and returns st (or the commit failure). */
sr_status sr_tx_begin(sr_db *db);
sr_status sr_tx_end(sr_db *db, sr_status st);

/* Record a permission refusal (the message just set) as an audit row
 * "refused" that survives the rollback of the refused change. sr_fail calls
 * it for every SR_PERM; sr_tx_end writes a deferred one. */
void sr_audit_refusal(sr_db *db);
void sr_audit_refusal_flush(sr_db *db);

/* Audit: one row per change. before/after are JSON text or NULL. */
sr_status sr_audit_write(sr_db *db, const char *action, const char *entity, int64_t entity_id,
                         int64_t card_id, const char *before, const char *after);
/* A JSON snapshot of a card (the audited fields), into a malloc'd string
 * the caller frees; NULL on error. */
char *sr_card_snapshot(sr_db *db, int64_t card_id);
/* Audit a card change: snapshot `before` (taken by the caller) and now. */
sr_status sr_audit_card(sr_db *db, const char *action, int64_t card_id, char *before_owned);

/* Now as text. */
void sr_now_text(const sr_db *db, char out[SR_TIME_LEN]);
void sr_today_text(const sr_db *db, char out[SR_DATE_LEN]);
/* A time the user gave for what happened (filed, called, came in):
 * parsed, normalised into out, and not in the future; field names it in
 * the refusal, which says what time it is now when say_now. */
sr_status sr_time_past(sr_db *db, const char *field, const char *in, bool say_now,
                       char out[SR_TIME_LEN]);

/* Resolve a login to an active user id; SR_NOTFOUND with message. */
sr_status sr_user_id(sr_db *db, const char *login, int64_t *id, sr_role *role);
/* The same of someone who receives a customer, and so may own the card
 * (a consultant or a DCC caller); else SR_RULE, saying what they were to
 * receive. */
typedef enum { SR_RECEIVE_TRAFFIC, SR_RECEIVE_APPOINTMENT } sr_receive;
sr_status sr_user_receiver(sr_db *db, const char *login, int64_t *id, sr_receive what);

/* Typed text: required or not, valid UTF-8 without control characters
 * (tab and newline allowed when multiline), at most max_chars characters.
 * SR_BADINPUT naming the field otherwise. */
sr_status sr_check_text(sr_db *db, const char *field, const char *value, int max_chars,
                        bool required, bool multiline);
/* The characters alone: UTF-8, no control characters (tab and newline
 * allowed when multiline), no bidi controls or line separators. */
sr_status sr_check_text_chars(sr_db *db, const char *field, const char *value, bool multiline);
int sr_text_chars(const char *s);

/* Index of text in a table of names, or -1: the parse half of every
 * enumeration's name table. */
int sr_name_index(const char *text, const char *const *names, int n);

/* The machine names marked for translation (names.c). */
extern const char *const sr_translated_names[];

/* Status text <-> enum for SQL columns. */
sr_card_status sr_card_status_from_db(const char *text);

/* The user's own rights (userfile.c). Running setgid, the effective group
 * reaches the books; while a file the user names is touched it is set back
 * to the real group. sr_rights_user saves and drops, sr_rights_back
 * restores; both are no-ops when the program is not setgid. */
typedef struct {
	gid_t egid;
	bool dropped;
} sr_rights;
sr_status sr_rights_user(sr_db *db, sr_rights *saved);
sr_status sr_rights_back(sr_db *db, sr_rights *saved);

/* workbook_close with the user's own rights: libxlsxwriter opens the file
 * by its name there (report_xlsx.c). Returns the lxw_error. */
struct lxw_workbook;
int sr_xlsx_close(sr_db *db, struct lxw_workbook *wb);
/* A text cell of either kind of workbook, as every output shows stored
 * text (sr_text_escape); an lxw_error. */
struct lxw_worksheet;
int sr_xlsx_text(struct lxw_worksheet *ws, uint32_t y, uint16_t x, const char *text);

/* Optimistic versioning (version.c): the record an edit names, for the
 * conflict message and for finding its last change in the audit trail
 * (rows of entity/entity_id, and when json_path is given, whose after
 * JSON has json_value there: a setting by its key, a cost by its month). */
typedef struct {
	const char *what;        /* "traffic row 12", translated */
	const char *entity;      /* the audit entity: "traffic" */
	int64_t entity_id;
	const char *json_path;   /* NULL, or "$.key" */
	const char *json_value;
} sr_versioned;

/* Inside the write transaction, found being the record's version now:
 * SR_OK when expected is 0 (do not check) or found; otherwise SR_CONFLICT
 * naming the record, both versions, and who changed it last and when. */
sr_status sr_version_expect(sr_db *db, const sr_versioned *rec, int64_t expected, int64_t found);

#endif
