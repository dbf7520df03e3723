/* cmd_card.c — card file | show | list | edit | promote, and search. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* --answer KEY=VALUE into answers[]; an unknown key is bad input. */
static bool parse_answers(struct cli_ctx *c, const struct cli_list *l,
                          const char *answers[SR_ANS_COUNT], const char **keys_out)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *eq = strchr(l->v[i], '=');
		char key[32];
		size_t len = eq ? (size_t)(eq - l->v[i]) : 0;
		sr_answer a;
		if (!eq || len >= sizeof key) {
			cli_bad(c, _("--answer: expected KEY=VALUE, got '%s'"), l->v[i]);
			return false;
		}
		memcpy(key, l->v[i], len);
		key[len] = '\0';
		if (!sr_answer_parse(key, &a)) {
			char keys[256];
			sr_card_field_keys(SR_FIELD_ANSWER0, SR_FIELD_COUNT, keys, sizeof keys);
			cli_bad(c, _("--answer: unknown key '%s' (one of %s)"), key, keys);
			return false;
		}
		answers[a] = eq + 1;
		if (keys_out)
			keys_out[a] = sr_answer_key(a);
	}
	return true;
}

/* --- card file --------------------------------------------------------------- */

static sr_status card_file(struct cli_ctx *c, int argc, char **argv)
{
	sr_card_filing in = { 0 };
	const char *channel = NULL, *level = NULL, *status = NULL, *deposit = NULL;
	struct cli_list answers = { .n = 0 };
	const struct cli_opt opts[] = {
		{ "name", CLI_STR, &in.name },
		{ "phone", CLI_STR, &in.phone },
		{ "channel", CLI_STR, &channel },
		{ "source", CLI_STR, &in.source },
		{ "model", CLI_STR, &in.model },
		{ "level", CLI_STR, &level },
		{ "expect", CLI_STR, &in.expected_purchase },
		{ "next", CLI_STR, &in.next_date },
		{ "owner", CLI_STR, &in.owner },
		{ "traffic", CLI_ID, &in.traffic_id },
		{ "wholesale", CLI_FLAG, &in.wholesale },
		{ "answer", CLI_LIST, &answers },
		{ "new-opportunity", CLI_FLAG, &in.new_opportunity },
		{ "followup-level", CLI_STR, &in.followup_level },
		{ "gender", CLI_STR, &in.gender },
		{ "region", CLI_STR, &in.region },
		{ "address", CLI_STR, &in.address },
		{ "status", CLI_STR, &status },
		{ "deposit", CLI_STR, &deposit },
		{ "vin", CLI_STR, &in.vin },
		{ "at", CLI_STR, &in.at },
		{ "campaign", CLI_ID, &in.campaign_id },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("no arguments besides the options")))
		return SR_USAGE;
	if (!cli_need(c, "--name", in.name) || !cli_need(c, "--phone", in.phone) ||
	    !cli_need(c, "--channel", channel))
		return SR_USAGE;
	if (!sr_channel_parse(channel, &in.channel))
		return cli_bad(c, _("--channel: expected walkin, phone or outreach, got '%s'"),
		               channel);
	if (level && !cli_level(c, "--level", level, &in.level))
		return SR_BADINPUT;
	if (!parse_answers(c, &answers, in.answers, NULL))
		return SR_BADINPUT;
	in.file_as = SR_FILE_ACTIVE;
	if (status) {
		if (strcmp(status, "order") == 0)
			in.file_as = SR_FILE_ORDER;
		else if (strcmp(status, "sold") == 0)
			in.file_as = SR_FILE_SOLD;
		else if (strcmp(status, "active") != 0)
			return cli_bad(c, _("--status: a card is filed as active, order or sold, "
			                    "not '%s'"),
			               status);
	}
	if (deposit && !cli_money(c, "--deposit", deposit, &in.deposit_cents))
		return SR_BADINPUT;
	int64_t id = 0;
	sr_status st = sr_card_file(c->db, &in, &id);
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

/* --- card show ------------------------------------------------------------------ */

enum { SHOW_FIELDS = 26 + SR_ANS_COUNT }; /* the keys of `card show`, in order */

/* The history as the card screen shows it: one line per event, "TIME  KIND
 * WHO  WHAT", the kind and the name padded to the widest of this card's
 * (display columns) so the events line up; the line is never cut. Held
 * until the core has answered, so a refusal prints no half history. */
struct history_out {
	struct history_row {
		char at[17];
		sr_history_kind kind;
		char who[SR_NAME_MAX];
		char *line;
	} *rows;
	size_t n, cap;
	bool failed;
};

static int collect_event(void *ctx, const sr_history_event *e)
{
	struct history_out *h = ctx;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 32;
		struct history_row *rows = realloc(h->rows, cap * sizeof *rows);
		if (!rows) {
			h->failed = true;
			return 1;
		}
		h->rows = rows;
		h->cap = cap;
	}
	static char line[SR_HISTORY_LINE_MAX];
	sr_history_render(e, line, sizeof line);
	struct history_row *r = &h->rows[h->n];
	if (!(r->line = strdup(line))) {
		h->failed = true;
		return 1;
	}
	snprintf(r->at, sizeof r->at, "%.16s", e->at);
	r->kind = e->kind;
	snprintf(r->who, sizeof r->who, "%s", e->actor);
	h->n++;
	return 0;
}

static void print_history(struct cli_ctx *c, const struct history_out *h)
{
	int kind_w = 0, who_w = 0;
	for (size_t i = 0; i < h->n; i++) {
		int k = sr_text_width(sr_history_kind_label(h->rows[i].kind));
		int w = sr_text_width(h->rows[i].who);
		kind_w = k > kind_w ? k : kind_w;
		who_w = w > who_w ? w : who_w;
	}
	char kind[4 * 32 + 1], who[4 * SR_NAME_MAX + 1];
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *r = &h->rows[i];
		sr_text_fit(sr_history_kind_label(r->kind), kind_w, false, false, kind, sizeof kind);
		sr_text_fit(r->who, who_w, false, false, who, sizeof who);
		fprintf(c->out, "%s  %s  %s  ", r->at, kind, who);
		cli_put_text(c->out, r->line); /* stored text, shown escaped */
		fputc('\n', c->out);
	}
}

static sr_status show_history(struct cli_ctx *c, int64_t id)
{
	struct history_out h = { 0 };
	sr_status st = sr_history_each(c->db, id, collect_event, &h);
	if (st != SR_OK) {
		cli_fail(c, st);
	} else if (h.failed) {
		st = cli_error(c, SR_IO, "%s", _("out of memory"));
	} else {
		fputs(_("\nhistory:\n"), c->out);
		print_history(c, &h);
	}
	for (size_t i = 0; i < h.n; i++)
		free(h.rows[i].line);
	free(h.rows);
	return st;
}

static sr_status card_show(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	int64_t id;
	if (!cli_npos(c, npos, 1, 1, _("one card id")) || !cli_id(c, _("card"), argv[0], &id))
		return SR_USAGE;
	static sr_card k; /* large: keep it off the stack */
	sr_status st = sr_card_get(c->db, id, &k);
	if (st != SR_OK)
		return cli_fail(c, st);

	const char *keys[SHOW_FIELDS], *vals[SHOW_FIELDS];
	char idb[24], merged[24], version[24], visits[24], age[24];
	char level[2] = { k.level, 0 }, filing_level[2] = { k.level_at_filing, 0 };
	size_t n = 0;
#define KV(key, value)                             \
	do {                                       \
		if (n < SHOW_FIELDS) {             \
			keys[n] = (key);           \
			vals[n++] = (value);       \
		}                                  \
	} while (0)
	KV("id", cli_fmt_int(idb, k.id));
	KV("name", k.name);
	KV("phone", k.phone);
	KV("gender", k.gender);
	KV("region", k.region);
	KV("address", k.address);
	KV("type", k.customer_type == SR_CUSTOMER_WHOLESALE ? "wholesale" : "retail");
	KV("channel", sr_channel_name(k.channel));
	KV("source", k.source);
	KV("model", k.model);
	KV("filed_at", k.filed_at);
	KV("owner", k.owner_login);
	KV("level", level);
	KV("level_at_filing", filing_level);
	KV("followup_level", k.followup_level);
	KV("expected_purchase", k.expected_purchase);
	KV("status", sr_card_status_name(k.status));
	for (int a = 0; a < SR_ANS_COUNT; a++)
		KV(sr_answer_key((sr_answer)a), k.answers[a]);
	KV("intro", cli_bool(k.step_intro));
	KV("negotiation", cli_bool(k.step_negotiation));
	KV("test_drive", cli_bool(k.step_test_drive));
	KV("next_date", k.next_date);
	KV("loss_reason", k.loss_reason);
	KV("merged_into", cli_fmt_int(merged, k.merged_into));
	KV("version", cli_fmt_int(version, k.version));
	KV("visits", cli_fmt_int(visits, k.visits));
	KV("age_days", cli_fmt_int(age, k.age_days));
#undef KV
	cli_kv_print(c, keys, vals, n);
	if (c->csv)
		return SR_OK;
	return show_history(c, id);
}

/* --- card list and search --------------------------------------------------------- */

static const struct cli_col card_cols[] = {
	{ "id", CLI_RIGHT }, { "name", 0 },     { "phone", 0 },     { "level", 0 },
	{ "status", 0 },     { "channel", 0 },  { "source", 0 },    { "model", 0 },
	{ "owner", 0 },      { "next_date", 0 }, { "filed_at", 0 }, { "age_days", CLI_RIGHT },
};
enum { CARD_NCOLS = sizeof card_cols / sizeof card_cols[0] };

static int card_row(void *ctx, const sr_card *k)
{
	struct cli_table *t = ctx;
	char id[24], age[24], level[2] = { k->level, 0 };
	const char *row[CARD_NCOLS] = {
		cli_fmt_int(id, k->id),     k->name,      k->phone,
		level,                      sr_card_status_name(k->status),
		sr_channel_name(k->channel), k->source,   k->model,
		k->owner_login,             k->next_date, k->filed_at,
		cli_fmt_int(age, k->age_days),
	};
	cli_table_row(t, row);
	return t->failed;
}

/* --status: repeatable, comma lists, "all". */
static bool parse_statuses(struct cli_ctx *c, const struct cli_list *l, sr_card_filter *f)
{
	for (size_t i = 0; i < l->n; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s", l->v[i]);
		for (char *save = NULL, *s = strtok_r(buf, ",", &save); s;
		     s = strtok_r(NULL, ",", &save)) {
			sr_card_status cs;
			if (strcmp(s, "all") == 0) {
				f->all_statuses = true;
			} else if (sr_card_status_parse(s, &cs)) {
				f->status_mask |= 1 << cs;
			} else {
				cli_bad(c, _("--status: expected active, order, dormant, sold, lost or "
				             "all, got '%s'"),
				        s);
				return false;
			}
		}
	}
	return true;
}

static bool parse_levels(struct cli_ctx *c, char *levels)
{
	for (char *p = levels; *p; p++) {
		*p = (char)toupper((unsigned char)*p);
		if (!strchr("OHABCN", *p)) {
			cli_bad(c, _("--level: expected letters of OHABCN, got '%s'"), levels);
			return false;
		}
	}
	return true;
}

/* The filters shared by card list and search; argv[0..npos) positionals. */
static sr_status card_query(struct cli_ctx *c, int argc, char **argv, bool with_text)
{
	sr_card_filter f;
	sr_card_filter_init(&f);
	struct cli_list statuses = { .n = 0 };
	const char *channel = NULL, *level = NULL;
	int min_age = -1, max_age = -1, limit = 0;
	const struct cli_opt opts[] = {
		{ "level", CLI_STR, &level },
		{ "status", CLI_LIST, &statuses },
		{ "channel", CLI_STR, &channel },
		{ "source", CLI_STR, &f.source },
		{ "model", CLI_STR, &f.model },
		{ "owner", CLI_STR, &f.owner },
		{ "min-age", CLI_INT, &min_age },
		{ "max-age", CLI_INT, &max_age },
		{ "limit", CLI_INT, &limit },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (with_text) {
		if (!cli_npos(c, npos, 1, 1, _("the text to search for (part of a name or phone)")))
			return SR_USAGE;
		f.text = argv[0];
	} else if (!cli_npos(c, npos, 0, 0, _("only options"))) {
		return SR_USAGE;
	}
	char levels[16];
	if (level) {
		snprintf(levels, sizeof levels, "%s", level);
		if (!parse_levels(c, levels))
			return SR_BADINPUT;
		f.level = levels;
	}
	if (!parse_statuses(c, &statuses, &f))
		return SR_BADINPUT;
	if (channel) {
		sr_channel ch;
		if (!sr_channel_parse(channel, &ch))
			return cli_bad(c, _("--channel: expected walkin, phone or outreach, got '%s'"),
			               channel);
		f.channel = (int)ch;
	}
	f.min_age = min_age;
	f.max_age = max_age;
	f.limit = limit;
	struct cli_table t;
	cli_table_init(&t, c, card_cols, CARD_NCOLS);
	sr_status st = sr_card_search(c->db, &f, card_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status card_list(struct cli_ctx *c, int argc, char **argv)
{
	return card_query(c, argc, argv, false);
}

static sr_status card_search(struct cli_ctx *c, int argc, char **argv)
{
	return card_query(c, argc, argv, true);
}

/* --- card edit and promote -------------------------------------------------------- */

/* --FIELD VALUE for the fields of the table before the answers (which go
 * by --answer); the expected purchase date is --expect, as in card file. */
static const char *edit_option(int f)
{
	return f == SR_FIELD_EXPECTED ? "expect" : sr_card_field_get(f)->key;
}

static sr_status card_edit(struct cli_ctx *c, int argc, char **argv)
{
	enum { NFIELDS = SR_FIELD_ANSWER0 };
	const char *values[NFIELDS] = { NULL };
	struct cli_list answers = { .n = 0 };
	int64_t version = 0, campaign = 0;
	struct cli_opt opts[NFIELDS + 4];
	for (int f = 0; f < NFIELDS; f++)
		opts[f] = (struct cli_opt){ edit_option(f), CLI_STR, &values[f] };
	opts[NFIELDS] = (struct cli_opt){ "answer", CLI_LIST, &answers };
	opts[NFIELDS + 1] = (struct cli_opt){ "version", CLI_ID, &version };
	opts[NFIELDS + 2] = (struct cli_opt){ "campaign", CLI_ID, &campaign };
	opts[NFIELDS + 3] = (struct cli_opt){ NULL, 0, NULL };
	int npos = cli_parse(c, argc, argv, opts);
	int64_t id;
	if (!cli_npos(c, npos, 1, 1, _("one card id")) || !cli_id(c, _("card"), argv[0], &id))
		return SR_USAGE;
	const char *answer_values[SR_ANS_COUNT] = { NULL };
	const char *answer_keys[SR_ANS_COUNT] = { NULL };
	if (!parse_answers(c, &answers, answer_values, answer_keys))
		return SR_BADINPUT;
	sr_card_change changes[SR_FIELD_COUNT];
	size_t n = 0;
	for (int f = 0; f < NFIELDS; f++)
		if (values[f])
			changes[n++] = (sr_card_change){ sr_card_field_get(f)->key, values[f] };
	for (size_t a = 0; a < SR_ANS_COUNT; a++)
		if (answer_keys[a])
			changes[n++] = (sr_card_change){ answer_keys[a], answer_values[a] };
	if (n == 0 && !campaign)
		return cli_usage(c, "%s",
		                 _("nothing to change: give at least one --FIELD VALUE "
		                   "(see showroom card edit --help)"));
	sr_status st = n ? sr_card_edit(c->db, id, version, changes, n) : SR_OK;
	if (st == SR_OK && campaign)
		st = sr_campaign_attribute(c->db, id, campaign);
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

/* How --help shows a field's value. */
static const char *value_hint(sr_field_kind k)
{
	switch (k) {
	case SR_FIELD_KIND_GENDER: return "M|F";
	case SR_FIELD_KIND_DATE:
	case SR_FIELD_KIND_NEXT: return "DATE";
	case SR_FIELD_KIND_FOLLOWUP_LEVEL: return "CODE";
	case SR_FIELD_KIND_LEVEL: return "L";
	default: return "V";
	}
}

/* Items after a lead, comma-separated, lines kept within 78 columns. */
struct help_line {
	FILE *out;
	int col;
	bool first;
};

static void help_start(struct help_line *h, FILE *out, const char *lead)
{
	*h = (struct help_line){ out, sr_text_width(lead), true };
	fputs(lead, out);
}

static void help_item(struct help_line *h, const char *a, const char *b)
{
	char item[96];
	int n = snprintf(item, sizeof item, "%s%s%s", a, *b ? " " : "", b);
	if (!h->first)
		fputc(',', h->out);
	if (h->col + n + 2 > 78) {
		fputs("\n ", h->out);
		h->col = 1;
	}
	fprintf(h->out, " %s", item);
	h->col += n + 2;
	h->first = false;
}

void cli_card_fields_help(FILE *out, const struct cli_cmd *cmd)
{
	struct help_line h;
	char max[16], opt[40];
	if (cmd->fn == card_edit) {
		help_start(&h, out, _("\nFields:"));
		for (int f = 0; f < SR_FIELD_ANSWER0; f++)
		{
			snprintf(opt, sizeof opt, "--%s", edit_option(f));
			help_item(&h, opt, value_hint(sr_card_field_get(f)->kind));
		}
		fputs("\n", out);
	}
	help_start(&h, out, _("\nKey questions (--answer KEY=VALUE):"));
	for (int f = SR_FIELD_ANSWER0; f < SR_FIELD_COUNT; f++)
		help_item(&h, sr_card_field_get(f)->key, "");
	help_start(&h, out, _(".\nThe most characters a field holds:"));
	for (int f = 0; f < SR_FIELD_COUNT; f++) {
		sr_field_kind k = sr_card_field_get(f)->kind;
		if (k != SR_FIELD_KIND_NAME && k != SR_FIELD_KIND_TEXT && k != SR_FIELD_KIND_ANSWER)
			continue;
		snprintf(max, sizeof max, "%d", sr_card_field_max(f));
		help_item(&h, sr_card_field_get(f)->key, max);
	}
	fputs(".\n", out);
}

static sr_status card_promote(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	int64_t id;
	if (!cli_npos(c, npos, 1, 1, _("one card id")) || !cli_id(c, _("card"), argv[0], &id))
		return SR_USAGE;
	sr_status st = sr_card_promote_wholesale(c->db, id);
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

/* --- tables ---------------------------------------------------------------------- */

#define FILTER_OPTIONS                                                                      \
	N_("  --level LETTERS   intent levels, e.g. HA\n"                                          \
	"  --status S        active, order, dormant, sold, lost or all; repeat or comma-separate\n" \
	"                    (default: the following cards: active, order, dormant)\n"          \
	"  --channel C       walkin, phone or outreach\n"                                     \
	"  --source S        media source (code or name)\n"                                  \
	"  --model M         model (code, series or model name)\n"                           \
	"  --owner LOGIN     owner of the card\n"                                            \
	"  --min-age N       card age at least N days\n"                                     \
	"  --max-age N       card age at most N days\n"                                      \
	"  --limit N         at most N cards (newest first)\n"                               \
	"Columns: id,name,phone,level,status,channel,source,model,owner,next_date,filed_at,"  \
	"age_days\n")

static const struct cli_cmd card_cmds[] = {
	{ "file", card_file, N_("file a new customer card and print its id"),
	  "--name NAME --phone PHONE --channel walkin|phone|outreach [OPTIONS]",
	  N_("  --source S            media source (code or name)\n"
	  "  --model M             intended model (code, series or model name)\n"
	  "  --level L             intent level H, A, B, C or N (default N)\n"
	  "  --expect DATE         expected purchase date\n"
	  "  --next DATE           next follow-up date (default: earliest the follow-up level allows)\n"
	  "  --owner LOGIN         owner (default: you, or the traffic row's consultant; a phone\n"
	  "                        lead filed by the DCC or reception goes to a DCC caller by the\n"
	  "                        distribution rule)\n"
	  "  --traffic ID          the traffic row this card is filed from\n"
	  "  --wholesale           a wholesale card (channel outreach, the wholesale owner)\n"
	  "  --answer KEY=VALUE    a key question (the keys below)\n"
	  "  --new-opportunity     allow a second following card on the same phone\n"
	  "  --followup-level CODE follow-up level (default: the intent level's)\n"
	  "  --gender M|F, --region R, --address A\n"
	  "  --status S            filed as active (default), order or sold\n"
	  "  --deposit AMOUNT      deposit in yuan, e.g. 5000 or 5000.50 (with --status order|sold)\n"
	  "  --vin VIN             vehicle identification number (with --status order|sold)\n"
	  "  --at TIME             filing time (default now)\n"
	  "  --campaign ID         the marketing campaign that brought the lead\n"),
	  CLI_FIELDS, NULL },
	{ "show", card_show, N_("show a card and its history"), "ID",
	  N_("Prints key: value lines, then the history. With --csv: one header row and one "
	     "row.\n"),
	  0, NULL },
	{ "list", card_list, N_("list cards matching filters"), "[FILTERS]", FILTER_OPTIONS, 0,
	  NULL },
	{ "edit", card_edit, N_("change a card's fields"), "ID [--FIELD VALUE ...]",
	  N_("  --FIELD VALUE         a field of the card (the fields below)\n"
	  "  --answer KEY=VALUE    a key question (the keys below)\n"
	  "  --version N           only if the card is still at this version (else exit 4)\n"
	  "  --campaign ID         attribute the card to a marketing campaign\n"),
	  CLI_FIELDS, NULL },
	{ "promote", card_promote, N_("promote a retail card to wholesale"), "ID", NULL, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cli_cmd cli_card_top[] = {
	{ "card", NULL, N_("customer cards"), NULL, NULL, 0, card_cmds },
	{ "search", card_search, N_("find cards by part of a name or phone"), "TEXT [FILTERS]",
	  FILTER_OPTIONS, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
