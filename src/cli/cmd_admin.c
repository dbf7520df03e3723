/* cmd_admin.c — administration: init, demo, users, catalogue (models,
 * sources, follow-up levels, settings), audit, export, backup and check.
 * Reports are cmd_report.c's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static sr_status done(struct cli_ctx *c, sr_status st)
{
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

static sr_status print_new_id(struct cli_ctx *c, sr_status st, int64_t id)
{
	if (st != SR_OK)
		return cli_fail(c, st);
	cli_print_id(c, id);
	return SR_OK;
}

/* --- init and demo ------------------------------------------------------------- */

static sr_status cmd_init(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	/* main opened (and so created and migrated) the file already. */
	fprintf(c->out, _("database %s ready (schema version %d)\n"), c->db_path,
	        sr_db_schema_version(c->db));
	return SR_OK;
}

static bool parse_seed(const char *text, uint64_t *out)
{
	if (!*text)
		return false;
	for (const char *p = text; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	errno = 0;
	unsigned long long v = strtoull(text, NULL, 10);
	if (errno == ERANGE)
		return false;
	*out = v;
	return true;
}

static sr_status cmd_demo(struct cli_ctx *c, int argc, char **argv)
{
	int cards = 400;
	const char *seed_text = NULL;
	const struct cli_opt opts[] = {
		{ "cards", CLI_INT, &cards },
		{ "seed", CLI_STR, &seed_text },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("only options")))
		return SR_USAGE;
	uint64_t seed = 1;
	if (seed_text && !parse_seed(seed_text, &seed))
		return cli_usage(c, _("--seed: expected a number, got '%s'"), seed_text);
	struct cli_progress p;
	sr_progress_fn bar = cli_progress_begin(&p, _("demo data"));
	sr_status st = sr_demo_generate(c->db, cards, seed, bar, &p);
	cli_progress_end(&p);
	if (st != SR_OK)
		return cli_fail(c, st);
	fprintf(c->out, P_("added %d card\n", "added %d cards\n", cards), cards);
	return SR_OK;
}

/* --- users -------------------------------------------------------------------- */

static sr_status user_add(struct cli_ctx *c, int argc, char **argv)
{
	const char *name = NULL, *role_text = NULL, *team_text = NULL, *unix_login = NULL;
	const struct cli_opt opts[] = {
		{ "name", CLI_STR, &name },
		{ "role", CLI_STR, &role_text },
		{ "team", CLI_STR, &team_text },
		{ "unix", CLI_STR, &unix_login },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the new user's login")) || !cli_need(c, "--name", name) ||
	    !cli_need(c, "--role", role_text))
		return SR_USAGE;
	sr_role role;
	if (!sr_role_parse(role_text, &role))
		return cli_bad(c, _("--role: expected receptionist, consultant, manager, director, "
		                    "dcc-inbound, dcc-outbound, dcc-supervisor, service or admin, "
		                    "got '%s'"),
		               role_text);
	sr_team team = strncmp(sr_role_name(role), "dcc-", 4) == 0 ? SR_TEAM_DCC : SR_TEAM_SHOWROOM;
	if (team_text && !sr_team_parse(team_text, &team))
		return cli_bad(c, _("--team: expected showroom or dcc, got '%s'"), team_text);
	int64_t id = 0;
	sr_status st = sr_user_add(c->db, argv[0], name, role, team, unix_login, &id);
	return print_new_id(c, st, id);
}

static const struct cli_col user_cols[] = {
	{ "id", CLI_RIGHT }, { "login", 0 }, { "name", 0 },   { "role", 0 },
	{ "team", 0 },       { "unix", 0 },  { "active", 0 }, { "version", CLI_RIGHT },
};
enum { USER_NCOLS = sizeof user_cols / sizeof user_cols[0] };

static int user_row(void *ctx, const sr_user *u)
{
	struct cli_table *t = ctx;
	char id[24], version[24];
	const char *row[USER_NCOLS] = {
		cli_fmt_int(id, u->id), u->login,        u->name, sr_role_name(u->role),
		sr_team_name(u->team),  u->unix_login,   cli_bool(u->active),
		cli_fmt_int(version, u->version),
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status user_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, user_cols, USER_NCOLS);
	sr_status st = sr_user_each(c->db, user_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status user_set_active(struct cli_ctx *c, int argc, char **argv, bool active)
{
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("one login")))
		return SR_USAGE;
	return done(c, sr_user_set_active(c->db, argv[0], version, active));
}

static sr_status user_disable(struct cli_ctx *c, int argc, char **argv)
{
	return user_set_active(c, argc, argv, false);
}

static sr_status user_enable(struct cli_ctx *c, int argc, char **argv)
{
	return user_set_active(c, argc, argv, true);
}

/* --- models, sources, levels, settings -------------------------------------------- */

static const struct cli_col model_cols[] = {
	{ "id", CLI_RIGHT }, { "code", 0 }, { "brand", 0 },
	{ "series", 0 },     { "model", 0 }, { "config", 0 },
};

static int model_row(void *ctx, const sr_model *m)
{
	struct cli_table *t = ctx;
	char id[24];
	const char *row[] = { cli_fmt_int(id, m->id), m->code,  m->brand,
		              m->series,              m->model, m->config };
	cli_table_row(t, row);
	return t->failed;
}

static sr_status model_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, model_cols, sizeof model_cols / sizeof *model_cols);
	sr_status st = sr_model_each(c->db, model_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status model_add(struct cli_ctx *c, int argc, char **argv)
{
	const char *brand = NULL, *series = NULL, *model = NULL, *config = NULL;
	const struct cli_opt opts[] = {
		{ "brand", CLI_STR, &brand },
		{ "series", CLI_STR, &series },
		{ "model", CLI_STR, &model },
		{ "config", CLI_STR, &config },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the model's code")) || !cli_need(c, "--brand", brand) ||
	    !cli_need(c, "--series", series) || !cli_need(c, "--model", model))
		return SR_USAGE;
	int64_t id = 0;
	sr_status st = sr_model_add(c->db, argv[0], brand, series, model, config ? config : "", &id);
	return print_new_id(c, st, id);
}

static const struct cli_col source_cols[] = {
	{ "id", CLI_RIGHT }, { "code", 0 }, { "name", 0 },
};

static int source_row(void *ctx, const sr_source *s)
{
	struct cli_table *t = ctx;
	char id[24];
	const char *row[] = { cli_fmt_int(id, s->id), s->code, s->name };
	cli_table_row(t, row);
	return t->failed;
}

static sr_status source_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, source_cols, sizeof source_cols / sizeof *source_cols);
	sr_status st = sr_source_each(c->db, source_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status source_add(struct cli_ctx *c, int argc, char **argv)
{
	const char *name = NULL;
	const struct cli_opt opts[] = {
		{ "name", CLI_STR, &name },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the source's code")) || !cli_need(c, "--name", name))
		return SR_USAGE;
	int64_t id = 0;
	sr_status st = sr_source_add(c->db, argv[0], name, &id);
	return print_new_id(c, st, id);
}

static sr_status source_cost(struct cli_ctx *c, int argc, char **argv)
{
	const char *month = NULL, *amount = NULL;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "month", CLI_STR, &month },
		{ "amount", CLI_STR, &amount },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the source's code")) || !cli_need(c, "--month", month))
		return SR_USAGE;
	int64_t cents;
	if (!amount) {
		/* No amount: print the month's cost and its version. */
		sr_status st = sr_source_cost_get(c->db, argv[0], month, &cents, &version);
		if (st != SR_OK)
			return cli_fail(c, st);
		char money[24], ver[24];
		const char *keys[] = { "source", "month", "cost", "version" };
		const char *vals[] = { argv[0], month, cli_fmt_money(money, cents),
		                       cli_fmt_int(ver, version) };
		cli_kv_print(c, keys, vals, 4);
		return SR_OK;
	}
	if (!cli_money(c, "--amount", amount, &cents))
		return SR_BADINPUT;
	return done(c, sr_source_set_cost_v(c->db, argv[0], month, version, cents));
}

static const struct cli_col level_cols[] = {
	{ "code", 0 }, { "name", 0 }, { "min_days", CLI_RIGHT }, { "max_days", CLI_RIGHT },
	{ "version", CLI_RIGHT },
};

static int level_row(void *ctx, const sr_followup_level *l)
{
	struct cli_table *t = ctx;
	char lo[24], hi[24], version[24];
	const char *row[] = { l->code, l->name, cli_fmt_int(lo, l->min_days),
		              cli_fmt_int(hi, l->max_days), cli_fmt_int(version, l->version) };
	cli_table_row(t, row);
	return t->failed;
}

static sr_status level_list(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	struct cli_table t;
	cli_table_init(&t, c, level_cols, sizeof level_cols / sizeof *level_cols);
	sr_status st = sr_followup_level_each(c->db, level_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

static sr_status level_set(struct cli_ctx *c, int argc, char **argv)
{
	int lo = -1, hi = -1;
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "min", CLI_INT, &lo },
		{ "max", CLI_INT, &hi },
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the follow-up level's code")))
		return SR_USAGE;
	if (lo < 0 || hi < 0)
		return cli_usage(c, "%s", _("--min and --max are required (days)"));
	return done(c, sr_followup_level_set(c->db, argv[0], version, lo, hi));
}

static sr_status setting_get(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 1, 1, _("one setting name")))
		return SR_USAGE;
	char value[4096];
	int64_t version = 0;
	sr_status st = sr_setting_get(c->db, argv[0], value, sizeof value);
	if (st == SR_OK && c->csv)
		st = sr_setting_version(c->db, argv[0], &version);
	if (st != SR_OK)
		return cli_fail(c, st);
	if (c->csv) {
		/* Scripts that pass the version back to `setting set --version`. */
		char ver[24];
		const char *keys[] = { "key", "value", "version" };
		const char *vals[] = { argv[0], value, cli_fmt_int(ver, version) };
		cli_kv_print(c, keys, vals, 3);
		return SR_OK;
	}
	cli_put_text(c->out, value);
	fputc('\n', c->out);
	return SR_OK;
}

static sr_status setting_set(struct cli_ctx *c, int argc, char **argv)
{
	int64_t version = 0;
	const struct cli_opt opts[] = {
		{ "version", CLI_ID, &version },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 2, 2, _("a setting name and its value")))
		return SR_USAGE;
	return done(c, sr_setting_set_v(c->db, argv[0], version, argv[1]));
}

/* --- audit ---------------------------------------------------------------------- */

static const struct cli_col audit_cols[] = {
	{ "id", CLI_RIGHT },        { "at", 0 },      { "user", 0 },
	{ "action", 0 },            { "entity", 0 },  { "entity_id", CLI_RIGHT },
	{ "card_id", CLI_RIGHT },   { "before", 0 },  { "after", 0 },
};

static int audit_row(void *ctx, const sr_audit_entry *e)
{
	struct cli_table *t = ctx;
	char id[24], eid[24], card[24];
	const char *row[] = {
		cli_fmt_int(id, e->id), e->at,     e->user_login,
		e->action,              e->entity, cli_fmt_id(eid, e->entity_id),
		cli_fmt_id(card, e->card_id), e->before, e->after,
	};
	cli_table_row(t, row);
	return t->failed;
}

static sr_status cmd_audit(struct cli_ctx *c, int argc, char **argv)
{
	sr_audit_filter f = { 0 };
	const struct cli_opt opts[] = {
		{ "card", CLI_ID, &f.card_id },
		{ "user", CLI_STR, &f.user },
		{ "from", CLI_STR, &f.from },
		{ "to", CLI_STR, &f.to },
		{ "limit", CLI_INT, &f.limit },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 0, 0, _("only options")))
		return SR_USAGE;
	sr_date d;
	if ((f.from && !cli_date(c, "--from", f.from, &d)) || (f.to && !cli_date(c, "--to", f.to, &d)))
		return SR_BADINPUT;
	struct cli_table t;
	cli_table_init(&t, c, audit_cols, sizeof audit_cols / sizeof *audit_cols);
	sr_status st = sr_audit_each(c->db, &f, audit_row, &t);
	if (st != SR_OK) {
		cli_table_free(&t);
		return cli_fail(c, st);
	}
	cli_table_print(&t, true);
	return SR_OK;
}

/* --- export and backup ---------------------------------------------------------- */

/* Both are written by the core into a temporary file beside FILE, with
 * the user's own rights, and renamed over FILE when whole (userfile.h). */
static sr_status cmd_export(struct cli_ctx *c, int argc, char **argv)
{
	sr_export_options o = { 0 };
	const char *out = NULL, *format = "csv";
	const struct cli_opt opts[] = {
		{ "out", CLI_STR, &out },
		{ "format", CLI_STR, &format },
		{ "from", CLI_STR, &o.from },
		{ "to", CLI_STR, &o.to },
		{ "bom", CLI_FLAG, &o.bom },
		{ NULL, 0, NULL },
	};
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("what to export: cards, followups or traffic")))
		return SR_USAGE;
	sr_export_kind kind;
	if (!sr_export_kind_parse(argv[0], &kind))
		return cli_usage(c, _("unknown export '%s' (one of cards, followups, traffic)"),
		                 argv[0]);
	if (!cli_need(c, "--out", out))
		return SR_USAGE;
	if (strcmp(format, "xlsx") == 0)
		o.format = SR_EXPORT_XLSX;
	else if (strcmp(format, "csv") != 0)
		return cli_usage(c, _("--format: expected csv or xlsx, got '%s'"), format);
	sr_date d;
	if ((o.from && !cli_date(c, "--from", o.from, &d)) || (o.to && !cli_date(c, "--to", o.to, &d)))
		return SR_BADINPUT;
	long rows = 0;
	sr_status st = sr_export_file(c->db, kind, &o, out, &rows);
	if (st != SR_OK)
		return cli_fail(c, st);
	fprintf(c->out, P_("exported %ld row to %s\n", "exported %ld rows to %s\n", rows), rows,
	        out);
	return SR_OK;
}

static sr_status cmd_backup(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 1, 1, _("the backup file name")))
		return SR_USAGE;
	bool audited = false;
	sr_status st = sr_db_backup(c->db, argv[0], &audited);
	if (st != SR_OK)
		return cli_fail(c, st);
	fprintf(c->out, _("backed up %s to %s\n"), c->db_path, argv[0]);
	/* A full disk under the database must not stop a backup elsewhere:
	 * the backup stands, and the missing audit row is said. */
	if (!audited) {
		fflush(c->out);
		fprintf(stderr, _("showroom: backup: warning: %s\n"), sr_db_message(c->db));
	}
	return SR_OK;
}

/* --- check ------------------------------------------------------------------------ */

/* One line per problem on stdout, named by its kind. */
static void print_problem(void *ctx, const char *kind, const char *text)
{
	struct cli_ctx *c = ctx;
	if (!strcmp(kind, "integrity"))
		fprintf(c->out, _("integrity: %s\n"), text);
	else if (!strcmp(kind, "foreign-key"))
		fprintf(c->out, _("foreign key: %s\n"), text);
	else
		fprintf(c->out, _("rule: %s\n"), text);
}

static sr_status cmd_check(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 0, 0, _("no arguments")))
		return SR_USAGE;
	long problems = 0;
	sr_status st = sr_db_check(c->db, print_problem, c, &problems);
	if (st != SR_OK)
		return cli_fail(c, st);
	if (problems)
		return cli_error(c, SR_RULE, P_("%ld problem found", "%ld problems found", problems),
		                 problems);
	fputs("ok\n", c->out);
	return SR_OK;
}

/* --- tables ------------------------------------------------------------------------ */

static const struct cli_cmd user_cmds[] = {
	{ "add", user_add, N_("add a user and print the id"),
	  "LOGIN --name NAME --role ROLE [--team showroom|dcc] [--unix LOGIN]",
	  N_("  --name NAME        display name (up to 32 characters)\n"
	     "  --role ROLE        receptionist, consultant, manager, director, dcc-inbound,\n"
	     "                     dcc-outbound, dcc-supervisor, service or admin\n"
	     "  --team TEAM        showroom or dcc (default dcc for dcc-* roles, else showroom)\n"
	     "  --unix LOGIN       the Unix account that acts as this user\n"),
	  0, NULL },
	{ "list", user_list, N_("list users"), "",
	  N_("Columns: id,login,name,role,team,unix,active,version\n"), 0, NULL },
	{ "disable", user_disable, N_("deactivate a user (they own no new cards)"),
	  "LOGIN [--version N]", N_("  --version N        only if the user is still at this version (else exit 4)\n"), 0, NULL },
	{ "enable", user_enable, N_("activate a user again"), "LOGIN [--version N]",
	  N_("  --version N        only if the user is still at this version (else exit 4)\n"), 0, NULL },
	{ "passwd", cli_user_passwd, N_("set a user's password for shared terminals"),
	  "LOGIN [--clear]",
	  N_("Reads the password from the terminal without echo (twice), or one line from\n"
	     "standard input when it is not a terminal. At least 8 characters. Anyone may\n"
	     "set their own; the administrator anyone's.\n"
	     "  --clear            remove the password (administrator)\n"),
	  0, NULL },
	{ "login", cli_user_login, N_("check a password: log in as a user (audited)"), "LOGIN",
	  N_("Reads the password like passwd. After 5 failures within 15 minutes the\n"
	     "account waits until the first of them is 15 minutes old.\n"),
	  CLI_LOGIN, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

static const struct cli_cmd model_cmds[] = {
	{ "list", model_list, N_("list the vehicle catalogue"), "",
	  N_("Columns: id,code,brand,series,model,config\n"), 0, NULL },
	{ "add", model_add, N_("add a vehicle model and print its id"),
	  "CODE --brand B --series S --model M [--config C]", NULL, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

static const struct cli_cmd source_cmds[] = {
	{ "list", source_list, N_("list media sources"), "", N_("Columns: id,code,name\n"), 0,
	  NULL },
	{ "add", source_add, N_("add a media source and print its id"), "CODE --name NAME", NULL,
	  0, NULL },
	{ "cost", source_cost, N_("set a source's cost for a month"),
	  "CODE --month YYYY-MM [--amount YUAN] [--version N]",
	  N_("  --amount YUAN      the month's cost; without it, print the cost and its version\n"
	  "  --version N        only if the month's cost is still at this version (else exit 4)\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

static const struct cli_cmd level_cmds[] = {
	{ "list", level_list, N_("list follow-up levels"), "",
	  N_("Columns: code,name,min_days,max_days,version\n"), 0, NULL },
	{ "set", level_set, N_("change how far away a level's next follow-up may be"),
	  "CODE --min DAYS --max DAYS [--version N]", N_("  --version N        only if the level is still at this version (else exit 4)\n"), 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

static const struct cli_cmd setting_cmds[] = {
	{ "get", setting_get, N_("print a setting"), "KEY",
	  N_("Prints the value. With --csv: key,value,version.\n"), 0, NULL },
	{ "set", setting_set, N_("change a setting"), "KEY VALUE [--version N]",
	  N_("Keys include callback_offsets (days after delivery, e.g. 0,3,7,15,60) and\n"
	     "wholesale_owner (the login that owns wholesale cards).\n"
	     "  --version N        only if the setting is still at this version (else exit 4)\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cli_cmd cli_admin_top[] = {
	{ "init", cmd_init, N_("create or upgrade the database"), "", NULL, CLI_CREATE, NULL },
	{ "demo", cmd_demo, N_("add realistic, reproducible demo data"), "[--cards N] [--seed S]",
	  N_("  --cards N          how many cards (default 400)\n"
	     "  --seed S           random seed (default 1): same seed, same data\n"),
	  0, NULL },
	{ "user", NULL, N_("staff"), NULL, NULL, 0, user_cmds },
	{ "model", NULL, N_("the vehicle catalogue"), NULL, NULL, 0, model_cmds },
	{ "source", NULL, N_("media sources"), NULL, NULL, 0, source_cmds },
	{ "level", NULL, N_("follow-up levels"), NULL, NULL, 0, level_cmds },
	{ "setting", NULL, N_("settings"), NULL, NULL, 0, setting_cmds },
	{ "audit", cmd_audit, N_("read the audit trail, oldest first"),
	  "[--card ID] [--user LOGIN] [--from DATE] [--to DATE] [--limit N]",
	  N_("Columns: id,at,user,action,entity,entity_id,card_id,before,after\n"), 0, NULL },
	{ "export", cmd_export, N_("export cards, follow-ups or traffic as CSV or xlsx"),
	  "cards|followups|traffic --out FILE [--format csv|xlsx] [--from DATE] [--to DATE] [--bom]",
	  N_("  --out FILE         where to write (through a new temporary file, then renamed)\n"
	     "  --format F         csv (default) or xlsx (one sheet, numbers as numbers)\n"
	     "  --from DATE, --to DATE  only records of these days\n"
	     "  --bom              start with a UTF-8 byte-order mark (for Excel and WPS)\n"),
	  0, NULL },
	{ "backup", cmd_backup, N_("copy the database to a file, safely while in use"), "FILE",
	  NULL, 0, NULL },
	{ "check", cmd_check, N_("check the database's integrity and foreign keys"), "",
	  N_("Prints ok, or each problem (exit status 2).\n"), 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
