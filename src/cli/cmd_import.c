/* cmd_import.c — `showroom import FILE.csv`: internet leads from the car
 * portals, with rejected rows written to FILE.rejects.csv beside the input. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

struct rejects {
	struct cli_ctx *c;
	const char *path;
	sr_userfile *file; /* created at the first rejected row */
	FILE *f;
	bool failed;
	bool written;      /* the rejects file is in place */
	char why[512];     /* why it failed */
};

static void rejects_failed(struct rejects *r, const char *why)
{
	if (!r->failed)
		snprintf(r->why, sizeof r->why, "%s", why);
	r->failed = true;
}

/* line,reason, then the row's fields as read. */
static void on_reject(void *ctx, int64_t line, const char *reason, const char *const *fields,
                      size_t n)
{
	struct rejects *r = ctx;
	if (r->failed)
		return;
	if (!r->file) {
		/* Checked before the import began; the user's file, written
		 * with their own rights (userfile.h). */
		if (sr_userfile_create(r->c->db, r->path, &r->file) != SR_OK ||
		    !(r->f = sr_userfile_stream(r->file))) {
			rejects_failed(r, sr_db_message(r->c->db));
			return;
		}
	}
	char num[24];
	const char *row[2 + 256];
	size_t k = 0;
	snprintf(num, sizeof num, "%lld", (long long)line);
	row[k++] = num;
	row[k++] = reason;
	for (size_t i = 0; i < n && k < sizeof row / sizeof row[0]; i++)
		row[k++] = fields[i];
	if (sr_csv_row(r->f, row, k) != 0) {
		char why[512];
		snprintf(why, sizeof why, _("cannot write %s: %s"), r->path, strerror(errno));
		rejects_failed(r, why);
	}
}

/* The rejects file in place when there were rejects; otherwise a stale
 * one from an earlier run is removed, as it would mislead. */
static void finish_rejects(struct rejects *r)
{
	if (r->failed) {
		sr_userfile_discard(r->file);
		return;
	}
	if (!r->file) {
		if (sr_userfile_remove(r->c->db, r->path) != SR_OK)
			rejects_failed(r, sr_db_message(r->c->db));
		return;
	}
	r->written = sr_userfile_commit(r->c->db, r->file) == SR_OK;
	if (!r->written)
		rejects_failed(r, sr_db_message(r->c->db));
}

/* The run's figures, one per line; a broken file said on stderr. */
static void print_summary(struct cli_ctx *c, const char *path, bool dry_run,
                          const sr_import_summary *s, const struct rejects *r)
{
	char n[7][24];
	const char *keys[] = { "file", "encoding", "rows", "filed", "matched", "already_imported",
	                       "rejected", "batches", "dry_run", "rejects" };
	const char *vals[] = {
		path, s->encoding, cli_fmt_int(n[0], s->rows), cli_fmt_int(n[1], s->filed),
		cli_fmt_int(n[2], s->matched), cli_fmt_int(n[3], s->duplicate),
		cli_fmt_int(n[4], s->rejected), cli_fmt_int(n[5], s->batches), cli_bool(dry_run),
		r->written ? r->path : "",
	};
	cli_kv_print(c, keys, vals, sizeof keys / sizeof keys[0]);
	if (s->broken)
		fprintf(stderr, _("showroom: import: broken quoting: the rest of %s was not read "
		                  "(see %s)\n"), path, r->path);
}

static sr_status cmd_import(struct cli_ctx *c, int argc, char **argv)
{
	sr_import_options o = { 0 };
	struct cli_list map = { 0 };
	const char *rejects_path = NULL;
	int64_t campaign = 0;
	const struct cli_opt opts[] = {
		{ "source", CLI_STR, &o.source },
		{ "encoding", CLI_STR, &o.encoding },
		{ "map", CLI_LIST, &map },
		{ "dry-run", CLI_FLAG, &o.dry_run },
		{ "require-model", CLI_FLAG, &o.require_model },
		{ "rejects", CLI_STR, &rejects_path },
		{ "campaign", CLI_ID, &campaign },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the CSV file to import")))
		return SR_USAGE;
	if (map.n > SR_IMPORT_MAP_MAX)
		return cli_usage(c, _("at most %d --map options"), SR_IMPORT_MAP_MAX);
	for (size_t i = 0; i < map.n; i++) {
		if (!strchr(map.v[i], '='))
			return cli_usage(c, _("--map: expected COLUMN=FIELD, got '%s'"), map.v[i]);
		o.map[o.nmap++] = map.v[i];
	}
	/* The right first: no file is read, made or removed for someone who
	 * may not import. */
	sr_status st = sr_import_allowed(c->db);
	if (st != SR_OK)
		return cli_fail(c, st);
	if (campaign && sr_campaign_check(c->db, campaign) != SR_OK)
		return cli_fail(c, SR_NOTFOUND);
	const char *path = argv[0];
	char def[4096];
	if (!rejects_path) {
		if ((size_t)snprintf(def, sizeof def, "%s.rejects.csv", path) >= sizeof def)
			return cli_usage(c, _("file name too long: %s"), path);
		rejects_path = def;
	}
	st = sr_userfile_check(c->db, rejects_path);
	FILE *in = NULL;
	if (st == SR_OK)
		st = sr_userfile_read(c->db, path, &in);
	if (st != SR_OK)
		return cli_fail(c, st);
	struct stat sb;
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		o.size = (int64_t)sb.st_size;
	const char *base = strrchr(path, '/');
	o.name = base ? base + 1 : path;

	struct rejects r = { .c = c, .path = rejects_path };
	struct cli_progress b;
	sr_progress_fn bar = cli_progress_begin(&b, _("import"));
	sr_import_summary s;
	st = sr_import_csv(c->db, &o, in, &s, on_reject, &r, bar, &b);
	fclose(in);
	cli_progress_end(&b);
	finish_rejects(&r);
	int64_t attributed = 0;
	if (st == SR_OK && campaign && s.import_id)
		st = sr_campaign_attribute_import(c->db, s.import_id, campaign, &attributed);
	if (st != SR_OK)
		return cli_fail(c, st);
	if (r.failed)
		return cli_error(c, SR_IO, "%s", r.why);

	print_summary(c, path, o.dry_run, &s, &r);
	return SR_OK;
}

const struct cli_cmd cli_import_top[] = {
	{ "import", cmd_import, N_("import internet leads from a portal's CSV file"),
	  "FILE.csv [--source S] [--encoding auto|utf-8|gb18030] [--map COLUMN=FIELD ...] "
	  "[--dry-run] [--require-model] [--rejects FILE] [--campaign ID]",
	  N_("  --source S         the file's media source (code or name), unless a 来源\n"
	     "                     column gives it per row\n"
	     "  --encoding E       auto (default: UTF-8 when valid, else GB18030), utf-8, gb18030\n"
	     "  --map COL=FIELD    read column COL as FIELD: name, phone, model, source, note,\n"
	     "                     time, region (repeatable)\n"
	     "  --dry-run          check and count everything, write nothing\n"
	     "  --require-model    reject rows without a known model\n"
	     "  --rejects FILE     where rejected rows go (default FILE.csv.rejects.csv):\n"
	     "                     line,reason, then the row's fields\n"
	     "Line numbers are physical lines where a record starts (the header is line 1).\n"
	     "Prints rows, filed, matched (a note on the phone's following card),\n"
	     "already_imported, rejected, batches (committed, 10 000 rows each).\n"
	     "  --campaign ID      attribute the cards the file filed to a campaign\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
