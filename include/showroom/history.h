/* history.h — the history of a card (客户信息卡的历史) as events, and the
 * one renderer every front end uses.
 *
 * The core reads each event as a record: what kind of event, when, who
 * (by name), the codes involved (method, channel, call result, loss
 * reason, status), the levels, steps, dates and amounts, the fields an
 * edit changed (owner, source and model by name), the customer's words
 * and the follow-up's result. sr_history_render turns one record into one
 * line in the user's language with the domain's words and a short prefix,
 * so the card screen, the call list's side pane and `card show` read
 * alike:
 *
 *   电话跟进，级别 N→C，下次 11-17：客户微信咨询…
 *   战败转 DCC：王芳 → 赵敏
 *   去电 3 分 12 秒，已接通：客户说周末来店
 */
#ifndef SHOWROOM_HISTORY_H
#define SHOWROOM_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "showroom/appointment.h"
#include "showroom/call.h"
#include "showroom/card.h"
#include "showroom/followup.h"
#include "showroom/lifecycle.h"

/* Every kind of event, with its code (as `card show --csv` would name it). */
#define SR_HISTORY_KIND_LIST(X)                                              \
	X(SR_EV_FILE,         "file")         /* 留档 */                      \
	X(SR_EV_FOLLOWUP,     "followup")     /* 跟进 */                      \
	X(SR_EV_COMMENT,      "comment")      /* 批复, right under its follow-up */ \
	X(SR_EV_CALL,         "call")         /* 去电: a DCC call record */    \
	X(SR_EV_APPOINTMENT,  "appointment")  /* 邀约 */                      \
	X(SR_EV_ORDER,        "order")        /* 签订单 */                    \
	X(SR_EV_DELIVER,      "deliver")      /* 交车 */                      \
	X(SR_EV_CANCEL,       "cancel-order") /* 取消订单 */                  \
	X(SR_EV_LOSS_REQUEST, "loss-request") /* 战败申请 */                  \
	X(SR_EV_LOSS_CONFIRM, "loss-confirm") /* 确认战败 */                  \
	X(SR_EV_LOSS_REJECT,  "loss-reject")  /* 驳回战败申请 */              \
	X(SR_EV_LOSS_TO_DCC,  "loss-to-dcc")  /* 战败转 DCC */                \
	X(SR_EV_ASSIGN,       "assign")       /* 重新分配 */                  \
	X(SR_EV_SWEEP,        "sweep")        /* overdue, moved to the DCC */  \
	X(SR_EV_MERGE,        "merge")        /* a duplicate merged into this card */ \
	X(SR_EV_MERGED,       "merged")       /* this card merged into another */ \
	X(SR_EV_EDIT,         "edit")         /* 修改 */                      \
	X(SR_EV_DORMANT,      "dormant")      /* 休眠 */                      \
	X(SR_EV_REACTIVATE,   "reactivate")   /* 激活 */                      \
	X(SR_EV_PROMOTE,      "promote")      /* 转批售 */

typedef enum {
#define SR_HISTORY_KIND_ENUM(id, name) id,
	SR_HISTORY_KIND_LIST(SR_HISTORY_KIND_ENUM)
#undef SR_HISTORY_KIND_ENUM
	SR_EV_COUNT
} sr_history_kind;

const char *sr_history_kind_name(sr_history_kind k);  /* "followup" */
/* Short, for a column: "Follow-up", 跟进 in zh_CN. */
const char *sr_history_kind_label(sr_history_kind k);

/* A field an edit (or a status change) changed: the card field's key as
 * `card show` names it (name, phone, level, next_date, source, model,
 * owner, followup_level, status, budget, use-date, ...), its value before
 * and after ("" = none), codes as stored (status "active", gender "M",
 * steps "1"). Owner, source and model are names, never ids. */
#define SR_HISTORY_CHANGES_MAX 32

typedef struct {
	char field[24];
	char before[SR_ANSWER_MAX];
	char after[SR_ANSWER_MAX];
} sr_history_change;

typedef struct {
	sr_history_kind kind;
	/* The row behind the event: for a follow-up and its comment the
	 * follow-up (a 批复 goes on it); else the order, call, ... */
	int64_t ref_id;
	char at[SR_TIME_LEN];        /* when */
	char actor[SR_NAME_MAX];     /* who, by name; "" when not known */

	/* The codes involved; each meaningful only for its kinds. */
	sr_method method;            /* follow-up */
	sr_channel channel;          /* filing */
	sr_call_result call_result;  /* call */
	sr_loss_reason loss_reason;  /* loss request, confirm, to DCC */
	sr_appt_status appt_status;  /* appointment: as it stands now */
	bool loss_pending;           /* loss request still waiting for a manager */

	char level_before, level;    /* follow-up; filing: level only; 0 = none */
	bool intro, negotiation, test_drive;  /* sales steps reached (follow-up) */
	bool visit;                  /* a follow-up linked to a traffic row */
	char next_date[SR_DATE_LEN]; /* follow-up, reactivation; "" = none */
	char date[SR_DATE_LEN];      /* appointment: the day invited */
	int64_t deposit_cents;       /* order */
	int64_t duration_s;          /* call: ended - started; 0 = not known */

	/* Owner before and after (reassignment, to DCC, sweep, promotion), or
	 * the owner at filing / the consultant of an appointment in `to`. */
	char from[SR_NAME_MAX], to[SR_NAME_MAX];
	int64_t other_card;          /* merge: the other card's number */
	char other_name[SR_NAME_MAX];

	char note[SR_TEXT_MAX];      /* the customer's words, a reason, a comment */
	char result[SR_ANSWER_MAX];  /* follow-up: its result (跟进结果) */

	size_t nchanges;             /* edit, dormant, reactivate, promote */
	sr_history_change changes[SR_HISTORY_CHANGES_MAX];
} sr_history_event;

/* The whole history of a card the actor may see, in time order (a comment
 * right after its follow-up): filing, follow-ups, calls, appointments,
 * orders and their delivery or cancellation, loss requests and decisions,
 * reassignments, merges, edits and status changes. fn returns non-zero to
 * stop. SR_PERM / SR_NOTFOUND as sr_card_get. */
sr_status sr_history_each(sr_db *db, int64_t card_id,
                          int (*fn)(void *ctx, const sr_history_event *e), void *ctx);

/* Room for any rendered line (a long note, an edit of every answer). */
#define SR_HISTORY_LINE_MAX 32768

/* One event as one line in the user's language: a short prefix, then the
 * customer's words. No ids but card numbers, no column names; dates as
 * MM-DD within the event's year. Newlines become spaces. Returns bytes
 * written (cut at a character boundary when out is too small). */
size_t sr_history_render(const sr_history_event *e, char *out, size_t outlen);

/* The event's time for a narrow column: "MM-DD HH:MM" in the year of
 * `today` ("YYYY-MM-DD"), else "YYYY-MM-DD". */
void sr_history_when(const sr_history_event *e, const char *today, char out[SR_TIME_LEN]);

#endif
