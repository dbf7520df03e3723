/* catalogue.c — reference data: vehicle models, media sources, follow-up
 * levels and their defaults per intent level, settings. Reading is open to
 * every user; changes need the reference permission and are audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

enum { CODE_CHARS = 32, LABEL_CHARS = 32, SETTING_CHARS = 500, OFFSET_DAYS_MAX = 3650 };

/* ---- shared checks ------------------------------------------------------ */

/* A label: valid one-line UTF-8 of min..max characters. */
static bool label_valid(const char *s, size_t min, size_t max)
{
	if (!s)
		return min == 0;
	size_t n = sr_text_chars(s);
	return n >= min && n <= max && sr_text_valid(s, false);
}

static const char JSON_ROW_SQL[] = "SELECT json_object(?1, ?2, ?3, ?4)";

/* A small JSON object of two key/value pairs (values text or NULL),
 * malloc'd for the audit row; NULL on error. SQLite does the quoting. */
static char *json_pair(sr_db *db, const char *k1, const char *v1, const char *k2,
                       const char *v2)
{
	sqlite3_stmt *st = sr_stmt(db, JSON_ROW_SQL);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, k1, -1, SQLITE_STATIC);
	if (v1)
		sqlite3_bind_text(st, 2, v1, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, k2, -1, SQLITE_STATIC);
	if (v2)
		sqlite3_bind_text(st, 4, v2, -1, SQLITE_TRANSIENT);
	return sr_stmt_dup(st);
}

/* Audit an added row: its snapshot as `after`. */
static sr_status audit_added(sr_db *db, const char *entity, const char *snapshot_sql,
                             int64_t id)
{
	char *after = sr_query_dup(db, snapshot_sql, id);
	sr_status st = sr_audit_write(db, "add", entity, id, 0, NULL, after);
	free(after);
	return st;
}

/* ---- models ------------------------------------------------------------- */

#define MODEL_COLS "SELECT id, code, brand, series, model, config FROM models"

static const char MODEL_BY_CODE_SQL[] = MODEL_COLS " WHERE code = ?1";
static const char MODEL_BY_ID_SQL[] = MODEL_COLS " WHERE id = ?1";
static const char MODEL_BY_NAME_SQL[] = MODEL_COLS " WHERE model = ?1 ORDER BY id LIMIT 2";
static const char MODEL_BY_SERIES_SQL[] = MODEL_COLS " WHERE series = ?1 ORDER BY id LIMIT 2";
static const char MODEL_EACH_SQL[] = MODEL_COLS " ORDER BY brand, series, code";
static const char MODEL_SNAPSHOT_SQL[] =
	"SELECT json_object('code', code, 'brand', brand, 'series', series, 'model', model,"
	" 'config', config) FROM models WHERE id = ?1";

static void model_from_row(sqlite3_stmt *st, sr_model *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	sr_col_text(st, 1, m->code, sizeof m->code);
	sr_col_text(st, 2, m->brand, sizeof m->brand);
	sr_col_text(st, 3, m->series, sizeof m->series);
	sr_col_text(st, 4, m->model, sizeof m->model);
	sr_col_text(st, 5, m->config, sizeof m->config);
}

/* Look up by one key. SR_NOTFOUND (no message) when no row; SR_RULE when
 * the key names two models (a series with several models). */
static sr_status model_lookup(sr_db *db, const char *sql, const char *key, int64_t id,
                              sr_model *out)
{
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (!st)
		return SR_IO;
	if (key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sr_status res = SR_OK;
	if (rc == SQLITE_ROW) {
		model_from_row(st, out);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			res = sr_fail(db, SR_RULE,
			              _("model '%s' matches several models; give its code (see "
			                "`showroom model list`)"),
			              key ? key : "");
		else if (rc != SQLITE_DONE)
			res = sr_sqlite_fail(db, rc, _("reading models"));
	} else if (rc == SQLITE_DONE) {
		res = SR_NOTFOUND;
	} else {
		res = sr_sqlite_fail(db, rc, _("reading models"));
	}
	sr_stmt_done(st);
	return res;
}

sr_status sr_model_find(sr_db *db, const char *text, sr_model *out)
{
	static const char *const by[] = { MODEL_BY_CODE_SQL, MODEL_BY_NAME_SQL,
	                                  MODEL_BY_SERIES_SQL };
	if (!text)
		text = "";
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		sr_status st = model_lookup(db, by[i], text, 0, out);
		if (st != SR_NOTFOUND)
			return st;
	}
	return sr_fail(db, SR_NOTFOUND, _("no model '%s'; see `showroom model list`"), text);
}

sr_status sr_model_by_id(sr_db *db, int64_t id, sr_model *out)
{
	sr_status st = model_lookup(db, MODEL_BY_ID_SQL, NULL, id, out);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no model with id %lld; see `showroom model list`"),
		               (long long)id);
	return st;
}

sr_status sr_model_each(sr_db *db, int (*fn)(void *ctx, const sr_model *m), void *ctx)
{
	sqlite3_stmt *st = sr_stmt(db, MODEL_EACH_SQL);
	if (!st)
		return SR_IO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sr_model m;
		model_from_row(st, &m);
		if (fn(ctx, &m))
			break;
	}
	sr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading models"));
	return SR_OK;
}

static sr_status model_check(sr_db *db, const char *code, const char *brand,
                             const char *series, const char *model, const char *config)
{
	if (!sr_text_is_code(code, CODE_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("model code '%s' is not valid: use 1 to 32 letters, digits, '.', "
		                 "'_' or '-'"),
		               code ? code : "");
	if (!label_valid(brand, 1, LABEL_CHARS))
		return sr_fail(db, SR_BADINPUT, _("brand of model %s: give 1 to %d characters"),
		               code, LABEL_CHARS);
	if (!label_valid(series, 1, LABEL_CHARS))
		return sr_fail(db, SR_BADINPUT, _("series of model %s: give 1 to %d characters"),
		               code, LABEL_CHARS);
	if (!label_valid(model, 1, LABEL_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("model name of model %s: give 1 to %d characters"), code,
		               LABEL_CHARS);
	if (!label_valid(config, 0, LABEL_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("configuration of model %s: give at most %d characters"), code,
		               LABEL_CHARS);
	return SR_OK;
}

static sr_status model_insert(sr_db *db, const char *code, const char *brand,
                              const char *series, const char *model, const char *config,
                              int64_t *id_out)
{
	int64_t id = 0;
	sr_status st = sr_query_int(db, &id, "SELECT id FROM models WHERE code = ?1", "s", code);
	if (st == SR_OK)
		return sr_fail(db, SR_RULE, _("model %s exists already"), code);
	if (st != SR_NOTFOUND)
		return st;
	st = sr_exec(db,
	             "INSERT INTO models(code, brand, series, model, config)"
	             " VALUES (?1, ?2, ?3, ?4, ?5)",
	             "sssss", code, brand, series, model, config ? config : "");
	if (st != SR_OK)
		return st;
	id = sqlite3_last_insert_rowid(db->h);
	st = audit_added(db, "model", MODEL_SNAPSHOT_SQL, id);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

sr_status sr_model_add(sr_db *db, const char *code, const char *brand, const char *series,
                       const char *model, const char *config, int64_t *id_out)
{
	sr_status st = sr_perm_require(db, SR_ACT_REFERENCE);
	if (st == SR_OK)
		st = model_check(db, code, brand, series, model, config);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, model_insert(db, code, brand, series, model, config, id_out));
}

/* ---- sources ------------------------------------------------------------ */

static const char SOURCE_BY_CODE_SQL[] = "SELECT id, code, name FROM sources WHERE code = ?1";
static const char SOURCE_BY_NAME_SQL[] =
	"SELECT id, code, name FROM sources WHERE name = ?1 ORDER BY id LIMIT 1";
static const char SOURCE_BY_ID_SQL[] = "SELECT id, code, name FROM sources WHERE id = ?1";
static const char SOURCE_EACH_SQL[] = "SELECT id, code, name FROM sources ORDER BY id";
static const char SOURCE_SNAPSHOT_SQL[] =
	"SELECT json_object('code', code, 'name', name) FROM sources WHERE id = ?1";

static sr_status source_lookup(sr_db *db, const char *sql, const char *key, int64_t id,
                               sr_source *out)
{
	sqlite3_stmt *st = sr_stmt(db, sql);
	if (!st)
		return SR_IO;
	if (key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sr_status res = SR_OK;
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(st, 0);
		sr_col_text(st, 1, out->code, sizeof out->code);
		sr_col_text(st, 2, out->name, sizeof out->name);
	} else if (rc == SQLITE_DONE) {
		res = SR_NOTFOUND;
	} else {
		res = sr_sqlite_fail(db, rc, _("reading sources"));
	}
	sr_stmt_done(st);
	return res;
}

sr_status sr_source_find(sr_db *db, const char *text, sr_source *out)
{
	if (!text)
		text = "";
	sr_status st = source_lookup(db, SOURCE_BY_CODE_SQL, text, 0, out);
	if (st == SR_NOTFOUND)
		st = source_lookup(db, SOURCE_BY_NAME_SQL, text, 0, out);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no source '%s'; see `showroom source list`"), text);
	return st;
}

sr_status sr_source_by_id(sr_db *db, int64_t id, sr_source *out)
{
	sr_status st = source_lookup(db, SOURCE_BY_ID_SQL, NULL, id, out);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no source with id %lld; see `showroom source list`"),
		               (long long)id);
	return st;
}

sr_status sr_source_each(sr_db *db, int (*fn)(void *ctx, const sr_source *s), void *ctx)
{
	sqlite3_stmt *st = sr_stmt(db, SOURCE_EACH_SQL);
	if (!st)
		return SR_IO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sr_source s;
		memset(&s, 0, sizeof s);
		s.id = sqlite3_column_int64(st, 0);
		sr_col_text(st, 1, s.code, sizeof s.code);
		sr_col_text(st, 2, s.name, sizeof s.name);
		if (fn(ctx, &s))
			break;
	}
	sr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading sources"));
	return SR_OK;
}

static sr_status source_insert(sr_db *db, const char *code, const char *name, int64_t *id_out)
{
	int64_t id = 0;
	sr_status st = sr_query_int(db, &id, "SELECT id FROM sources WHERE code = ?1", "s", code);
	if (st == SR_OK)
		return sr_fail(db, SR_RULE, _("source %s exists already"), code);
	if (st != SR_NOTFOUND)
		return st;
	st = sr_exec(db, "INSERT INTO sources(code, name) VALUES (?1, ?2)", "ss", code, name);
	if (st != SR_OK)
		return st;
	id = sqlite3_last_insert_rowid(db->h);
	st = audit_added(db, "source", SOURCE_SNAPSHOT_SQL, id);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

sr_status sr_source_add(sr_db *db, const char *code, const char *name, int64_t *id_out)
{
	sr_status st = sr_perm_require(db, SR_ACT_REFERENCE);
	if (st != SR_OK)
		return st;
	if (!sr_text_is_code(code, CODE_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("source code '%s' is not valid: use 1 to 32 letters, digits, '.', "
		                 "'_' or '-'"),
		               code ? code : "");
	if (!label_valid(name, 1, LABEL_CHARS))
		return sr_fail(db, SR_BADINPUT, _("name of source %s: give 1 to %d characters"),
		               code, LABEL_CHARS);
	st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, source_insert(db, code, name, id_out));
}

static const char COST_GET_SQL[] =
	"SELECT cost_cents FROM source_costs WHERE source_id = ?1 AND month = ?2";
static const char COST_VERSION_SQL[] =
	"SELECT version FROM source_costs WHERE source_id = ?1 AND month = ?2";
static const char COST_SET_SQL[] =
	"INSERT INTO source_costs(source_id, month, cost_cents) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(source_id, month) DO UPDATE SET cost_cents = excluded.cost_cents,"
	" version = version + 1";

/* A month without a cost yet is at version 0. */
static sr_status cost_write(sr_db *db, const sr_source *src, const char *month,
                            int64_t expected, int64_t cents)
{
	int64_t old = 0, version = 0;
	char what[SR_CODE_MAX + 64];
	sr_status st = sr_query_int(db, &version, COST_VERSION_SQL, "Is", src->id, month);
	if (st != SR_OK && st != SR_NOTFOUND)
		return st;
	snprintf(what, sizeof what, _("the cost of source %s for %s"), src->code, month);
	st = sr_version_expect(db, &(sr_versioned){ what, "source", src->id, "$.month", month },
	                       expected, version);
	if (st != SR_OK)
		return st;
	st = sr_query_int(db, &old, COST_GET_SQL, "Is", src->id, month);
	if (st != SR_OK && st != SR_NOTFOUND)
		return st;
	bool had = st == SR_OK;
	st = sr_exec(db, COST_SET_SQL, "IsI", src->id, month, cents);
	if (st != SR_OK)
		return st;
	/* month is checked YYYY-MM and the costs are numbers: safe to format. */
	char before[64], after[64];
	snprintf(before, sizeof before, "{\"month\":\"%s\",\"cost_cents\":%lld}", month,
	         (long long)old);
	snprintf(after, sizeof after, "{\"month\":\"%s\",\"cost_cents\":%lld}", month,
	         (long long)cents);
	return sr_audit_write(db, "set-cost", "source", src->id, 0, had ? before : NULL, after);
}

sr_status sr_source_set_cost(sr_db *db, const char *source, const char *month, int64_t cents)
{
	return sr_source_set_cost_v(db, source, month, 0, cents);
}

sr_status sr_source_cost_get(sr_db *db, const char *source, const char *month, int64_t *cents,
                             int64_t *version)
{
	sr_source src;
	sr_status st = sr_source_find(db, source, &src);
	*cents = *version = 0;
	if (st == SR_OK && sr_query_int(db, cents, COST_GET_SQL, "Is", src.id, month ? month : "")
	                   == SR_OK)
		st = sr_query_int(db, version, COST_VERSION_SQL, "Is", src.id, month);
	return st;
}

sr_status sr_source_set_cost_v(sr_db *db, const char *source, const char *month,
                               int64_t expected_version, int64_t cents)
{
	sr_status st = sr_perm_require(db, SR_ACT_REFERENCE);
	if (st != SR_OK)
		return st;
	if (!sr_month_valid(month))
		return sr_fail(db, SR_BADINPUT, _("month '%s' is not valid: write it as YYYY-MM"),
		               month ? month : "");
	if (cents < 0)
		return sr_fail(db, SR_BADINPUT, _("the cost of a source cannot be negative"));
	sr_source src;
	st = sr_source_find(db, source, &src);
	if (st != SR_OK)
		return st;
	st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, cost_write(db, &src, month, expected_version, cents));
}

/* ---- follow-up levels --------------------------------------------------- */

static const char LEVEL_GET_SQL[] =
	"SELECT code, name, min_days, max_days, version FROM followup_levels WHERE code = ?1";
static const char LEVEL_EACH_SQL[] =
	"SELECT code, name, min_days, max_days, version FROM followup_levels ORDER BY code";

static void level_from_row(sqlite3_stmt *st, sr_followup_level *l)
{
	memset(l, 0, sizeof *l);
	sr_col_text(st, 0, l->code, sizeof l->code);
	sr_col_text(st, 1, l->name, sizeof l->name);
	l->min_days = sqlite3_column_int(st, 2);
	l->max_days = sqlite3_column_int(st, 3);
	l->version = sqlite3_column_int64(st, 4);
}

sr_status sr_followup_level_get(sr_db *db, const char *code, sr_followup_level *out)
{
	sqlite3_stmt *st = sr_stmt(db, LEVEL_GET_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_text(st, 1, code ? code : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sr_status res = SR_OK;
	if (rc == SQLITE_ROW)
		level_from_row(st, out);
	else if (rc == SQLITE_DONE)
		res = sr_fail(db, SR_NOTFOUND,
		              _("no follow-up level '%s'; see `showroom level list`"),
		              code ? code : "");
	else
		res = sr_sqlite_fail(db, rc, _("reading follow-up levels"));
	sr_stmt_done(st);
	return res;
}

sr_status sr_followup_level_each(sr_db *db, int (*fn)(void *ctx, const sr_followup_level *l),
                                 void *ctx)
{
	sqlite3_stmt *st = sr_stmt(db, LEVEL_EACH_SQL);
	if (!st)
		return SR_IO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sr_followup_level l;
		level_from_row(st, &l);
		if (fn(ctx, &l))
			break;
	}
	sr_stmt_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading follow-up levels"));
	return SR_OK;
}

static const char LEVEL_SNAPSHOT_SQL[] =
	"SELECT json_object('code', code, 'min_days', min_days, 'max_days', max_days)"
	" FROM followup_levels WHERE rowid = ?1";

static sr_status level_write(sr_db *db, const char *code, int64_t expected, int min_days,
                             int max_days)
{
	int64_t rowid = 0, version = 0;
	sr_status st = sr_query_int(db, &rowid, "SELECT rowid FROM followup_levels WHERE code = ?1",
	                            "s", code);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no follow-up level '%s'; see `showroom level list`"), code);
	if (st == SR_OK)
		st = sr_query_int(db, &version, "SELECT version FROM followup_levels WHERE rowid = ?1",
		                  "I", rowid);
	char what[SR_CODE_MAX + 32];
	snprintf(what, sizeof what, _("follow-up level %s"), code);
	if (st == SR_OK)
		st = sr_version_expect(db,
		                       &(sr_versioned){ what, "followup_level", rowid, NULL, NULL },
		                       expected, version);
	if (st != SR_OK)
		return st;
	char *before = sr_query_dup(db, LEVEL_SNAPSHOT_SQL, rowid);
	st = sr_exec(db, "UPDATE followup_levels SET min_days = ?2, max_days = ?3, version = version + 1"
	             " WHERE code = ?1",
	             "sii", code, min_days, max_days);
	if (st == SR_OK) {
		char *after = sr_query_dup(db, LEVEL_SNAPSHOT_SQL, rowid);
		st = sr_audit_write(db, "set", "followup_level", rowid, 0, before, after);
		free(after);
	}
	free(before);
	return st;
}

sr_status sr_followup_level_set(sr_db *db, const char *code, int64_t expected_version,
                                int min_days, int max_days)
{
	sr_status st = sr_perm_require(db, SR_ACT_REFERENCE);
	if (st != SR_OK)
		return st;
	if (min_days < 0)
		return sr_fail(db, SR_BADINPUT,
		               _("follow-up level %s: the minimum must be 0 days or more"),
		               code ? code : "");
	if (max_days < min_days)
		return sr_fail(db, SR_BADINPUT,
		               _("follow-up level %s: the maximum (%d days) must not be below the "
		                 "minimum (%d days)"),
		               code ? code : "", max_days, min_days);
	st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, level_write(db, code ? code : "", expected_version, min_days, max_days));
}

sr_status sr_followup_level_default(sr_db *db, char intent, char out[SR_CODE_MAX])
{
	if (!intent)
		intent = 'N';
	sr_status st = sr_query_text(db, out, SR_CODE_MAX,
	                             "SELECT default_followup_level FROM intent_levels"
	                             " WHERE code = ?1",
	                             "c", intent);
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no intent level '%c': use O, H, A, B, C or N"), intent);
	return st;
}

/* ---- settings ----------------------------------------------------------- */

static const char SETTING_GET_SQL[] = "SELECT value FROM settings WHERE key = ?1";
static const char SETTING_VERSION_SQL[] = "SELECT version FROM settings WHERE key = ?1";

sr_status sr_setting_get(sr_db *db, const char *key, char *out, size_t outlen)
{
	sr_status st = sr_query_text(db, out, outlen, SETTING_GET_SQL, "s", key ? key : "");
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no setting '%s'"), key ? key : "");
	return st;
}

/* "0,3,7,15,60": days after delivery, each 0..3650, not decreasing. */
static bool offsets_valid(const char *v)
{
	long prev = -1;
	const char *p = v;
	if (!*p)
		return true;
	for (;;) {
		if (*p < '0' || *p > '9')
			return false;
		long n = 0;
		while (*p >= '0' && *p <= '9') {
			n = n * 10 + (*p++ - '0');
			if (n > OFFSET_DAYS_MAX)
				return false;
		}
		if (n < prev)
			return false;
		prev = n;
		if (!*p)
			return true;
		if (*p++ != ',')
			return false;
	}
}

/* 0 .. 9999, digits only. */
static bool number_valid(const char *v)
{
	size_t n = strlen(v);
	return n >= 1 && n <= 4 && strspn(v, "0123456789") == n;
}

/* Values the rest of the core reads are checked here, so a typo is refused
 * when it is made, not when a card is delivered. */
static sr_status setting_check(sr_db *db, const char *key, const char *value)
{
	if (!sr_text_is_code(key, CODE_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("setting name '%s' is not valid: use letters, digits, '.', '_' or "
		                 "'-'"),
		               key ? key : "");
	if (!value || !label_valid(value, 0, SETTING_CHARS))
		return sr_fail(db, SR_BADINPUT,
		               _("setting %s: give at most %d characters of one-line text"), key,
		               SETTING_CHARS);
	if (!strcmp(key, "callback_offsets") && !offsets_valid(value))
		return sr_fail(db, SR_BADINPUT,
		               _("setting callback_offsets: give days after delivery separated by "
		                 "commas, in order, e.g. 0,3,7,15,60"));
	if (!strcmp(key, "work_hours") && !sr_dcc_work_hours_parse(value, &(int){0}, &(int){0}))
		return sr_fail(db, SR_BADINPUT,
		               _("setting work_hours: give the working day as HH:MM-HH:MM, e.g. "
		                 "09:00-18:00"));
	if ((!strcmp(key, "lead_contact_hours") || !strcmp(key, "dcc_sweep_days") ||
	     !strcmp(key, "dormant_days")) &&
	    !number_valid(value))
		return sr_fail(db, SR_BADINPUT,
		               _("setting %s: give a whole number, e.g. 2"), key);
	if (!strcmp(key, "wholesale_owner") && *value) {
		sr_role role;
		sr_status st = sr_user_id(db, value, NULL, &role);
		if (st != SR_OK)
			return st;
		if (!sr_role_owns_cards(role))
			return sr_fail(db, SR_RULE,
			               _("setting wholesale_owner: %s is a %s, but wholesale cards "
			                 "need a consultant to own them"),
			               value, _(sr_role_name(role)));
	}
	return SR_OK;
}

/* A setting not stored yet is at version 0. */
static sr_status setting_write(sr_db *db, const char *key, int64_t expected, const char *value)
{
	char old[SETTING_CHARS * 4 + 1], what[SETTING_CHARS * 4 + 32];
	int64_t version = 0;
	sr_status st = sr_query_int(db, &version, SETTING_VERSION_SQL, "s", key);
	if (st != SR_OK && st != SR_NOTFOUND)
		return st;
	snprintf(what, sizeof what, _("setting %s"), key);
	st = sr_version_expect(db, &(sr_versioned){ what, "setting", 0, "$.key", key }, expected,
	                       version);
	if (st != SR_OK)
		return st;
	st = sr_query_text(db, old, sizeof old, SETTING_GET_SQL, "s", key);
	if (st != SR_OK && st != SR_NOTFOUND)
		return st;
	bool had = st == SR_OK;
	st = sr_exec(db,
	             "INSERT INTO settings(key, value) VALUES (?1, ?2)"
	             " ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = version + 1",
	             "ss", key, value);
	if (st != SR_OK)
		return st;
	char *before = had ? json_pair(db, "key", key, "value", old) : NULL;
	char *after = json_pair(db, "key", key, "value", value);
	st = sr_audit_write(db, "set", "setting", 0, 0, before, after);
	free(before);
	free(after);
	return st;
}

sr_status sr_setting_set(sr_db *db, const char *key, const char *value)
{
	return sr_setting_set_v(db, key, 0, value);
}

sr_status sr_setting_version(sr_db *db, const char *key, int64_t *version)
{
	sr_status st = sr_query_int(db, version, SETTING_VERSION_SQL, "s", key ? key : "");
	if (st == SR_NOTFOUND)
		return sr_fail(db, st, _("no setting '%s'"), key ? key : "");
	return st;
}

sr_status sr_setting_set_v(sr_db *db, const char *key, int64_t expected_version,
                           const char *value)
{
	sr_status st = sr_perm_require(db, SR_ACT_REFERENCE);
	if (st == SR_OK)
		st = setting_check(db, key, value);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	return sr_tx_end(db, setting_write(db, key, expected_version, value));
}
