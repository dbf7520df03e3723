/* import.c — internet leads from the car portals' CSV exports.
 *
 * The file is read in fixed-size chunks (memory does not grow with it),
 * converted from GB18030 with iconv when needed, and cut at newlines before
 * it reaches libcsv so the physical line of every record is known. Rows are
 * written in batches of SR_IMPORT_BATCH, one transaction each, every row in
 * its own savepoint so a refused row leaves nothing behind. A row's key
 * (source, normalised phone, submit time) is stored, so a lead is imported
 * once whatever the file is called. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "internal.h"

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
	int64_t line;              /* physical line being fed (1-based) */
	int64_t start;             /* line where the current record began */
	bool in_batch;
	int64_t batch_rows;
	bool by_source;
	int64_t rr_last;           /* the caller who got the last lead */
	sr_status fatal;           /* stops the import: IO, conflict, no header */
	char reason[SR_MSG_MAX];
};

/* ---- distribution --------------------------------------------------------- */

static const char CALLER_AFTER_SQL[] =
	"SELECT id, login FROM users WHERE active = 1 AND role IN ('dcc-inbound','dcc-outbound')"
	" AND id > ?1 ORDER BY id LIMIT 1";

static sr_status caller_after(sr_db *db, int64_t after, int64_t *id, char login[SR_LOGIN_MAX])
{
	sqlite3_stmt *st = sr_stmt(db, CALLER_AFTER_SQL);
	if (!st)
		return SR_IO;
	sqlite3_bind_int64(st, 1, after);
	int rc = sqlite3_step(st);
	sr_status res = SR_NOTFOUND;
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sr_col_text(st, 1, login, SR_LOGIN_MAX);
		res = SR_OK;
	} else if (rc != SQLITE_DONE) {
		res = sr_sqlite_fail(db, rc, "users");
	}
	sr_stmt_done(st);
	return res;
}

/* Round robin among active DCC callers, continuing from the last import
 * (settings import_rr holds the last caller's id); or, with import_rule
 * by-source, the login in import_owner.SOURCE when one is set. */
static sr_status pick_owner(struct imp *im, const char *source_code, char login[SR_LOGIN_MAX])
{
	sr_db *db = im->db;
	if (im->by_source) {
		char key[SR_CODE_MAX + 16];
		snprintf(key, sizeof key, "import_owner.%s", source_code);
		sr_status st = sr_query_text(db, login, SR_LOGIN_MAX,
		                             "SELECT value FROM settings WHERE key = ?1", "s", key);
		if (st == SR_OK && *login)
			return SR_OK;
		if (st != SR_OK && st != SR_NOTFOUND)
			return st;
	}
	int64_t id = 0;
	sr_status st = caller_after(db, im->rr_last, &id, login);
	if (st == SR_NOTFOUND)
		st = caller_after(db, 0, &id, login);
	if (st == SR_NOTFOUND)
		return sr_fail(db, SR_RULE,
		               _("no active DCC caller to give imported leads to: add a dcc-inbound "
		                 "or dcc-outbound user, or set import_rule to by-source with "
		                 "import_owner.%s"), source_code);
	if (st != SR_OK)
		return st;
	im->rr_last = id;
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)id);
	return sr_exec(db, "INSERT INTO settings(key, value) VALUES ('import_rr', ?1)"
	                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value", "s", text);
}

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

static sr_status batch_end(struct imp *im, sr_status st)
{
	const sr_import_summary *s = im->sum;
	if (!im->in_batch)
		return st;
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

static const char FOLLOWING_SQL[] =
	"SELECT id FROM cards WHERE phone = ?1 AND status IN ('active','order','dormant')"
	" AND merged_into IS NULL ORDER BY id LIMIT 1";

/* File the lead, or note it on the phone's following card. Inside the
 * row's savepoint. */
static sr_status write_row(struct imp *im, const char *v[F_COUNT], const char *phone,
                           const sr_source *src, const sr_model *model, const char *key)
{
	sr_db *db = im->db;
	int64_t card = 0;
	sr_status st = sr_query_int(db, &card, FOLLOWING_SQL, "s", phone);
	if (st != SR_OK && st != SR_NOTFOUND)
		return st;
	if (st == SR_OK) {
		char content[SR_TEXT_MAX];
		snprintf(content, sizeof content, "[import %s line %lld] %s%s%s",
		         im->opt->name ? im->opt->name : "-", (long long)im->start, v[F_NOTE],
		         model ? " / " : "", model ? model->model : "");
		sr_followup_input f = {
			.card_id = card, .method = SR_METHOD_OTHER, .content = content,
			.result = "import",
		};
		st = sr_followup_add(db, &f, NULL);
		if (st == SR_OK)
			im->sum->matched++;
	} else {
		char owner[SR_LOGIN_MAX];
		if ((st = pick_owner(im, src->code, owner)) != SR_OK)
			return st;
		sr_card_filing f = {
			.name = v[F_NAME], .phone = phone, .channel = SR_CHANNEL_PHONE,
			.source = src->code, .model = model ? model->code : NULL, .level = 'N',
			.owner = owner, .region = v[F_REGION],
		};
		if ((st = sr_card_file(db, &f, &card)) != SR_OK)
			return st;
		st = sr_exec(db, "UPDATE assignments SET reason = 'import'"
		                 " WHERE card_id = ?1 AND reason = 'file'", "I", card);
		if (st == SR_OK)
			im->sum->filed++;
	}
	if (st != SR_OK)
		return st;
	return sr_exec(db, "INSERT INTO import_rows(key, import_id, line, card_id)"
	                   " VALUES (?1, ?2, ?3, ?4)", "sIII",
	               key, im->sum->import_id, im->start, card);
}

/* Checks that need no writing; SR_BADINPUT (reason in im->reason) refuses
 * the row. */
static sr_status check_row(struct imp *im, const char *v[F_COUNT], char phone[SR_PHONE_MAX],
                           sr_source *src, sr_model *model, bool *has_model)
{
	sr_db *db = im->db;
	if (!*v[F_PHONE])
		return sr_fail(db, SR_BADINPUT, "%s", _("no phone"));
	if (!sr_phone_normalize(v[F_PHONE], phone))
		return sr_fail(db, SR_BADINPUT, _("malformed phone \"%s\""), v[F_PHONE]);
	if (!*v[F_NAME])
		return sr_fail(db, SR_BADINPUT, "%s", _("no name"));
	sr_status st = sr_check_text(db, "name", v[F_NAME], 32, true, false);
	if (st == SR_OK)
		st = sr_check_text(db, "region", v[F_REGION], 64, false, false);
	if (st == SR_OK)
		st = sr_check_text(db, "note", v[F_NOTE], 1500, false, true);
	if (st != SR_OK)
		return st;
	const char *source = *v[F_SOURCE] ? v[F_SOURCE] : im->opt->source;
	if (!source || !*source)
		return sr_fail(db, SR_BADINPUT, "%s",
		               _("no source: give --source or a 来源 column"));
	if ((st = sr_source_find(db, source, src)) != SR_OK)
		return st;
	*has_model = false;
	if (*v[F_MODEL]) {
		st = sr_model_find(db, v[F_MODEL], model);
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
	if (st == SR_OK)
		st = check_row(im, v, phone, &src, &model, &has_model);
	if (st == SR_OK) {
		snprintf(key, sizeof key, "%lld|%s|%.80s", (long long)src.id, phone, v[F_TIME]);
		st = sr_query_int(db, &seen, "SELECT 1 FROM import_rows WHERE key = ?1", "s", key);
		if (st == SR_OK) {
			im->sum->duplicate++;
		} else if (st == SR_NOTFOUND) {
			if ((st = sr_tx_begin(db)) == SR_OK)
				st = sr_tx_end(db, write_row(im, v, phone, &src,
				                             has_model ? &model : NULL, key));
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

/* libcsv callbacks: a field, and the end of a record. */
static void on_field(void *s, size_t len, void *data)
{
	struct imp *im = data;
	if (im->nf >= COLS_MAX || im->rowlen + len + 1 > ROW_MAX) {
		im->row_overflow = true;
		return;
	}
	im->off[im->nf++] = im->rowlen;
	/* Spreadsheets end lines inside quoted fields with CRLF: keep LF. */
	const char *t = s;
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
			continue;
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

/* Valid UTF-8, allowing a sequence cut at the end of the buffer. */
static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 :
		             (c >> 3) == 30 ? 4 : 0;
		if (!len || (len == 2 && c < 0xC2))
			return false;
		for (size_t k = 1; k < len; k++) {
			if (i + k >= n)
				return true;
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		}
		i += len;
	}
	return true;
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
			/* Not GB18030: the replacement character, then go on. */
			if (!feed(im, p, "\xEF\xBF\xBD", 3))
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
			           !utf8_valid((const unsigned char *)s, n));
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

sr_status sr_import_csv(sr_db *db, const sr_import_options *opt, FILE *in,
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
	                    .line = 1, .start = 1 };
	char rule[32] = "", last[24] = "";
	sr_query_text(db, rule, sizeof rule, "SELECT value FROM settings WHERE key = 'import_rule'",
	              NULL);
	im->by_source = !strcmp(rule, "by-source");
	sr_query_text(db, last, sizeof last, "SELECT value FROM settings WHERE key = 'import_rr'",
	              NULL);
	im->rr_last = strtoll(last, NULL, 10);
	int64_t callers = 0;
	sr_query_int(db, &callers, "SELECT count(*) FROM users WHERE active = 1"
	                           " AND role IN ('dcc-inbound','dcc-outbound')", NULL);
	if (!callers && !im->by_source) {
		free(im);
		return sr_fail(db, SR_RULE, "%s",
		               _("no active DCC caller to give imported leads to: add a dcc-inbound "
		                 "or dcc-outbound user, or set import_rule to by-source"));
	}
	/* A dry run does everything inside one transaction and rolls it back. */
	if (opt->dry_run && (st = sr_tx_begin(db)) != SR_OK) {
		free(im);
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
	free(im);
	return st;
}
