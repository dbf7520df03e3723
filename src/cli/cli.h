/* cli.h — shared pieces of the `showroom` command line: the context every
 * command gets, the command tables, option parsing and output.
 *
 * A command parses its own arguments (cli_parse), calls the core, prints
 * with the cli_table / cli_kv helpers and returns an sr_status, which main
 * turns into the exit code. Errors are printed once, by cli_fail (the core's
 * message) or cli_usage / cli_bad (the command line's own checks). */
#ifndef SHOWROOM_CLI_H
#define SHOWROOM_CLI_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "showroom.h"

/* Every message for people goes through gettext, domain "showroom" like the
 * core's (catalogues in data/po/), and the check of sr_i18n_text: a
 * translation is printed only with the original's printf conversions. N_
 * marks a string in a table, translated where it is printed; P_ is a message
 * with a plural. Machine output (CSV headers, "key: value" keys, enum values
 * scripts parse) is never translated. */
#define _(s) sr_i18n_text(s)
#define N_(s) (s)
#define P_(s, p, n) sr_i18n_plural(s, p, (unsigned long)(n))

struct cli_ctx {
	sr_db *db;            /* open for every command but the stubs */
	const char *db_path;
	const char *as_login; /* --as, or NULL */
	sr_time now;          /* --now / SHOWROOM_NOW; 0 = the system clock */
	bool csv;             /* --csv */
	bool help;            /* --help somewhere on the line */
	FILE *out;            /* stdout */
	const char *cmd;      /* "card file": names the command in messages */
};

typedef sr_status (*cli_fn)(struct cli_ctx *c, int argc, char **argv);

enum {
	CLI_NODB = 1 << 0,   /* runs without opening the database */
	CLI_CREATE = 1 << 1, /* init: create the file, no identity needed */
	CLI_LOGIN = 1 << 2,  /* may run with nobody identified: it logs in with a password */
	CLI_FIELDS = 1 << 3, /* --help lists the card's fields and limits (cli_card_fields_help) */
};

/* One entry of a command table. A noun (card, user, ...) has `sub`, a
 * table of its verbs ending with a NULL name; a leaf has `fn`. */
struct cli_cmd {
	const char *name;
	cli_fn fn;
	const char *help;      /* one line, for the command list and above the options */
	const char *synopsis;  /* arguments after the command words */
	const char *options;   /* option lines for `COMMAND --help`, or NULL */
	unsigned flags;
	const struct cli_cmd *sub;
};

/* The card's fields from the field table: for card edit the --FIELD
 * options, then the answer keys and the most characters each typed field
 * holds (cmd_card.c). */
struct cli_cmd;
void cli_card_fields_help(FILE *out, const struct cli_cmd *cmd);

/* The top-level commands, one table per source file, each ending with a
 * NULL name; main looks a command up in them in this order, which is also
 * the order of `showroom --help`. */
extern const struct cli_cmd cli_card_top[];      /* cmd_card.c: card, search */
extern const struct cli_cmd cli_followup_top[];  /* cmd_followup.c: followup */
extern const struct cli_cmd cli_traffic_top[];   /* cmd_traffic.c: traffic */
extern const struct cli_cmd cli_lifecycle_top[]; /* cmd_lifecycle.c: appointment, order, ... */
extern const struct cli_cmd cli_list_top[];      /* cmd_list.c: list, callback */
extern const struct cli_cmd cli_admin_top[];     /* cmd_admin.c: init, user, ..., check */
extern const struct cli_cmd cli_report_top[];    /* cmd_report.c: report */
extern const struct cli_cmd cli_import_top[];    /* cmd_import.c: import */
extern const struct cli_cmd cli_trust_top[];     /* cmd_trust.c: restore */

/* cmd_trust.c: passwords (in the user table), and the setgid start-up. */
sr_status cli_user_passwd(struct cli_ctx *c, int argc, char **argv);
sr_status cli_user_login(struct cli_ctx *c, int argc, char **argv);
/* Running setgid (the deployment mode): the caller is not trusted. */
bool cli_setgid(void);
/* When setgid: keep only the language and terminal variables, umask 007. */
void cli_secure_start(void);
extern const struct cli_cmd cli_dcc_top[];       /* cmd_dcc.c: dcc, call, script, callback, ... */

/* `showroom` with no command: the acting user's work lists. */
sr_status cli_cmd_home(struct cli_ctx *c, int argc, char **argv);

/* --- options (main.c) --------------------------------------------------- */

enum cli_opt_type {
	CLI_FLAG,  /* bool: present or not */
	CLI_STR,   /* const char *: the next argument, taken as is */
	CLI_INT,   /* int: a number 0 .. INT_MAX */
	CLI_ID,    /* int64_t: a record id, 1 or more */
	CLI_LIST,  /* struct cli_list: repeatable, each value appended */
};

#define CLI_LIST_MAX 64

struct cli_list {
	const char *v[CLI_LIST_MAX];
	size_t n;
};

struct cli_opt {
	const char *name;     /* without the leading "--" */
	enum cli_opt_type type;
	void *dest;
};

/* Parse the options of argv[0..argc) into their destinations ("--opt
 * VALUE" or "--opt=VALUE"; "--" ends the options). Positional arguments
 * are moved, in order, to the front of argv. Returns how many there are,
 * or -1 after printing a usage error. opts ends with a NULL name. */
int cli_parse(struct cli_ctx *c, int argc, char **argv, const struct cli_opt *opts);

/* Exactly npos positional arguments (min..max; max < 0 = any number);
 * prints a usage error naming what is missing or extra. */
bool cli_npos(struct cli_ctx *c, int npos, int min, int max, const char *what);

/* A record id given as a positional argument ("card", "12"). */
bool cli_id(struct cli_ctx *c, const char *what, const char *text, int64_t *out);
/* A required option: prints "--name is required" when missing. */
bool cli_need(struct cli_ctx *c, const char *opt, const char *value);
/* Money in yuan ("5000" or "5000.50") to cents; SR_BADINPUT naming opt. */
bool cli_money(struct cli_ctx *c, const char *opt, const char *text, int64_t *cents);
/* An intent level letter (OHABCN, any case). */
bool cli_level(struct cli_ctx *c, const char *opt, const char *text, char *out);
/* A date "YYYY-MM-DD". */
bool cli_date(struct cli_ctx *c, const char *opt, const char *text, sr_date *out);

/* --- language (i18n.c) -------------------------------------------------- */

/* After setlocale: bind the "showroom" catalogue ($SHOWROOM_LOCALEDIR, else
 * the locale/ directory next to the program, else the installed one; setgid,
 * only the installed one, and only if root's alone) and apply $SHOWROOM_LANG
 * (zh_CN or en), which wins over the locale. */
void cli_i18n_init(void);
/* sr_status_text, translated. */
const char *cli_status_text(sr_status st);

/* --- messages (main.c) -------------------------------------------------- */

/* "showroom: CMD: message" on stderr; returns SR_USAGE. */
sr_status cli_usage(struct cli_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same for bad input data; returns SR_BADINPUT. */
sr_status cli_bad(struct cli_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Any status with a message of the command line's own. */
sr_status cli_error(struct cli_ctx *c, sr_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The core refused: print its message (sr_db_message) and pass st on. */
sr_status cli_fail(struct cli_ctx *c, sr_status st);
/* Print a new record's id alone on its line. */
void cli_print_id(struct cli_ctx *c, int64_t id);

/* --- output (output.c) -------------------------------------------------- */

enum { CLI_RIGHT = 1 << 0 }; /* right-align the column (numbers) */

struct cli_col {
	const char *name;
	unsigned flags;
};

/* Rows with a header: with --csv written at once as RFC 4180 CSV (the
 * header with the first row, or by cli_table_print when there is none),
 * else collected and printed as a table fitted by display width. On a
 * refusal, cli_table_free alone: nothing reaches stdout. */
struct cli_table {
	struct cli_ctx *c;
	const struct cli_col *cols;
	size_t ncols;
	char **cells;         /* nrows * ncols, owned */
	size_t nrows, cap;
	bool failed;          /* out of memory or a write error */
	bool header_done;     /* CSV: the header row is out */
};

void cli_table_init(struct cli_table *t, struct cli_ctx *c, const struct cli_col *cols,
                    size_t ncols);
/* fields[ncols]; NULL is an empty cell. */
void cli_table_row(struct cli_table *t, const char *const *fields);
/* Print (table mode) and free. header false: no header line in table mode. */
void cli_table_print(struct cli_table *t, bool header);
void cli_table_free(struct cli_table *t);

/* "key: value" lines, or with --csv a header of the keys and one row. */
void cli_kv_print(struct cli_ctx *c, const char *const *keys, const char *const *values,
                  size_t n);

/* Stored text on one line, as sr_text_escape shows it: control and bidi
 * characters escaped, newlines and tabs as spaces. For every piece of
 * stored text printed outside a table, "key: value" lines and CSV. */
void cli_put_text(FILE *f, const char *s);

/* Small formatting helpers for cells: buf must hold 24 bytes. An id of 0
 * prints as the empty string. */
const char *cli_fmt_int(char *buf, int64_t v);
const char *cli_fmt_id(char *buf, int64_t v);
const char *cli_fmt_money(char *buf, int64_t cents);
/* Flags in output: "1" or "0". */
const char *cli_bool(bool b);

/* A progress bar on standard error for long work (import, demo data). It is
 * for people: cli_progress_begin returns the callback to hand the core, or
 * NULL when standard error is not a terminal, so a pipe or a log file gets
 * no bar. label is already translated. cli_progress_end ends its line. */
struct cli_progress {
	const char *label;
	int shown; /* last percentage drawn, -1 before the first */
};
sr_progress_fn cli_progress_begin(struct cli_progress *p, const char *label);
void cli_progress_end(struct cli_progress *p);

#endif
