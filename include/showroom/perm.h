/* perm.h — who may do what: one role × action table, in the core.
 *
 * Front ends may hide what a role cannot do, but the core decides. Actions
 * on a card also check scope: consultants and DCC callers reach only the
 * cards they own. */
#ifndef SHOWROOM_PERM_H
#define SHOWROOM_PERM_H

#include <stdbool.h>
#include "showroom/user.h"

#define SR_ACTION_LIST(X)                                                  \
	X(SR_ACT_TRAFFIC_LOG,   "traffic-log",   "log showroom traffic")        \
	X(SR_ACT_CARD_FILE,     "card-file",     "file a card")                 \
	X(SR_ACT_CARD_VIEW,     "card-view",     "view a card")                 \
	X(SR_ACT_CARD_EDIT,     "card-edit",     "edit a card")                 \
	X(SR_ACT_FOLLOWUP,      "followup",      "add a follow-up")             \
	X(SR_ACT_APPOINTMENT,   "appointment",   "set an appointment")          \
	X(SR_ACT_ORDER,         "order",         "sign, deliver or cancel an order") \
	X(SR_ACT_LOSS_REQUEST,  "loss-request",  "request a card to be closed as lost") \
	X(SR_ACT_LOSS_DECIDE,   "loss-decide",   "confirm, reject or hand over a loss request") \
	X(SR_ACT_DORMANT,       "dormant",       "mark a card dormant or reactivate it") \
	X(SR_ACT_ASSIGN,        "assign",        "reassign cards")              \
	X(SR_ACT_MERGE,         "merge",         "merge cards")                 \
	X(SR_ACT_WHOLESALE,     "wholesale",     "promote a card to wholesale") \
	X(SR_ACT_COMMENT,       "comment",       "comment on follow-up records") \
	X(SR_ACT_CALLBACK,      "callback",      "record post-sale callbacks")  \
	X(SR_ACT_REPORT,        "report",        "read reports")                \
	X(SR_ACT_EXPORT,        "export",        "export data")                 \
	X(SR_ACT_AUDIT,         "audit",         "read the audit trail")        \
	X(SR_ACT_USER_ADMIN,    "user-admin",    "manage users")                \
	X(SR_ACT_REFERENCE,     "reference",     "manage the catalogue, sources and levels") \
	X(SR_ACT_DEMO,          "demo",          "load demo data")              \
	X(SR_ACT_CALL,          "call",          "record phone calls to customers") \
	X(SR_ACT_SCRIPT,        "script",        "manage call scripts")         \
	X(SR_ACT_DCC_SWEEP,     "dcc-sweep",     "move overdue cards to the DCC and close missed appointments") \
	X(SR_ACT_COMPLAINT,     "complaint",     "handle customer complaints")  \
	X(SR_ACT_CAMPAIGN,      "campaign",      "manage marketing campaigns")

typedef enum {
#define SR_ACTION_ENUM(id, name, text) id,
	SR_ACTION_LIST(SR_ACTION_ENUM)
#undef SR_ACTION_ENUM
	SR_ACT_COUNT
} sr_action;

/* Which cards a role reaches for viewing and changing. */
typedef enum {
	SR_SCOPE_NONE,  /* no cards */
	SR_SCOPE_OWN,   /* cards it owns */
	SR_SCOPE_TEAM,  /* cards owned by its team (DCC supervisor) */
	SR_SCOPE_ALL,   /* every card */
} sr_scope;

const char *sr_action_name(sr_action a);
const char *sr_action_text(sr_action a);

/* The table itself: may this role perform this action at all? */
bool sr_perm_allows(sr_role role, sr_action action);
/* Card scope of a role. */
sr_scope sr_perm_scope(sr_role role);
/* Whose phone numbers a role sees whole (its own cards, its team's, all);
 * it sees the others masked, 138****5678, and finds those cards by the
 * whole number only. */
sr_scope sr_perm_phone_scope(sr_role role);

/* The acting user may perform action (no card involved). On refusal sets
 * the message ("permission denied: a consultant may not merge cards") and
 * returns SR_PERM. */
sr_status sr_perm_require(sr_db *db, sr_action action);

#endif
