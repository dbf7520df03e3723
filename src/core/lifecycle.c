/* lifecycle.c — the life of a card in one place: the transition table
 * (which statuses allow which change, and what to tell the user when they
 * do not), then each change: order, delivery, cancellation, loss requests
 * and decisions, dormancy, reassignment and merge. */
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"

#define S(x) (1u << SR_STATUS_##x)
#define FOLLOWING (S(ACTIVE) | S(ORDER) | S(DORMANT))

static const struct transition {
	const char *doing;      /* "sign an order" */
	sr_action action;       /* the permission it needs */
	unsigned from;          /* statuses that allow it */
	const char *allowed;    /* what would allow it */
} transitions[SR_TR_COUNT] = {
	[SR_TR_FOLLOWUP] = {N_("add a follow-up"), SR_ACT_FOLLOWUP, FOLLOWING,
	                    N_("sold and lost cards are final")},
	[SR_TR_EDIT] = {N_("edit the card"), SR_ACT_CARD_EDIT, FOLLOWING,
	                N_("sold and lost cards are final")},
	[SR_TR_APPOINTMENT] = {N_("set an appointment"), SR_ACT_APPOINTMENT, FOLLOWING,
	                       N_("sold and lost cards are final")},
	[SR_TR_ORDER] = {N_("sign an order"), SR_ACT_ORDER, S(ACTIVE),
	                 N_("only an active card signs an order; reactivate a dormant card first")},
	[SR_TR_DELIVER] = {N_("deliver"), SR_ACT_ORDER, S(ORDER),
	                   N_("only a card with an open order is delivered; sign the order first")},
	[SR_TR_CANCEL] = {N_("cancel the order"), SR_ACT_ORDER, S(ORDER),
	                  N_("only a card with an open order can cancel it")},
	[SR_TR_LOSS_REQUEST] = {N_("request loss"), SR_ACT_LOSS_REQUEST, S(ACTIVE) | S(DORMANT),
	                        N_("only active or dormant cards can be closed as lost; an order "
	                           "card cancels its order first")},
	[SR_TR_LOSS_CONFIRM] = {N_("confirm the loss"), SR_ACT_LOSS_DECIDE, S(ACTIVE) | S(DORMANT),
	                        N_("only active or dormant cards can be closed as lost")},
	[SR_TR_LOSS_REJECT] = {N_("reject the loss request"), SR_ACT_LOSS_DECIDE,
	                       S(ACTIVE) | S(DORMANT),
	                       N_("only active or dormant cards have loss requests")},
	[SR_TR_LOSS_TO_DCC] = {N_("hand the card to the DCC"), SR_ACT_LOSS_DECIDE,
	                       S(ACTIVE) | S(DORMANT),
	                       N_("only active or dormant cards have loss requests")},
	[SR_TR_DORMANT] = {N_("mark the card dormant"), SR_ACT_DORMANT, S(ACTIVE),
	                   N_("only an active card can become dormant")},
	[SR_TR_REACTIVATE] = {N_("reactivate"), SR_ACT_DORMANT, S(DORMANT),
	                      N_("only a dormant card is reactivated")},
	[SR_TR_ASSIGN] = {N_("reassign"), SR_ACT_ASSIGN, FOLLOWING,
	                  N_("sold and lost cards are final")},
	[SR_TR_MERGE] = {N_("merge"), SR_ACT_MERGE, S(ACTIVE) | S(DORMANT),
	                 N_("cards with an order, sold or lost cannot be merged")},
	[SR_TR_PROMOTE] = {N_("promote to wholesale"), SR_ACT_WHOLESALE, S(ACTIVE) | S(DORMANT),
	                   N_("only active or dormant cards can be promoted")},
};

sr_status sr_transition_check(sr_db *db, const sr_card_facts *c, sr_transition tr)
{
	const struct transition *t = &transitions[tr];
	if (c->merged_into)
		return sr_fail(db, SR_RULE,
		               _("cannot %s: card %lld was merged into card %lld; work on card %lld"),
		               _(t->doing), (long long)c->id, (long long)c->merged_into,
		               (long long)c->merged_into);
	if (!(t->from & (1u << c->status))) {
		bool final = c->status == SR_STATUS_SOLD || c->status == SR_STATUS_LOST;
		return sr_fail(db, SR_RULE, _("cannot %s: card %lld is %s%s; %s"), _(t->doing),
		               (long long)c->id, _(sr_card_status_name(c->status)),
		               final ? _(" (final)") : "", _(t->allowed));
	}
	return SR_OK;
}

sr_status sr_card_prepare(sr_db *db, int64_t card_id, sr_transition tr, sr_card_facts *c)
{
	sr_status st = sr_perm_card(db, transitions[tr].action, card_id);
	if (st == SR_OK)
		st = sr_card_facts_get(db, card_id, c);
	if (st == SR_OK)
		st = sr_transition_check(db, c, tr);
	return st;
}

static bool dormant_ok(sr_db *db, const sr_card_facts *c);

/* The guards a transition's action checks from the card's facts alone,
 * beyond its status: what sr_card_can adds to the table. */
static bool guard_ok(sr_db *db, const sr_card_facts *c, sr_transition tr)
{
	switch (tr) {
	case SR_TR_ORDER:
	case SR_TR_LOSS_REQUEST:
		return !c->loss_pending;
	case SR_TR_LOSS_CONFIRM:
	case SR_TR_LOSS_REJECT:
	case SR_TR_LOSS_TO_DCC:
		return c->loss_pending;
	case SR_TR_DORMANT:
		return dormant_ok(db, c);
	case SR_TR_MERGE:
		return !c->has_order && c->type != SR_CUSTOMER_WHOLESALE;
	case SR_TR_PROMOTE:
		return c->type != SR_CUSTOMER_WHOLESALE;
	default:
		return true;
	}
}

unsigned sr_card_allowed(sr_db *db, int64_t card_id)
{
	sr_card_facts c;
	unsigned mask = 0;
	if (!db->actor_id || sr_card_facts_get(db, card_id, &c) != SR_OK || c.merged_into ||
	    !sr_perm_in_scope(db, c.owner_id))
		return 0;
	for (int tr = 0; tr < SR_TR_COUNT; tr++) {
		const struct transition *t = &transitions[tr];
		if (sr_perm_allows(db->actor_role, t->action) && (t->from & (1u << c.status)) &&
		    guard_ok(db, &c, (sr_transition)tr))
			mask |= 1u << tr;
	}
	return mask;
}

bool sr_card_can(sr_db *db, int64_t card_id, sr_transition tr)
{
	return (unsigned)tr < SR_TR_COUNT && (sr_card_allowed(db, card_id) & (1u << tr));
}

/* Set the card's status (and what goes with it) inside a transaction,
 * with the audit row. */
static sr_status set_card(sr_db *db, int64_t card_id, const char *audit_action,
                          const char *sql, const char *fmt, ...)
{
	char *before = sr_card_snapshot(db, card_id);
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (!st) {
		free(before);
		return SR_IO;
	}
	va_list ap;
	va_start(ap, fmt);
	bool ok = sr_bindv(db, st, fmt, ap);
	va_end(ap);
	int rc = ok ? sqlite3_step(st) : SQLITE_ERROR;
	sr_stmt_done(st);
	if (!ok) {
		free(before);
		return SR_IO;
	}
	if (rc != SQLITE_DONE) {
		free(before);
		return sr_sqlite_fail(db, rc, _("saving the card"));
	}
	return sr_audit_card(db, audit_action, card_id, before);
}

/* ---- loss reasons -------------------------------------------------------- */

static const char *const loss_names[] = {"competitor", "same-brand", "gave-up", "region",
                                         "unreachable"};
static const char *const loss_labels[] = {N_("Bought a competitor"), N_("Bought the brand elsewhere"),
                                          N_("Gave up buying"), N_("Region restriction"),
                                          N_("Unreachable")};

const char *sr_loss_reason_name(sr_loss_reason r)
{
	return (unsigned)r < 5 ? loss_names[r] : "?";
}

const char *sr_loss_reason_label(sr_loss_reason r)
{
	return (unsigned)r < 5 ? _(loss_labels[r]) : "?";
}

bool sr_loss_reason_parse(const char *text, sr_loss_reason *out)
{
	int i = sr_name_index(text, loss_names, 5);
	if (i >= 0)
		*out = (sr_loss_reason)i;
	return i >= 0;
}

/* ---- orders ------------------------------------------------------------- */

static sr_status validate_order(sr_db *db, const sr_card_facts *c, const sr_order_input *in,
                                int64_t *model_id, char delivery[SR_DATE_LEN])
{
	*model_id = 0;
	delivery[0] = '\0';
	if (c->loss_pending)
		return sr_fail(db, SR_RULE,
		               _("card %lld has a pending loss request: a manager rejects it first "
		                 "(showroom loss reject %lld)"),
		               (long long)c->id, (long long)c->id);
	if (in && in->deposit_cents < 0)
		return sr_fail(db, SR_BADINPUT, _("deposit cannot be negative"));
	if (in && in->vin && *in->vin) {
		size_t n = strlen(in->vin);
		if (n != 17 || strspn(in->vin, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ") != 17)
			return sr_fail(db, SR_BADINPUT,
			               _("VIN '%s': 17 characters, digits and capital letters without "
			                 "I, O and Q"),
			               in->vin);
	}
	if (in && in->model && *in->model) {
		sr_model m;
		sr_status st = sr_model_find(db, in->model, &m);
		if (st != SR_OK)
			return st;
		*model_id = m.id;
	} else {
		sr_query_int(db, model_id, "SELECT coalesce(model_id, 0) FROM cards WHERE id = ?1",
		             "I", c->id);
	}
	if (in && in->expected_delivery && *in->expected_delivery) {
		sr_date d;
		if (!sr_date_parse(in->expected_delivery, &d))
			return sr_fail(db, SR_BADINPUT,
			               _("expected delivery date '%s': expected YYYY-MM-DD"),
			               in->expected_delivery);
		if (d < sr_db_today(db))
			return sr_fail(db, SR_RULE, _("expected delivery date %s is in the past"),
			               in->expected_delivery);
		sr_date_format(d, delivery);
	}
	return SR_OK;
}

sr_status sr_order_add(sr_db *db, int64_t card_id, const sr_order_input *in, int64_t *id_out)
{
	sr_card_facts c;
	int64_t model_id;
	char delivery[SR_DATE_LEN], now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_ORDER, &c);
	if (st == SR_OK)
		st = validate_order(db, &c, in, &model_id, delivery);
	if (st != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = sr_exec(db,
	             "INSERT INTO orders(card_id, ordered_at, deposit_cents, vin, model_id,"
	             " expected_delivery, level_before, created_by) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
	             "IsIszscI", card_id, now, in ? in->deposit_cents : (int64_t)0,
	             in && in->vin ? in->vin : "", model_id, *delivery ? delivery : NULL,
	             (int)c.level, db->actor_id);
	int64_t order_id = sqlite3_last_insert_rowid(db->h);
	if (st == SR_OK)
		st = set_card(db, card_id, "order",
		              "UPDATE cards SET status = 'order', level = 'O', version = version + 1,"
		              " updated_at = ?1 WHERE id = ?2",
		              "sI", now, card_id);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = order_id;
	return st;
}

sr_status sr_order_deliver(sr_db *db, int64_t card_id)
{
	sr_card_facts c;
	char now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_DELIVER, &c);
	if (st != SR_OK || (st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = sr_exec(db,
	             "UPDATE orders SET status = 'delivered', delivered_at = ?1"
	             " WHERE card_id = ?2 AND status = 'open'",
	             "sI", now, card_id);
	if (st == SR_OK)
		st = set_card(db, card_id, "deliver",
		              "UPDATE cards SET status = 'sold', sold_at = ?1, next_date = NULL,"
		              " version = version + 1, updated_at = ?1 WHERE id = ?2",
		              "sI", now, card_id);
	if (st == SR_OK)
		st = sr_callbacks_schedule(db, card_id);
	return sr_tx_end(db, st);
}

sr_status sr_order_cancel(sr_db *db, int64_t card_id, const char *reason)
{
	sr_card_facts c;
	char now[SR_TIME_LEN], next[SR_DATE_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_CANCEL, &c);
	if (st != SR_OK)
		return st;
	if (!reason || !*reason)
		return sr_fail(db, SR_BADINPUT, _("cancelling an order needs a reason (--reason)"));
	if ((st = sr_check_text(db, _("cancel reason"), reason, 200, true, false)) != SR_OK)
		return st;
	/* Back to active with the level it had before the order; the next date
	 * stays unless it has passed. */
	char old_next[SR_DATE_LEN] = "";
	sr_query_text(db, old_next, sizeof old_next,
	              "SELECT coalesce(next_date, '') FROM cards WHERE id = ?1", "I", card_id);
	char today[SR_DATE_LEN];
	sr_today_text(db, today);
	if (!*old_next || strcmp(old_next, today) < 0) {
		if ((st = sr_next_date_check(db, c.followup_level, NULL, next)) != SR_OK)
			return st;
	} else {
		sr_copy(next, sizeof next, old_next);
	}
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = sr_exec(db,
	             "UPDATE orders SET status = 'cancelled', cancelled_at = ?1, cancel_reason = ?2"
	             " WHERE card_id = ?3 AND status = 'open'",
	             "ssI", now, reason, card_id);
	if (st == SR_OK)
		st = set_card(db, card_id, "cancel-order",
		              "UPDATE cards SET status = 'active', level = (SELECT level_before FROM"
		              " orders WHERE card_id = ?3 AND status = 'cancelled' ORDER BY id DESC"
		              " LIMIT 1), next_date = ?1, version = version + 1, updated_at = ?2"
		              " WHERE id = ?3",
		              "ssI", next, now, card_id);
	return sr_tx_end(db, st);
}

/* ---- loss requests --------------------------------------------------------- */

sr_status sr_loss_request(sr_db *db, int64_t card_id, sr_loss_reason reason, const char *note)
{
	sr_card_facts c;
	char now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_LOSS_REQUEST, &c);
	if (st != SR_OK)
		return st;
	if ((unsigned)reason > SR_LOSS_UNREACHABLE)
		return sr_fail(db, SR_BADINPUT,
		               _("loss reason must be competitor, same-brand, gave-up, region or "
		                 "unreachable"));
	if ((st = sr_check_text(db, _("loss note"), note, 500, false, true)) != SR_OK)
		return st;
	if (c.loss_pending)
		return sr_fail(db, SR_RULE,
		               _("card %lld already has a pending loss request waiting for a manager"),
		               (long long)card_id);
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = sr_exec(db,
	             "INSERT INTO loss_requests(card_id, reason, note, requested_by, requested_at)"
	             " VALUES (?1, ?2, ?3, ?4, ?5)",
	             "IssIs", card_id, sr_loss_reason_name(reason), note ? note : "", db->actor_id,
	             now);
	if (st == SR_OK) {
		char after[64];
		snprintf(after, sizeof after, "{\"reason\":\"%s\"}", sr_loss_reason_name(reason));
		st = sr_audit_write(db, "loss-request", "loss_request",
		                    sqlite3_last_insert_rowid(db->h), card_id, NULL, after);
	}
	return sr_tx_end(db, st);
}

/* The pending request of a card, or the rule that there is none. */
static sr_status pending_request(sr_db *db, int64_t card_id, int64_t *req_id, char reason[16])
{
	sr_status st = sr_query_int(db, req_id,
	                            "SELECT id FROM loss_requests WHERE card_id = ?1 AND"
	                            " status = 'pending'",
	                            "I", card_id);
	if (st == SR_NOTFOUND)
		return sr_fail(db, SR_RULE,
		               _("card %lld has no pending loss request: its owner requests it first "
		                 "(showroom loss request %lld --reason ...)"),
		               (long long)card_id, (long long)card_id);
	if (st == SR_OK && reason)
		st = sr_query_text(db, reason, 16, "SELECT reason FROM loss_requests WHERE id = ?1",
		                   "I", *req_id);
	return st;
}

static sr_status decide(sr_db *db, int64_t req_id, const char *status, int64_t dcc_user)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	return sr_exec(db,
	               "UPDATE loss_requests SET status = ?1, decided_by = ?2, decided_at = ?3,"
	               " dcc_user_id = ?4 WHERE id = ?5",
	               "sIszI", status, db->actor_id, now, dcc_user, req_id);
}

sr_status sr_loss_confirm(sr_db *db, int64_t card_id)
{
	sr_card_facts c;
	int64_t req;
	char reason[16], now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_LOSS_CONFIRM, &c);
	if (st == SR_OK)
		st = pending_request(db, card_id, &req, reason);
	if (st != SR_OK || (st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = decide(db, req, "confirmed", 0);
	if (st == SR_OK)
		st = set_card(db, card_id, "loss-confirm",
		              "UPDATE cards SET status = 'lost', loss_reason = ?1, lost_at = ?2,"
		              " next_date = NULL, version = version + 1, updated_at = ?2 WHERE id = ?3",
		              "ssI", reason, now, card_id);
	return sr_tx_end(db, st);
}

/* Back to active: a dormant card gets the earliest next date its level
 * allows; an active one keeps its own unless it has passed. */
static sr_status active_next(sr_db *db, const sr_card_facts *c, char next[SR_DATE_LEN])
{
	char old[SR_DATE_LEN] = "", today[SR_DATE_LEN];
	sr_query_text(db, old, sizeof old, "SELECT coalesce(next_date, '') FROM cards WHERE id = ?1",
	              "I", c->id);
	sr_today_text(db, today);
	if (*old && strcmp(old, today) >= 0) {
		sr_copy(next, SR_DATE_LEN, old);
		return SR_OK;
	}
	return sr_next_date_check(db, c->followup_level, NULL, next);
}

sr_status sr_loss_reject(sr_db *db, int64_t card_id)
{
	sr_card_facts c;
	int64_t req;
	char next[SR_DATE_LEN], now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_LOSS_REJECT, &c);
	if (st == SR_OK)
		st = pending_request(db, card_id, &req, NULL);
	if (st == SR_OK)
		st = active_next(db, &c, next);
	if (st != SR_OK || (st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = decide(db, req, "rejected", 0);
	if (st == SR_OK)
		st = set_card(db, card_id, "loss-reject",
		              "UPDATE cards SET status = 'active', next_date = ?1,"
		              " version = version + 1, updated_at = ?2 WHERE id = ?3",
		              "ssI", next, now, card_id);
	return sr_tx_end(db, st);
}

/* The DCC caller who receives a card: the one named, or the DCC's choice
 * (sr_dcc_pick_least_loaded). */
static sr_status pick_dcc_caller(sr_db *db, const char *login, int64_t *id)
{
	if (login) {
		sr_role role;
		sr_status st = sr_user_id(db, login, id, &role);
		if (st == SR_OK && !sr_role_is_caller(role))
			st = sr_fail(db, SR_RULE,
			             _("%s is a %s: a card handed to the DCC goes to a DCC caller "
			               "(dcc-inbound or dcc-outbound)"),
			             login, _(sr_role_name(role)));
		return st;
	}
	return sr_dcc_pick_least_loaded(db, id);
}

sr_status sr_loss_to_dcc(sr_db *db, int64_t card_id, const char *to_login)
{
	sr_card_facts c;
	int64_t req, caller;
	char next[SR_DATE_LEN], now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_LOSS_TO_DCC, &c);
	if (st == SR_OK)
		st = pending_request(db, card_id, &req, NULL);
	if (st == SR_OK)
		st = pick_dcc_caller(db, to_login, &caller);
	/* The DCC re-checks soon: the earliest date the level allows. */
	if (st == SR_OK)
		st = sr_next_date_check(db, c.followup_level, NULL, next);
	if (st != SR_OK || (st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = decide(db, req, "to-dcc", caller);
	if (st == SR_OK)
		st = set_card(db, card_id, "loss-to-dcc",
		              "UPDATE cards SET status = 'active', owner_id = ?1, next_date = ?2,"
		              " version = version + 1, updated_at = ?3 WHERE id = ?4",
		              "IssI", caller, next, now, card_id);
	if (st == SR_OK)
		st = sr_assignment_write(db, card_id, c.owner_id, caller, "to-dcc");
	return sr_tx_end(db, st);
}

/* ---- dormancy ----------------------------------------------------------------- */

/* SPEC §3: dormant only when filed by phone or outreach, more than 15 days
 * (the setting dormant_days) old and never visited; or visited with introduction, negotiation and
 * test drive all done. */
static int card_age(sr_db *db, const sr_card_facts *c)
{
	sr_time filed;
	sr_time_parse(c->filed_at, &filed);
	return sr_db_today(db) - sr_time_date(filed);
}

/* The age past which an unvisited card may rest: the setting dormant_days
 * (15 unless an administrator changed it). */
static int dormant_days(sr_db *db)
{
	char text[16] = "15";
	sr_setting_get(db, "dormant_days", text, sizeof text);
	return atoi(text);
}

static bool dormant_ok(sr_db *db, const sr_card_facts *c)
{
	if (c->visits == 0)
		return card_age(db, c) > dormant_days(db);
	return c->intro && c->negotiation && c->test_drive;
}

static sr_status dormant_allowed(sr_db *db, const sr_card_facts *c)
{
	if (dormant_ok(db, c))
		return SR_OK;
	if (c->visits == 0)
		return sr_fail(db, SR_RULE,
		               _("cannot mark dormant: card %lld was filed by %s %d days ago and has "
		                 "never visited; allowed after %d days, or once the customer has "
		                 "visited and had introduction, negotiation and test drive"),
		               (long long)c->id, _(sr_channel_name(c->channel)), card_age(db, c),
		               dormant_days(db));
	char missing[80] = "";
	if (!c->intro)
		strcat(missing, "introduction");
	if (!c->negotiation)
		strcat(strcat(missing, *missing ? ", " : ""), "negotiation");
	if (!c->test_drive)
		strcat(strcat(missing, *missing ? ", " : ""), "test drive");
	return sr_fail(db, SR_RULE,
	               _("cannot mark dormant: the customer of card %lld has visited, so "
	                 "introduction, negotiation and test drive must all be done first "
	                 "(missing: %s)"),
	               (long long)c->id, missing);
}

sr_status sr_card_dormant(sr_db *db, int64_t card_id)
{
	sr_card_facts c;
	char now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_DORMANT, &c);
	if (st == SR_OK)
		st = dormant_allowed(db, &c);
	if (st != SR_OK || (st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = set_card(db, card_id, "dormant",
	              "UPDATE cards SET status = 'dormant', next_date = NULL, version = version + 1,"
	              " updated_at = ?1 WHERE id = ?2",
	              "sI", now, card_id);
	return sr_tx_end(db, st);
}

sr_status sr_card_reactivate(sr_db *db, int64_t card_id, const char *next_date)
{
	sr_card_facts c;
	char next[SR_DATE_LEN], now[SR_TIME_LEN];
	sr_status st = sr_card_prepare(db, card_id, SR_TR_REACTIVATE, &c);
	if (st == SR_OK && (!next_date || !*next_date))
		st = sr_fail(db, SR_USAGE, _("reactivating needs the next follow-up date (--next)"));
	if (st == SR_OK)
		st = sr_next_date_check(db, c.followup_level, next_date, next);
	if (st != SR_OK || (st = sr_tx_begin(db)) != SR_OK)
		return st;
	sr_now_text(db, now);
	st = set_card(db, card_id, "reactivate",
	              "UPDATE cards SET status = 'active', next_date = ?1, version = version + 1,"
	              " updated_at = ?2 WHERE id = ?3",
	              "ssI", next, now, card_id);
	return sr_tx_end(db, st);
}

/* ---- reassignment --------------------------------------------------------------- */

sr_status sr_card_assign(sr_db *db, const int64_t *ids, size_t n, const char *to_login)
{
	int64_t to;
	sr_role role;
	sr_status st = sr_perm_require(db, SR_ACT_ASSIGN);
	if (st != SR_OK)
		return st;
	if (n == 0)
		return sr_fail(db, SR_USAGE, _("name at least one card to reassign"));
	if (!to_login)
		return sr_fail(db, SR_USAGE, _("reassigning needs the new owner (--to LOGIN)"));
	if ((st = sr_user_id(db, to_login, &to, &role)) != SR_OK)
		return st;
	if (!sr_role_owns_cards(role))
		return sr_fail(db, SR_RULE,
		               _("cards belong to a consultant or a DCC caller; %s is a %s"), to_login,
		               _(sr_role_name(role)));
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	for (size_t i = 0; i < n && st == SR_OK; i++) {
		sr_card_facts c;
		st = sr_card_prepare(db, ids[i], SR_TR_ASSIGN, &c);
		if (st != SR_OK || c.owner_id == to)
			continue;
		st = set_card(db, ids[i], "assign",
		              "UPDATE cards SET owner_id = ?1, version = version + 1, updated_at = ?2"
		              " WHERE id = ?3",
		              "IsI", to, now, ids[i]);
		if (st == SR_OK)
			st = sr_assignment_write(db, ids[i], c.owner_id, to, "reassign");
	}
	return sr_tx_end(db, st);
}

/* ---- merge ----------------------------------------------------------------------- */

static sr_status merge_check(sr_db *db, int64_t survivor, const int64_t *ids, size_t n)
{
	sr_card_facts c;
	for (size_t i = 0; i <= n; i++) {
		int64_t id = i == 0 ? survivor : ids[i - 1];
		sr_status st = sr_card_prepare(db, id, SR_TR_MERGE, &c);
		if (st != SR_OK)
			return st;
		if (c.type == SR_CUSTOMER_WHOLESALE)
			return sr_fail(db, SR_RULE,
			               _("cannot merge card %lld: it is a wholesale card; wholesale cards "
			                 "are never merged"),
			               (long long)id);
		if (c.has_order)
			return sr_fail(db, SR_RULE,
			               _("cannot merge card %lld: it has an order; cards with an order "
			                 "are never merged"),
			               (long long)id);
		if (i > 0 && c.loss_pending)
			return sr_fail(db, SR_RULE,
			               _("cannot merge card %lld: it has a pending loss request; decide "
			                 "it first"),
			               (long long)id);
		if (i > 0 && id == survivor)
			return sr_fail(db, SR_USAGE, _("card %lld cannot be merged into itself"),
			               (long long)id);
		for (size_t j = 0; j + 1 < i; j++)
			if (ids[j] == id)
				return sr_fail(db, SR_USAGE, _("card %lld is named twice"), (long long)id);
	}
	return SR_OK;
}

/* Move what belongs to the customer to the survivor: follow-ups (with their
 * visits), traffic links and appointments. The sales steps and answers the
 * merged card knew are kept on the survivor. */
static sr_status merge_one(sr_db *db, int64_t survivor, int64_t merged, const char *now)
{
	sr_status st = sr_exec(db, "UPDATE followups SET card_id = ?1 WHERE card_id = ?2", "II",
	                       survivor, merged);
	if (st == SR_OK)
		st = sr_exec(db, "UPDATE traffic SET card_id = ?1, version = version + 1"
		                 " WHERE card_id = ?2", "II", survivor,
		             merged);
	if (st == SR_OK)
		st = sr_exec(db, "UPDATE appointments SET card_id = ?1, version = version + 1"
		                 " WHERE card_id = ?2", "II",
		             survivor, merged);
	if (st == SR_OK)
		st = set_card(db, survivor, "merge",
		              "UPDATE cards SET (step_intro, step_negotiation, step_test_drive,"
		              " ans_budget, ans_current, ans_usage, ans_compare, ans_payment, ans_addons,"
		              " ans_use_date) = (SELECT max(s.step_intro, m.step_intro),"
		              " max(s.step_negotiation, m.step_negotiation),"
		              " max(s.step_test_drive, m.step_test_drive),"
		              " CASE s.ans_budget WHEN '' THEN m.ans_budget ELSE s.ans_budget END,"
		              " CASE s.ans_current WHEN '' THEN m.ans_current ELSE s.ans_current END,"
		              " CASE s.ans_usage WHEN '' THEN m.ans_usage ELSE s.ans_usage END,"
		              " CASE s.ans_compare WHEN '' THEN m.ans_compare ELSE s.ans_compare END,"
		              " CASE s.ans_payment WHEN '' THEN m.ans_payment ELSE s.ans_payment END,"
		              " CASE s.ans_addons WHEN '' THEN m.ans_addons ELSE s.ans_addons END,"
		              " CASE s.ans_use_date WHEN '' THEN m.ans_use_date ELSE s.ans_use_date END"
		              " FROM cards s, cards m WHERE s.id = ?1 AND m.id = ?2),"
		              " version = version + 1, updated_at = ?3 WHERE id = ?1",
		              "IIs", survivor, merged, now);
	if (st == SR_OK)
		st = set_card(db, merged, "merged",
		              "UPDATE cards SET merged_into = ?1, version = version + 1, updated_at = ?2"
		              " WHERE id = ?3",
		              "IsI", survivor, now, merged);
	if (st == SR_OK)
		st = sr_exec(db,
		             "INSERT INTO merges(survivor_id, merged_id, merged_by, merged_at)"
		             " VALUES (?1, ?2, ?3, ?4)",
		             "IIIs", survivor, merged, db->actor_id, now);
	return st;
}

sr_status sr_card_merge(sr_db *db, int64_t survivor, const int64_t *ids, size_t n)
{
	sr_status st = sr_perm_require(db, SR_ACT_MERGE);
	if (st != SR_OK)
		return st;
	if (n == 0)
		return sr_fail(db, SR_USAGE, _("name the survivor and at least one card to merge"));
	if ((st = merge_check(db, survivor, ids, n)) != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	for (size_t i = 0; i < n && st == SR_OK; i++)
		st = merge_one(db, survivor, ids[i], now);
	return sr_tx_end(db, st);
}
