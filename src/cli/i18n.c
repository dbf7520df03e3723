/* i18n.c — the language of the messages and where their catalogue is.
 *
 * Chinese comes from the locale (LANG=zh_CN.UTF-8) or from SHOWROOM_LANG,
 * which wins: zh_CN for Chinese, en for English whatever the locale says.
 * The catalogue is data/po/zh_CN.po compiled to showroom.mo: found in
 * $SHOWROOM_LOCALEDIR, else in locale/ next to the program (build/locale,
 * so an uninstalled build speaks Chinese too), else under LOCALEDIR.
 *
 * Setgid (the shared install), only LOCALEDIR, and only a catalogue that
 * nobody but root can change (sr_i18n_catalogue_check): a copy or hard link
 * of the program beside a locale/ of the caller's making must not feed it
 * messages. Every translation is checked again where it is used
 * (sr_i18n_text); this keeps a bad catalogue from being read at all. */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN SR_I18N_DOMAIN
#define CATALOGUE "zh_CN/LC_MESSAGES/" DOMAIN ".mo"

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* <directory of the running program>/locale into buf, if it exists. */
static bool locale_beside_program(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash || (size_t)(slash - buf) + sizeof "/locale" > len)
		return false;
	memcpy(slash, "/locale", sizeof "/locale");
	return is_dir(buf);
}

static void bind_catalogue(void)
{
	const char *dir = getenv("SHOWROOM_LOCALEDIR");
	char beside[PATH_MAX];
	if (!dir || !*dir)
		dir = locale_beside_program(beside, sizeof beside) ? beside : LOCALEDIR;
	bindtextdomain(DOMAIN, dir);
}

static bool is_c_locale(const char *name)
{
	return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* gettext ignores LANGUAGE while LC_MESSAGES is C: switch messages (only
 * them) to a locale that exists everywhere and changes nothing else. */
static void messages_not_c(void)
{
	if (!is_c_locale(setlocale(LC_MESSAGES, NULL)))
		return;
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		setlocale(LC_MESSAGES, "zh_CN.UTF-8");
}

static void speak_chinese(void)
{
	setenv("LANGUAGE", "zh_CN", 1);
	messages_not_c();
}

/* What the environment asks for messages, in setlocale's order. */
static const char *asked_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return "";
}

/* The language from SHOWROOM_LANG and the locale. */
static void choose_language(void)
{
	const char *lang = getenv("SHOWROOM_LANG");
	if (lang && *lang) {
		if (strncmp(lang, "zh", 2) == 0) {
			speak_chinese();
		} else {
			/* English: the messages as written. LANGUAGE too, so that
			 * a later setlocale(LC_ALL, "") keeps to English. */
			setenv("LANGUAGE", "en", 1);
			setlocale(LC_MESSAGES, "C");
		}
		return;
	}
	/* LANG=zh_CN.UTF-8 where that locale is not generated: setlocale fell
	 * back to C, yet the user asked for Chinese. */
	const char *language = getenv("LANGUAGE");
	if (is_c_locale(setlocale(LC_MESSAGES, NULL)) && strncmp(asked_locale(), "zh", 2) == 0 &&
	    (!language || !*language))
		speak_chinese();
}

/* Whether the messages are to be Chinese, once the language is set up. */
static bool chinese_wanted(void)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);
	if (is_c_locale(messages))
		return false;   /* gettext then reads no catalogue */
	const char *language = getenv("LANGUAGE");
	return strncmp(language && *language ? language : messages, "zh", 2) == 0;
}

/* The shared install: LOCALEDIR's catalogue if it is root's alone, else no
 * catalogue (a directory that cannot hold one) and the messages as written.
 * A catalogue present but open to others is said once on stderr, naming
 * the fix: it is a broken install or someone's attempt, and the staff who
 * asked for Chinese would otherwise see English for no reason. A missing
 * one is quiet, as it is for the plain program. */
static void bind_setgid_catalogue(void)
{
	bindtextdomain(DOMAIN, "/dev/null");
	char err[PATH_MAX + 128] = "";
	sr_status st = sr_i18n_catalogue_check(LOCALEDIR "/" CATALOGUE, err, sizeof err);
	if (st == SR_OK)
		bindtextdomain(DOMAIN, LOCALEDIR);
	else if (st == SR_PERM && chinese_wanted())
		fprintf(stderr, _("showroom: not reading the message catalogue: %s; messages are "
		                  "in English\n"),
		        err);
}

void cli_i18n_init(void)
{
	choose_language();
	if (cli_setgid())
		bind_setgid_catalogue();
	else
		bind_catalogue();
	/* The catalogue is UTF-8 and so is the terminal we write for, even
	 * when LC_CTYPE is plain C. */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
}

/* error.h's texts reach the catalogue through `make pot`, which reads its
 * X-macro list; looked up by the core's own string, English stays exact. */
const char *cli_status_text(sr_status st)
{
	return _(sr_status_text(st));
}
