/* card.c — the customer card: names of its enumerations, phone numbers,
 * filing, reading, editing, search and history. Status changes after
 * filing live in lifecycle.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ---- enumerations ---------------------------------------------------- */

static const char *const channel_names[] = {"walkin", "phone", "outreach"};
/* Display labels: English msgids, the staff's terms in zh_CN.po (进店, 电话, 外拓). */
static const char *const channel_labels[] = {N_("Walk-in"), N_("Phone"), N_("Outreach")};
static const char *const status_names[] = {"active", "order", "dormant", "sold", "lost"};
static const char *const status_labels[] = {N_("Active"), N_("Order"), N_("Dormant"), N_("Sold"),
                                            N_("Lost")};

static const char *const answer_keys[] = {
#define SR_ANSWER_KEY(id, key, column, zh) key,
	SR_ANSWER_LIST(SR_ANSWER_KEY)
#undef SR_ANSWER_KEY
};
/* In SR_ANSWER_LIST order; the Chinese terms there are the translations. */
static const char *const answer_labels[SR_ANS_COUNT] = {
	N_("Budget"),           N_("Current vehicle"),   N_("Usage and driving"),
	N_("Models compared"),  N_("Payment and funds"), N_("Accessories"),
	N_("Planned use date"),
};

static bool parse_name(const char *text, const char *const *names, int n, int *out)
{
	int i = sr_name_index(text, names, n);
	if (i >= 0)
		*out = i;
	return i >= 0;
}

const char *sr_channel_name(sr_channel c)
{
	return (unsigned)c < 3 ? channel_names[c] : "?";
}

const char *sr_channel_label(sr_channel c)
{
	return (unsigned)c < 3 ? _(channel_labels[c]) : "?";
}

bool sr_channel_parse(const char *text, sr_channel *out)
{
	int i;
	if (!parse_name(text, channel_names, 3, &i))
		return false;
	*out = (sr_channel)i;
	return true;
}

const char *sr_card_status_name(sr_card_status s)
{
	return (unsigned)s < 5 ? status_names[s] : "?";
}

const char *sr_card_status_label(sr_card_status s)
{
	return (unsigned)s < 5 ? _(status_labels[s]) : "?";
}

bool sr_card_status_parse(const char *text, sr_card_status *out)
{
	int i;
	if (!parse_name(text, status_names, 5, &i))
		return false;
	*out = (sr_card_status)i;
	return true;
}

sr_card_status sr_card_status_from_db(const char *text)
{
	sr_card_status s = SR_STATUS_ACTIVE;
	sr_card_status_parse(text, &s);
	return s;
}

bool sr_card_status_following(sr_card_status s)
{
	return s == SR_STATUS_ACTIVE || s == SR_STATUS_ORDER || s == SR_STATUS_DORMANT;
}

const char *sr_answer_key(sr_answer a)
{
	return (unsigned)a < SR_ANS_COUNT ? answer_keys[a] : "?";
}

const char *sr_answer_label(sr_answer a)
{
	return (unsigned)a < SR_ANS_COUNT ? _(answer_labels[a]) : "?";
}

bool sr_answer_parse(const char *key, sr_answer *out)
{
	int i;
	if (!parse_name(key, answer_keys, SR_ANS_COUNT, &i))
		return false;
	*out = (sr_answer)i;
	return true;
}

bool sr_level_valid(char level)
{
	return level && strchr("OHABCN", level) != NULL;
}

int sr_level_rank(char level)
{
	const char *p = level ? strchr("OHABCN", level) : NULL;
	return p ? (int)(p - "OHABCN") : 6;
}

/* ---- phone numbers --------------------------------------------------- */

bool sr_phone_normalize(const char *in, char out[SR_PHONE_MAX])
{
	char digits[64];
	size_t n = 0;
	if (!in)
		return false;
	const char *p = in;
	while (*p == ' ')
		p++;
	if (*p == '+') {
		if (strncmp(p, "+86", 3) != 0)
			return false;  /* only mainland numbers are expected */
		p += 3;
	} else if (strncmp(p, "0086", 4) == 0) {
		p += 4;
	}
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof digits)
				return false;
			digits[n++] = *p;
		} else if (!strchr(" -.()", *p)) {
			return false;
		}
	}
	digits[n] = '\0';
	if (n < 5 || n > 20)
		return false;
	memcpy(out, digits, n + 1);
	return true;
}

void sr_phone_mask(const char *phone, char out[SR_PHONE_MAX])
{
	size_t n = strlen(phone);
	if (n >= SR_PHONE_MAX)
		n = SR_PHONE_MAX - 1;
	memcpy(out, phone, n);
	out[n] = '\0';
	if (n >= 11) {
		for (size_t i = 3; i < n - 4; i++)
			out[i] = '*';
	} else if (n > 4) {
		for (size_t i = 0; i < n - 4; i++)
			out[i] = '*';
	}
}

/* ---- facts for the rules -------------------------------------------- */

/* Showroom visits of card c: each showroom-reception follow-up, plus the
 * walk-in filing visit of the card itself and of every card merged into
 * it (visits move to the survivor). */
#define SR_VISITS_SQL                                                                    \
	"((SELECT count(*) FROM followups f WHERE f.card_id = c.id AND f.method = 'reception')" \
	" + (c.channel = 'walkin') + (SELECT count(*) FROM cards mc WHERE mc.merged_into = c.id" \
	" AND mc.channel = 'walkin'))"

static const char FACTS_SQL[] =
	"SELECT c.id, c.owner_id, coalesce(c.merged_into, 0), c.version, c.status, c.level,"
	" c.channel, c.customer_type, c.filed_at, c.followup_level,"
	" c.step_intro, c.step_negotiation, c.step_test_drive,"
	" (c.ans_budget <> '' AND c.ans_current <> '' AND c.ans_usage <> '' AND c.ans_compare <> ''"
	"  AND c.ans_payment <> '' AND c.ans_addons <> '' AND c.ans_use_date <> ''),"
	" " SR_VISITS_SQL ","
	" EXISTS (SELECT 1 FROM loss_requests l WHERE l.card_id = c.id AND l.status = 'pending'),"
	" EXISTS (SELECT 1 FROM orders o WHERE o.card_id = c.id AND o.status IN ('open','delivered'))"
	" FROM cards c WHERE c.id = ?1";

sr_status sr_card_facts_get(sr_db *db, int64_t card_id, sr_card_facts *out)
{
	sqlite3_stmt *st = sr_stmt(db, FACTS_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_int64(st, 1, card_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sr_stmt_done(st);
		if (rc == SQLITE_DONE)
			return sr_fail(db, SR_NOTFOUND, _("card %lld not found"), (long long)card_id);
		return sr_sqlite_fail(db, rc, _("reading the card"));
	}
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->owner_id = sqlite3_column_int64(st, 1);
	out->merged_into = sqlite3_column_int64(st, 2);
	out->version = sqlite3_column_int64(st, 3);
	out->status = sr_card_status_from_db((const char *)sqlite3_column_text(st, 4));
	out->level = ((const char *)sqlite3_column_text(st, 5))[0];
	sr_channel_parse((const char *)sqlite3_column_text(st, 6), &out->channel);
	out->type = strcmp((const char *)sqlite3_column_text(st, 7), "wholesale") == 0
	                    ? SR_CUSTOMER_WHOLESALE
	                    : SR_CUSTOMER_RETAIL;
	sr_col_text(st, 8, out->filed_at, sizeof out->filed_at);
	sr_col_text(st, 9, out->followup_level, sizeof out->followup_level);
	out->intro = sqlite3_column_int(st, 10);
	out->negotiation = sqlite3_column_int(st, 11);
	out->test_drive = sqlite3_column_int(st, 12);
	out->answers_complete = sqlite3_column_int(st, 13);
	out->visits = sqlite3_column_int(st, 14);
	out->loss_pending = sqlite3_column_int(st, 15);
	out->has_order = sqlite3_column_int(st, 16);
	sr_stmt_done(st);
	return SR_OK;
}

/* ---- next follow-up date -------------------------------------------- */

sr_status sr_next_date_check(sr_db *db, const char *followup_level, const char *next,
                             char out[SR_DATE_LEN])
{
	sr_followup_level lv;
	sr_status st = sr_followup_level_get(db, followup_level, &lv);
	if (st != SR_OK)
		return st;
	sr_date today = sr_db_today(db);
	sr_date lo = today + lv.min_days, hi = today + lv.max_days;
	if (!next || !*next) {
		sr_date_format(lo, out);
		return SR_OK;
	}
	sr_date d;
	if (!sr_date_parse(next, &d))
		return sr_fail(db, SR_BADINPUT, _("next follow-up date '%s': expected YYYY-MM-DD"),
		               next);
	if (d < lo || d > hi) {
		char a[SR_DATE_LEN], b[SR_DATE_LEN];
		sr_date_format(lo, a);
		sr_date_format(hi, b);
		return sr_fail(db, SR_RULE,
		               _("next follow-up date %s is outside follow-up level %s (%s): "
		                 "allowed from %s to %s"),
		               next, lv.code, lv.name, a, b);
	}
	sr_date_format(d, out);
	return SR_OK;
}

sr_status sr_assignment_write(sr_db *db, int64_t card_id, int64_t from, int64_t to,
                              const char *reason)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	return sr_exec(db,
	               "INSERT INTO assignments(card_id, from_user, to_user, by_user, at, reason)"
	               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	               "IzIIss", card_id, from, to, db->actor_id, now, reason);
}

/* ---- filing ---------------------------------------------------------- */

static sr_status check_text(sr_db *db, const char *field, const char *value, int max,
                            bool required)
{
	return sr_check_text(db, field, value, max, required, false);
}

static sr_status check_time_not_future(sr_db *db, const char *field, const char *in,
                                       char out[SR_TIME_LEN])
{
	sr_time t;
	if (!in) {
		sr_now_text(db, out);
		return SR_OK;
	}
	if (!sr_time_parse(in, &t))
		return sr_fail(db, SR_BADINPUT, _("%s '%s': expected YYYY-MM-DD[ HH:MM[:SS]]"), field,
		               in);
	if (t > sr_db_now(db))
		return sr_fail(db, SR_RULE, _("%s %s is in the future"), field, in);
	sr_time_format(t, out);
	return SR_OK;
}

static sr_status missing_answers(sr_db *db, const char *const answers[SR_ANS_COUNT],
                                 const char *what)
{
	char missing[256] = "";
	for (int i = 0; i < SR_ANS_COUNT; i++) {
		if (answers[i] && *answers[i])
			continue;
		size_t len = strlen(missing);
		snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "",
		         sr_answer_key((sr_answer)i));
	}
	if (!*missing)
		return SR_OK;
	return sr_fail(db, SR_RULE,
	               _("%s level H: H needs all seven key questions answered; missing: %s"),
	               what, missing);
}

static const char DUPLICATE_SQL[] =
	"SELECT c.id, c.name, u.login FROM cards c JOIN users u ON u.id = c.owner_id"
	" WHERE c.phone = ?1 AND c.status IN ('active','order','dormant') AND c.merged_into IS NULL"
	" AND c.id <> ?2 ORDER BY c.id LIMIT 1";

sr_status sr_card_check_duplicate(sr_db *db, const char *phone, int64_t except_id)
{
	sqlite3_stmt *st = sr_stmt(db, DUPLICATE_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_text(st, 1, phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, except_id);
	sr_status res = SR_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		res = sr_fail(db, SR_RULE,
		              _("phone %s already has following card %lld (%s, owner %s): add a "
		                "follow-up to that card, or file it as a new opportunity for a "
		                "second vehicle"),
		              phone, (long long)sqlite3_column_int64(st, 0),
		              (const char *)sqlite3_column_text(st, 1),
		              (const char *)sqlite3_column_text(st, 2));
	sr_stmt_done(st);
	return res;
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
		sr_query_text(db, wholesale_owner, sizeof wholesale_owner,
		              "SELECT value FROM settings WHERE key = 'wholesale_owner'", NULL);
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
	sr_status st = sr_traffic_get(db, in->traffic_id, &t);
	if (st != SR_OK)
		return st;
	if (t.result != SR_RESULT_NONE)
		return sr_fail(db, SR_RULE,
		               _("traffic row %lld is already linked to card %lld (%s): a row files "
		                 "or follows up one card"),
		               (long long)t.id, (long long)t.card_id,
		               _(sr_traffic_result_name(t.result)));
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

static sr_status validate_filing(sr_db *db, const sr_card_filing *in, struct filing *f)
{
	sr_status st;
	memset(f, 0, sizeof *f);
	if ((st = check_text(db, _("name"), in->name, 32, true)) != SR_OK)
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
	if (!sr_level_valid(f->level))
		return sr_fail(db, SR_BADINPUT, _("level '%c': expected one of H, A, B, C, N"),
		               f->level);
	if (f->level == 'O')
		return sr_fail(db, SR_RULE,
		               _("level O is set by signing an order, not by hand: file the card "
		                 "with an order (--status order) instead"));
	if (in->file_as != SR_FILE_ACTIVE && in->file_as != SR_FILE_ORDER &&
	    in->file_as != SR_FILE_SOLD)
		return sr_fail(db, SR_BADINPUT, _("a new card is active, order or sold"));
	if ((st = check_text(db, _("region"), in->region, 64, false)) != SR_OK ||
	    (st = check_text(db, _("address"), in->address, 128, false)) != SR_OK)
		return st;
	if (in->gender && *in->gender && strcmp(in->gender, "M") && strcmp(in->gender, "F"))
		return sr_fail(db, SR_BADINPUT, _("gender '%s': expected M or F"), in->gender);
	for (int i = 0; i < SR_ANS_COUNT; i++)
		if ((st = check_text(db, sr_answer_key((sr_answer)i), in->answers[i], 200, false)) !=
		    SR_OK)
			return st;
	if (f->level == 'H' && (st = missing_answers(db, in->answers, _("cannot file at"))) != SR_OK)
		return st;
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
	if (in->expected_purchase) {
		sr_date d;
		if (!sr_date_parse(in->expected_purchase, &d))
			return sr_fail(db, SR_BADINPUT,
			               _("expected purchase date '%s': expected YYYY-MM-DD"),
			               in->expected_purchase);
		sr_date_format(d, f->expected);
	}
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
	if (st == SR_OK && f.traffic_id) {
		st = sr_exec(db,
		             "UPDATE traffic SET result = 'filed', card_id = ?1, version = version + 1"
		             " WHERE id = ?2 AND result = 'none'",
		             "II", id, f.traffic_id);
		if (st == SR_OK && sr_changes(db) != 1)
			st = sr_fail(db, SR_CONFLICT,
			             _("traffic row %lld was linked by someone else meanwhile"),
			             (long long)f.traffic_id);
	}
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

/* ---- reading --------------------------------------------------------- */

#define CARD_COLUMNS                                                                          \
	"c.id, c.name, c.phone, c.gender, c.region, c.address, c.customer_type, c.channel,"       \
	" coalesce(c.source_id, 0), coalesce(s.name, ''), coalesce(c.model_id, 0),"              \
	" coalesce(m.model, ''), c.filed_at, c.filed_by, c.owner_id, u.login, u.name, c.level,"  \
	" c.level_at_filing, c.followup_level, coalesce(c.expected_purchase, ''), c.status,"      \
	" c.ans_budget, c.ans_current, c.ans_usage, c.ans_compare, c.ans_payment, c.ans_addons," \
	" c.ans_use_date, c.step_intro, c.step_negotiation, c.step_test_drive,"                   \
	" coalesce(c.next_date, ''), coalesce(c.loss_reason, ''), coalesce(c.sold_at, ''),"      \
	" coalesce(c.lost_at, ''), coalesce(c.merged_into, 0), c.version, c.updated_at,"         \
	" " SR_VISITS_SQL ","                                                                      \
	" CAST(julianday(?21) - julianday(date(c.filed_at)) AS INTEGER),"                         \
	" EXISTS (SELECT 1 FROM loss_requests l WHERE l.card_id = c.id AND l.status = 'pending')" \
	" FROM cards c JOIN users u ON u.id = c.owner_id"                                         \
	" LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN models m ON m.id = c.model_id"

static const char CARD_GET_SQL[] = "SELECT " CARD_COLUMNS " WHERE c.id = ?1";

static void card_from_row(sr_db *db, sqlite3_stmt *st, sr_card *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	sr_col_text(st, 1, c->name, sizeof c->name);
	sr_col_text(st, 2, c->phone, sizeof c->phone);
	sr_col_text(st, 3, c->gender, sizeof c->gender);
	sr_col_text(st, 4, c->region, sizeof c->region);
	sr_col_text(st, 5, c->address, sizeof c->address);
	c->customer_type = strcmp((const char *)sqlite3_column_text(st, 6), "wholesale") == 0
	                           ? SR_CUSTOMER_WHOLESALE
	                           : SR_CUSTOMER_RETAIL;
	sr_channel_parse((const char *)sqlite3_column_text(st, 7), &c->channel);
	c->source_id = sqlite3_column_int64(st, 8);
	sr_col_text(st, 9, c->source, sizeof c->source);
	c->model_id = sqlite3_column_int64(st, 10);
	sr_col_text(st, 11, c->model, sizeof c->model);
	sr_col_text(st, 12, c->filed_at, sizeof c->filed_at);
	c->filed_by = sqlite3_column_int64(st, 13);
	c->owner_id = sqlite3_column_int64(st, 14);
	sr_col_text(st, 15, c->owner_login, sizeof c->owner_login);
	sr_col_text(st, 16, c->owner_name, sizeof c->owner_name);
	c->level = ((const char *)sqlite3_column_text(st, 17))[0];
	c->level_at_filing = ((const char *)sqlite3_column_text(st, 18))[0];
	sr_col_text(st, 19, c->followup_level, sizeof c->followup_level);
	sr_col_text(st, 20, c->expected_purchase, sizeof c->expected_purchase);
	c->status = sr_card_status_from_db((const char *)sqlite3_column_text(st, 21));
	for (int i = 0; i < SR_ANS_COUNT; i++)
		sr_col_text(st, 22 + i, c->answers[i], sizeof c->answers[i]);
	c->step_intro = sqlite3_column_int(st, 29);
	c->step_negotiation = sqlite3_column_int(st, 30);
	c->step_test_drive = sqlite3_column_int(st, 31);
	sr_col_text(st, 32, c->next_date, sizeof c->next_date);
	sr_col_text(st, 33, c->loss_reason, sizeof c->loss_reason);
	sr_col_text(st, 34, c->sold_at, sizeof c->sold_at);
	sr_col_text(st, 35, c->lost_at, sizeof c->lost_at);
	c->merged_into = sqlite3_column_int64(st, 36);
	c->version = sqlite3_column_int64(st, 37);
	sr_col_text(st, 38, c->updated_at, sizeof c->updated_at);
	c->visits = sqlite3_column_int(st, 39);
	c->age_days = sqlite3_column_int(st, 40);
	c->loss_pending = sqlite3_column_int(st, 41);
	if (!sr_perm_sees_phone(db, c->owner_id)) {
		char masked[SR_PHONE_MAX];
		sr_phone_mask(c->phone, masked);
		memcpy(c->phone, masked, sizeof masked);
	}
}

static void bind_clock(sr_db *db, sqlite3_stmt *st)
{
	char now[SR_TIME_LEN], today[SR_DATE_LEN];
	sr_now_text(db, now);
	sr_today_text(db, today);
	sqlite3_bind_text(st, 20, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 21, today, -1, SQLITE_TRANSIENT);
}

sr_status sr_card_get(sr_db *db, int64_t id, sr_card *out)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, id);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, CARD_GET_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	bind_clock(db, q);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		card_from_row(db, q, out);
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("card %lld not found"), (long long)id);
	if (rc != SQLITE_ROW)
		return sr_sqlite_fail(db, rc, _("reading the card"));
	return SR_OK;
}

static const char CARD_BY_PHONE_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.phone = ?1 AND c.status IN ('active','order','dormant') AND c.merged_into IS NULL"
	" ORDER BY c.id";

sr_status sr_card_by_phone(sr_db *db, const char *phone,
                           int (*fn)(void *ctx, const sr_card *c), void *ctx)
{
	char norm[SR_PHONE_MAX];
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st != SR_OK)
		return st;
	if (!sr_phone_normalize(phone, norm))
		return sr_fail(db, SR_BADINPUT, _("phone '%s' is not a phone number"), phone);
	sqlite3_stmt *q = sr_stmt(db, CARD_BY_PHONE_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_text(q, 1, norm, -1, SQLITE_TRANSIENT);
	bind_clock(db, q);
	sr_card *c = malloc(sizeof *c);
	if (!c) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "out of memory");
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		card_from_row(db, q, c);
		if (fn(ctx, c))
			break;
	}
	sr_stmt_done(q);
	free(c);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading cards"));
	return SR_OK;
}

/* ---- search ----------------------------------------------------------- */

void sr_card_filter_init(sr_card_filter *f)
{
	memset(f, 0, sizeof *f);
	f->channel = -1;
	f->min_age = -1;
	f->max_age = -1;
}

/* The filters every search shares: a NULL parameter switches its filter
 * off. ?10 scope (0 own, 1 team, 2 all), ?11 actor, ?12 actor team. */
#define SEARCH_FILTERS                                                                       \
	"   AND (?3 IS NULL OR instr(?3, c.level) > 0)"                                  \
	"   AND ((?4 >> (CASE c.status WHEN 'active' THEN 0 WHEN 'order' THEN 1 WHEN 'dormant'" \
	"        THEN 2 WHEN 'sold' THEN 3 ELSE 4 END)) & 1)"                            \
	"   AND (?5 OR c.merged_into IS NULL)"                                           \
	"   AND (?6 IS NULL OR c.channel = ?6)"                                          \
	"   AND (?7 = 0 OR c.source_id = ?7)"                                            \
	"   AND (?8 = 0 OR c.model_id = ?8)"                                             \
	"   AND (?9 = 0 OR c.owner_id = ?9)"                                             \
	"   AND (?10 = 2 OR c.owner_id = ?11 OR (?10 = 1 AND u.team = ?12))"             \
	"   AND (?13 IS NULL OR c.filed_at < ?13)"                                       \
	"   AND (?14 IS NULL OR c.filed_at >= ?14)"                                         \
	" ORDER BY c.filed_at DESC, c.id DESC LIMIT ?15 OFFSET ?16"

/* A card whose phone the actor sees whole: ?24 is whose phones they see
 * (0 own, 1 team, 2 all, sr_perm_phone_scope). Part of a phone matches only
 * these cards, or the mask could be undone by searching its start or end. */
#define PHONE_SEEN "(?24 = 2 OR c.owner_id = ?11 OR (?24 = 1 AND u.team = ?12))"

/* How the text narrows the cards (issue 7: milliseconds on a million
 * cards). Each way has its own statement so SQLite can use its index. */
enum search_way {
	SEARCH_SCAN,   /* no text, 1-3 digits, or a common character paged: every card */
	SEARCH_PHONE,  /* a whole phone: cards_phone */
	SEARCH_TAIL,   /* four digits: the phone's last four (尾号), cards_phone_tail */
	SEARCH_GRAMS,  /* two or more characters of a name: card_grams, then LIKE */
	SEARCH_CHAR,   /* one character of a name: the card_grams that begin with it */
	SEARCH_CHAR_OWNER, /* a common one among one owner's cards: cards_owner_next */
	SEARCH_DIGITS, /* 5-10 digits: the start (cards_phone) or the end of the phone */
	SEARCH_WAYS
};

static const char CARD_SEARCH_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE (?1 IS NULL OR c.name LIKE ?1 ESCAPE '\\'"
	"        OR (?2 IS NOT NULL AND c.phone LIKE ?2 AND " PHONE_SEEN "))"
	SEARCH_FILTERS;
static const char SEARCH_PHONE_SQL[] =
	"SELECT " CARD_COLUMNS " WHERE c.phone = ?17" SEARCH_FILTERS;
static const char SEARCH_TAIL_SQL[] =
	"SELECT " CARD_COLUMNS " WHERE substr(c.phone, -4) = ?17 AND " PHONE_SEEN SEARCH_FILTERS;
/* The cards holding the fragment's first and its last two characters;
 * LIKE then checks the whole fragment. */
static const char SEARCH_GRAMS_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram = ?17)"
	"   AND c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram = ?18)"
	"   AND c.name LIKE ?1 ESCAPE '\\'" SEARCH_FILTERS;
/* Every character of a name begins one of its pieces (the last stands
 * alone, schema 010): the pieces from the character (?17) up to the next
 * one (?18) are the cards that hold it. */
static const char SEARCH_CHAR_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram >= ?17 AND g.gram < ?18)"
	SEARCH_FILTERS;
/* The same among one owner's (?23) cards, walked by owner. */
static const char SEARCH_CHAR_OWNER_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.owner_id = ?23"
	"   AND c.id IN (SELECT g.card_id FROM card_grams g WHERE g.gram >= ?17 AND g.gram < ?18)"
	SEARCH_FILTERS;
/* Phones from ?17 up to ?18 (the digits with the last one raised), or
 * ending in ?19: among those with its last four (?22). (?20 and ?21 are
 * the clock's, bind_clock.) A masked phone only when it is the whole
 * number. */
static const char SEARCH_DIGITS_SQL[] =
	"SELECT " CARD_COLUMNS
	" WHERE c.id IN (SELECT p.id FROM cards p WHERE p.phone >= ?17 AND p.phone < ?18"
	"   UNION ALL SELECT p.id FROM cards p WHERE substr(p.phone, -4) = ?22"
	"   AND substr(p.phone, -length(?19)) = ?19)"
	"   AND (" PHONE_SEEN " OR c.phone = ?17)" SEARCH_FILTERS;

static const char *const search_sql[SEARCH_WAYS] = {
	CARD_SEARCH_SQL, SEARCH_PHONE_SQL, SEARCH_TAIL_SQL, SEARCH_GRAMS_SQL, SEARCH_CHAR_SQL,
	SEARCH_CHAR_OWNER_SQL, SEARCH_DIGITS_SQL,
};

struct search_params {
	enum search_way way;
	char name_like[200];
	char phone_like[32];
	char key[SR_PHONE_MAX];          /* the whole phone, its last four, or a first piece */
	char last[SR_PHONE_MAX];         /* the last piece; the end of a range of keys */
	char digits[SR_PHONE_MAX];       /* 5-10 digits */
	char phone[SR_PHONE_MAX];        /* the digits of a search by phone, for the audit */
	char before[SR_DATE_LEN], since[SR_DATE_LEN];
	int64_t source_id, model_id, owner_id;
	int64_t walk_owner;              /* SEARCH_CHAR_OWNER: whose cards */
};

/* The first and last two characters of a name fragment, lower-case as
 * card_grams keeps them; for a single character, the range of pieces that
 * begin with it: from the character to the character with its last byte
 * raised (UTF-8 orders as its code points, and SQLite compares text
 * bytewise). */
static void search_grams(const char *text, struct search_params *p)
{
	size_t len = strlen(text), start[64];
	int n = 0;
	for (size_t i = 0; i < len && n < 64; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			start[n++] = i;
	if (n == 1 && len < 8 && (unsigned char)text[len - 1] < 0xFF) {
		memcpy(p->key, text, len + 1);
		if (len == 1 && *p->key >= 'A' && *p->key <= 'Z')
			*p->key = (char)(*p->key - 'A' + 'a');
		memcpy(p->last, p->key, len + 1);
		p->last[len - 1] = (char)((unsigned char)p->last[len - 1] + 1);
		p->way = SEARCH_CHAR;
		return;
	}
	if (n < 2 || n >= 64 || len >= sizeof p->key + sizeof p->last)
		return;
	size_t first_len = n > 2 ? start[2] : len;
	size_t last_at = start[n - 2];
	if (first_len >= sizeof p->key || len - last_at >= sizeof p->last)
		return;
	memcpy(p->key, text, first_len);
	p->key[first_len] = '\0';
	memcpy(p->last, text + last_at, len - last_at);
	p->last[len - last_at] = '\0';
	for (char *s = p->key; *s; s++)
		*s = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	for (char *s = p->last; *s; s++)
		*s = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	p->way = SEARCH_GRAMS;
}

static sr_status resolve_search(sr_db *db, const sr_card_filter *f, struct search_params *p)
{
	sr_status st;
	memset(p, 0, sizeof *p);
	if (f->text && *f->text) {
		char digits[SR_PHONE_MAX];
		size_t n = 0;
		p->name_like[n++] = '%';
		for (const char *s = f->text; *s && n < sizeof p->name_like - 4; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				p->name_like[n++] = '\\';
			p->name_like[n++] = *s;
		}
		p->name_like[n++] = '%';
		p->name_like[n] = '\0';
		/* A whole mobile (or longer) number is looked up as it is;
		 * shorter numbers may be parts of longer ones. */
		if (sr_phone_normalize(f->text, digits) && strlen(digits) >= 11) {
			p->way = SEARCH_PHONE;
			sr_copy(p->key, sizeof p->key, digits);
			sr_copy(p->phone, sizeof p->phone, digits);
		} else if (strspn(f->text, "0123456789 -") == strlen(f->text)) {
			size_t k = 0;
			for (const char *s = f->text; *s && k < sizeof digits - 1; s++)
				if (*s >= '0' && *s <= '9')
					digits[k++] = *s;
			digits[k] = '\0';
			sr_copy(p->phone, sizeof p->phone, digits);
			if (k)
				snprintf(p->phone_like, sizeof p->phone_like, "%%%s%%", digits);
			if (k == 4) {
				p->way = SEARCH_TAIL;
				sr_copy(p->key, sizeof p->key, digits);
			} else if (k >= 5) {
				/* The start or the end of a phone: what a customer
				 * reads out first, or gives as a longer 尾号. */
				p->way = SEARCH_DIGITS;
				sr_copy(p->key, sizeof p->key, digits);
				sr_copy(p->last, sizeof p->last, digits);
				p->last[k - 1]++;
				sr_copy(p->digits, sizeof p->digits, digits);
			}
		} else {
			search_grams(f->text, p);
		}
	}
	if (f->source && *f->source) {
		sr_source s;
		if ((st = sr_source_find(db, f->source, &s)) != SR_OK)
			return st;
		p->source_id = s.id;
	}
	if (f->model && *f->model) {
		sr_model m;
		if ((st = sr_model_find(db, f->model, &m)) != SR_OK)
			return st;
		p->model_id = m.id;
	}
	if (f->owner && *f->owner) {
		sr_user u;
		if ((st = sr_user_by_login(db, f->owner, &u)) != SR_OK)
			return st;
		p->owner_id = u.id;
	}
	sr_date today = sr_db_today(db);
	if (f->min_age >= 0)
		sr_date_format(today - f->min_age + 1, p->before);
	if (f->max_age >= 0)
		sr_date_format(today - f->max_age, p->since);
	return SR_OK;
}

/* A common character (a surname: 张 is on one card in ten) holds too many
 * cards to read every one (about 3 µs each): among one owner's cards (a
 * consultant's own, or --owner) the owner's cards are walked instead;
 * for one page of everybody's or a team's, the cards newest first until
 * the page is full. Every card holding it is read only for all of them. */
enum { SEARCH_CHAR_MANY = 10000 };

static const char SEARCH_CHAR_COUNT_SQL[] =
	"SELECT count(*) FROM (SELECT 1 FROM card_grams WHERE gram >= ?1 AND gram < ?2 LIMIT ?3)";

static sr_status search_char_way(sr_db *db, const sr_card_filter *f, struct search_params *p)
{
	if (p->way != SEARCH_CHAR)
		return SR_OK;
	p->walk_owner = p->owner_id ? p->owner_id
	                : sr_perm_scope(db->actor_role) == SR_SCOPE_OWN ? db->actor_id : 0;
	if (!p->walk_owner && f->limit <= 0)
		return SR_OK;
	int64_t n = 0;
	sr_status st = sr_query_int(db, &n, SEARCH_CHAR_COUNT_SQL, "ssi", p->key, p->last,
	                            SEARCH_CHAR_MANY + 1);
	if (st == SR_OK && n > SEARCH_CHAR_MANY)
		p->way = p->walk_owner ? SEARCH_CHAR_OWNER : SEARCH_SCAN;
	return st;
}

/* ---- search by phone: masked numbers stay masked, and it is audited ------
 *
 * Issue 12: a receptionist saw 139****4321 and read the whole number back
 * from about a hundred searches of its start. Whoever sees a card's phone
 * masked finds the card by its whole number only; part of a number matches
 * the cards whose phone the searcher sees whole (PHONE_SEEN), and is
 * refused outright to those who see none whole, with a message saying so.
 * Every search by phone writes an audit row first, so a trawl shows. */

enum { PHONE_WHOLE_MIN = 10 }; /* a landline with its area code; a mobile is 11 */

static const char *phone_match(const struct search_params *p)
{
	switch (p->way) {
	case SEARCH_PHONE:
		return "whole";
	case SEARCH_TAIL:
		return "last four";
	case SEARCH_DIGITS:
		return "start or end";
	case SEARCH_SCAN:
		return *p->phone_like ? "anywhere" : NULL;
	default:
		return NULL;
	}
}

/* The actor sees no phone whole among the cards they reach (a receptionist
 * reaches every card and owns none). */
static bool sees_no_phone_whole(const sr_db *db)
{
	sr_scope seen = sr_perm_phone_scope(db->actor_role);
	return seen == SR_SCOPE_NONE ||
	       (seen == SR_SCOPE_OWN && !sr_role_owns_cards(db->actor_role) &&
	        sr_perm_scope(db->actor_role) != SR_SCOPE_OWN);
}

/* The same search by phone as the last one audited on this connection
 * (a screen reloading, a next page): audited once. Remembers KEY. */
static bool phone_search_repeated(sr_db *db, const char *key)
{
	bool same = db->phone_search_actor == db->actor_id &&
	            strcmp(db->phone_search_last, key) == 0;
	db->phone_search_actor = db->actor_id;
	sr_copy(db->phone_search_last, sizeof db->phone_search_last, key);
	return same;
}

static sr_status phone_search_whole_only(sr_db *db, const sr_card_filter *f,
                                         struct search_params *p, const char *key)
{
	char digits[SR_PHONE_MAX];
	if (!sr_phone_normalize(f->text, digits) || strlen(digits) < PHONE_WHOLE_MIN) {
		/* The refusal is the search's audit row (sr_fail), once. */
		db->refusal_quiet = phone_search_repeated(db, key);
		sr_status st = sr_fail(db, SR_PERM,
		                       _("whole phone numbers only: a %s sees phones masked and may "
		                         "not search by part of a number (%s); give all 11 digits of "
		                         "a mobile (10 to 12 of a landline with its area code), or a "
		                         "name"),
		                       _(sr_role_name(db->actor_role)), f->text);
		db->refusal_quiet = false;
		return st;
	}
	p->way = SEARCH_PHONE;
	*p->phone_like = '\0';
	sr_copy(p->key, sizeof p->key, digits);
	sr_copy(p->phone, sizeof p->phone, digits);
	return SR_OK;
}

static sr_status phone_search_check(sr_db *db, const sr_card_filter *f, struct search_params *p)
{
	const char *match = phone_match(p);
	char key[sizeof db->phone_search_last];
	if (!match)
		return SR_OK;
	snprintf(key, sizeof key, "%s:%s", match, p->phone);
	if (p->way != SEARCH_PHONE && sees_no_phone_whole(db)) {
		sr_status st = phone_search_whole_only(db, f, p, key);
		if (st != SR_OK)
			return st;
		match = phone_match(p);
		snprintf(key, sizeof key, "%s:%s", match, p->phone);
	}
	if (phone_search_repeated(db, key))
		return SR_OK;
	/* Digits only: safe in JSON as they are. */
	char after[96];
	snprintf(after, sizeof after, "{\"phone\":\"%s\",\"match\":\"%s\"}", p->phone, match);
	sr_status st = sr_tx_begin(db);
	if (st == SR_OK)
		st = sr_tx_end(db, sr_audit_write(db, "search-phone", "card", 0, 0, NULL, after));
	if (st != SR_OK)
		*db->phone_search_last = '\0'; /* not audited: the next try must be */
	return st;
}

sr_status sr_card_search(sr_db *db, const sr_card_filter *f,
                         int (*fn)(void *ctx, const sr_card *c), void *ctx)
{
	struct search_params p;
	sr_status st = sr_perm_require(db, SR_ACT_CARD_VIEW);
	if (st == SR_OK)
		st = resolve_search(db, f, &p);
	if (st != SR_OK)
		return st;
	if (f->level && *f->level)
		for (const char *l = f->level; *l; l++)
			if (!sr_level_valid(*l))
				return sr_fail(db, SR_BADINPUT, _("level '%c': expected O, H, A, B, C or N"),
				               *l);
	if ((st = search_char_way(db, f, &p)) != SR_OK)
		return st;
	if ((st = phone_search_check(db, f, &p)) != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, search_sql[p.way]);
	if (!q)
		return SR_IO;
	if (p.way != SEARCH_SCAN)
		sqlite3_bind_text(q, 17, p.key, -1, SQLITE_TRANSIENT);
	if (p.way == SEARCH_GRAMS || p.way == SEARCH_CHAR || p.way == SEARCH_CHAR_OWNER ||
	    p.way == SEARCH_DIGITS)
		sqlite3_bind_text(q, 18, p.last, -1, SQLITE_TRANSIENT);
	if (p.way == SEARCH_CHAR_OWNER)
		sqlite3_bind_int64(q, 23, p.walk_owner);
	if (p.way == SEARCH_DIGITS) {
		sqlite3_bind_text(q, 19, p.digits, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 22, p.digits + strlen(p.digits) - 4, -1, SQLITE_TRANSIENT);
	}
	int mask = f->status_mask ? f->status_mask : 0x7;
	if (f->all_statuses)
		mask = 0x1f;
	if (*p.name_like)
		sqlite3_bind_text(q, 1, p.name_like, -1, SQLITE_TRANSIENT);
	if (*p.phone_like && p.way == SEARCH_SCAN)
		sqlite3_bind_text(q, 2, p.phone_like, -1, SQLITE_TRANSIENT);
	if (f->level && *f->level)
		sqlite3_bind_text(q, 3, f->level, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 4, mask);
	sqlite3_bind_int(q, 5, f->all_statuses);
	if (f->channel >= 0)
		sqlite3_bind_text(q, 6, sr_channel_name((sr_channel)f->channel), -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 7, p.source_id);
	sqlite3_bind_int64(q, 8, p.model_id);
	sqlite3_bind_int64(q, 9, p.owner_id);
	sr_scope scope = sr_perm_scope(db->actor_role);
	sqlite3_bind_int(q, 10, scope == SR_SCOPE_ALL ? 2 : scope == SR_SCOPE_TEAM ? 1 : 0);
	sqlite3_bind_int64(q, 11, db->actor_id);
	sqlite3_bind_text(q, 12, sr_team_name(db->actor_team), -1, SQLITE_STATIC);
	if (*p.before)
		sqlite3_bind_text(q, 13, p.before, -1, SQLITE_TRANSIENT);
	if (*p.since)
		sqlite3_bind_text(q, 14, p.since, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 15, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(q, 16, f->offset > 0 ? f->offset : 0);
	sr_scope seen = sr_perm_phone_scope(db->actor_role);
	sqlite3_bind_int(q, 24, seen == SR_SCOPE_ALL ? 2 : seen == SR_SCOPE_TEAM ? 1 : 0);
	bind_clock(db, q);
	sr_card *c = malloc(sizeof *c);
	if (!c) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "out of memory");
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		card_from_row(db, q, c);
		if (fn(ctx, c))
			break;
	}
	sr_stmt_done(q);
	free(c);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("searching cards"));
	return SR_OK;
}

/* ---- history ------------------------------------------------------------ */

static const char HISTORY_SQL[] =
	"SELECT c.filed_at AS at, 'file' AS kind, 0, c.id, u.name,"
	"  printf('filed via %s, level %s', c.channel, c.level_at_filing)"
	"  FROM cards c JOIN users u ON u.id = c.filed_by WHERE c.id = ?1"
	" UNION ALL SELECT f.at, 'followup', 1, f.id, u.name,"
	"  printf('%s, level %s->%s%s%s%s, next %s%s%s%s',"
	"   f.method, f.level_before, f.level, CASE WHEN f.step_intro THEN ', intro' ELSE '' END,"
	"   CASE WHEN f.step_negotiation THEN ', negotiation' ELSE '' END,"
	"   CASE WHEN f.step_test_drive THEN ', test drive' ELSE '' END, coalesce(f.next_date, '-'),"
	"   CASE WHEN f.content <> '' THEN ': ' || f.content ELSE '' END,"
	"   CASE WHEN f.traffic_id IS NOT NULL THEN ' [traffic ' || f.traffic_id || ']' ELSE '' END,"
	"   CASE WHEN f.comment IS NOT NULL THEN ' [comment: ' || f.comment || ']' ELSE '' END)"
	"  FROM followups f JOIN users u ON u.id = f.user_id WHERE f.card_id = ?1"
	" UNION ALL SELECT a.created_at, 'appointment', 2, a.id, u.name,"
	"  printf('appointment for %s: %s', a.date, a.status)"
	"  FROM appointments a JOIN users u ON u.id = a.created_by WHERE a.card_id = ?1"
	" UNION ALL SELECT o.ordered_at, 'order', 3, o.id, u.name,"
	"  printf('order, deposit %.2f: %s%s', o.deposit_cents / 100.0, o.status,"
	"   CASE WHEN o.cancel_reason IS NOT NULL THEN ' (' || o.cancel_reason || ')' ELSE '' END)"
	"  FROM orders o JOIN users u ON u.id = o.created_by WHERE o.card_id = ?1"
	" UNION ALL SELECT l.requested_at, 'loss', 4, l.id, u.name,"
	"  printf('loss request: %s%s, %s', l.reason,"
	"   CASE WHEN l.note <> '' THEN ' (' || l.note || ')' ELSE '' END, l.status)"
	"  FROM loss_requests l JOIN users u ON u.id = l.requested_by WHERE l.card_id = ?1"
	" UNION ALL SELECT s.at, 'assign', 5, s.id, u.name,"
	"  printf('%s: %s -> %s', s.reason, coalesce(fu.login, '-'), tu.login)"
	"  FROM assignments s JOIN users u ON u.id = s.by_user JOIN users tu ON tu.id = s.to_user"
	"  LEFT JOIN users fu ON fu.id = s.from_user WHERE s.card_id = ?1 AND s.reason <> 'file'"
	" UNION ALL SELECT m.merged_at, 'merge', 6, m.id, u.name,"
	"  printf('card %d merged into card %d', m.merged_id, m.survivor_id)"
	"  FROM merges m JOIN users u ON u.id = m.merged_by"
	"  WHERE m.survivor_id = ?1 OR m.merged_id = ?1"
	" UNION ALL SELECT a.at, 'audit', 7, a.id, coalesce(u.name, ''),"
	"  a.action || coalesce(': ' || (SELECT group_concat(b.key || ' ' || coalesce(b.value, '-')"
	"   || ' -> ' || coalesce(n.value, '-'), '; ') FROM json_each(a.before) b"
	"   JOIN json_each(a.after) n ON n.key = b.key"
	"   WHERE n.value IS NOT b.value AND b.key <> 'version'), '')"
	"  FROM audit a LEFT JOIN users u ON u.id = a.user_id"
	"  WHERE a.card_id = ?1 AND a.action IN ('edit','deliver','cancel-order','loss-confirm',"
	"   'loss-reject','loss-to-dcc','dormant','reactivate','promote')"
	" ORDER BY 1, 3, 4";

sr_status sr_card_history(sr_db *db, int64_t id,
                          int (*fn)(void *ctx, const sr_history_entry *e), void *ctx)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_VIEW, id);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, HISTORY_SQL);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	sr_history_entry *e = malloc(sizeof *e);
	if (!e) {
		sr_stmt_done(q);
		return sr_fail(db, SR_IO, "out of memory");
	}
	static const char *const kinds[] = {"file",  "followup", "appointment", "order",
	                                    "loss",  "assign",   "merge",       "audit"};
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		memset(e, 0, sizeof *e);
		sr_col_text(q, 0, e->at, sizeof e->at);
		const char *kind = (const char *)sqlite3_column_text(q, 1);
		e->kind = "audit";
		for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
			if (strcmp(kind, kinds[i]) == 0)
				e->kind = kinds[i];
		e->ref_id = sqlite3_column_int64(q, 3);
		sr_col_text(q, 4, e->who, sizeof e->who);
		sr_col_text(q, 5, e->text, sizeof e->text);
		if (fn(ctx, e))
			break;
	}
	sr_stmt_done(q);
	free(e);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the history"));
	return SR_OK;
}

const char *sr_card_hot_sql(const char *name)
{
	static const struct {
		const char *name, *sql;
	} hot[] = {
		{"get", CARD_GET_SQL},         {"history", HISTORY_SQL},
		{"by-phone", CARD_BY_PHONE_SQL}, {"search-phone", SEARCH_PHONE_SQL},
		{"search-tail", SEARCH_TAIL_SQL}, {"search-grams", SEARCH_GRAMS_SQL},
		{"search-char", SEARCH_CHAR_SQL}, {"search-char-owner", SEARCH_CHAR_OWNER_SQL},
		{"search-digits", SEARCH_DIGITS_SQL},
	};
	for (size_t i = 0; i < sizeof hot / sizeof *hot; i++)
		if (!strcmp(hot[i].name, name))
			return hot[i].sql;
	return NULL;
}
