/* import.c — internet leads from the car portals' CSV exports.
 *
 * The file is read in fixed-size chunks (memory does not grow with it),
 * converted from GB18030 with iconv when needed, and cut at newlines before
 * it reaches libcsv so the physical line of every record is known. Rows are
 * written in batches of SR_IMPORT_BATCH, one transaction each. A row's key
 * (source, normalised phone, submit time) is stored, so a lead is imported
 * once whatever the file is called.
 *
 * Speed (issue 7): every check is made in C before anything is written;
 * new leads are staged in a temporary table and filed for the whole batch
 * at once (cards, assignments, import keys, name pieces: four statements
 * a batch instead of a dozen a row), with one audit row for the batch
 * naming its cards; the import_rows keys say which line filed which card.
 * Sources, models and callers are looked up once. A batch is large (a
 * commit rewrites every page the batch touched in the indexes, which are
 * in random order, so fewer commits write far less) but short: it holds
 * the write lock for about a quarter of a second. Should the batch's
 * statements still be refused, the batch is filed again row by row
 * through the core, each row in its own savepoint, so a refused row
 * leaves nothing behind. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "card_rules.h"

enum { F_NAME, F_PHONE, F_MODEL, F_SOURCE, F_NOTE, F_TIME, F_REGION, F_COUNT };

static const char *const field_names[F_COUNT] = {
	"name", "phone", "model", "source", "note", "time", "region",
};

/* The portals' column names, and a few English ones. */
static const struct {
	const char *column;
	int field;
} aliases[] = {
	{ "姓名", F_NAME }, { "客户姓名", F_NAME }, { "name", F_NAME },
	{ "手机", F_PHONE }, { "电话", F_PHONE }, { "手机号", F_PHONE },
	{ "手机号码", F_PHONE }, { "联系电话", F_PHONE }, { "phone", F_PHONE },
	{ "意向车型", F_MODEL }, { "车型", F_MODEL }, { "model", F_MODEL },
	{ "来源", F_SOURCE }, { "source", F_SOURCE },
	{ "留言", F_NOTE }, { "备注", F_NOTE }, { "note", F_NOTE },
	{ "提交时间", F_TIME }, { "time", F_TIME },
	{ "城市", F_REGION }, { "city", F_REGION }, { "region", F_REGION },
};

enum {
	STAGE_SLOTS = 4 * SR_IMPORT_BATCH, /* open addressing for the batch's phones */
	LOOKUP_CACHE = 32,     /* sources and models by the text of the file */
	CHUNK = 64 * 1024,
	ROW_MAX = 64 * 1024,   /* a longer record is rejected, not buffered */
	COLS_MAX = 256,
	KEY_MAX = 160,
};

struct imp {
	sr_db *db;
	const sr_import_options *opt;
	sr_import_summary *sum;
	sr_import_reject_fn on_reject;
	void *ctx;
	int col_field[COLS_MAX];   /* column -> field, -1 = not used */
	size_t ncols;
	bool have_header;
	char row[ROW_MAX];
	size_t rowlen, nf, off[COLS_MAX];
	bool row_overflow;
	int nul_col;               /* first column of the record holding a NUL, or -1 */
	int64_t line;              /* physical line being fed (1-based) */
	int64_t start;             /* line where the current record began */
	bool in_batch;
	int64_t batch_rows;
	sr_status fatal;           /* stops the import: IO, conflict, no header */
	char reason[SR_MSG_MAX];
	/* new leads of the batch, filed together at its end */
	struct staged *stage;
	int nstage;
	int slot[STAGE_SLOTS];     /* phone hash -> staged index + 1 */
	/* lookups made once */
	struct cached_source { char text[64]; sr_source s; sr_status st; } sources[LOOKUP_CACHE];
	struct cached_model { char text[64]; sr_model m; sr_status st; } models[LOOKUP_CACHE];
	int nsources, nmodels;
	sr_leads leads;            /* who gets the leads (dcc.c) */
};

/* A new lead waiting for the end of its batch. */
struct staged {
	char name[SR_CHARS_BYTES(SR_CARD_NAME_CHARS)], phone[SR_PHONE_MAX];
	char region[SR_CHARS_BYTES(SR_REGION_CHARS)], key[KEY_MAX];
	char source[SR_CODE_MAX], model[SR_CODE_MAX], owner[SR_LOGIN_MAX];
	int64_t source_id, model_id, owner_id, line;
};

/* ---- batches --------------------------------------------------------------- */

static sr_status batch_begin(struct imp *im)
{
	sr_status st = sr_tx_begin(im->db);
	if (st != SR_OK)
		return st;
	im->in_batch = true;
	im->batch_rows = 0;
	if (im->sum->import_id)
		return SR_OK;
	/* The run's row is written with the first batch, so a file that
	 * yields nothing leaves nothing. */
	char now[SR_TIME_LEN];
	sr_now_text(im->db, now);
	const char *name = im->opt->name ? im->opt->name : "-";
	st = sr_exec(im->db, "INSERT INTO imports(name, at, by_user) VALUES (?1, ?2, ?3)", "ssI",
	             name, now, im->db->actor_id);
	if (st != SR_OK)
		return st;
	im->sum->import_id = sqlite3_last_insert_rowid(im->db->h);
	return sr_audit_write(im->db, "import", "import", im->sum->import_id, 0, NULL, NULL);
}

static sr_status flush(struct imp *im);

static sr_status batch_end(struct imp *im, sr_status st)
{
	const sr_import_summary *s = im->sum;
	if (!im->in_batch)
		return st;
	if (st == SR_OK)
		st = flush(im);
	if (st == SR_OK)
		st = sr_leads_save(im->db, &im->leads);
	im->nstage = 0;
	memset(im->slot, 0, sizeof im->slot);
	im->in_batch = false;
	if (st == SR_OK)
		st = sr_exec(im->db,
		             "UPDATE imports SET rows = ?2, filed = ?3, matched = ?4, duplicate = ?5,"
		             " rejected = ?6, batches = ?7 WHERE id = ?1", "IIIIIII",
		             s->import_id, s->rows, s->filed, s->matched, s->duplicate, s->rejected,
		             s->batches + 1);
	st = sr_tx_end(im->db, st);
	if (st == SR_OK)
		im->sum->batches++;
	return st;
}

/* ---- rows ------------------------------------------------------------------ */

static void reject(struct imp *im, const char *reason)
{
	const char *fields[COLS_MAX];
	for (size_t i = 0; i < im->nf; i++)
		fields[i] = im->row + im->off[i];
	im->sum->rejected++;
	if (im->on_reject)
		im->on_reject(im->ctx, im->start, reason, fields, im->nf);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static const char IMPORT_ROW_SQL[] =
	"INSERT INTO import_rows(key, import_id, line, card_id) VALUES (?1, ?2, ?3, ?4)";

/* A lead on a phone that already has a following card: noted on that card
 * as a follow-up. Inside the row's savepoint. */
static sr_status write_matched(struct imp *im, const char *v[F_COUNT], int64_t card,
                               const sr_model *model, const char *key)
{
	char content[SR_TEXT_MAX];
	snprintf(content, sizeof content, "[import %s line %lld] %s%s%s",
	         im->opt->name ? im->opt->name : "-", (long long)im->start, v[F_NOTE],
	         model ? " / " : "", model ? model->model : "");
	sr_followup_input f = {
		.card_id = card, .method = SR_METHOD_OTHER, .content = content, .result = "import",
	};
	sr_status st = sr_followup_add(im->db, &f, NULL);
	if (st == SR_OK)
		im->sum->matched++;
	if (st != SR_OK)
		return st;
	return sr_exec(im->db, IMPORT_ROW_SQL, "sIII", key, im->sum->import_id, im->start, card);
}

/* One staged lead filed through the core (the slow way, used only when
 * the batch's statements were refused). Inside the row's savepoint. */
static sr_status write_new_slow(struct imp *im, const struct staged *r)
{
	sr_db *db = im->db;
	char owner[SR_LOGIN_MAX];
	sr_status st = sr_query_text(db, owner, sizeof owner, "SELECT login FROM users WHERE id = ?1",
	                             "I", r->owner_id);
	if (st != SR_OK)
		return st;
	sr_card_filing f = {
		.name = r->name, .phone = r->phone, .channel = SR_CHANNEL_PHONE, .source = r->source,
		.model = *r->model ? r->model : NULL, .level = 'N', .owner = owner, .region = r->region,
	};
	int64_t card;
	if ((st = sr_card_file(db, &f, &card)) != SR_OK)
		return st;
	st = sr_exec(db, "UPDATE assignments SET reason = 'import'"
	                 " WHERE card_id = ?1 AND reason = 'file'", "I", card);
	if (st == SR_OK)
		st = sr_exec(db, IMPORT_ROW_SQL, "sIII", r->key, im->sum->import_id, r->line, card);
	return st;
}

/* ---- the batch's new leads --------------------------------------------------- */

static unsigned phone_hash(const char *phone)
{
	unsigned h = 2166136261u;
	for (; *phone; phone++)
		h = (h ^ (unsigned char)*phone) * 16777619u;
	return h;
}

/* Index of the staged lead with this phone, or -1. */
static int staged_find(const struct imp *im, const char *phone)
{
	for (unsigned i = phone_hash(phone) % STAGE_SLOTS;; i = (i + 1) % STAGE_SLOTS) {
		int k = im->slot[i] - 1;
		if (k < 0)
			return -1;
		if (!strcmp(im->stage[k].phone, phone))
			return k;
	}
}

static void stage(struct imp *im, const char *v[F_COUNT], const char *phone,
                  const sr_source *src, const sr_model *model, const char *key,
                  int64_t owner_id)
{
	struct staged *r = &im->stage[im->nstage];
	sr_copy(r->name, sizeof r->name, v[F_NAME]);
	sr_copy(r->phone, sizeof r->phone, phone);
	sr_copy(r->region, sizeof r->region, v[F_REGION]);
	sr_copy(r->key, sizeof r->key, key);
	sr_copy(r->source, sizeof r->source, src->code);
	sr_copy(r->model, sizeof r->model, model ? model->code : "");
	r->source_id = src->id;
	r->model_id = model ? model->id : 0;
	r->owner_id = owner_id;
	r->line = im->start;
	unsigned i = phone_hash(phone) % STAGE_SLOTS;
	while (im->slot[i])
		i = (i + 1) % STAGE_SLOTS;
	im->slot[i] = ++im->nstage;
	im->sum->filed++;
}

static int staged_key_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct staged *const *)a)->key, (*(const struct staged *const *)b)->key);
}

/* The batch's leads filed together (sr_card_file_leads), their keys, and
 * one audit row naming the cards they filed. Inside a savepoint. */
static sr_status write_staged(struct imp *im)
{
	sr_db *db = im->db;
	sr_lead_card *leads = malloc((size_t)im->nstage * sizeof *leads);
	if (!leads)
		return sr_fail(db, SR_IO, "%s", _("out of memory"));
	for (int i = 0; i < im->nstage; i++) {
		const struct staged *r = &im->stage[i];
		leads[i] = (sr_lead_card){ r->name, r->phone, r->region, r->source_id, r->model_id,
		                           r->owner_id };
	}
	int64_t first = 0;
	sr_status st = sr_card_file_leads(db, leads, im->nstage, "import", &first);
	free(leads);
	/* The keys in their order: each lands beside the last in the key's
	 * b-tree, instead of anywhere in it. */
	const struct staged **by_key = st == SR_OK ? malloc((size_t)im->nstage * sizeof *by_key)
	                                           : NULL;
	if (st == SR_OK && !by_key)
		st = sr_fail(db, SR_IO, "%s", _("out of memory"));
	for (int i = 0; i < im->nstage && by_key; i++)
		by_key[i] = &im->stage[i];
	if (by_key)
		qsort(by_key, (size_t)im->nstage, sizeof *by_key, staged_key_cmp);
	for (int i = 0; i < im->nstage && st == SR_OK; i++)
		st = sr_exec(db, IMPORT_ROW_SQL, "sIII", by_key[i]->key, im->sum->import_id,
		             by_key[i]->line, first + (by_key[i] - im->stage));
	free(by_key);
	if (st != SR_OK)
		return st;
	char after[160];
	snprintf(after, sizeof after, "{\"filed\":%d,\"first_card\":%lld,\"last_card\":%lld}",
	         im->nstage, (long long)first, (long long)first + im->nstage - 1);
	return sr_audit_write(db, "import-batch", "import", im->sum->import_id, 0, NULL, after);
}

/* A staged lead the batch could not file: its reason, with its fields. */
static void reject_staged(struct imp *im, const struct staged *r, const char *reason)
{
	const char *fields[F_COUNT] = {r->name, r->phone, r->model, r->source, "", "", r->region};
	im->sum->rejected++;
	if (im->on_reject)
		im->on_reject(im->ctx, r->line, reason, fields, F_COUNT);
}

/* File the staged leads: together, or, when that is refused, one by one. */
static sr_status flush(struct imp *im)
{
	sr_db *db = im->db;
	if (!im->nstage)
		return SR_OK;
	sr_status st = sr_tx_begin(db);
	if (st == SR_OK)
		st = sr_tx_end(db, write_staged(im));
	if (st != SR_RULE && st != SR_BADINPUT)
		goto done;
	im->sum->filed -= im->nstage;
	for (int i = 0; i < im->nstage; i++) {
		if ((st = sr_tx_begin(db)) != SR_OK)
			goto done;
		st = sr_tx_end(db, write_new_slow(im, &im->stage[i]));
		if (st == SR_OK)
			im->sum->filed++;
		else if (st == SR_IO || st == SR_CONFLICT)
			goto done;
		else
			reject_staged(im, &im->stage[i], sr_db_message(db));
	}
	st = SR_OK;
done:
	im->nstage = 0;
	memset(im->slot, 0, sizeof im->slot);
	return st;
}

/* ---- sources and models, looked up once --------------------------------------- */

static sr_status find_source(struct imp *im, const char *text, sr_source *out)
{
	for (int i = 0; i < im->nsources; i++)
		if (!strcmp(im->sources[i].text, text)) {
			*out = im->sources[i].s;
			return im->sources[i].st == SR_OK ? SR_OK
			       : sr_source_find(im->db, text, out); /* for its message */
		}
	sr_status st = sr_source_find(im->db, text, out);
	if ((st == SR_OK || st == SR_NOTFOUND) && im->nsources < LOOKUP_CACHE &&
	    strlen(text) < sizeof im->sources[0].text) {
		struct cached_source *c = &im->sources[im->nsources++];
		sr_copy(c->text, sizeof c->text, text);
		c->s = *out;
		c->st = st;
	}
	return st;
}

static sr_status find_model(struct imp *im, const char *text, sr_model *out)
{
	for (int i = 0; i < im->nmodels; i++)
		if (!strcmp(im->models[i].text, text)) {
			*out = im->models[i].m;
			return im->models[i].st == SR_OK ? SR_OK : sr_model_find(im->db, text, out);
		}
	sr_status st = sr_model_find(im->db, text, out);
	if ((st == SR_OK || st == SR_NOTFOUND) && im->nmodels < LOOKUP_CACHE &&
	    strlen(text) < sizeof im->models[0].text) {
		struct cached_model *c = &im->models[im->nmodels++];
		sr_copy(c->text, sizeof c->text, text);
		c->m = *out;
		c->st = st;
	}
	return st;
}

/* Checks that need no writing; SR_BADINPUT (reason in im->reason) refuses
 * the row. */
static sr_status check_row(struct imp *im, const char *v[F_COUNT], char phone[SR_PHONE_MAX],
                           sr_source *src, sr_model *model, bool *has_model)
{
	sr_db *db = im->db;
	/* Every field the row gives, used or not yet: no control characters
	 * (the note may hold newlines), no bidi controls or line separators,
	 * nothing that is not UTF-8. */
	for (int f = 0; f < F_COUNT; f++) {
		unsigned byte;
		sr_text_fault fault = sr_text_find_fault(v[f], f == F_NOTE, &byte);
		if (fault == SR_TEXT_BAD_UTF8)
			return sr_fail(db, SR_BADINPUT,
			               _("%s holds the byte 0x%02X, which is not %s text"),
			               field_names[f], byte, im->sum->encoding);
		if (fault != SR_TEXT_OK)
			return sr_check_text_chars(db, field_names[f], v[f], f == F_NOTE);
	}
	if (!*v[F_PHONE])
		return sr_fail(db, SR_BADINPUT, "%s", _("no phone"));
	if (!sr_phone_normalize(v[F_PHONE], phone))
		return sr_fail(db, SR_BADINPUT, _("malformed phone \"%s\""), v[F_PHONE]);
	if (!*v[F_NAME])
		return sr_fail(db, SR_BADINPUT, "%s", _("no name"));
	sr_status st = sr_card_field_check(db, SR_FIELD_NAME, v[F_NAME], field_names[F_NAME], NULL);
	if (st == SR_OK)
		st = sr_card_field_check(db, SR_FIELD_REGION, v[F_REGION], field_names[F_REGION], NULL);
	if (st == SR_OK)
		st = sr_check_text(db, "note", v[F_NOTE], 1500, false, true);
	if (st != SR_OK)
		return st;
	const char *source = *v[F_SOURCE] ? v[F_SOURCE] : im->opt->source;
	if (!source || !*source)
		return sr_fail(db, SR_BADINPUT, "%s",
		               _("no source: give --source or a 来源 column"));
	if ((st = find_source(im, source, src)) != SR_OK)
		return st;
	*has_model = false;
	if (*v[F_MODEL]) {
		st = find_model(im, v[F_MODEL], model);
		if (st == SR_OK)
			*has_model = true;
		else if (st != SR_NOTFOUND)
			return st;
		else if (im->opt->require_model)
			return sr_fail(db, SR_BADINPUT, _("unknown model \"%s\""), v[F_MODEL]);
	} else if (im->opt->require_model) {
		return sr_fail(db, SR_BADINPUT, "%s", _("no model (--require-model)"));
	}
	return SR_OK;
}

/* A lead not seen before: noted on the phone's following card, or staged
 * as a new card of the batch. */
static sr_status new_row(struct imp *im, const char *v[F_COUNT], const char *phone,
                         const sr_source *src, const sr_model *model, const char *key)
{
	sr_db *db = im->db;
	int64_t card = 0, owner = 0;
	sr_status st = sr_card_following(db, phone, 0, &card);
	if (st == SR_OK) {
		if ((st = sr_tx_begin(db)) == SR_OK)
			st = sr_tx_end(db, write_matched(im, v, card, model, key));
		return st;
	}
	if (st != SR_NOTFOUND)
		return st;
	if ((st = sr_leads_pick(db, &im->leads, src->code, &owner)) != SR_OK)
		return st;
	stage(im, v, phone, src, model, key, owner);
	return SR_OK;
}

/* A record holding a NUL byte, refused naming its field (or its column,
 * when the importer does not read it). */
static sr_status nul_refused(struct imp *im)
{
	size_t col = (size_t)im->nul_col;
	int f = col < im->ncols ? im->col_field[col] : -1;
	if (f >= 0)
		return sr_fail(im->db, SR_BADINPUT, _("%s holds a NUL byte"), field_names[f]);
	return sr_fail(im->db, SR_BADINPUT, _("column %d holds a NUL byte"), (int)col + 1);
}

static void data_row(struct imp *im)
{
	sr_db *db = im->db;
	const char *v[F_COUNT];
	bool blank = true;
	for (int f = 0; f < F_COUNT; f++)
		v[f] = "";
	for (size_t i = 0; i < im->nf; i++) {
		if (im->row[im->off[i]])
			blank = false;
		if (i < im->ncols && im->col_field[i] >= 0)
			v[im->col_field[i]] = trim(im->row + im->off[i]);
	}
	if (blank && !im->row_overflow)
		return;
	im->sum->rows++;
	if (!im->in_batch && (im->fatal = batch_begin(im)) != SR_OK)
		return;
	im->batch_rows++;

	char phone[SR_PHONE_MAX], key[KEY_MAX];
	sr_source src;
	sr_model model;
	bool has_model = false;
	sr_status st = SR_OK;
	int64_t seen = 0;
	if (im->row_overflow)
		st = sr_fail(db, SR_BADINPUT, _("record longer than %d bytes or %d columns"),
		             ROW_MAX, COLS_MAX);
	else if (im->nul_col >= 0)
		st = nul_refused(im);
	if (st == SR_OK)
		st = check_row(im, v, phone, &src, &model, &has_model);
	/* A phone staged earlier in this batch: file the batch first, so this
	 * row finds that card (or its key) like any earlier one. */
	if (st == SR_OK && staged_find(im, phone) >= 0 && (st = flush(im)) != SR_OK) {
		im->fatal = st;
		return;
	}
	if (st == SR_OK) {
		snprintf(key, sizeof key, "%lld|%s|%.80s", (long long)src.id, phone, v[F_TIME]);
		st = sr_query_int(db, &seen, "SELECT 1 FROM import_rows WHERE key = ?1", "s", key);
		if (st == SR_OK) {
			im->sum->duplicate++;
		} else if (st == SR_NOTFOUND) {
			st = new_row(im, v, phone, &src, has_model ? &model : NULL, key);
		}
	}
	if (st == SR_IO || st == SR_CONFLICT) {
		im->fatal = st;
		return;
	}
	if (st != SR_OK)
		reject(im, sr_db_message(db));
	if (im->batch_rows >= SR_IMPORT_BATCH)
		im->fatal = batch_end(im, SR_OK);
}

static int field_of(const struct imp *im, const char *column)
{
	for (size_t i = 0; i < im->opt->nmap; i++) {
		const char *m = im->opt->map[i], *eq = strrchr(m, '=');
		if (eq && (size_t)(eq - m) == strlen(column) && !strncmp(m, column, eq - m))
			return sr_name_index(eq + 1, field_names, F_COUNT);
	}
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (!strcasecmp(aliases[i].column, column))
			return aliases[i].field;
	return -1;
}

static void header_row(struct imp *im)
{
	bool phone = false;
	im->have_header = true;
	if (im->nul_col >= 0) {
		im->fatal = sr_fail(im->db, SR_BADINPUT,
		                    _("the header row holds a NUL byte in column %d"),
		                    im->nul_col + 1);
		return;
	}
	im->ncols = im->nf;
	for (size_t i = 0; i < im->nf; i++) {
		im->col_field[i] = field_of(im, trim(im->row + im->off[i]));
		phone |= im->col_field[i] == F_PHONE;
	}
	if (!phone)
		im->fatal = sr_fail(im->db, SR_BADINPUT,
		                    _("no phone column: expected one of 手机, 电话, 手机号, 手机号码, "
		                      "联系电话, phone, or --map COLUMN=phone"));
}

/* libcsv callbacks: a field, and the end of a record.
 *
 * libcsv hands over a field's length; the rest of the importer reads
 * fields as C strings, so a NUL byte inside one would cut it short without
 * a word. The record is marked instead (and rejected in data_row, naming
 * the column), and the NUL kept as U+FFFD so the rejects file shows where
 * it was. */
static void on_field(void *s, size_t len, void *data)
{
	struct imp *im = data;
	const char *t = s;
	size_t nuls = 0;
	for (const char *z = t; len && (z = memchr(z, '\0', len - (size_t)(z - t))); z++)
		nuls++;
	if (im->nf >= COLS_MAX || im->rowlen + len + 2 * nuls + 1 > ROW_MAX) {
		im->row_overflow = true;
		return;
	}
	if (nuls && im->nul_col < 0)
		im->nul_col = (int)im->nf;
	im->off[im->nf++] = im->rowlen;
	/* Spreadsheets end lines inside quoted fields with CRLF: keep LF. */
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
			continue;
		if (!t[i]) {
			memcpy(im->row + im->rowlen, "\xEF\xBF\xBD", 3);
			im->rowlen += 3;
			continue;
		}
		im->row[im->rowlen++] = t[i] == '\r' ? '\n' : t[i];
	}
	im->row[im->rowlen++] = '\0';
}

static void on_row(int c, void *data)
{
	struct imp *im = data;
	(void)c;
	if (im->fatal == SR_OK && (im->nf || im->row_overflow)) {
		if (im->have_header)
			data_row(im);
		else
			header_row(im);
	}
	im->nf = im->rowlen = 0;
	im->row_overflow = false;
	im->nul_col = -1;
	/* Records end at a newline in the segment being fed (see feed). */
	im->start = im->line + 1;
}

/* ---- reading --------------------------------------------------------------- */

/* Broken quoting: this record and the rest of the file are not read. */
static void broken(struct imp *im)
{
	char reason[SR_MSG_MAX];
	snprintf(reason, sizeof reason,
	         _("broken quoting near line %lld: this record and the rest of the file were "
	           "not read"), (long long)im->line);
	reject(im, reason);
	im->sum->broken = true;
}

/* Hand text to libcsv one physical line at a time, so on_row knows the line. */
static bool feed(struct imp *im, struct csv_parser *p, const char *s, size_t n)
{
	while (n && im->fatal == SR_OK) {
		const char *nl = memchr(s, '\n', n);
		size_t seg = nl ? (size_t)(nl - s) + 1 : n;
		if (csv_parse(p, s, seg, on_field, on_row, im) != seg) {
			broken(im);
			return false;
		}
		if (nl)
			im->line++;
		s += seg;
		n -= seg;
	}
	return im->fatal == SR_OK;
}

/* Auto-detection reads the whole first chunk as UTF-8 and counts the
 * well-formed multibyte sequences against the bytes that are not UTF-8 (a
 * sequence cut at the end of the chunk is neither). UTF-8 is so regular
 * that GB18030 text read as UTF-8 is mostly invalid: about one sequence
 * passes for every four or five bad bytes (measured on our catalogue and
 * demo names). So a chunk with at least UTF8_MARGIN good sequences per bad
 * byte is UTF-8 with a few bad bytes, whose rows are rejected naming the
 * field; before, one bad byte near the start made the whole file GB18030
 * and nothing could be read ("no phone column"). */
enum { UTF8_MARGIN = 2 };

/* Well-formed multibyte sequences and bytes that are not UTF-8, by the one
 * decoder (text.h): it refuses overlong forms, surrogates and code points
 * past U+10FFFF. */
static void utf8_census(const unsigned char *s, size_t n, size_t *good, size_t *bad)
{
	size_t i = 0;
	*good = *bad = 0;
	while (i < n) {
		unsigned cp;
		size_t len = sr_utf8_decode((const char *)s + i, n - i, &cp);
		if (len == 0)
			return; /* cut by the chunk: the next chunk has the rest */
		if (len > 1)
			(*good)++;
		else if (s[i] >= 0x80)
			(*bad)++;
		i += len;
	}
}

static bool looks_utf8(const unsigned char *s, size_t n)
{
	size_t good, bad;
	utf8_census(s, n, &good, &bad);
	return bad == 0 || good >= UTF8_MARGIN * bad;
}

/* Convert and feed what iconv can; an incomplete sequence at the end stays
 * in buf for the next chunk. Returns the bytes kept. */
static size_t convert(struct imp *im, struct csv_parser *p, iconv_t cd, char *buf, size_t n,
                      char *out, size_t outcap, bool last)
{
	char *in = buf;
	size_t left = n;
	while (left && im->fatal == SR_OK) {
		char *o = out;
		size_t ol = outcap;
		size_t r = iconv(cd, &in, &left, &o, &ol);
		int err = r == (size_t)-1 ? errno : 0;
		if (!feed(im, p, out, (size_t)(o - out)))
			return 0;
		if (err == EILSEQ || (err == EINVAL && last)) {
			/* Not GB18030: the byte goes on as it is, never valid UTF-8
			 * where it lands (a lead byte before ASCII or a lead), so the
			 * row's check rejects the field holding it. (A U+FFFD here
			 * would have been filed as if typed.) */
			if (!feed(im, p, in, 1))
				return 0;
			in++;
			left--;
		} else if (err == EINVAL) {
			memmove(buf, in, left);
			return left;
		}
	}
	return 0;
}

static sr_status read_all(struct imp *im, FILE *f, sr_progress_fn progress, void *pctx)
{
	char *buf = malloc(CHUNK + 8), *out = malloc(2 * CHUNK + 16);
	iconv_t cd = (iconv_t)-1;
	struct csv_parser p;
	sr_status st = SR_OK;
	if (!buf || !out || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		free(buf);
		free(out);
		return sr_fail(im->db, SR_IO, "%s", _("out of memory"));
	}
	const char *enc = im->opt->encoding && *im->opt->encoding ? im->opt->encoding : "auto";
	size_t keep = 0, n;
	int64_t done = 0;
	bool first = true;
	while (im->fatal == SR_OK && (n = fread(buf + keep, 1, CHUNK, f)) > 0) {
		done += (int64_t)n;
		n += keep;
		keep = 0;
		char *s = buf;
		if (first) {
			first = false;
			bool bom = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3);
			if (bom) {
				s += 3;
				n -= 3;
			}
			bool gb = !strcasecmp(enc, "gb18030") || !strcasecmp(enc, "gbk") ||
			          (!strcasecmp(enc, "auto") && !bom &&
			           !looks_utf8((const unsigned char *)s, n));
			if (!gb && strcasecmp(enc, "auto") && strcasecmp(enc, "utf-8") &&
			    strcasecmp(enc, "utf8")) {
				st = sr_fail(im->db, SR_USAGE,
				             _("unknown encoding '%s': use auto, utf-8 or gb18030"), enc);
				break;
			}
			snprintf(im->sum->encoding, sizeof im->sum->encoding, "%s",
			         gb ? "gb18030" : "utf-8");
			if (gb && (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
				st = sr_fail(im->db, SR_IO, "%s", _("GB18030 conversion is not available"));
				break;
			}
		}
		if (cd != (iconv_t)-1) {
			keep = convert(im, &p, cd, s, n, out, 2 * CHUNK + 16, false);
			if (keep && s != buf)
				memmove(buf, s, keep);
		} else {
			feed(im, &p, s, n);
		}
		if (progress)
			progress(pctx, done, im->opt->size);
	}
	if (st == SR_OK && ferror(f))
		st = sr_fail(im->db, SR_IO, _("reading the file failed: %s"), strerror(errno));
	if (st == SR_OK && im->fatal == SR_OK && !im->sum->broken) {
		if (keep && cd != (iconv_t)-1)
			convert(im, &p, cd, buf, keep, out, 2 * CHUNK + 16, true);
		if (im->fatal == SR_OK && !im->sum->broken &&
		    csv_fini(&p, on_field, on_row, im) != 0)
			broken(im);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	csv_free(&p);
	free(buf);
	free(out);
	return st;
}

/* ---- the import ------------------------------------------------------------ */

static void imp_free(struct imp *im)
{
	free(im->stage);
	free(im);
}

static sr_status import_run(sr_db *db, const sr_import_options *opt, FILE *in,
                            sr_import_summary *out, sr_import_reject_fn on_reject, void *ctx,
                            sr_progress_fn progress, void *pctx)
{
	memset(out, 0, sizeof *out);
	/* Importing hands leads out to callers: the managers' right to assign. */
	sr_status st = sr_perm_require(db, SR_ACT_ASSIGN);
	if (st != SR_OK)
		return st;
	struct imp *im = calloc(1, sizeof *im);
	if (!im)
		return sr_fail(db, SR_IO, "%s", _("out of memory"));
	*im = (struct imp){ .db = db, .opt = opt, .sum = out, .on_reject = on_reject, .ctx = ctx,
	                    .line = 1, .start = 1, .nul_col = -1 };
	im->stage = malloc(SR_IMPORT_BATCH * sizeof *im->stage);
	if (!im->stage) {
		imp_free(im);
		return sr_fail(db, SR_IO, "%s", _("out of memory"));
	}
	st = sr_leads_open(db, &im->leads, true);
	if (st == SR_OK && !im->leads.ncallers && !im->leads.by_source)
		st = sr_fail(db, SR_RULE, "%s",
		             _("no active DCC caller to give imported leads to: add a dcc-inbound "
		               "or dcc-outbound user, or set import_rule to by-source"));
	if (st != SR_OK || (opt->dry_run && (st = sr_tx_begin(db)) != SR_OK)) {
		imp_free(im);
		return st;
	}
	st = read_all(im, in, progress, pctx);
	if (st == SR_OK)
		st = im->fatal;
	sr_status end = batch_end(im, st);
	if (st == SR_OK)
		st = end;
	if (st == SR_OK && !im->have_header)
		st = sr_fail(db, SR_BADINPUT, "%s", _("no header row: the file is empty"));
	if (opt->dry_run) {
		sr_tx_end(db, SR_CONFLICT);
		out->import_id = 0;
	}
	imp_free(im);
	return st;
}

/* Each batch touches pages all over the phone, name and key indexes: a
 * page cache that holds them saves reading them again every batch. The
 * staging table has a cache of its own (the temp schema's). Temporary
 * files stay on: a batch's statements keep a journal of every page they
 * change, in case one must be undone, and in memory (temp_store MEMORY)
 * that journal grew with the database (68 MB importing into a million
 * cards); a file takes it past 64 KB. (Setting temp_store drops temporary
 * tables: before the staging table is made.) */
sr_status sr_import_csv(sr_db *db, const sr_import_options *opt, FILE *in,
                        sr_import_summary *out, sr_import_reject_fn on_reject, void *ctx,
                        sr_progress_fn progress, void *pctx)
{
	int64_t cache = -2000, temp_cache = -2000, temp = 0;
	sr_query_int(db, &cache, "PRAGMA cache_size", NULL);
	sr_query_int(db, &temp_cache, "PRAGMA temp.cache_size", NULL);
	sr_query_int(db, &temp, "PRAGMA temp_store", NULL);
	sqlite3_exec(db->h, "PRAGMA cache_size = -16384; PRAGMA temp_store = FILE;"
	                    " PRAGMA temp.cache_size = -8192; PRAGMA wal_autocheckpoint = 16384",
	             NULL, NULL, NULL);
	sr_status st = import_run(db, opt, in, out, on_reject, ctx, progress, pctx);
	char pragma[200];
	snprintf(pragma, sizeof pragma,
	         "PRAGMA cache_size = %lld; PRAGMA temp_store = %d; PRAGMA temp.cache_size = %lld;"
	         " PRAGMA wal_autocheckpoint = 1000",
	         (long long)cache, (int)temp, (long long)temp_cache);
	sqlite3_exec(db->h, pragma, NULL, NULL, NULL);
	return st;
}

sr_status sr_import_allowed(sr_db *db)
{
	return sr_perm_require(db, SR_ACT_ASSIGN);
}
