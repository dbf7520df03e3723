/* internal.h — private plumbing shared by the core modules: the connection
 * structure, SQL helpers with bound parameters, transactions, refusals and
 * audit rows. Not installed; front ends use include/showroom/ only. */
#ifndef SHOWROOM_INTERNAL_H
#define SHOWROOM_INTERNAL_H

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

/* Permission on one card for the actor: the action is allowed for the role
 * and the card is in the role's scope. Sets the message. */
sr_status sr_perm_card(sr_db *db, sr_action action, int64_t card_id);
/* Is a card of owner_id within the actor's scope? No message, no audit. */
bool sr_perm_in_scope(sr_db *db, int64_t owner_id);
/* Scope only (view); true when the actor may see this card's full phone. */
bool sr_perm_sees_phone(sr_db *db, int64_t owner_id);

/* The card's row for rules: status, level, owner and the facts guards need. */
typedef struct {
	int64_t id, owner_id, merged_into, version;
	sr_card_status status;
	char level;
	sr_channel channel;
	sr_customer_type type;
	char filed_at[SR_TIME_LEN];
	char followup_level[SR_CODE_MAX];
	bool intro, negotiation, test_drive;
	unsigned answered;      /* bit per key question answered (1 << sr_answer) */
	int visits;             /* reception follow-ups + 1 when filed walk-in */
	bool loss_pending;
	bool has_order;         /* an open or delivered order */
} sr_card_facts;

sr_status sr_card_facts_get(sr_db *db, int64_t card_id, sr_card_facts *out);

/* The intent level a card may take (SPEC §4), the one check behind filing,
 * editing and follow-ups: O only by an order, and it stays O while the
 * order is open; H only with all seven key questions answered. The way
 * the level is being set picks the words of the refusal. */
typedef enum { SR_LEVEL_AT_FILING, SR_LEVEL_BY_EDIT, SR_LEVEL_BY_FOLLOWUP } sr_level_way;
#define SR_ANSWERS_ALL ((1u << SR_ANS_COUNT) - 1)
typedef struct {
	sr_level_way way;
	int64_t card_id;        /* 0 while filing */
	char current;           /* the card's level now; 0 while filing */
	char wanted;
	unsigned answered;      /* the answers the card will have (sr_answers_mask) */
} sr_level_change;
sr_status sr_level_check(sr_db *db, const sr_level_change *ch);
/* Bit per answer given (not NULL, not empty). */
unsigned sr_answers_mask(const char *const answers[SR_ANS_COUNT]);

/* Check a next follow-up date against the follow-up level's bounds from
 * today; writes the normalised date. NULL/"" next gives the earliest
 * allowed date. */
sr_status sr_next_date_check(sr_db *db, const char *followup_level, const char *next,
                             char out[SR_DATE_LEN]);

/* Resolve a login to an active user id; SR_NOTFOUND with message. */
sr_status sr_user_id(sr_db *db, const char *login, int64_t *id, sr_role *role);

/* A traffic row files or follows up one card (traffic.c). Before the
 * transaction, sr_traffic_unclaimed reads the row (into out) and refuses
 * one already linked to a card; inside it, sr_traffic_claim ties the row to
 * the card with its result (filed or follow-up), SR_CONFLICT when another
 * user linked it meanwhile. Filing, follow-ups and arrivals go through
 * both. */
sr_status sr_traffic_unclaimed(sr_db *db, int64_t id, sr_traffic *out);
sr_status sr_traffic_claim(sr_db *db, int64_t id, int64_t card_id, sr_traffic_result result);

/* Who gets a lead (dcc.c), the one choice behind filing without an owner,
 * the import and the DCC sweep: sr_leads_open reads the rule and the
 * rotation (settings import_rule, import_rr, import_owner.SOURCE) and the
 * active DCC callers; sr_leads_pick gives one lead of a source (code, or
 * NULL) its owner; sr_leads_save writes the rotation back (inside the
 * caller's transaction): the import opens once, picks for every lead and
 * saves with each batch. importing
 * picks the import's words for a refusal. sr_dcc_pick_caller is the three
 * for one lead. */
enum { SR_LEADS_CALLERS_MAX = 512 };
typedef struct {
	bool by_source, importing, rr_dirty;
	int64_t rr_last;
	int64_t callers[SR_LEADS_CALLERS_MAX];
	int ncallers;
} sr_leads;
sr_status sr_leads_open(sr_db *db, sr_leads *l, bool importing);
sr_status sr_leads_pick(sr_db *db, sr_leads *l, const char *source, int64_t *owner);
sr_status sr_leads_save(sr_db *db, sr_leads *l);
/* A card handed back to the DCC: the active caller with the fewest
 * following cards (outbound callers first: they work lists). */
sr_status sr_dcc_pick_least_loaded(sr_db *db, int64_t *id);

/* Record an assignment (ownership change) row. */
sr_status sr_assignment_write(sr_db *db, int64_t card_id, int64_t from, int64_t to,
                              const char *reason);

/* Schedule post-sale callbacks for a card delivered today. */
sr_status sr_callbacks_schedule(sr_db *db, int64_t card_id);

/* Appointments dated before today and still 'set' become missed, their
 * cards due today on the owner's list (appointment.c; the DCC sweep). */
sr_status sr_appointments_close_missed(sr_db *db, int64_t *count);
/* A walk-in row was just linked to this card: the card's appointment for
 * the visit's day, if one is waiting, is marked showed with the row. */
sr_status sr_appointment_arrived(sr_db *db, int64_t card_id, int64_t traffic_id);

/* The transition table (lifecycle.c, the enum in lifecycle.h): every
 * status change is checked there first, so the whole life of a card reads
 * in one place. */
/* SR_OK when the card's status allows the transition; otherwise SR_RULE
 * with a message naming the status and what would allow it. */
sr_status sr_transition_check(sr_db *db, const sr_card_facts *card, sr_transition tr);
/* The actor's permission for the transition (its action in the table) on
 * this card, the card's facts, and the transition check, in that order. */
sr_status sr_card_prepare(sr_db *db, int64_t card_id, sr_transition tr, sr_card_facts *c);

/* Typed text: required or not, valid UTF-8 without control characters
 * (tab and newline allowed when multiline), at most max_chars characters.
 * SR_BADINPUT naming the field otherwise. */
sr_status sr_check_text(sr_db *db, const char *field, const char *value, int max_chars,
                        bool required, bool multiline);
/* The characters alone: UTF-8, no control characters (tab and newline
 * allowed when multiline), no bidi controls or line separators. */
sr_status sr_check_text_chars(sr_db *db, const char *field, const char *value, bool multiline);
int sr_text_chars(const char *s);

/* A value typed for card field f (filing, editing, importing), by the
 * field's kind: typed text within its limit (named `shown` in a refusal, or
 * by the field's own name), gender M or F, a date (written normalised to
 * date_out when given, "" for none). The kinds that need the card or the
 * catalogue (phone, source, model, levels, next date) are checked where
 * they are used. */
sr_status sr_card_field_check(sr_db *db, sr_card_field_id f, const char *value, const char *shown,
                              char date_out[SR_DATE_LEN]);

/* Index of text in a table of names, or -1: the parse half of every
 * enumeration's name table. */
int sr_name_index(const char *text, const char *const *names, int n);

/* SR_RULE when another following card (not except_id) has this phone;
 * sr_card_following gives the first such card's id (SR_NOTFOUND: none). */
sr_status sr_card_check_duplicate(sr_db *db, const char *phone, int64_t except_id);
sr_status sr_card_following(sr_db *db, const char *phone, int64_t except_id, int64_t *id);

/* Leads filed together (the import): phone-channel cards at level N, as
 * sr_card_file files a phone lead, each owned as the lead rule picked.
 * Every lead passes filing's checks (typed fields by the field table, the
 * level, the follow-up level's next date, no following card on the phone
 * nor twice in the batch), then the cards, their assignment rows (with
 * this reason) and name pieces are written set-wise. The cards' ids are
 * *first_id onwards in the order given. Inside the caller's transaction. */
typedef struct {
	const char *name, *phone, *region;   /* the phone normalised */
	int64_t source_id, model_id, owner_id;
} sr_lead_card;
sr_status sr_card_file_leads(sr_db *db, const sr_lead_card *leads, int n, const char *reason,
                             int64_t *first_id);

/* The machine names marked for translation (names.c). */
extern const char *const sr_translated_names[];

/* Status text <-> enum for SQL columns. */
sr_card_status sr_card_status_from_db(const char *text);

/* The hot statements of issue 7 by name, for the test that checks their
 * query plans (tests/unit/test_plans.c); NULL for an unknown name. */
const char *sr_card_hot_sql(const char *name);
const char *sr_worklist_hot_sql(const char *name);
const char *sr_kpi_hot_sql(const char *name);
const char *sr_sources_hot_sql(void);
const char *sr_base_hot_sql(void); /* the prospect base: report followup */

/* The large demo (demo_bulk.c): from this many cards sr_demo_generate
 * writes five years of a dealer group straight into an empty database. */
#define SR_DEMO_BULK_MIN 20000
sr_status sr_demo_bulk(sr_db *db, int64_t cards, uint64_t seed, sr_progress_fn progress,
                       void *ctx);

/* A post-sale callback (worklist.c): sr_callback_check refuses one the
 * actor may not record or that is no longer due (its card in *card_id);
 * sr_callback_write, inside the caller's transaction, records it done with
 * a satisfaction (NULL for none) and a result, audited. Both ways of
 * recording a callback (sr_callback_done, sr_callback_record) go through
 * them. */
sr_status sr_callback_check(sr_db *db, int64_t callback_id, int64_t *card_id);
sr_status sr_callback_write(sr_db *db, int64_t callback_id, int64_t card_id,
                            const char *satisfaction, const char *result);

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
