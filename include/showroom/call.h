/* call.h — phone calls to customers (DCC call records) and the call
 * scripts (话务范本) callers read from while they talk. */
#ifndef SHOWROOM_CALL_H
#define SHOWROOM_CALL_H

#include <stdbool.h>
#include <stdint.h>
#include "showroom/card.h"

#define SR_CALL_RESULT_LIST(X)                                         \
	X(SR_CALL_REACHED,        "reached",        "接通")            \
	X(SR_CALL_NO_ANSWER,      "no-answer",      "无人接听")        \
	X(SR_CALL_WRONG_NUMBER,   "wrong-number",   "号码错误")        \
	X(SR_CALL_CALL_BACK,      "call-back",      "约定回电")        \
	X(SR_CALL_APPOINTMENT,    "appointment",    "邀约成功")        \
	X(SR_CALL_NOT_INTERESTED, "not-interested", "无意向")

typedef enum {
#define SR_CALL_RESULT_ENUM(id, name, zh) id,
	SR_CALL_RESULT_LIST(SR_CALL_RESULT_ENUM)
#undef SR_CALL_RESULT_ENUM
	SR_CALL_RESULT_COUNT
} sr_call_result;

const char *sr_call_result_name(sr_call_result r);   /* "no-answer" */
const char *sr_call_result_label(sr_call_result r);  /* "无人接听" */
bool sr_call_result_parse(const char *text, sr_call_result *out);
/* Reached and appointment count as contact: the lead is no longer new. */
bool sr_call_result_contact(sr_call_result r);

typedef struct {
	int64_t card_id;
	sr_call_result result;
	const char *start;       /* "YYYY-MM-DD HH:MM[:SS]"; NULL = now */
	const char *end;         /* NULL = the start (no duration known) */
	int64_t script_id;       /* 0 = none */
	const char *note;        /* optional, 500 characters */
} sr_call_input;

/* Record a call on a card the actor works (action "call"). */
sr_status sr_call_add(sr_db *db, const sr_call_input *in, int64_t *id_out);

typedef struct {
	int64_t id, card_id;
	char card_name[SR_NAME_MAX];
	char caller_login[SR_LOGIN_MAX];
	char started_at[SR_TIME_LEN];
	char ended_at[SR_TIME_LEN];
	int64_t duration_s;
	sr_call_result result;
	int64_t script_id;       /* 0 = none */
	char note[2001];
} sr_call;

typedef struct {
	int64_t card_id;         /* 0 = any */
	const char *caller;      /* login; NULL = any */
	const char *from, *to;   /* dates, inclusive; NULL = unbounded */
} sr_call_filter;

/* Calls the actor may see (their own, their cards', their team's or all,
 * by scope), in time order. */
sr_status sr_call_each(sr_db *db, const sr_call_filter *f,
                       int (*fn)(void *ctx, const sr_call *c), void *ctx);

/* ---- call scripts ---------------------------------------------------------- */

typedef struct {
	int64_t id;
	char title[401];
	char body[16001];
	char tags[801];          /* models and tags, comma-separated */
	bool active;
	char updated_at[SR_TIME_LEN];
	int64_t version;
} sr_script;

/* Managers and DCC supervisors write scripts; everyone reads them. */
sr_status sr_script_add(sr_db *db, const char *title, const char *body, const char *tags,
                        int64_t *id_out);
/* NULL leaves a field as it is. Edit and delete act only if the script is
 * still at expected_version (0 = do not check); SR_CONFLICT otherwise. */
sr_status sr_script_edit(sr_db *db, int64_t id, int64_t expected_version, const char *title,
                         const char *body, const char *tags);
/* Retired, not erased: calls that used it keep naming it. */
sr_status sr_script_delete(sr_db *db, int64_t id, int64_t expected_version);
sr_status sr_script_get(sr_db *db, int64_t id, sr_script *out);
/* Active scripts whose title, body or tags hold text (NULL = all). */
sr_status sr_script_each(sr_db *db, const char *text,
                         int (*fn)(void *ctx, const sr_script *s), void *ctx);

#endif
