/* lifecycle.h — every status change of a card, through one transition
 * table (src/core/lifecycle.c) with its guard and message:
 *
 *   file ───────────────► active | order | sold
 *   active ── order ────► order ── deliver ──► sold (final)
 *   order ─── cancel ───► active
 *   active|dormant ── loss request ──► (pending) ── confirm ──► lost (final)
 *                                               ├─ reject ───► active
 *                                               └─ to-dcc ───► active, owner a DCC caller
 *   active ── dormant ──► dormant ── reactivate / follow-up ──► active
 *   following ── merge ─► merged into a survivor (kept, marked)
 *   following ── assign ► same status, new owner
 */
#ifndef SHOWROOM_LIFECYCLE_H
#define SHOWROOM_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>
#include "showroom/card.h"

typedef enum {
	SR_LOSS_COMPETITOR, SR_LOSS_SAME_BRAND, SR_LOSS_GAVE_UP, SR_LOSS_REGION, SR_LOSS_UNREACHABLE
} sr_loss_reason;

const char *sr_loss_reason_name(sr_loss_reason r);   /* "competitor" */
const char *sr_loss_reason_label(sr_loss_reason r);  /* "Bought a competitor", 已购竞品 in zh_CN */
bool sr_loss_reason_parse(const char *text, sr_loss_reason *out);

/* Orders (订单) and delivery (交车). */
typedef struct {
	int64_t deposit_cents;
	const char *vin;           /* 17 characters or NULL */
	const char *model;         /* NULL = the card's model */
	const char *expected_delivery; /* "YYYY-MM-DD" or NULL */
} sr_order_input;

sr_status sr_order_add(sr_db *db, int64_t card_id, const sr_order_input *in, int64_t *id_out);
sr_status sr_order_deliver(sr_db *db, int64_t card_id);
sr_status sr_order_cancel(sr_db *db, int64_t card_id, const char *reason);

/* Loss requests (战败申请) and a manager's decision. */
sr_status sr_loss_request(sr_db *db, int64_t card_id, sr_loss_reason reason, const char *note);
sr_status sr_loss_confirm(sr_db *db, int64_t card_id);
sr_status sr_loss_reject(sr_db *db, int64_t card_id);
/* to_login NULL = an active DCC caller: outbound callers first (they work
 * the call lists that re-check cards), then the one with the fewest
 * following cards. */
sr_status sr_loss_to_dcc(sr_db *db, int64_t card_id, const char *to_login);

/* Dormancy (休眠). */
sr_status sr_card_dormant(sr_db *db, int64_t card_id);
sr_status sr_card_reactivate(sr_db *db, int64_t card_id, const char *next_date);

/* Reassign cards to a consultant or DCC caller, all or none. */
sr_status sr_card_assign(sr_db *db, const int64_t *card_ids, size_t n, const char *to_login);

/* The changes of a card's life, as the transition table knows them. */
typedef enum {
	SR_TR_FOLLOWUP, SR_TR_EDIT, SR_TR_APPOINTMENT, SR_TR_ORDER, SR_TR_DELIVER, SR_TR_CANCEL,
	SR_TR_LOSS_REQUEST, SR_TR_LOSS_CONFIRM, SR_TR_LOSS_REJECT, SR_TR_LOSS_TO_DCC,
	SR_TR_DORMANT, SR_TR_REACTIVATE, SR_TR_ASSIGN, SR_TR_MERGE, SR_TR_PROMOTE,
	SR_TR_COUNT
} sr_transition;

/* May the acting user make this change to the card now? The transition
 * table (the card's status, whether it was merged, and the guards its
 * facts decide: a pending loss request, an order, wholesale, the dormancy
 * rule) and the permission table (the role's right, the card within its
 * scope) together. No message and no audit row: a screen asks before it
 * offers an action; the action itself checks everything again and says
 * why. sr_card_allowed gives every transition at once (1 << sr_transition). */
bool sr_card_can(sr_db *db, int64_t card_id, sr_transition tr);
unsigned sr_card_allowed(sr_db *db, int64_t card_id);

/* Merge duplicates into survivor: follow-ups, visits, traffic links and
 * appointments move; each merged card stays, marked merged. All or none. */
sr_status sr_card_merge(sr_db *db, int64_t survivor, const int64_t *merged, size_t n);

#endif
