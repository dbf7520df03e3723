/* card_edit.c — editing a card's information, never overwriting another
 * user's save: UPDATE ... WHERE version = the version the user read. The
 * fields, their checks and their columns come from the field table
 * (card_fields.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "card_rules.h"

/* The card's fields as `card edit` takes them, by field of the table, as
 * text: source and model as their ids. */
struct edit {
	char *v[SR_FIELD_COUNT];
	bool next_changed, bounds_changed;
};

/* The statements of an edit, made once from the table: the fields' columns
 * read, and written back at the version the user read. */
enum { EDIT_SQL_MAX = 2048 };
static char select_sql[EDIT_SQL_MAX], update_sql[EDIT_SQL_MAX];

static void edit_sql_build(void)
{
	if (*select_sql)
		return;
	size_t s = (size_t)snprintf(select_sql, sizeof select_sql, "SELECT version");
	size_t u = (size_t)snprintf(update_sql, sizeof update_sql, "UPDATE cards SET");
	for (int f = 0; f < SR_FIELD_COUNT; f++) {
		const char *col = sr_card_field_get(f)->column;
		s += (size_t)snprintf(select_sql + s, sizeof select_sql - s, ", %s", col);
		u += (size_t)snprintf(update_sql + u, sizeof update_sql - u, " %s = ?,", col);
	}
	snprintf(select_sql + s, sizeof select_sql - s, " FROM cards WHERE id = ?");
	snprintf(update_sql + u, sizeof update_sql - u,
	         " version = version + 1, updated_at = ? WHERE id = ? AND version = ?");
}

static void edit_free(struct edit *e)
{
	for (int f = 0; f < SR_FIELD_COUNT; f++)
		free(e->v[f]);
}

static sr_status edit_set(sr_db *db, struct edit *e, int f, const char *value)
{
	char *copy = strdup(value ? value : "");
	if (!copy)
		return sr_fail(db, SR_IO, "out of memory");
	free(e->v[f]);
	e->v[f] = copy;
	return SR_OK;
}

/* The fields as stored now (the full phone, whoever reads it). */
static sr_status edit_read(sr_db *db, int64_t id, struct edit *e, int64_t *version)
{
	edit_sql_build();
	sqlite3_stmt *q = sr_stmt(db, select_sql);
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	sr_status st = SR_OK;
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int64(q, 0);
		for (int f = 0; f < SR_FIELD_COUNT && st == SR_OK; f++)
			st = edit_set(db, e, f, (const char *)sqlite3_column_text(q, f + 1));
	} else if (rc == SQLITE_DONE) {
		st = sr_fail(db, SR_NOTFOUND, _("card %lld not found"), (long long)id);
	} else {
		st = sr_sqlite_fail(db, rc, _("reading the card"));
	}
	sr_stmt_done(q);
	return st;
}

/* The level as typed; whether the card may take it is decided with the
 * other fields (check_result). */
static sr_status apply_level(sr_db *db, const char *v, struct edit *e)
{
	if (strlen(v) != 1 || !sr_level_valid(v[0]))
		return sr_fail(db, SR_BADINPUT, _("level '%s': expected H, A, B, C or N"), v);
	return edit_set(db, e, SR_FIELD_LEVEL, v);
}

/* A source or a model by what the user typed: its id as text ("" none). */
static sr_status apply_ref(sr_db *db, sr_field_kind kind, const char *v, char id[24])
{
	sr_status st = SR_OK;
	int64_t found = 0;
	if (*v && kind == SR_FIELD_KIND_SOURCE) {
		sr_source s;
		if ((st = sr_source_find(db, v, &s)) == SR_OK)
			found = s.id;
	} else if (*v) {
		sr_model m;
		if ((st = sr_model_find(db, v, &m)) == SR_OK)
			found = m.id;
	}
	if (found)
		snprintf(id, 24, "%lld", (long long)found);
	else
		*id = '\0';
	return st;
}

static sr_status unknown_field(sr_db *db, const char *k)
{
	char keys[512];
	sr_card_field_keys(0, SR_FIELD_COUNT, keys, sizeof keys);
	return sr_fail(db, SR_BADINPUT, _("unknown card field '%s'; fields: %s"), k, keys);
}

/* The fields whose rules need more than the value: the phone's duplicate,
 * the references, the follow-up level, the next date and the level. */
static sr_status apply_special(sr_db *db, const sr_card_facts *c, int f, const char *v,
                               struct edit *e)
{
	char buf[SR_CODE_MAX + 24];
	sr_followup_level lv;
	sr_status st;
	switch (sr_card_field_get(f)->kind) {
	case SR_FIELD_KIND_PHONE:
		if (!sr_phone_normalize(v, buf))
			return sr_fail(db, SR_BADINPUT, _("phone '%s' is not a phone number"), v);
		/* the duplicate rule of filing holds for a changed number too */
		if (strcmp(buf, e->v[f]) != 0 && (st = sr_card_check_duplicate(db, buf, c->id)) != SR_OK)
			return st;
		return edit_set(db, e, f, buf);
	case SR_FIELD_KIND_SOURCE:
	case SR_FIELD_KIND_MODEL:
		if ((st = apply_ref(db, sr_card_field_get(f)->kind, v, buf)) != SR_OK)
			return st;
		return edit_set(db, e, f, buf);
	case SR_FIELD_KIND_FOLLOWUP_LEVEL:
		if ((st = sr_followup_level_get(db, v, &lv)) != SR_OK)
			return st;
		e->bounds_changed = true;
		return edit_set(db, e, f, lv.code);
	case SR_FIELD_KIND_NEXT:
		if (c->status == SR_STATUS_DORMANT)
			return sr_fail(db, SR_RULE,
			               _("a dormant card has no next follow-up date: reactivate it "
			                 "(showroom reactivate %lld --next DATE)"),
			               (long long)c->id);
		e->next_changed = true;
		return edit_set(db, e, f, v);
	case SR_FIELD_KIND_LEVEL:
		return apply_level(db, v, e);
	default:
		return SR_OK;
	}
}

static sr_status apply_change(sr_db *db, const sr_card_facts *c, const sr_card_change *ch,
                              struct edit *e)
{
	const char *v = ch->value ? ch->value : "";
	int f = sr_card_field_find(ch->field);
	if (f < 0)
		return unknown_field(db, ch->field);
	switch (sr_card_field_get(f)->kind) {
	case SR_FIELD_KIND_NAME:
	case SR_FIELD_KIND_TEXT:
	case SR_FIELD_KIND_ANSWER:
	case SR_FIELD_KIND_GENDER:
	case SR_FIELD_KIND_DATE: {
		char date[SR_DATE_LEN];
		sr_status st = sr_card_field_check(db, f, v, NULL, date);
		if (st != SR_OK)
			return st;
		return edit_set(db, e, f, sr_card_field_get(f)->kind == SR_FIELD_KIND_DATE ? date : v);
	}
	default:
		return apply_special(db, c, f, v, e);
	}
}

/* Rules that look at the card after all changes: the level it would have
 * (H needs the seven answers, also when an answer is being cleared; O only
 * by an order), the next date within the follow-up level. */
static sr_status check_result(sr_db *db, const sr_card_facts *c, struct edit *e)
{
	unsigned answered = 0;
	for (int i = 0; i < SR_ANS_COUNT; i++)
		answered |= *e->v[SR_FIELD_ANSWER0 + i] ? 1u << i : 0;
	sr_level_change lc = {SR_LEVEL_BY_EDIT, c->id, c->level, e->v[SR_FIELD_LEVEL][0], answered};
	sr_status st = sr_level_check(db, &lc);
	if (st != SR_OK)
		return st;
	if ((e->next_changed || e->bounds_changed) && c->status != SR_STATUS_DORMANT) {
		char out[SR_DATE_LEN];
		st = sr_next_date_check(db, e->v[SR_FIELD_FOLLOWUP_LEVEL],
		                                  e->v[SR_FIELD_NEXT], out);
		return st == SR_OK ? edit_set(db, e, SR_FIELD_NEXT, out) : st;
	}
	return SR_OK;
}

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

/* One field's value bound as its column keeps it: ids and dates NULL when
 * empty, the rest as text. */
static void bind_field(sqlite3_stmt *q, int i, int f, const char *v)
{
	switch (sr_card_field_get(f)->kind) {
	case SR_FIELD_KIND_SOURCE:
	case SR_FIELD_KIND_MODEL:
		if (*v)
			sqlite3_bind_int64(q, i, strtoll(v, NULL, 10));
		else
			sqlite3_bind_null(q, i);
		return;
	case SR_FIELD_KIND_DATE:
	case SR_FIELD_KIND_NEXT:
		if (!*v) {
			sqlite3_bind_null(q, i);
			return;
		}
		break;
	default:
		break;
	}
	sqlite3_bind_text(q, i, v, -1, SQLITE_TRANSIENT);
}

static sr_status save_fields(sr_db *db, int64_t id, int64_t version, const struct edit *e)
{
	char now[SR_TIME_LEN];
	sr_now_text(db, now);
	sqlite3_stmt *q = sr_stmt(db, update_sql);
	if (!q)
		return SR_IO;
	for (int f = 0; f < SR_FIELD_COUNT; f++)
		bind_field(q, f + 1, f, e->v[f]);
	sqlite3_bind_text(q, SR_FIELD_COUNT + 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, SR_FIELD_COUNT + 2, id);
	sqlite3_bind_int64(q, SR_FIELD_COUNT + 3, version);
	int rc = sqlite3_step(q);
	sr_stmt_done(q);
	if (rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("saving the card"));
	return sr_changes(db) == 0 ? conflict(db, id, version) : SR_OK;
}

static sr_status edit_write(sr_db *db, int64_t id, int64_t version, const struct edit *e)
{
	sr_status st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char *before = sr_card_snapshot(db, id);
	st = save_fields(db, id, version, e);
	if (st == SR_OK)
		st = sr_audit_card(db, "edit", id, before);
	else
		free(before);
	return sr_tx_end(db, st);
}

sr_status sr_card_edit(sr_db *db, int64_t id, int64_t expected_version,
                       const sr_card_change *changes, size_t n)
{
	sr_card_facts facts;
	sr_status st = sr_card_prepare(db, id, SR_TR_EDIT, &facts);
	if (st != SR_OK)
		return st;
	if (n == 0)
		return sr_fail(db, SR_USAGE, _("nothing to change"));
	struct edit e = { 0 };
	int64_t version = 0;
	st = edit_read(db, id, &e, &version);
	for (size_t i = 0; i < n && st == SR_OK; i++)
		st = apply_change(db, &facts, &changes[i], &e);
	if (st == SR_OK)
		st = check_result(db, &facts, &e);
	if (st == SR_OK)
		st = edit_write(db, id, expected_version ? expected_version : version, &e);
	edit_free(&e);
	return st;
}

sr_status sr_card_promote_wholesale(sr_db *db, int64_t id)
{
	sr_card_facts facts;
	sr_status st = sr_card_prepare(db, id, SR_TR_PROMOTE, &facts);
	if (st != SR_OK)
		return st;
	if (facts.type == SR_CUSTOMER_WHOLESALE)
		return sr_fail(db, SR_RULE, _("card %lld is wholesale already"), (long long)id);
	char login[SR_LOGIN_MAX] = "";
	int64_t owner = facts.owner_id;
	sr_role role;
	sr_setting_get(db, "wholesale_owner", login, sizeof login);
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
