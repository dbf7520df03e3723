/* card_rules.h — the card's rules, each in one function, for the core
 * files that change cards: permission on a card, the facts the rules read,
 * the transition table, the intent level, the next follow-up date, the
 * field checks, the duplicate phone, the one writer of imported leads, who
 * gets a lead, the claim of a traffic row, and what a delivery, an arrival
 * or a callback sets off. */
#ifndef SHOWROOM_CARD_RULES_H
#define SHOWROOM_CARD_RULES_H

#include "store.h"

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

/* A value typed for card field f (filing, editing, importing), by the
 * field's kind: typed text within its limit (named `shown` in a refusal, or
 * by the field's own name), gender M or F, a date (written normalised to
 * date_out when given, "" for none). The kinds that need the card or the
 * catalogue (phone, source, model, levels, next date) are checked where
 * they are used. */
sr_status sr_card_field_check(sr_db *db, sr_card_field_id f, const char *value, const char *shown,
                              char date_out[SR_DATE_LEN]);

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

/* A post-sale callback (worklist.c): sr_callback_check refuses one the
 * actor may not record or that is no longer due (its card in *card_id);
 * sr_callback_write, inside the caller's transaction, records it done with
 * a satisfaction (NULL for none) and a result, audited. Both ways of
 * recording a callback (sr_callback_done, sr_callback_record) go through
 * them. */
sr_status sr_callback_check(sr_db *db, int64_t callback_id, int64_t *card_id);
sr_status sr_callback_write(sr_db *db, int64_t callback_id, int64_t card_id,
                            const char *satisfaction, const char *result);

#endif
