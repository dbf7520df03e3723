/* card_file.c — filing a customer card. Status changes after filing live
 * in lifecycle.c, edits in card_edit.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"
#include "card_int.h"

/* ---- filing ---------------------------------------------------------- */

static sr_status check_time_not_future(sr_db *db, const char *field, const char *in,
                                       char out[SR_TIME_LEN])
{
	if (!in) {
		sr_now_text(db, out);
		return SR_OK;
	}
	return sr_time_past(db, field, in, false, out);
}

/* Everything a filing needs, resolved before the transaction starts. */
struct filing {
	char phone[SR_PHONE_MAX];
	char level;
	sr_channel channel;
	int64_t source_id, model_id, owner_id, traffic_id;
	char owner_login[SR_LOGIN_MAX];
	char followup_level[SR_CODE_MAX];
	char next[SR_DATE_LEN];
	char expected[SR_DATE_LEN];
	char at[SR_TIME_LEN];
	bool wholesale;
	bool distribute;        /* owner chosen by the DCC rule inside the transaction */
};

/* A new DCC lead: a phone-channel card filed without an owner by the DCC
 * or by someone who owns no cards (reception, a manager). A call the filer
 * answered (filed from its traffic row) stays with a filer who owns cards:
 * the inbound caller has already made the first contact. */
static bool dcc_lead(const sr_db *db, const sr_card_filing *in, const struct filing *f)
{
	if (in->wholesale || f->channel != SR_CHANNEL_PHONE)
		return false;
	if (in->traffic_id && sr_role_owns_cards(db->actor_role))
		return false;
	return db->actor_team == SR_TEAM_DCC || !sr_role_owns_cards(db->actor_role);
}

static sr_status resolve_owner(sr_db *db, const sr_card_filing *in, int64_t traffic_consultant,
                               struct filing *f)
{
	char wholesale_owner[SR_LOGIN_MAX] = "";
	const char *login = in->owner;
	if (in->wholesale) {
		sr_setting_get(db, "wholesale_owner", wholesale_owner, sizeof wholesale_owner);
		if (*wholesale_owner)
			login = wholesale_owner;
	}
	sr_role role;
	if (login) {
		sr_status st = sr_user_id(db, login, &f->owner_id, &role);
		if (st != SR_OK)
			return st;
		if (f->owner_id != db->actor_id && sr_perm_scope(db->actor_role) == SR_SCOPE_OWN &&
		    !*wholesale_owner)
			return sr_fail(db, SR_PERM,
			               _("permission denied: a %s files cards for themselves only; "
			                 "a manager or the reception may file for %s"),
			               _(sr_role_name(db->actor_role)), login);
	} else if (traffic_consultant) {
		f->owner_id = traffic_consultant;
		sr_user u;
		if (sr_user_by_id(db, f->owner_id, &u) != SR_OK)
			return SR_NOTFOUND;
		role = u.role;
	} else if (dcc_lead(db, in, f)) {
		f->distribute = true;
		return SR_OK;
	} else if (sr_role_owns_cards(db->actor_role)) {
		f->owner_id = db->actor_id;
		role = db->actor_role;
	} else {
		return sr_fail(db, SR_USAGE,
		               _("a card needs an owner: name the consultant or DCC caller "
		                 "(--owner LOGIN)"));
	}
	if (!sr_role_owns_cards(role))
		return sr_fail(db, SR_RULE,
		               _("cards belong to a consultant or a DCC caller; %s is a %s"),
		               login ? login : "the traffic row's consultant", _(sr_role_name(role)));
	return SR_OK;
}

static sr_status resolve_traffic(sr_db *db, const sr_card_filing *in, int64_t *consultant)
{
	*consultant = 0;
	if (!in->traffic_id)
		return SR_OK;
	sr_traffic t;
	sr_status st = sr_traffic_unclaimed(db, in->traffic_id, &t);
	if (st != SR_OK)
		return st;
	sr_channel expected = t.kind == SR_TRAFFIC_WALKIN ? SR_CHANNEL_WALKIN : SR_CHANNEL_PHONE;
	if (!in->wholesale && in->channel != expected)
		return sr_fail(db, SR_RULE,
		               _("traffic row %lld is a %s: file it with channel %s"),
		               (long long)t.id, _(sr_traffic_kind_name(t.kind)), _(sr_channel_name(expected)));
	if (*t.consultant_login) {
		sr_role role;
		sr_user_id(db, t.consultant_login, consultant, &role);
	}
	return SR_OK;
}

/* A card filed from a traffic row takes the row's model and source unless
 * the filing names its own. */
static void inherit_from_traffic(sr_db *db, struct filing *f)
{
	if (!f->traffic_id)
		return;
	int64_t v = 0;
	if (!f->model_id && sr_query_int(db, &v, "SELECT coalesce(model_id, 0) FROM traffic"
	                                         " WHERE id = ?1", "I", f->traffic_id) == SR_OK)
		f->model_id = v;
	if (!f->source_id && sr_query_int(db, &v, "SELECT coalesce(source_id, 0) FROM traffic"
	                                          " WHERE id = ?1", "I", f->traffic_id) == SR_OK)
		f->source_id = v;
}

/* The typed fields, by the field table: name, phone, region, address,
 * gender, the answers and the expected purchase date. */
static sr_status validate_typed(sr_db *db, const sr_card_filing *in, struct filing *f)
{
	sr_status st;
	if ((st = sr_card_field_check(db, SR_FIELD_NAME, in->name, NULL, NULL)) != SR_OK)
		return st;
	if (!sr_phone_normalize(in->phone, f->phone))
		return sr_fail(db, SR_BADINPUT,
		               _("phone '%s' is not a phone number: 5 to 20 digits, spaces, dashes "
		                 "and a leading +86 allowed"),
		               in->phone ? in->phone : "");
	if ((unsigned)in->channel > SR_CHANNEL_OUTREACH)
		return sr_fail(db, SR_BADINPUT, _("channel must be walkin, phone or outreach"));
	f->channel = in->wholesale ? SR_CHANNEL_OUTREACH : in->channel;
	f->wholesale = in->wholesale;
	f->level = in->level ? in->level : 'N';
	sr_level_change lc = {SR_LEVEL_AT_FILING, 0, 0, f->level, sr_answers_mask(in->answers)};
	if ((st = sr_level_check(db, &lc)) != SR_OK)
		return st;
	if (in->file_as != SR_FILE_ACTIVE && in->file_as != SR_FILE_ORDER &&
	    in->file_as != SR_FILE_SOLD)
		return sr_fail(db, SR_BADINPUT, _("a new card is active, order or sold"));
	if ((st = sr_card_field_check(db, SR_FIELD_REGION, in->region, NULL, NULL)) != SR_OK ||
	    (st = sr_card_field_check(db, SR_FIELD_ADDRESS, in->address, NULL, NULL)) != SR_OK ||
	    (st = sr_card_field_check(db, SR_FIELD_GENDER, in->gender, NULL, NULL)) != SR_OK)
		return st;
	for (int i = 0; i < SR_ANS_COUNT; i++)
		if ((st = sr_card_field_check(db, SR_FIELD_ANSWER0 + i, in->answers[i], NULL, NULL)) !=
		    SR_OK)
			return st;
	return SR_OK;
}

/* Source, model and campaign; the dates; the follow-up level and the next
 * date it allows. */
static sr_status validate_refs(sr_db *db, const sr_card_filing *in, struct filing *f)
{
	sr_status st;
	if (in->source) {
		sr_source s;
		if ((st = sr_source_find(db, in->source, &s)) != SR_OK)
			return st;
		f->source_id = s.id;
	}
	if (in->model) {
		sr_model m;
		if ((st = sr_model_find(db, in->model, &m)) != SR_OK)
			return st;
		f->model_id = m.id;
	}
	if (in->expected_purchase &&
	    (st = sr_card_field_check(db, SR_FIELD_EXPECTED, in->expected_purchase, NULL,
	                              f->expected)) != SR_OK)
		return st;
	if ((st = check_time_not_future(db, _("filing time"), in->at, f->at)) != SR_OK)
		return st;
	if (in->followup_level)
		sr_copy(f->followup_level, sizeof f->followup_level, in->followup_level);
	else if ((st = sr_followup_level_default(db, f->level, f->followup_level)) != SR_OK)
		return st;
	if (in->file_as != SR_FILE_SOLD &&
	    (st = sr_next_date_check(db, f->followup_level, in->next_date, f->next)) != SR_OK)
		return st;
	if (in->file_as == SR_FILE_SOLD) {
		/* a sold card has no next follow-up date; check the level exists */
		sr_followup_level lv;
		if ((st = sr_followup_level_get(db, f->followup_level, &lv)) != SR_OK)
			return st;
		sr_today_text(db, f->next); /* placeholder while it passes through 'order' */
	}
	if (in->campaign_id && (st = sr_campaign_check(db, in->campaign_id)) != SR_OK)
		return st;
	return SR_OK;
}

static sr_status validate_filing(sr_db *db, const sr_card_filing *in, struct filing *f)
{
	sr_status st;
	memset(f, 0, sizeof *f);
	if ((st = validate_typed(db, in, f)) != SR_OK || (st = validate_refs(db, in, f)) != SR_OK)
		return st;
	int64_t traffic_consultant;
	if ((st = resolve_traffic(db, in, &traffic_consultant)) != SR_OK)
		return st;
	f->traffic_id = in->traffic_id;
	inherit_from_traffic(db, f);
	if ((st = resolve_owner(db, in, traffic_consultant, f)) != SR_OK)
		return st;
	if (!in->new_opportunity && (st = sr_card_check_duplicate(db, f->phone, 0)) != SR_OK)
		return st;
	return SR_OK;
}

static const char INSERT_CARD_SQL[] =
	"INSERT INTO cards(name, phone, gender, region, address, customer_type, channel, source_id,"
	" model_id, filed_at, filed_by, owner_id, level, level_at_filing, followup_level,"
	" expected_purchase, status, ans_budget, ans_current, ans_usage, ans_compare, ans_payment,"
	" ans_addons, ans_use_date, next_date, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14, ?15, 'active',"
	" ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?10)";

static sr_status insert_card(sr_db *db, const sr_card_filing *in, const struct filing *f,
                             int64_t *id)
{
	const char *const *a = in->answers;
#define ANS(i) (a[i] ? a[i] : "")
	sr_status st = sr_exec(db, INSERT_CARD_SQL, "ssssssszzsIIcssssssssss", in->name, f->phone,
	                       in->gender ? in->gender : "", in->region ? in->region : "",
	                       in->address ? in->address : "",
	                       f->wholesale ? "wholesale" : "retail", sr_channel_name(f->channel),
	                       f->source_id, f->model_id, f->at, db->actor_id, f->owner_id,
	                       (int)f->level, f->followup_level, *f->expected ? f->expected : NULL,
	                       ANS(0), ANS(1), ANS(2), ANS(3), ANS(4), ANS(5), ANS(6), f->next);
#undef ANS
	if (st != SR_OK)
		return st;
	*id = sqlite3_last_insert_rowid(db->h);
	return SR_OK;
}

static sr_status distribute(sr_db *db, struct filing *f)
{
	char source[SR_CODE_MAX] = "";
	if (f->source_id)
		sr_query_text(db, source, sizeof source, "SELECT code FROM sources WHERE id = ?1", "I",
		              f->source_id);
	return sr_dcc_pick_caller(db, source, &f->owner_id);
}

sr_status sr_card_file(sr_db *db, const sr_card_filing *in, int64_t *id_out)
{
	struct filing f;
	sr_status st = sr_perm_require(db, SR_ACT_CARD_FILE);
	if (st == SR_OK && in->file_as != SR_FILE_ACTIVE)
		st = sr_perm_require(db, SR_ACT_ORDER);
	if (st == SR_OK)
		st = validate_filing(db, in, &f);
	if (st != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	int64_t id = 0;
	if (f.distribute)
		st = distribute(db, &f);
	if (st == SR_OK)
		st = insert_card(db, in, &f, &id);
	if (st == SR_OK && f.traffic_id)
		st = sr_traffic_claim(db, f.traffic_id, id, SR_RESULT_FILED);
	if (st == SR_OK)
		st = sr_assignment_write(db, id, 0, f.owner_id, f.wholesale ? "wholesale" : "file");
	if (st == SR_OK && in->campaign_id)
		st = sr_exec(db, "UPDATE cards SET campaign_id = ?1 WHERE id = ?2", "II",
		             in->campaign_id, id);
	if (st == SR_OK)
		st = sr_audit_card(db, "file", id, NULL);
	if (st == SR_OK && in->file_as != SR_FILE_ACTIVE) {
		sr_order_input o = {.deposit_cents = in->deposit_cents, .vin = in->vin};
		st = sr_order_add(db, id, &o, NULL);
		if (st == SR_OK)
			st = sr_exec(db, "UPDATE cards SET level_at_filing = 'O' WHERE id = ?1", "I", id);
		if (st == SR_OK && in->file_as == SR_FILE_SOLD)
			st = sr_order_deliver(db, id);
	}
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

/* ---- leads filed together (the import) --------------------------------- */

static const char LEAD_TABLE_SQL[] =
	"CREATE TEMP TABLE IF NOT EXISTS lead_stage(n INTEGER PRIMARY KEY, name TEXT, phone TEXT,"
	" region TEXT, source_id INTEGER, model_id INTEGER, owner_id INTEGER)";
/* Without it the batch's own duplicate check reads every earlier lead for
 * each lead: 50 million comparisons a batch of 10 000. */
static const char LEAD_INDEX_SQL[] =
	"CREATE INDEX IF NOT EXISTS temp.lead_stage_phone ON lead_stage(phone)";
static const char LEAD_STAGE_SQL[] =
	"INSERT INTO temp.lead_stage(n, name, phone, region, source_id, model_id, owner_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* The duplicate-phone rule for the whole batch: a phone that has a
 * following card, or that comes twice. */
static const char LEAD_DUPLICATE_SQL[] =
	"SELECT s.phone FROM temp.lead_stage s WHERE EXISTS (SELECT 1 FROM cards c"
	" WHERE c.phone = s.phone AND " SR_FOLLOWING_SQL ")"
	" OR EXISTS (SELECT 1 FROM temp.lead_stage t WHERE t.phone = s.phone AND t.n < s.n)"
	" ORDER BY s.n LIMIT 1";
/* The cards as sr_card_file writes a phone lead: ?1 the highest card id so
 * far, ?2 now, ?3 the filer, ?4 the level, ?5 the follow-up level, ?6 the
 * next date, ?7 the assignment's reason. */
static const char LEADS_FILE_SQL[] =
	"INSERT INTO cards(id, name, phone, region, channel, source_id, model_id, filed_at,"
	" filed_by, owner_id, level, level_at_filing, followup_level, status, next_date,"
	" updated_at)"
	" SELECT ?1 + n, name, phone, region, 'phone', source_id, model_id, ?2, ?3, owner_id, ?4,"
	" ?4, ?5, 'active', ?6, ?2 FROM temp.lead_stage ORDER BY n";
static const char LEADS_ASSIGN_SQL[] =
	"INSERT INTO assignments(card_id, from_user, to_user, by_user, at, reason)"
	" SELECT ?1 + n, NULL, owner_id, ?3, ?2, ?7 FROM temp.lead_stage ORDER BY n";
/* The name pieces cards_grams_insert (schema 010) writes for each card,
 * for the whole batch. */
static const char LEADS_GRAMS_SQL[] =
	"INSERT OR IGNORE INTO card_grams(gram, card_id)"
	" SELECT lower(substr(s.name, p.n, 2)), ?1 + s.n FROM temp.lead_stage s"
	" JOIN gram_pos p ON p.n <= length(s.name)";

/* Filing's checks of one lead that need no database. */
static sr_status lead_check(sr_db *db, const sr_lead_card *l, char level)
{
	char phone[SR_PHONE_MAX];
	sr_level_change lc = {SR_LEVEL_AT_FILING, 0, 0, level, 0};
	sr_status st = sr_card_field_check(db, SR_FIELD_NAME, l->name, NULL, NULL);
	if (st == SR_OK)
		st = sr_card_field_check(db, SR_FIELD_REGION, l->region, NULL, NULL);
	if (st == SR_OK && (!sr_phone_normalize(l->phone, phone) || strcmp(phone, l->phone)))
		st = sr_fail(db, SR_BADINPUT, _("phone '%s' is not a phone number"), l->phone);
	if (st == SR_OK)
		st = sr_level_check(db, &lc);
	return st;
}

static sr_status leads_stage(sr_db *db, const sr_lead_card *leads, int n, char level)
{
	sr_status st = sr_exec(db, LEAD_TABLE_SQL, NULL);
	if (st == SR_OK)
		st = sr_exec(db, LEAD_INDEX_SQL, NULL);
	if (st == SR_OK)
		st = sr_exec(db, "DELETE FROM temp.lead_stage", NULL);
	for (int i = 0; i < n && st == SR_OK; i++) {
		const sr_lead_card *l = &leads[i];
		if ((st = lead_check(db, l, level)) == SR_OK)
			st = sr_exec(db, LEAD_STAGE_SQL, "issszzz", i + 1, l->name, l->phone,
			             l->region ? l->region : "", l->source_id, l->model_id, l->owner_id);
	}
	if (st != SR_OK)
		return st;
	char phone[SR_PHONE_MAX];
	st = sr_query_text(db, phone, sizeof phone, LEAD_DUPLICATE_SQL, NULL);
	if (st == SR_NOTFOUND)
		return SR_OK;
	if (st == SR_OK && (st = sr_card_check_duplicate(db, phone, 0)) == SR_OK)
		st = sr_fail(db, SR_RULE, _("phone %s comes twice in one batch"), phone);
	return st;
}

/* The trigger that cuts each new name into pieces runs a sub-program per
 * card, which costs twice what writing the pieces does: it is set aside
 * while the cards go in, the pieces are written with one statement, then
 * it is made again. All inside the caller's IMMEDIATE transaction: no
 * other connection ever sees the table without its trigger, and a refusal
 * rolls it back, trigger included. */
static sr_status leads_write(sr_db *db, const char *trigger, const char *reason, int64_t base,
                             char level, const char *fl, const char *next)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	sr_status st = trigger ? sr_exec(db, "DROP TRIGGER cards_grams_insert", NULL) : SR_OK;
	if (st == SR_OK)
		st = sr_exec(db, LEADS_FILE_SQL, "IsIcss", base, now, db->actor_id, (int)level, fl,
		             next);
	if (st == SR_OK)
		st = sr_exec(db, LEADS_ASSIGN_SQL, "IsIcsss", base, now, db->actor_id, (int)level, fl,
		             next, reason);
	if (st == SR_OK && trigger)
		st = sr_exec(db, LEADS_GRAMS_SQL, "I", base);
	if (st == SR_OK && trigger) {
		int rc = sqlite3_exec(db->h, trigger, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = sr_sqlite_fail(db, rc, _("saving"));
	}
	return st;
}

sr_status sr_card_file_leads(sr_db *db, const sr_lead_card *leads, int n, const char *reason,
                             int64_t *first_id)
{
	const char level = 'N';
	char fl[SR_CODE_MAX], next[SR_DATE_LEN], trigger[2048] = "";
	int64_t base = 0;
	sr_status st = sr_followup_level_default(db, level, fl);
	if (st == SR_OK)
		st = sr_next_date_check(db, fl, NULL, next);
	if (st == SR_OK)
		st = leads_stage(db, leads, n, level);
	if (st == SR_OK)
		st = sr_query_int(db, &base, "SELECT coalesce(max(id), 0) FROM cards", NULL);
	if (st == SR_OK) {
		st = sr_query_text(db, trigger, sizeof trigger,
		                   "SELECT sql FROM sqlite_master WHERE type = 'trigger'"
		                   " AND name = 'cards_grams_insert'", NULL);
		if (st == SR_NOTFOUND || !strstr(trigger, "card_grams"))
			*trigger = '\0';
		st = st == SR_NOTFOUND ? SR_OK : st;
	}
	if (st == SR_OK)
		st = leads_write(db, *trigger ? trigger : NULL, reason, base, level, fl, next);
	if (st == SR_OK)
		*first_id = base + 1;
	return st;
}
