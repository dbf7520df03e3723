/* cmd_trust.c — passwords (user passwd, user login), restore, and the
 * setgid deployment's start-up: a clean environment and a private umask.
 *
 * Deployment (README "Deployment"): the database directory belongs to the
 * group showroom with mode 2770, the file 0660, and the program is
 * installed setgid showroom, so staff reach the books only through it.
 * Running setgid, the program must not trust its caller's environment. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "cli.h"

extern char **environ;

bool cli_setgid(void)
{
	return getegid() != getgid();
}

/* Variables a setgid showroom keeps: the language and the terminal. All
 * else goes: SHOWROOM_DB and SHOWROOM_NOW (the one database and the real
 * clock only), SHOWROOM_LOCALEDIR (a catalogue of the caller's making
 * would feed format strings to printf), TERMINFO, LD_*, IFS, PATH. */
static bool env_kept(const char *entry)
{
	static const char *const keep[] = {
		"TERM=", "LANG=", "LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LC_CTYPE=",
		"LC_TIME=", "SHOWROOM_LANG=", "NO_COLOR=", "COLUMNS=", "LINES=", "USER=", "LOGNAME=",
	};
	for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
		if (strncmp(entry, keep[i], strlen(keep[i])) == 0)
			return true;
	return false;
}

void cli_secure_start(void)
{
	/* What the program creates holds every customer's phone and every
	 * password hash: the owner's alone (the database, backups, exports),
	 * whatever the caller's umask. */
	if (!cli_setgid()) {
		umask(077);
		return;
	}
	size_t n = 0;
	for (char **e = environ; e && *e; e++)
		if (env_kept(*e))
			environ[n++] = *e;
	if (environ)
		environ[n] = NULL;
	setenv("PATH", "/usr/bin:/bin", 1);
	/* The -wal and -shm files SQLite creates, and a new database, stay
	 * readable and writable by the group, and by nobody else. */
	umask(007);
}

/* --- passwords ------------------------------------------------------------ */

static void wipe(char *buf, size_t len)
{
	volatile char *p = buf;
	while (len--)
		*p++ = 0;
}

enum { SECRET_MAX = 512 };

enum secret { SECRET_OK, SECRET_NONE, SECRET_NUL };

/* One line from stdin without its newline. On a terminal, with echo off
 * and the prompt on stderr; otherwise (scripts, tests) the line as is.
 * getline says how many bytes it read, so a NUL inside the line is seen
 * (fgets would hand back the bytes before it: abcdefgh\0ijkl would set
 * or try the password abcdefgh) and the line refused. */
static enum secret read_secret(const char *prompt, char *buf, size_t len)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) != 0)
			return SECRET_NONE;
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	enum secret r = n < 0 ? SECRET_NONE : SECRET_OK;
	size_t l = n < 0 ? 0 : (size_t)n;
	if (l && line[l - 1] == '\n')
		l--;
	if (l && line[l - 1] == '\r')
		l--;
	if (r == SECRET_OK && memchr(line, '\0', l))
		r = SECRET_NUL;
	/* Longer than buf: cut, and the core refuses it as too long. */
	if (l >= len)
		l = len - 1;
	memcpy(buf, line ? line : "", l);
	buf[l] = '\0';
	if (line)
		wipe(line, cap);
	free(line);
	return r;
}

/* A refusal of what read_secret read, naming the field; SR_OK if none. */
static sr_status secret_refused(struct cli_ctx *c, enum secret r)
{
	if (r == SECRET_NONE)
		return cli_bad(c, "%s", _("no password given (on standard input)"));
	if (r == SECRET_NUL)
		return cli_bad(c, "%s",
		               _("the password holds a NUL byte (it would be cut short there); "
		                 "nothing changed"));
	return SR_OK;
}

sr_status cli_user_passwd(struct cli_ctx *c, int argc, char **argv)
{
	bool clear = false;
	const struct cli_opt opts[] = { { "clear", CLI_FLAG, &clear }, { NULL, 0, NULL } };
	int npos = cli_parse(c, argc, argv, opts);
	if (!cli_npos(c, npos, 1, 1, _("the user's login")))
		return SR_USAGE;
	char pw[SECRET_MAX] = "", again[SECRET_MAX] = "";
	sr_status st = SR_OK;
	if (!clear) {
		st = secret_refused(c, read_secret(_("New password: "), pw, sizeof pw));
		if (st == SR_OK && isatty(STDIN_FILENO)) {
			st = secret_refused(c, read_secret(_("Again: "), again, sizeof again));
			if (st == SR_OK && strcmp(pw, again) != 0)
				st = cli_bad(c, "%s", _("the two passwords differ; nothing changed"));
		}
	}
	if (st == SR_OK) {
		st = sr_user_set_password(c->db, argv[0], clear ? NULL : pw);
		if (st == SR_OK)
			fprintf(c->out, clear ? _("password of %s cleared\n") : _("password of %s set\n"),
			        argv[0]);
		else
			cli_fail(c, st);
	}
	wipe(pw, sizeof pw);
	wipe(again, sizeof again);
	return st;
}

sr_status cli_user_login(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 1, 1, _("the user's login")))
		return SR_USAGE;
	char pw[SECRET_MAX] = "";
	sr_status st = secret_refused(c, read_secret(_("Password: "), pw, sizeof pw));
	if (st != SR_OK) {
		wipe(pw, sizeof pw);
		return st;
	}
	st = sr_user_login(c->db, argv[0], pw);
	wipe(pw, sizeof pw);
	if (st != SR_OK)
		return cli_fail(c, st);
	sr_user me;
	if (sr_user_actor(c->db, &me) == SR_OK)
		fprintf(c->out, _("logged in as %s (%s)\n"), me.login, _(sr_role_name(me.role)));
	return SR_OK;
}

/* --- restore ---------------------------------------------------------------- */

static sr_status cmd_restore(struct cli_ctx *c, int argc, char **argv)
{
	int npos = cli_parse(c, argc, argv, NULL);
	if (!cli_npos(c, npos, 1, 1, _("the backup file")))
		return SR_USAGE;
	sr_status st = sr_db_restore(c->db, argv[0]);
	if (st != SR_OK)
		return cli_fail(c, st);
	fprintf(c->out, _("restored %s from %s\n"), c->db_path, argv[0]);
	return SR_OK;
}

const struct cli_cmd cli_trust_top[] = {
	{ "restore", cmd_restore, N_("replace the database with a backup (nobody else may be in)"),
	  "FILE",
	  N_("Administrators only. Refused while any other program has the database open,\n"
	     "and unless FILE is a showroom database that passes the integrity check.\n"),
	  0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
