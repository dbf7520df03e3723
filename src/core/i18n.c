/* i18n.c — gettext lookups that refuse a translation whose printf
 * conversions differ from the original's, and the check a setgid program
 * makes before it reads a catalogue.
 *
 * The original (the msgid) is in the program and the compiler has checked
 * it against the arguments; the translation is data from a file. Comparing
 * what each would read from the arguments is one pass over both strings,
 * with no allocation: the terminal UI looks messages up while it draws. */
#include <errno.h>
#include <libintl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "store.h"

/* More arguments than any message of ours takes; a format reading more is
 * refused rather than half checked. */
enum { FMT_MAX_ARGS = 24 };

/* What a format reads from its arguments: for each argument, in argument
 * order, a kind (length modifier * 16 + conversion class; 0 = not read). */
struct fmt_args {
	int n;
	unsigned char kind[FMT_MAX_ARGS];
	bool positional;        /* a %N$ was seen */
	bool sequential;        /* a plain % was seen: mixing the two is undefined */
	bool bad;               /* an unknown conversion or argument number */
};

enum { KIND_INT = 1 };  /* class of d and i, no length modifier: a `*` reads one */

/* printf's conversion characters grouped by the argument they read. */
static unsigned char fmt_class(char c)
{
	switch (c) {
	case 'd': case 'i': return KIND_INT;
	case 'o': case 'u': case 'x': case 'X': return 2;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': return 3;
	case 'c': return 4;
	case 's': return 5;
	case 'p': return 6;
	case 'n': return 7;
	case 'C': return 8;     /* %lc */
	case 'S': return 9;     /* %ls */
	default: return 0;
	}
}

/* The length modifier at p as a number (q is ll, Z is z); p moves past it. */
static unsigned char fmt_length(const char **p)
{
	const char *q = *p;
	unsigned char code;
	switch (*q) {
	case 'h': code = q[1] == 'h' ? 1 : 2; break;
	case 'l': code = q[1] == 'l' ? 3 : 4; break;
	case 'q': code = 3; break;
	case 'L': code = 5; break;
	case 'j': code = 6; break;
	case 'z': case 'Z': code = 7; break;
	case 't': code = 8; break;
	default: return 0;
	}
	*p = q + (code == 1 || (code == 3 && *q == 'l') ? 2 : 1);
	return code;
}

/* "N$" at p: N (1 or more), p moved past it; else 0 and p unchanged. */
static int fmt_position(const char **p, struct fmt_args *a)
{
	const char *q = *p;
	long pos = 0;
	while (*q >= '0' && *q <= '9' && pos <= FMT_MAX_ARGS)
		pos = pos * 10 + (*q++ - '0');
	if (q == *p || *q != '$')
		return 0;
	if (pos < 1 || pos > FMT_MAX_ARGS)
		a->bad = true;
	*p = q + 1;
	return pos < 1 || pos > FMT_MAX_ARGS ? 0 : (int)pos;
}

/* The format reads an argument of this kind: the next one, or number pos. */
static void fmt_take(struct fmt_args *a, int pos, unsigned char kind)
{
	int slot;
	if (pos) {
		a->positional = true;
		slot = pos - 1;
	} else {
		a->sequential = true;
		slot = a->n;
	}
	if (slot >= FMT_MAX_ARGS || (a->kind[slot] && a->kind[slot] != kind)) {
		a->bad = true;
		return;
	}
	a->kind[slot] = kind;
	if (slot >= a->n)
		a->n = slot + 1;
}

/* A width or precision: digits, or `*` (an int argument, perhaps *N$). */
static const char *fmt_star(const char *p, struct fmt_args *a)
{
	if (*p != '*')
		return p + strspn(p, "0123456789");
	p++;
	fmt_take(a, fmt_position(&p, a), KIND_INT);
	return p;
}

/* One conversion, p just after its '%': what it reads goes into a. Returns
 * where the text goes on. */
static const char *fmt_spec(const char *p, struct fmt_args *a)
{
	int pos = fmt_position(&p, a);
	p += strspn(p, "-+ #0'I");
	p = fmt_star(p, a);
	if (*p == '.')
		p = fmt_star(p + 1, a);
	unsigned char len = fmt_length(&p);
	unsigned char cls = fmt_class(*p);
	if (!cls) {
		a->bad = true;
		return *p ? p + 1 : p;
	}
	fmt_take(a, pos, (unsigned char)(len * 16 + cls));
	return p + 1;
}

static void fmt_scan(const char *s, struct fmt_args *a)
{
	memset(a, 0, sizeof *a);
	while ((s = strchr(s, '%')) != NULL) {
		if (s[1] == '%')
			s += 2;
		else
			s = fmt_spec(s + 1, a);
	}
	if (a->positional && a->sequential)
		a->bad = true;
	for (int i = 0; i < a->n; i++)
		if (!a->kind[i])
			a->bad = true;  /* %2$s without %1$: its type is unknown */
}

bool sr_i18n_format_ok(const char *original, const char *translation)
{
	struct fmt_args o, t;
	fmt_scan(original, &o);
	fmt_scan(translation, &t);
	return !o.bad && !t.bad && o.n == t.n && memcmp(o.kind, t.kind, (size_t)o.n) == 0;
}

const char *sr_i18n_text(const char *msgid)
{
	/* gettext("") is the catalogue's header, never a message. */
	if (!*msgid)
		return msgid;
	const char *t = dgettext(SR_I18N_DOMAIN, msgid);
	if (t == msgid || sr_i18n_format_ok(msgid, t))
		return t;
	return msgid;
}

/* Chinese has one form for every n, so the form may be printed with the
 * arguments of either original: it must read what one of them reads. */
const char *sr_i18n_plural(const char *msgid, const char *msgid_plural, unsigned long n)
{
	const char *t = dngettext(SR_I18N_DOMAIN, msgid, msgid_plural, n);
	if (t == msgid || t == msgid_plural)
		return t;
	if (sr_i18n_format_ok(msgid_plural, t) || sr_i18n_format_ok(msgid, t))
		return t;
	return n == 1 ? msgid : msgid_plural;
}

/* --- the setgid program's catalogue -------------------------------------- */

/* One component of the catalogue's path, as lstat sees it (a link is not
 * followed: whoever can change it is not checked). */
static sr_status trust_one(const char *path, bool file, char *err, size_t errlen)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return SR_NOTFOUND;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return SR_PERM;
	}
	unsigned mode = (unsigned)(sb.st_mode & 07777);
	if (S_ISLNK(sb.st_mode))
		snprintf(err, errlen, _("%s is a symbolic link"), path);
	else if (file && !S_ISREG(sb.st_mode))
		snprintf(err, errlen, _("%s is not a regular file"), path);
	else if (!file && !S_ISDIR(sb.st_mode))
		snprintf(err, errlen, _("%s is not a directory"), path);
	else if (sb.st_uid != 0)
		snprintf(err, errlen, _("%s belongs to user %ld, not root: chown root %s"), path,
		         (long)sb.st_uid, path);
	else if (sb.st_mode & (S_IWGRP | S_IWOTH))
		snprintf(err, errlen, _("%s is writable by its group or others (mode %04o): chmod go-w %s"),
		         path, mode, path);
	else
		return SR_OK;
	return SR_PERM;
}

/* path's parent directory, in place: "/a/b//c/" -> "/a/b", "/a" -> "/". */
static void parent_dir(char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n > 0 && path[n - 1] != '/')
		n--;
	while (n > 1 && path[n - 1] == '/')
		n--;
	path[n] = '\0';        /* n >= 1: the path is absolute */
}

/* From the file up to /: the nearest fault is the one reported. */
sr_status sr_i18n_catalogue_check(const char *path, char *err, size_t errlen)
{
	char buf[PATH_MAX];
	if (path[0] != '/') {
		snprintf(err, errlen, _("%s is not an absolute path"), path);
		return SR_PERM;
	}
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
		snprintf(err, errlen, "%s", strerror(ENAMETOOLONG));
		return SR_PERM;
	}
	for (bool file = true;; file = false) {
		sr_status st = trust_one(buf, file, err, errlen);
		if (st != SR_OK || strcmp(buf, "/") == 0)
			return st;
		parent_dir(buf);
	}
}
