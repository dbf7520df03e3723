/* test_i18n.c — translations are used only with the original's printf
 * conversions (a planted "%p %p %p" is not), every translation of the real
 * catalogue passes that check, what the check costs, and which catalogue a
 * setgid program may read. */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "unit.h"

static bool ok(const char *original, const char *translation)
{
	return sr_i18n_format_ok(original, translation);
}

TEST(i18n_format_same_conversions_match)
{
	CHECK(ok("no conversion", "没有转换"));
	CHECK(ok("%s", "%s"));
	CHECK(ok("card %ld filed by %s\n", "客户信息卡 %ld 由 %s 留档\n"));
	CHECK(ok("100%% done, %d left", "完成 100%%，剩 %d"));
	CHECK(ok("%-10s|%5.2f|%04x", "%s|%f|%x"));    /* flags and digits do not matter */
	CHECK(ok("%*d %.*s", "%*d %.*s"));
	CHECK(ok("%zu rows, %lld cents, %lu", "%zu 行，%lld 分，%lu"));
	CHECK(ok("%lld", "%qd"));                       /* q is ll */
}

TEST(i18n_format_reordered_by_position_matches)
{
	/* The catalogue's "restored %s from %s": Chinese puts the backup first. */
	CHECK(ok("restored %s from %s\n", "已从 %2$s 恢复 %1$s\n"));
	CHECK(ok("%s has %d cards", "%2$d 张：%1$s"));
	CHECK(ok("%s", "%1$s %1$s"));
	CHECK(ok("%*d", "%2$*1$d"));
}

TEST(i18n_format_mismatch_refused)
{
	/* Reordered without positions: printf would read the int as a string. */
	CHECK(!ok("%s has %d cards", "%d 张：%s"));
	CHECK(!ok("%s", "%s %s"));                      /* an extra %s */
	CHECK(!ok("%s %s", "%s"));                      /* one left out */
	CHECK(!ok("%d", "%ld"));                        /* length modifiers */
	CHECK(!ok("%ld", "%d"));
	CHECK(!ok("%zu", "%lu"));
	CHECK(!ok("%d", "%u"));
	CHECK(!ok("%s", "%p"));
	CHECK(!ok("%*d", "%d"));                        /* `*` reads an argument */
	CHECK(!ok("%.*s", "%s"));
	CHECK(!ok("%d", "%d%n"));
	CHECK(!ok("100%% done", "100% done"));          /* "% d" reads an int */
}

TEST(i18n_format_planted_conversions_refused)
{
	/* The planted catalogue: a message with no conversion turned into %p. */
	CHECK(!ok("channel must be walkin, phone or outreach", "%p %p %p"));
	CHECK(!ok("usage: showroom [GLOBAL OPTIONS]\n", "%s"));
	CHECK(!ok("unknown command '%s'", "%p %p %p %p"));
	CHECK(!ok("no conversion", "%n"));
}

TEST(i18n_format_bad_specs_refused)
{
	CHECK(!ok("x", "x %"));                         /* a lone % at the end */
	CHECK(!ok("%s", "%y"));                         /* no such conversion */
	CHECK(!ok("%s %s", "%1$s %s"));                 /* positions mixed with plain % */
	CHECK(!ok("%s %s", "%2$s"));                    /* argument 1 left out */
	CHECK(!ok("%s %d", "%2$s %1$d"));               /* types swapped */
	CHECK(!ok("%s", "%0$s"));
	CHECK(!ok("%s", "%99999999999$s"));
	CHECK(!ok("%s", "%1$s %1$d"));                  /* one argument, two types */
	/* An original we cannot read is never matched: its English is used. */
	CHECK(!ok("50%! off", "50%! off"));
}

/* --- lookups through a catalogue ------------------------------------------------------ */

/* A directory with zh_CN/LC_MESSAGES/showroom.mo compiled from po (a PO file's
 * entries after the header) by msgfmt without --check, as an attacker would.
 * Returns false when msgfmt is missing. */
static bool planted_catalogue(char *dir, size_t len, const char *po)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, len, "%s/showroom-i18n-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	char path[512], cmd[1200];
	snprintf(path, sizeof path, "%s/zh_CN.po", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	fprintf(f, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	           "\"Plural-Forms: nplurals=1; plural=0;\\n\"\n\n%s", po);
	fclose(f);
	snprintf(cmd, sizeof cmd,
	         "mkdir -p '%s/zh_CN/LC_MESSAGES' && msgfmt -o '%s/zh_CN/LC_MESSAGES/showroom.mo' "
	         "'%s' 2>/dev/null", dir, dir, path);
	return system(cmd) == 0;
}

static void remove_tree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

/* Messages in Chinese from dir, or (dir NULL) back to the messages as written
 * for the tests that follow. */
static void speak(const char *dir)
{
	if (dir) {
		bindtextdomain(SR_I18N_DOMAIN, dir);
		bind_textdomain_codeset(SR_I18N_DOMAIN, "UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
		setlocale(LC_MESSAGES, "C.UTF-8");
	} else {
		unsetenv("LANGUAGE");
		setlocale(LC_MESSAGES, "C");
	}
}

static const char planted_po[] =
	"msgid \"good %s\"\nmsgstr \"好 %s\"\n\n"
	"msgid \"bad %s\"\nmsgstr \"%p %p %p\"\n\n"
	"msgid \"plain text\"\nmsgstr \"%p %p %p\"\n\n"
	"msgid \"%ld problem found\"\nmsgid_plural \"%ld problems found\"\n"
	"msgstr[0] \"发现 %ld 个问题\"\n\n"
	"msgid \"%ld row\"\nmsgid_plural \"%ld rows\"\nmsgstr[0] \"%s\"\n\n"
	"msgid \"one card\"\nmsgid_plural \"%lu cards\"\nmsgstr[0] \"%lu 张\"\n\n"
	"msgid \"one call\"\nmsgid_plural \"%lu calls\"\nmsgstr[0] \"%lu %p\"\n\n";

TEST(i18n_lookup_refuses_planted_translation)
{
	char dir[512];
	if (!planted_catalogue(dir, sizeof dir, planted_po)) {
		remove_tree(dir);
		unit_fail(__FILE__, __LINE__, "msgfmt failed or is missing (apt-get install gettext)");
	}
	speak(dir);
	/* Looked up first, checked after going back to English: a failed
	 * CHECK must not leave the other tests speaking Chinese. */
	const char *got[] = {
		sr_i18n_text("good %s"), sr_i18n_text("bad %s"), sr_i18n_text("plain text"),
		sr_i18n_text(""), sr_i18n_text("not in the catalogue"),
	};
	speak(NULL);
	remove_tree(dir);
	CHECK_EQ_STR(got[0], "好 %s");
	CHECK_EQ_STR(got[1], "bad %s");
	CHECK_EQ_STR(got[2], "plain text");
	CHECK_EQ_STR(got[3], "");
	CHECK_EQ_STR(got[4], "not in the catalogue");
}

TEST(i18n_plural_checked_against_both_originals)
{
	char dir[512];
	if (!planted_catalogue(dir, sizeof dir, planted_po)) {
		remove_tree(dir);
		unit_fail(__FILE__, __LINE__, "msgfmt failed or is missing (apt-get install gettext)");
	}
	speak(dir);
	const char *got[] = {
		sr_i18n_plural("%ld problem found", "%ld problems found", 1),
		sr_i18n_plural("%ld problem found", "%ld problems found", 7),
		sr_i18n_plural("%ld row", "%ld rows", 1),
		sr_i18n_plural("%ld row", "%ld rows", 2),
		sr_i18n_plural("one card", "%lu cards", 1),
		sr_i18n_plural("one card", "%lu cards", 3),
		sr_i18n_plural("one call", "%lu calls", 1),
		sr_i18n_plural("one call", "%lu calls", 3),
		sr_i18n_plural("%ld item", "%ld items", 2),
	};
	speak(NULL);
	remove_tree(dir);
	CHECK_EQ_STR(got[0], "发现 %ld 个问题");
	CHECK_EQ_STR(got[1], "发现 %ld 个问题");
	/* "%s" matches neither original: the English form for n. */
	CHECK_EQ_STR(got[2], "%ld row");
	CHECK_EQ_STR(got[3], "%ld rows");
	/* The singular reads nothing, the plural one %lu: a form that reads
	 * the %lu suits the arguments given; one with a %p more does not. */
	CHECK_EQ_STR(got[4], "%lu 张");
	CHECK_EQ_STR(got[5], "%lu 张");
	CHECK_EQ_STR(got[6], "one call");
	CHECK_EQ_STR(got[7], "%lu calls");
	CHECK_EQ_STR(got[8], "%ld items");
}

/* --- the real catalogue ------------------------------------------------------------------ */

/* build/.../locale/zh_CN/LC_MESSAGES/showroom.mo, beside this program:
 * `make test` builds it, `make unit-test` may not. */
static bool real_catalogue(char *dir, size_t dirlen, char *mo, size_t molen)
{
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	if (snprintf(dir, dirlen, "%s/locale", exe) >= (int)dirlen ||
	    snprintf(mo, molen, "%s/zh_CN/LC_MESSAGES/showroom.mo", dir) >= (int)molen)
		return false;
	return access(mo, R_OK) == 0;
}

struct mo {
	char *data;
	size_t size;
	uint32_t n, originals, translations;
	bool swap;
};

static uint32_t mo_word(const struct mo *m, size_t off)
{
	if (off + 4 > m->size)
		return 0;
	uint32_t w;
	memcpy(&w, m->data + off, 4);
	return m->swap ? __builtin_bswap32(w) : w;
}

static bool mo_load(struct mo *m, const char *path)
{
	memset(m, 0, sizeof *m);
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	m->size = (size_t)ftell(f);
	rewind(f);
	m->data = malloc(m->size + 1);
	bool read = m->data && fread(m->data, 1, m->size, f) == m->size;
	fclose(f);
	if (!read)
		return false;
	m->data[m->size] = '\0';
	uint32_t magic = mo_word(m, 0);
	m->swap = magic == 0xde120495u;
	if (magic != 0x950412deu && !m->swap)
		return false;
	m->n = mo_word(m, 8);
	m->originals = mo_word(m, 12);
	m->translations = mo_word(m, 16);
	return true;
}

/* Entry i of a table: its string and length (plural forms are NUL-separated
 * inside the length). */
static const char *mo_string(const struct mo *m, uint32_t table, uint32_t i, uint32_t *len)
{
	*len = mo_word(m, table + 8 * (size_t)i);
	uint32_t off = mo_word(m, table + 8 * (size_t)i + 4);
	if ((size_t)off + *len >= m->size)
		return NULL;
	return m->data + off;
}

/* Whether every form of translation i passes the check against its originals. */
static bool mo_entry_ok(const struct mo *m, uint32_t i, const char **msgid)
{
	uint32_t ilen, tlen;
	const char *id = mo_string(m, m->originals, i, &ilen);
	const char *tr = mo_string(m, m->translations, i, &tlen);
	*msgid = id;
	if (!id || !tr)
		return false;
	const char *plural = strlen(id) < ilen ? id + strlen(id) + 1 : NULL;
	for (const char *form = tr; form < tr + tlen + 1; form += strlen(form) + 1) {
		bool good = plural ? sr_i18n_format_ok(plural, form) || sr_i18n_format_ok(id, form)
		                   : sr_i18n_format_ok(id, form);
		if (!good)
			return false;
	}
	return true;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every translation of data/po/zh_CN.po passes the run-time check, so none
 * falls back to English: msgfmt --check only checks entries marked
 * c-format, this check reads every one. */
TEST(i18n_real_catalogue_passes_the_check)
{
	char dir[640], path[720];
	struct mo m;
	if (!real_catalogue(dir, sizeof dir, path, sizeof path)) {
		printf("skipped i18n_real_catalogue_passes_the_check: no %s "
		       "(make test builds it)\n", path);
		return;
	}
	CHECK(mo_load(&m, path));
	int bad = 0;
	char first[200] = "";
	for (uint32_t i = 1; i < m.n; i++) {   /* 0 is the header */
		const char *id;
		if (!mo_entry_ok(&m, i, &id) && bad++ == 0)
			snprintf(first, sizeof first, "%s", id ? id : "?");
	}
	/* And through gettext each comes back as it is (plurals: form 0). */
	int same = 0;
	speak(dir);
	for (uint32_t i = 1; i < m.n; i++) {
		uint32_t ilen, tlen;
		const char *msgid = mo_string(&m, m.originals, i, &ilen);
		const char *tr = mo_string(&m, m.translations, i, &tlen);
		const char *t = strlen(msgid) < ilen
		                        ? sr_i18n_plural(msgid, msgid + strlen(msgid) + 1, 5)
		                        : sr_i18n_text(msgid);
		same += strcmp(t, tr) == 0;
	}
	speak(NULL);
	uint32_t n = m.n;
	free(m.data);
	if (bad)
		unit_fail(__FILE__, __LINE__, "%d of %u translations fail the format check, "
		          "the first of msgid \"%s\"", bad, n - 1, first);
	CHECK(n > 500);
	CHECK_EQ_INT(same, n - 1);
}

/* The fastest of a few trials of fn over every message, in ns per message:
 * the two cores are shared, so the minimum is the figure. */
typedef int (*per_message)(const struct mo *m, uint32_t i);

static double ns_per_message(const struct mo *m, per_message fn)
{
	enum { TRIALS = 7, ROUNDS = 40 };
	double best = 1e30;
	volatile int sink = 0;
	for (int t = 0; t < TRIALS; t++) {
		double t0 = seconds();
		for (int r = 0; r < ROUNDS; r++)
			for (uint32_t i = 1; i < m->n; i++)
				sink += fn(m, i);
		double dt = seconds() - t0;
		if (dt < best)
			best = dt;
	}
	(void)sink;
	return best * 1e9 / ((double)ROUNDS * (m->n - 1));
}

static const char *mo_msgid(const struct mo *m, uint32_t i)
{
	uint32_t len;
	return mo_string(m, m->originals, i, &len);
}

static int time_loop(const struct mo *m, uint32_t i)
{
	return mo_msgid(m, i)[0];
}

static int time_check(const struct mo *m, uint32_t i)
{
	const char *id;
	return mo_entry_ok(m, i, &id);
}

static int time_dgettext(const struct mo *m, uint32_t i)
{
	return dgettext(SR_I18N_DOMAIN, mo_msgid(m, i))[0];
}

static int time_text(const struct mo *m, uint32_t i)
{
	return sr_i18n_text(mo_msgid(m, i))[0];
}

/* The cost, printed: the check alone over the whole catalogue (each
 * message's forms against its originals), and a lookup through
 * sr_i18n_text beside a bare dgettext. */
TEST(i18n_cost_of_the_check)
{
	char dir[640], path[720];
	struct mo m;
	if (!real_catalogue(dir, sizeof dir, path, sizeof path)) {
		printf("skipped i18n_cost_of_the_check: no %s\n", path);
		return;
	}
	CHECK(mo_load(&m, path));
	double loop = ns_per_message(&m, time_loop);
	double check = ns_per_message(&m, time_check);
	speak(dir);
	double bare = ns_per_message(&m, time_dgettext);
	double checked = ns_per_message(&m, time_text);
	speak(NULL);
	printf("i18n cost over %u messages, ns per message: the check %.0f (the loop alone %.0f); "
	       "a lookup: dgettext %.0f, sr_i18n_text %.0f\n",
	       m.n - 1, check, loop, bare, checked);
	free(m.data);
}

/* --- which catalogue a setgid program reads ----------------------------------------------- */

TEST(i18n_catalogue_root_owned_chain_trusted)
{
	struct stat sb;
	if (stat("/", &sb) != 0 || sb.st_uid != 0 || stat("/etc/passwd", &sb) != 0 ||
	    sb.st_uid != 0 || (sb.st_mode & 022)) {
		printf("skipped i18n_catalogue_root_owned_chain_trusted: / or /etc/passwd "
		       "is not root's here\n");
		return;
	}
	char err[512] = "";
	CHECK_OK(sr_i18n_catalogue_check("/etc/passwd", err, sizeof err));
	CHECK_OK(sr_i18n_catalogue_check("//etc//passwd", err, sizeof err));
}

TEST(i18n_catalogue_untrusted_refused)
{
	char err[512] = "";
	CHECK_STATUS(sr_i18n_catalogue_check("/nonexistent-showroom/zh_CN/showroom.mo", err,
	                                     sizeof err), SR_NOTFOUND);
	CHECK_STATUS(sr_i18n_catalogue_check("locale/zh_CN/showroom.mo", err, sizeof err), SR_PERM);
	CHECK(unit_contains(err, "absolute"));
	CHECK_STATUS(sr_i18n_catalogue_check("/etc", err, sizeof err), SR_PERM);
	CHECK(unit_contains(err, "not a regular file"));

	/* A directory of ours (0700) with a catalogue in it: the nearest fault
	 * is named, whatever TMPDIR's own parents are. */
	const char *tmp = getenv("TMPDIR");
	char dir[512], mo[600], link[600];
	snprintf(dir, sizeof dir, "%s/showroom-trust-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(mo, sizeof mo, "%s/showroom.mo", dir);
	snprintf(link, sizeof link, "%s/link.mo", dir);
	FILE *f = fopen(mo, "w");
	bool made = f && fclose(f) == 0 && symlink(mo, link) == 0;
	sr_status group_file = SR_OK, group_dir = SR_OK, linked = SR_OK, other_owner = SR_OK;
	char e1[512] = "", e2[512] = "", e3[512] = "", e4[512] = "";
	if (made) {
		chmod(mo, 0664);
		group_file = sr_i18n_catalogue_check(mo, e1, sizeof e1);
		chmod(mo, 0644);
		chmod(dir, 0770);
		group_dir = sr_i18n_catalogue_check(mo, e2, sizeof e2);
		chmod(dir, 0700);
		linked = sr_i18n_catalogue_check(link, e3, sizeof e3);
		/* Not root's: as root, give it away; otherwise it is ours already. */
		if (geteuid() == 0 && chown(mo, 65534, 65534) != 0)
			made = false;
		other_owner = sr_i18n_catalogue_check(mo, e4, sizeof e4);
	}
	remove_tree(dir);
	CHECK(made);
	CHECK_STATUS(group_file, SR_PERM);
	CHECK(unit_contains(e1, geteuid() == 0 ? "chmod go-w" : "not root"));
	CHECK_STATUS(group_dir, SR_PERM);
	if (geteuid() == 0) {
		CHECK(unit_contains(e2, "writable by its group"));
		CHECK(strstr(e2, "showroom.mo") == NULL);       /* the directory is named */
	}
	CHECK_STATUS(linked, SR_PERM);
	CHECK(unit_contains(e3, "symbolic link"));
	CHECK_STATUS(other_owner, SR_PERM);
	CHECK(unit_contains(e4, "not root"));
}
