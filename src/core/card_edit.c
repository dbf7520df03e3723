/* card_edit.c — editing a card's information, never overwriting another
 * user's save: UPDATE ... WHERE version = the version the user read. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* The editable columns of a card, as text, in one place. */
struct card_fields {
	char name[SR_NAME_MAX];
	char phone[SR_PHONE_MAX];
	char gender[2];
	char region[257];
	char address[513];
	int64_t source_id, model_id;
	char level;
	char followup_level[SR_CODE_MAX];
	char expected[SR_DATE_LEN];
	char next[SR_DATE_LEN];
	char answers[SR_ANS_COUNT][SR_ANSWER_MAX];
	bool next_changed, bounds_changed;
};

static void fields_from_card(const sr_card *c, struct card_fields *f)
{
	memset(f, 0, sizeof *f);
	sr_copy(f->name, sizeof f->name, c->name);
	sr_copy(f->phone, sizeof f->phone, c->phone);
	sr_copy(f->gender, sizeof f->gender, c->gender);
	sr_copy(f->region, sizeof f->region, c->region);
	sr_copy(f->address, sizeof f->address, c->address);
	f->source_id = c->source_id;
	f->model_id = c->model_id;
	f->level = c->level;
	sr_copy(f->followup_level, sizeof f->followup_level, c->followup_level);
	sr_copy(f->expected, sizeof f->expected, c->expected_purchase);
	sr_copy(f->next, sizeof f->next, c->next_date);
	for (int i = 0; i < SR_ANS_COUNT; i++)
		sr_copy(f->answers[i], sizeof f->answers[i], c->answers[i]);
}

static sr_status text_field(sr_db *db, const char *field, const char *value, int max,
                            bool required, char *out, size_t outlen)
{
	sr_status st = sr_check_text(db, field, value, max, required, false);
	if (st == SR_OK)
		sr_copy(out, outlen, value);
	return st;
}

static sr_status apply_level(sr_db *db, const sr_card *c, const char *v, struct card_fields *f)
{
	if (strlen(v) != 1 || !sr_level_valid(v[0]))
		return sr_fail(db, SR_BADINPUT, _("level '%s': expected H, A, B, C or N"), v);
	if (v[0] == 'O' && c->level != 'O')
		return sr_fail(db, SR_RULE,
		               _("level O is set by signing an order (showroom order add), not by hand"));
	if (c->level == 'O' && v[0] != 'O')
		return sr_fail(db, SR_RULE,
		               _("card %lld has an order: its level stays O; cancel the order to "
		                 "change it"),
		               (long long)c->id);
	f->level = v[0];
	return SR_OK;
}

static sr_status apply_change(sr_db *db, const sr_card *c, const sr_card_change *ch,
                              struct card_fields *f)
{
	const char *k = ch->field, *v = ch->value ? ch->value : "";
	sr_answer a;
	sr_status st;
	if (!strcmp(k, "name"))
		return text_field(db, _("name"), v, 32, true, f->name, sizeof f->name);
	if (!strcmp(k, "region"))
		return text_field(db, _("region"), v, 64, false, f->region, sizeof f->region);
	if (!strcmp(k, "address"))
		return text_field(db, _("address"), v, 128, false, f->address, sizeof f->address);
	if (sr_answer_parse(k, &a))
		return text_field(db, sr_answer_key(a), v, 200, false, f->answers[a],
		                  sizeof f->answers[a]);
	if (!strcmp(k, "phone")) {
		if (!sr_phone_normalize(v, f->phone))
			return sr_fail(db, SR_BADINPUT, _("phone '%s' is not a phone number"), v);
		/* the duplicate rule of filing holds for a changed number too */
		if (strcmp(f->phone, c->phone) != 0)
			return sr_card_check_duplicate(db, f->phone, c->id);
		return SR_OK;
	}
	if (!strcmp(k, "gender")) {
		if (*v && strcmp(v, "M") && strcmp(v, "F"))
			return sr_fail(db, SR_BADINPUT, _("gender '%s': expected M or F"), v);
		sr_copy(f->gender, sizeof f->gender, v);
		return SR_OK;
	}
	if (!strcmp(k, "source") || !strcmp(k, "model")) {
		if (!*v) {
			*(k[0] == 's' ? &f->source_id : &f->model_id) = 0;
			return SR_OK;
		}
		if (k[0] == 's') {
			sr_source s;
			if ((st = sr_source_find(db, v, &s)) == SR_OK)
				f->source_id = s.id;
			return st;
		}
		sr_model m;
		if ((st = sr_model_find(db, v, &m)) == SR_OK)
			f->model_id = m.id;
		return st;
	}
	if (!strcmp(k, "expected")) {
		sr_date d;
		if (!*v) {
			f->expected[0] = '\0';
			return SR_OK;
		}
		if (!sr_date_parse(v, &d))
			return sr_fail(db, SR_BADINPUT,
			               _("expected purchase date '%s': expected YYYY-MM-DD"), v);
		sr_date_format(d, f->expected);
		return SR_OK;
	}
	if (!strcmp(k, "followup-level")) {
		sr_followup_level lv;
		if ((st = sr_followup_level_get(db, v, &lv)) != SR_OK)
			return st;
		sr_copy(f->followup_level, sizeof f->followup_level, lv.code);
		f->bounds_changed = true;
		return SR_OK;
	}
	if (!strcmp(k, "next")) {
		if (c->status == SR_STATUS_DORMANT)
			return sr_fail(db, SR_RULE,
			               _("a dormant card has no next follow-up date: reactivate it "
			                 "(showroom reactivate %lld --next DATE)"),
			               (long long)c->id);
		sr_copy(f->next, sizeof f->next, v);
		f->next_changed = true;
		return SR_OK;
	}
	if (!strcmp(k, "level"))
		return apply_level(db, c, v, f);
	return sr_fail(db, SR_BADINPUT,
	               _("unknown card field '%s'; fields: name, phone, gender, region, address, "
	                 "source, model, expected, followup-level, next, level, budget, current, "
	                 "usage, compare, payment, addons, use-date"),
	               k);
}

/* Rules that look at the card after all changes: H needs the seven answers
 * (also when an answer is being cleared), the next date fits the level. */
static sr_status check_result(sr_db *db, const sr_card *c, struct card_fields *f)
{
	if (f->level == 'H') {
		const char *answers[SR_ANS_COUNT];
		for (int i = 0; i < SR_ANS_COUNT; i++)
			answers[i] = f->answers[i];
		char missing[200] = "";
		for (int i = 0; i < SR_ANS_COUNT; i++)
			if (!*answers[i]) {
				size_t len = strlen(missing);
				snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "",
				         sr_answer_key((sr_answer)i));
			}
		if (*missing)
			return sr_fail(db, SR_RULE,
			               _("card %lld would be level H without all seven key questions "
			                 "answered (missing: %s): answer them or lower the level"),
			               (long long)c->id, missing);
	}
	if ((f->next_changed || f->bounds_changed) && c->status != SR_STATUS_DORMANT) {
		char out[SR_DATE_LEN];
		sr_status st = sr_next_date_check(db, f->followup_level, f->next, out);
		if (st != SR_OK)
			return st;
		sr_copy(f->next, sizeof f->next, out);
	}
	return SR_OK;
}

static const char EDIT_SQL[] =
	"UPDATE cards SET name = ?1, phone = ?2, gender = ?3, region = ?4, address = ?5,"
	" source_id = ?6, model_id = ?7, level = ?8, followup_level = ?9, expected_purchase = ?10,"
	" next_date = ?11, ans_budget = ?12, ans_current = ?13, ans_usage = ?14, ans_compare = ?15,"
	" ans_payment = ?16, ans_addons = ?17, ans_use_date = ?18, version = version + 1,"
	" updated_at = ?19 WHERE id = ?20 AND version = ?21";

static sr_status conflict(sr_db *db, int64_t id, int64_t expected)
{
	char who[SR_LOGIN_MAX] = "someone", at[SR_TIME_LEN] = "";
	int64_t now_version = 0;
	sr_query_int(db, &now_version, "SELECT version FROM cards WHERE id = ?1", "I", id);
	sr_query_text(db, who, sizeof who,
	              "SELECT coalesce(u.login, 'someone') FROM audit a LEFT JOIN users u"
	              " ON u.id = a.user_id WHERE a.card_id = ?1 ORDER BY a.id DESC LIMIT 1",
	              "I", id);
	sr_query_text(db, at, sizeof at,
	              "SELECT at FROM audit WHERE card_id = ?1 ORDER BY id DESC LIMIT 1", "I", id);
	return sr_fail(db, SR_CONFLICT,
	               _("card %lld was changed by %s at %s since you read it (version %lld, now "
	                 "%lld): reload it and apply your change again"),
	               (long long)id, who, at, (long long)expected, (long long)now_version);
}

static sr_status save_fields(sr_db *db, int64_t id, int64_t version, const struct card_fields *f)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	const char(*a)[SR_ANSWER_MAX] = f->answers;
	sr_status st = sr_exec(db, EDIT_SQL, "ssssszzcsssssssssssII", f->name, f->phone, f->gender,
	                       f->region, f->address, f->source_id, f->model_id, (int)f->level,
	                       f->followup_level, *f->expected ? f->expected : NULL,
	                       *f->next ? f->next : NULL, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
	                       now, id, version);
	if (st == SR_OK && sr_changes(db) == 0)
		st = conflict(db, id, version);
	return st;
}

sr_status sr_card_edit(sr_db *db, int64_t id, int64_t expected_version,
                       const sr_card_change *changes, size_t n)
{
	sr_card_facts facts;
	sr_status st = sr_perm_card(db, SR_ACT_CARD_EDIT, id);
	if (st == SR_OK)
		st = sr_card_facts_get(db, id, &facts);
	if (st == SR_OK)
		st = sr_transition_check(db, &facts, SR_TR_EDIT);
	if (st != SR_OK)
		return st;
	if (n == 0)
		return sr_fail(db, SR_USAGE, _("nothing to change"));
	sr_card *c = malloc(sizeof *c);
	struct card_fields *f = malloc(sizeof *f);
	if (!c || !f) {
		free(c);
		free(f);
		return sr_fail(db, SR_IO, "out of memory");
	}
	/* Read the full phone even for roles that see it masked. */
	st = sr_card_get(db, id, c);
	if (st == SR_OK)
		st = sr_query_text(db, c->phone, sizeof c->phone,
		                   "SELECT phone FROM cards WHERE id = ?1", "I", id);
	if (st == SR_OK) {
		fields_from_card(c, f);
		for (size_t i = 0; i < n && st == SR_OK; i++)
			st = apply_change(db, c, &changes[i], f);
	}
	if (st == SR_OK)
		st = check_result(db, c, f);
	if (st == SR_OK && (st = sr_tx_begin(db)) == SR_OK) {
		char *before = sr_card_snapshot(db, id);
		st = save_fields(db, id, expected_version ? expected_version : c->version, f);
		if (st == SR_OK)
			st = sr_audit_card(db, "edit", id, before);
		else
			free(before);
		st = sr_tx_end(db, st);
	}
	free(c);
	free(f);
	return st;
}

sr_status sr_card_promote_wholesale(sr_db *db, int64_t id)
{
	sr_card_facts facts;
	sr_status st = sr_perm_card(db, SR_ACT_WHOLESALE, id);
	if (st == SR_OK)
		st = sr_card_facts_get(db, id, &facts);
	if (st == SR_OK)
		st = sr_transition_check(db, &facts, SR_TR_PROMOTE);
	if (st != SR_OK)
		return st;
	if (facts.type == SR_CUSTOMER_WHOLESALE)
		return sr_fail(db, SR_RULE, _("card %lld is wholesale already"), (long long)id);
	char login[SR_LOGIN_MAX] = "";
	int64_t owner = facts.owner_id;
	sr_role role;
	sr_query_text(db, login, sizeof login,
	              "SELECT value FROM settings WHERE key = 'wholesale_owner'", NULL);
	if (*login && (st = sr_user_id(db, login, &owner, &role)) != SR_OK)
		return st;
	if ((st = sr_tx_begin(db)) != SR_OK)
		return st;
	char *before = sr_card_snapshot(db, id);
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	st = sr_exec(db,
	             "UPDATE cards SET customer_type = 'wholesale', channel = 'outreach',"
	             " owner_id = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3",
	             "IsI", owner, now, id);
	if (st == SR_OK && owner != facts.owner_id)
		st = sr_assignment_write(db, id, facts.owner_id, owner, "wholesale");
	if (st == SR_OK)
		st = sr_audit_card(db, "promote", id, before);
	else
		free(before);
	return sr_tx_end(db, st);
}
