/* campaign.c — marketing campaigns and the cards attributed to them. The
 * figures are counted from the cards, so they are always those of now. */
#include <string.h>
#include "card_rules.h"

enum { NAME_CHARS = 64, MODELS_CHARS = 200, JSON_MAX = 2048 };

static const char SNAPSHOT_SQL[] =
	"SELECT json_object('name', name, 'starts', starts, 'ends', ends, 'budget_cents',"
	" budget_cents, 'models', models, 'source_id', source_id) FROM campaigns WHERE id = ?1";

/* "A1,B2": every code a model of the catalogue. */
static sr_status check_models(sr_db *db, const char *models)
{
	char code[SR_CODE_MAX * 4];
	const char *p = models;
	while (p && *p) {
		size_t n = strcspn(p, ",");
		if (n == 0 || n >= sizeof code)
			return sr_fail(db, SR_BADINPUT,
			               _("--models '%s': give model codes separated by commas"), models);
		memcpy(code, p, n);
		code[n] = '\0';
		sr_model m;
		sr_status st = sr_model_find(db, code, &m);
		if (st != SR_OK)
			return st;
		p += n + (p[n] == ',');
	}
	return SR_OK;
}

static sr_status check_input(sr_db *db, const sr_campaign_input *in, char from[SR_DATE_LEN],
                             char to[SR_DATE_LEN], int64_t *source_id)
{
	sr_date a, b;
	sr_status st = sr_check_text(db, "name", in->name, NAME_CHARS, true, false);
	if (st != SR_OK)
		return st;
	if (!in->from || !sr_date_parse(in->from, &a))
		return sr_fail(db, SR_BADINPUT, _("--from '%s': expected YYYY-MM-DD"),
		               in->from ? in->from : "");
	if (!in->to || !sr_date_parse(in->to, &b))
		return sr_fail(db, SR_BADINPUT, _("--to '%s': expected YYYY-MM-DD"),
		               in->to ? in->to : "");
	if (b < a)
		return sr_fail(db, SR_BADINPUT, _("the campaign ends (%s) before it starts (%s)"),
		               in->to, in->from);
	sr_date_format(a, from);
	sr_date_format(b, to);
	if (in->budget_cents < 0)
		return sr_fail(db, SR_BADINPUT, "%s", _("a budget cannot be negative"));
	if ((st = sr_check_text(db, "models", in->models, MODELS_CHARS, false, false)) != SR_OK ||
	    (st = check_models(db, in->models)) != SR_OK)
		return st;
	*source_id = 0;
	if (in->source && *in->source) {
		sr_source s;
		if ((st = sr_source_find(db, in->source, &s)) != SR_OK)
			return st;
		*source_id = s.id;
	}
	int64_t n = 0;
	st = sr_query_int(db, &n, "SELECT count(*) FROM campaigns WHERE name = ?1", "s", in->name);
	if (st == SR_OK && n)
		st = sr_fail(db, SR_CONFLICT, _("a campaign named %s already exists"), in->name);
	return st;
}

sr_status sr_campaign_add(sr_db *db, const sr_campaign_input *in, int64_t *id_out)
{
	char from[SR_DATE_LEN], to[SR_DATE_LEN], now[SR_TIME_LEN], after[JSON_MAX] = "";
	int64_t source_id = 0, id = 0;
	sr_status st = sr_perm_require(db, SR_ACT_CAMPAIGN);
	if (st == SR_OK)
		st = check_input(db, in, from, to, &source_id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	sr_now_text(db, now);
	st = sr_exec(db, "INSERT INTO campaigns(name, starts, ends, budget_cents, models, source_id,"
	                 " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	             "sssIszIs", in->name, from, to, in->budget_cents,
	             in->models ? in->models : "", source_id, db->actor_id, now);
	if (st == SR_OK) {
		id = sqlite3_last_insert_rowid(db->h);
		st = sr_query_text(db, after, sizeof after, SNAPSHOT_SQL, "I", id);
	}
	if (st == SR_OK)
		st = sr_audit_write(db, "add", "campaign", id, 0, NULL, after);
	st = sr_tx_end(db, st);
	if (st == SR_OK && id_out)
		*id_out = id;
	return st;
}

/* Visits as the card counts them (SR_VISITS_SQL in card_int.h): reception
 * follow-ups plus the walk-in filing. */
#define CAMPAIGN_COLS                                                                        \
	"SELECT g.id, g.name, g.starts, g.ends, g.budget_cents, g.models, coalesce(s.name, ''),"  \
	" (SELECT count(*) FROM cards c WHERE c.campaign_id = g.id AND c.merged_into IS NULL),"   \
	" (SELECT count(*) FROM cards c JOIN followups f ON f.card_id = c.id"                  \
	"   WHERE c.campaign_id = g.id AND f.method = 'reception')"                           \
	"  + (SELECT count(*) FROM cards c WHERE c.campaign_id = g.id AND c.channel = 'walkin'),"  \
	" (SELECT count(*) FROM cards c JOIN orders o ON o.card_id = c.id"                     \
	"   WHERE c.campaign_id = g.id AND o.status <> 'cancelled'),"                         \
	" (SELECT count(*) FROM cards c JOIN orders o ON o.card_id = c.id"                     \
	"   WHERE c.campaign_id = g.id AND o.status = 'delivered')"                           \
	" FROM campaigns g LEFT JOIN sources s ON s.id = g.source_id"

static void campaign_from_row(sqlite3_stmt *q, sr_campaign *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(q, 0);
	sr_col_text(q, 1, g->name, sizeof g->name);
	sr_col_text(q, 2, g->from, sizeof g->from);
	sr_col_text(q, 3, g->to, sizeof g->to);
	g->budget_cents = sqlite3_column_int64(q, 4);
	sr_col_text(q, 5, g->models, sizeof g->models);
	sr_col_text(q, 6, g->source, sizeof g->source);
	g->leads = sqlite3_column_int64(q, 7);
	g->visits = sqlite3_column_int64(q, 8);
	g->orders = sqlite3_column_int64(q, 9);
	g->sold = sqlite3_column_int64(q, 10);
}

/* Reading: whoever reads the store's reports (not only their own
 * figures), or manages campaigns. */
static sr_status may_read(sr_db *db)
{
	if (sr_perm_allows(db->actor_role, SR_ACT_REPORT) &&
	    sr_perm_scope(db->actor_role) != SR_SCOPE_OWN)
		return SR_OK;
	return sr_perm_require(db, SR_ACT_CAMPAIGN);
}

sr_status sr_campaign_get(sr_db *db, int64_t id, sr_campaign *out)
{
	sr_status st = may_read(db);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, CAMPAIGN_COLS " WHERE g.id = ?1");
	if (!q)
		return SR_IO;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		campaign_from_row(q, out);
	sr_stmt_done(q);
	if (rc == SQLITE_DONE)
		return sr_fail(db, SR_NOTFOUND, _("campaign %lld not found"), (long long)id);
	return rc == SQLITE_ROW ? SR_OK : sr_sqlite_fail(db, rc, _("reading the campaign"));
}

sr_status sr_campaign_each(sr_db *db, int (*fn)(void *ctx, const sr_campaign *c), void *ctx)
{
	sr_status st = may_read(db);
	if (st != SR_OK)
		return st;
	sqlite3_stmt *q = sr_stmt(db, CAMPAIGN_COLS " ORDER BY g.starts DESC, g.id");
	if (!q)
		return SR_IO;
	sr_campaign g;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		campaign_from_row(q, &g);
		if (fn(ctx, &g))
			break;
	}
	sr_stmt_done(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sr_sqlite_fail(db, rc, _("reading the campaigns"));
	return SR_OK;
}

sr_status sr_campaign_check(sr_db *db, int64_t id)
{
	int64_t n = 0;
	sr_status st = sr_query_int(db, &n, "SELECT count(*) FROM campaigns WHERE id = ?1", "I", id);
	if (st == SR_OK && !n)
		st = sr_fail(db, SR_NOTFOUND, _("campaign %lld not found"), (long long)id);
	return st;
}

sr_status sr_campaign_attribute(sr_db *db, int64_t card_id, int64_t campaign_id)
{
	sr_status st = sr_perm_card(db, SR_ACT_CARD_EDIT, card_id);
	sr_card_facts c;
	if (st == SR_OK)
		st = sr_card_facts_get(db, card_id, &c);
	if (st == SR_OK)
		st = sr_transition_check(db, &c, SR_TR_EDIT);
	if (st == SR_OK && campaign_id)
		st = sr_campaign_check(db, campaign_id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char now[SR_TIME_LEN], before[64] = "", after[64] = "";
	sr_now_text(db, now);
	snprintf(after, sizeof after, "{\"campaign_id\":%lld}", (long long)campaign_id);
	st = sr_query_text(db, before, sizeof before,
	                   "SELECT json_object('campaign_id', campaign_id) FROM cards WHERE id = ?1",
	                   "I", card_id);
	if (st == SR_OK)
		st = sr_exec(db, "UPDATE cards SET campaign_id = ?1, version = version + 1,"
		                 " updated_at = ?2 WHERE id = ?3", "zsI", campaign_id, now, card_id);
	if (st == SR_OK)
		st = sr_audit_write(db, "campaign", "card", card_id, card_id, before, after);
	return sr_tx_end(db, st);
}

/* Cards the import filed: its rows whose card was filed by the importer
 * at or after the run began (a matched card is older). */
static const char IMPORT_CARDS_SQL[] =
	"UPDATE cards SET campaign_id = ?1, version = version + 1 WHERE campaign_id IS NULL AND id IN"
	" (SELECT r.card_id FROM import_rows r JOIN imports i ON i.id = r.import_id"
	"  JOIN cards c ON c.id = r.card_id"
	"  WHERE r.import_id = ?2 AND c.filed_by = i.by_user AND c.filed_at >= i.at)";

sr_status sr_campaign_attribute_import(sr_db *db, int64_t import_id, int64_t campaign_id,
                                       int64_t *count)
{
	*count = 0;
	sr_status st = sr_perm_require(db, SR_ACT_CARD_FILE);
	if (st == SR_OK)
		st = sr_campaign_check(db, campaign_id);
	if (st == SR_OK)
		st = sr_tx_begin(db);
	if (st != SR_OK)
		return st;
	char after[96];
	snprintf(after, sizeof after, "{\"import_id\":%lld,\"campaign_id\":%lld}",
	         (long long)import_id, (long long)campaign_id);
	st = sr_exec(db, IMPORT_CARDS_SQL, "II", campaign_id, import_id);
	if (st == SR_OK) {
		*count = sr_changes(db);
		st = sr_audit_write(db, "campaign", "import", import_id, 0, NULL, after);
	}
	return sr_tx_end(db, st);
}
