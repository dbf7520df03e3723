/* main.c — `showroom COMMAND`: global options, opening the database, who is
 * acting, finding the command, option parsing and messages.
 *
 * Global options may stand anywhere on the line; they are taken out of argv
 * before the command sees its arguments. Each command returns an sr_status
 * that becomes the exit code (sr_status_exit_code), and every error has
 * already been printed as one line "showroom: ..." on stderr. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "../tui/tui.h"

#define DEFAULT_DB "data/showroom.db"
#define NOW_FORMAT "YYYY-MM-DD[ HH:MM[:SS]]"

/* No command: the full-screen UI on a terminal; the work lists as text
 * when the output goes to a pipe or a file, or with --csv. */
static sr_status cmd_home_or_tui(struct cli_ctx *c, int argc, char **argv)
{
	if (argc == 0 && !c->csv && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return (sr_status)tui_run(c->db, NULL);
	return cli_cmd_home(c, argc, argv);
}

static const struct cli_cmd home_cmd = {
	"", cmd_home_or_tui, N_("show your work lists (today, overdue, arrivals, ...)"), "", NULL,
	CLI_LOGIN, NULL,
};

static const struct cli_cmd *const top_tables[] = {
	cli_card_top, cli_followup_top, cli_traffic_top, cli_lifecycle_top, cli_list_top,
	cli_admin_top, cli_import_top, cli_report_top, cli_trust_top,
	cli_dcc_top,
};

static void print_global_options(FILE *f)
{
	fprintf(f,
	        _("Global options (anywhere on the line):\n"
	          "  --db PATH     the database file (default $SHOWROOM_DB, else %s)\n"
	          "  --as LOGIN    act as this user (root or the database file's owner; root only\n"
	          "                when installed setgid)\n"
	          "  --now TIME    the clock, \"%s\" (also $SHOWROOM_NOW)\n"
	          "  --csv         machine output: a header row, then one row per record\n"
	          "  --help        this text, or a command's usage: showroom COMMAND --help\n"
	          "  --version     print the version\n"),
	        DEFAULT_DB, NOW_FORMAT);
}

/* --- messages ------------------------------------------------------------ */

/* One line: newlines in a message would break "one line per error", and a
 * message may quote stored or typed text, shown escaped (cli_put_text). */
static void print_line(FILE *f, const char *prefix, const char *msg)
{
	fputs("showroom: ", f);
	if (prefix)
		fprintf(f, "%s: ", prefix);
	cli_put_text(f, msg);
	fputc('\n', f);
}

static sr_status vmessage(struct cli_ctx *c, sr_status st, const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	fflush(c->out);
	print_line(stderr, c->cmd, buf);
	return st;
}

sr_status cli_usage(struct cli_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sr_status st = vmessage(c, SR_USAGE, fmt, ap);
	va_end(ap);
	return st;
}

sr_status cli_bad(struct cli_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sr_status st = vmessage(c, SR_BADINPUT, fmt, ap);
	va_end(ap);
	return st;
}

sr_status cli_error(struct cli_ctx *c, sr_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(c, st, fmt, ap);
	va_end(ap);
	return st;
}

sr_status cli_fail(struct cli_ctx *c, sr_status st)
{
	const char *msg = c->db ? sr_db_message(c->db) : "";
	if (!msg || !*msg)
		msg = cli_status_text(st);
	fflush(c->out);
	print_line(stderr, NULL, msg);
	return st;
}

void cli_print_id(struct cli_ctx *c, int64_t id)
{
	fprintf(c->out, "%lld\n", (long long)id);
}

/* --- options ------------------------------------------------------------- */

static bool parse_uint(const char *text, long long max, long long *out)
{
	if (!*text)
		return false;
	long long v = 0;
	for (const char *p = text; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		int d = *p - '0';
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static bool store_value(struct cli_ctx *c, const struct cli_opt *o, const char *value)
{
	long long v;
	switch (o->type) {
	case CLI_STR:
		*(const char **)o->dest = value;
		return true;
	case CLI_INT:
		if (!parse_uint(value, INT_MAX, &v)) {
			cli_usage(c, _("--%s: expected a number, got '%s'"), o->name, value);
			return false;
		}
		*(int *)o->dest = (int)v;
		return true;
	case CLI_ID:
		if (!parse_uint(value, INT64_MAX, &v) || v == 0) {
			cli_usage(c, _("--%s: expected an id (a number), got '%s'"), o->name, value);
			return false;
		}
		*(int64_t *)o->dest = v;
		return true;
	case CLI_LIST: {
		struct cli_list *l = o->dest;
		if (l->n >= CLI_LIST_MAX) {
			cli_usage(c, _("--%s: given more than %d times"), o->name, CLI_LIST_MAX);
			return false;
		}
		l->v[l->n++] = value;
		return true;
	}
	case CLI_FLAG:
		break;
	}
	return false;
}

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	for (const struct cli_opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

int cli_parse(struct cli_ctx *c, int argc, char **argv, const struct cli_opt *opts)
{
	int npos = 0;
	bool options_done = false;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		if (options_done || a[0] != '-' || a[1] == '\0') {
			argv[npos++] = a; /* npos <= i: only overwrites what was read */
			continue;
		}
		if (strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		if (a[1] != '-') {
			cli_usage(c, _("unknown option '%s' (see showroom %s --help)"), a, c->cmd);
			return -1;
		}
		const char *name = a + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = find_opt(opts, name, len);
		if (!o) {
			cli_usage(c, _("unknown option '--%.*s' (see showroom %s --help)"), (int)len, name,
			          c->cmd);
			return -1;
		}
		if (o->type == CLI_FLAG) {
			if (eq) {
				cli_usage(c, _("--%s takes no value"), o->name);
				return -1;
			}
			*(bool *)o->dest = true;
			continue;
		}
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!value) {
			cli_usage(c, _("--%s needs a value"), o->name);
			return -1;
		}
		if (!store_value(c, o, value))
			return -1;
	}
	return npos;
}

bool cli_npos(struct cli_ctx *c, int npos, int min, int max, const char *what)
{
	if (npos < 0)
		return false;
	if (npos < min) {
		cli_usage(c, _("missing %s (see showroom %s --help)"), what, c->cmd);
		return false;
	}
	if (max >= 0 && npos > max) {
		cli_usage(c, _("too many arguments: expected %s (see showroom %s --help)"), what,
		          c->cmd);
		return false;
	}
	return true;
}

bool cli_id(struct cli_ctx *c, const char *what, const char *text, int64_t *out)
{
	long long v;
	if (!parse_uint(text, INT64_MAX, &v) || v == 0) {
		cli_usage(c, _("%s: expected an id (a number), got '%s'"), what, text);
		return false;
	}
	*out = v;
	return true;
}

bool cli_need(struct cli_ctx *c, const char *opt, const char *value)
{
	if (value)
		return true;
	cli_usage(c, _("%s is required (see showroom %s --help)"), opt, c->cmd);
	return false;
}

bool cli_money(struct cli_ctx *c, const char *opt, const char *text, int64_t *cents)
{
	const char *dot = strchr(text, '.');
	size_t whole = dot ? (size_t)(dot - text) : strlen(text);
	size_t frac = dot ? strlen(dot + 1) : 0;
	bool ok = whole >= 1 && whole <= 12 && (!dot || (frac >= 1 && frac <= 2));
	int64_t v = 0;
	for (size_t i = 0; ok && i < whole; i++) {
		ok = isdigit((unsigned char)text[i]);
		v = v * 10 + (text[i] - '0');
	}
	int64_t f = 0;
	for (size_t i = 0; ok && i < frac; i++) {
		ok = isdigit((unsigned char)dot[1 + i]);
		f = f * 10 + (dot[1 + i] - '0');
	}
	if (!ok) {
		cli_bad(c, _("%s: expected an amount in yuan such as 5000 or 5000.50, got '%s'"), opt,
		        text);
		return false;
	}
	*cents = v * 100 + (frac == 1 ? f * 10 : f);
	return true;
}

bool cli_level(struct cli_ctx *c, const char *opt, const char *text, char *out)
{
	char l = (char)toupper((unsigned char)text[0]);
	if (!text[0] || text[1] || !strchr("OHABCN", l)) {
		cli_bad(c, _("%s: expected one of O H A B C N, got '%s'"), opt, text);
		return false;
	}
	*out = l;
	return true;
}

bool cli_date(struct cli_ctx *c, const char *opt, const char *text, sr_date *out)
{
	if (strlen(text) != 10 || !sr_date_parse(text, out)) {
		cli_bad(c, _("%s: expected a date YYYY-MM-DD, got '%s'"), opt, text);
		return false;
	}
	return true;
}

/* --- global options -------------------------------------------------------- */

struct globals {
	const char *db, *as, *now;
	bool version;
};

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past the value. */
static int take_value(int argc, char **argv, int *i, const char *name, const char **out)
{
	const char *a = argv[*i];
	size_t len = strlen(name);
	if (strncmp(a, name, len) != 0)
		return 0;
	if (a[len] == '=') {
		*out = a + len + 1;
		return 1;
	}
	if (a[len] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*out = argv[++*i];
	return 1;
}

static bool is_number(const char *s)
{
	long long v;
	return parse_uint(s, INT64_MAX, &v);
}

/* Take the global options out of argv (anywhere before a "--"). */
static sr_status scan_globals(struct cli_ctx *c, struct globals *g, int *argc, char **argv)
{
	static const char *const valued[] = { "--db", "--as", "--now" };
	const char **dest[] = { &g->db, &g->as, &g->now };
	int n = 1;
	bool done = false;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (done || a[0] != '-') {
			argv[n++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			done = true;
			argv[n++] = argv[i];
			continue;
		}
		if (strcmp(a, "--csv") == 0) {
			c->csv = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			c->help = true;
			continue;
		}
		/* `card edit ID --version N` has an option of that name: after
		 * a command word, or with a number after it, it is the
		 * command's (which then checks the value). */
		if (strcmp(a, "--version") == 0 && n == 1 &&
		    !(i + 1 < *argc && is_number(argv[i + 1]))) {
			g->version = true;
			continue;
		}
		int took = 0;
		for (size_t k = 0; k < sizeof valued / sizeof *valued && !took; k++) {
			took = take_value(*argc, argv, &i, valued[k], dest[k]);
			if (took < 0)
				return cli_usage(c, _("%s needs a value"), valued[k]);
		}
		if (!took)
			argv[n++] = argv[i];
	}
	argv[n] = NULL;
	*argc = n;
	return SR_OK;
}

/* Exactly the documented forms and years (sr_time_parse_clock): anything
 * else is a usage error, never the system clock in disguise. */
static sr_status parse_now(struct cli_ctx *c, const char *what, const char *text)
{
	sr_time t;
	if (!sr_time_parse_clock(text, &t))
		return cli_usage(c, _("%s: expected %s in the years %d to %d, got '%s'"), what,
		                 NOW_FORMAT, SR_CLOCK_YEAR_MIN, SR_CLOCK_YEAR_MAX, text);
	c->now = t;
	return SR_OK;
}

/* The one database of a setgid install (make install-setgid DBDIR=...). */
#ifndef SHOWROOM_SETGID_DB
#define SHOWROOM_SETGID_DB "/var/lib/showroom/showroom.db"
#endif

static sr_status apply_globals(struct cli_ctx *c, const struct globals *g)
{
	/* Setgid, the program reaches files its caller cannot: only the
	 * installed database, and only the real clock (the audit's times). */
	if (cli_setgid()) {
		if (g->db || g->now)
			return cli_usage(c,
			                 _("--db and --now are not allowed in the shared (setgid) "
			                   "install: it uses %s and the real clock"),
			                 SHOWROOM_SETGID_DB);
		c->db_path = SHOWROOM_SETGID_DB;
		c->as_login = g->as;
		return SR_OK;
	}
	const char *env_db = getenv("SHOWROOM_DB");
	c->db_path = g->db ? g->db : (env_db && *env_db ? env_db : DEFAULT_DB);
	if (g->db && !*g->db)
		return cli_usage(c, "%s", _("--db needs a file name"));
	c->as_login = g->as;
	if (g->now)
		return parse_now(c, "--now", g->now);
	const char *env_now = getenv("SHOWROOM_NOW");
	if (env_now && *env_now)
		return parse_now(c, "SHOWROOM_NOW", env_now);
	return SR_OK;
}

/* --- opening and identity --------------------------------------------------- */

/* init into data/showroom.db on a fresh checkout: make the one missing
 * directory (not a whole path: a typo should not grow a tree). */
static void make_parent_dir(const char *path)
{
	char dir[4096];
	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return;
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return;
	*slash = '\0';
	struct stat sb;
	if (stat(dir, &sb) != 0 && errno == ENOENT)
		mkdir(dir, 0777);
}

/* init: who may create or upgrade the database, and whether this run
 * makes a new file. In the shared install only root creates it (an
 * unmapped account that did would own it and be its administrator), and
 * only root or an administrator runs init on it afterwards. */
static sr_status init_allowed(struct cli_ctx *c, bool *create, bool *need_admin)
{
	struct stat sb;
	bool exists = stat(c->db_path, &sb) == 0;
	*create = !exists;
	*need_admin = false;
	if (!cli_setgid() || getuid() == 0)
		return SR_OK;
	if (!exists)
		return cli_error(c, SR_PERM,
		                 _("permission denied: only root creates the shared database %s "
		                   "(sudo showroom init)"),
		                 c->db_path);
	*need_admin = true;
	return SR_OK;
}

/* A new database is the books of the store: readable and writable by the
 * owner only, or by the group too in the shared install, whatever the
 * umask said. */
static sr_status set_new_db_mode(struct cli_ctx *c)
{
	mode_t mode = cli_setgid() ? 0660 : 0600;
	if (chmod(c->db_path, mode) != 0)
		return cli_error(c, SR_IO, _("cannot set the mode of %s: %s"), c->db_path,
		                 strerror(errno));
	return SR_OK;
}

static sr_status identify(struct cli_ctx *c, unsigned flags)
{
	struct stat sb;
	/* In the shared install --as is root's alone: whoever owns the file
	 * there is no reason to trust the caller. */
	uid_t owner = cli_setgid() ? (uid_t)-1
	                           : (stat(c->db_path, &sb) == 0 ? sb.st_uid : (uid_t)-1);
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	sr_status st = sr_user_identify(c->db, c->as_login, uid, owner,
	                                pw && pw->pw_name ? pw->pw_name : "");
	/* An unmapped account may still log in with a password: the TUI's
	 * login screen, or `user login`. */
	if (st == SR_PERM && (flags & CLI_LOGIN) && !c->as_login && !sr_db_actor(c->db) &&
	    (c->cmd || (!c->csv && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))))
		return SR_OK;
	return st == SR_OK ? SR_OK : cli_fail(c, st);
}

static sr_status open_db(struct cli_ctx *c, unsigned flags)
{
	char err[1024] = "";
	bool create = false, need_admin = false;
	if (flags & CLI_CREATE) {
		sr_status ist = init_allowed(c, &create, &need_admin);
		if (ist != SR_OK)
			return ist;
		if (create && !cli_setgid())
			make_parent_dir(c->db_path);
	}
	sr_status pst = sr_db_path_check(c->db_path, err, sizeof err);
	if (pst != SR_OK) {
		print_line(stderr, NULL, err);
		return pst;
	}
	int oflags = SR_OPEN_MIGRATE | (create ? SR_OPEN_CREATE : 0);
	sr_status st = sr_db_open(c->db_path, oflags, &c->db, err, sizeof err);
	if (st != SR_OK) {
		fflush(c->out);
		print_line(stderr, NULL, *err ? err : cli_status_text(st));
		/* "not found" is for a missing database; init could not create it. */
		return create && st == SR_NOTFOUND ? SR_IO : st;
	}
	if (c->now)
		sr_db_set_now(c->db, c->now);
	if (create)
		return set_new_db_mode(c);
	if ((flags & CLI_CREATE) && !need_admin)
		return SR_OK;
	st = identify(c, flags);
	if (st == SR_OK && need_admin && (st = sr_perm_require(c->db, SR_ACT_USER_ADMIN)) != SR_OK)
		return cli_fail(c, st);
	return st;
}

/* --- help ------------------------------------------------------------------ */

static void print_entry(FILE *f, const char *path, const struct cli_cmd *cmd)
{
	int w = fprintf(f, "  %s", path);
	fprintf(f, "%*s%s\n", w < 24 ? 24 - w : 1, "", _(cmd->help));
}

static void print_main_help(FILE *f)
{
	fputs(_("usage: showroom [GLOBAL OPTIONS] [COMMAND [ARGUMENTS]]\n\n"
	        "With no command, shows your work lists. Commands:\n"),
	      f);
	char path[64];
	for (size_t t = 0; t < sizeof top_tables / sizeof *top_tables; t++) {
		for (const struct cli_cmd *cmd = top_tables[t]; cmd->name; cmd++) {
			if (!cmd->sub) {
				print_entry(f, cmd->name, cmd);
				continue;
			}
			for (const struct cli_cmd *s = cmd->sub; s->name; s++) {
				snprintf(path, sizeof path, "%s %s", cmd->name, s->name);
				print_entry(f, path, s);
			}
		}
	}
	fputs(_("\nshowroom COMMAND --help shows a command's options.\n\n"), f);
	print_global_options(f);
	fputc('\n', f);
	fputs(_("Exit status: 0 done, 1 usage error, 2 refused by a business rule, 3 permission\n"
	        "denied, 4 conflict or busy, 5 not found, 6 bad input data, 7 storage error.\n"),
	      f);
	fputs(_("Language: Chinese when the locale is Chinese (LANG=zh_CN.UTF-8) or with\n"
	        "SHOWROOM_LANG=zh_CN; SHOWROOM_LANG=en forces English.\n"),
	      f);
	fputs(_("See showroom(1).\n"), f);
}

static void print_noun_help(FILE *f, const struct cli_cmd *noun)
{
	fprintf(f, _("usage: showroom %s COMMAND [ARGUMENTS]\n\n"), noun->name);
	char path[64];
	for (const struct cli_cmd *s = noun->sub; s->name; s++) {
		snprintf(path, sizeof path, "%s %s", noun->name, s->name);
		print_entry(f, path, s);
	}
	fprintf(f, _("\nshowroom %s COMMAND --help shows a command's options.\n"), noun->name);
}

static void print_leaf_help(FILE *f, const char *path, const struct cli_cmd *cmd)
{
	char line[256];
	snprintf(line, sizeof line, "showroom%s%s%s%s", *path ? " " : "", path,
	         *cmd->synopsis ? " " : "", cmd->synopsis);
	fprintf(f, _("usage: %s\n"), line);
	/* The one-line help as a sentence: a capital (English) and a stop. */
	char help[256];
	snprintf(help, sizeof help, "%s", _(cmd->help));
	if (help[0] >= 'a' && help[0] <= 'z')
		help[0] = (char)toupper((unsigned char)help[0]);
	fprintf(f, _("%s.\n"), help);
	if (cmd->options)
		fprintf(f, "\n%s", _(cmd->options));
	if (cmd->flags & CLI_FIELDS)
		cli_card_fields_help(f, cmd);
	fputc('\n', f);
	print_global_options(f);
}

/* --- dispatch ---------------------------------------------------------------- */

static const struct cli_cmd *find_cmd(const struct cli_cmd *table, const char *name)
{
	for (const struct cli_cmd *cmd = table; cmd->name; cmd++)
		if (strcmp(cmd->name, name) == 0)
			return cmd;
	return NULL;
}

static const struct cli_cmd *find_top(const char *name)
{
	for (size_t t = 0; t < sizeof top_tables / sizeof *top_tables; t++) {
		const struct cli_cmd *cmd = find_cmd(top_tables[t], name);
		if (cmd)
			return cmd;
	}
	return NULL;
}

static void list_subs(const struct cli_cmd *noun, char *buf, size_t len)
{
	buf[0] = '\0';
	for (const struct cli_cmd *s = noun->sub; s->name; s++) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", s == noun->sub ? "" : ", ", s->name);
	}
}

static char cmd_path[64];

static sr_status run_leaf(struct cli_ctx *c, const struct cli_cmd *cmd, int argc, char **argv)
{
	if (c->help) {
		print_leaf_help(c->out, cmd_path, cmd);
		return SR_OK;
	}
	if (!(cmd->flags & CLI_NODB)) {
		sr_status st = open_db(c, cmd->flags);
		if (st != SR_OK)
			return st;
	}
	return cmd->fn(c, argc, argv);
}

static sr_status run_noun(struct cli_ctx *c, const struct cli_cmd *noun, int argc, char **argv)
{
	char subs[256];
	list_subs(noun, subs, sizeof subs);
	if (argc == 0 || argv[0][0] == '-') {
		if (c->help) {
			print_noun_help(c->out, noun);
			return SR_OK;
		}
		return cli_usage(c, _("expected a command: %s"), subs);
	}
	const struct cli_cmd *cmd = find_cmd(noun->sub, argv[0]);
	if (!cmd)
		return cli_usage(c, _("unknown command '%s' (one of: %s)"), argv[0], subs);
	snprintf(cmd_path, sizeof cmd_path, "%s %s", noun->name, cmd->name);
	return run_leaf(c, cmd, argc - 1, argv + 1);
}

static sr_status dispatch(struct cli_ctx *c, int argc, char **argv)
{
	if (argc == 0) {
		if (c->help) {
			print_main_help(c->out);
			return SR_OK;
		}
		cmd_path[0] = '\0';
		return run_leaf(c, &home_cmd, 0, argv);
	}
	const struct cli_cmd *cmd = find_top(argv[0]);
	if (!cmd) {
		if (argv[0][0] == '-')
			return cli_usage(c, _("unknown option '%s' (see showroom --help)"), argv[0]);
		return cli_usage(c, _("unknown command '%s' (see showroom --help)"), argv[0]);
	}
	snprintf(cmd_path, sizeof cmd_path, "%s", cmd->name);
	c->cmd = cmd_path;
	if (cmd->sub)
		return run_noun(c, cmd, argc - 1, argv + 1);
	return run_leaf(c, cmd, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	cli_secure_start();
	setlocale(LC_ALL, "");
	cli_i18n_init();
	struct cli_ctx c = { .out = stdout };
	struct globals g = { 0 };
	sr_status st = scan_globals(&c, &g, &argc, argv);
	if (st != SR_OK)
		return sr_status_exit_code(st);
	if (g.version) {
		printf("showroom %s\n", SHOWROOM_VERSION);
		return 0;
	}
	st = apply_globals(&c, &g);
	if (st == SR_OK)
		st = dispatch(&c, argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno;
		c.cmd = NULL;
		if (st == SR_OK)
			st = cli_error(&c, SR_IO, _("writing the output: %s"), strerror(err));
	}
	sr_db_close(c.db);
	return sr_status_exit_code(st);
}
