/* main.c — run the registered unit tests: all, or those whose name holds
 * argv[1]. One line per failure, then exactly "N passed, N failed". */
#include <ctype.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

enum { UNIT_MAX = 1024 };

struct unit_test {
	const char *name;
	const char *file;
	unit_fn fn;
	int seq;               /* registration order */
};

static struct unit_test tests[UNIT_MAX];
static int ntests;
static jmp_buf unit_jump;
static const char *current;

sr_db *unit_db;

void unit_register(const char *name, const char *file, unit_fn fn)
{
	if (ntests >= UNIT_MAX) {
		fprintf(stderr, "unit: too many tests (raise UNIT_MAX)\n");
		exit(2);
	}
	tests[ntests] = (struct unit_test){name, file, fn, ntests};
	ntests++;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	const char *base = strrchr(file, '/');
	printf("FAIL %s (%s:%d): ", current ? current : "?", base ? base + 1 : file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	longjmp(unit_jump, 1);
}

const char *unit_status_name(sr_status st)
{
	switch (st) {
#define UNIT_STATUS_CASE(name, code, text) case name: return #name;
		SR_STATUS_LIST(UNIT_STATUS_CASE)
#undef UNIT_STATUS_CASE
	}
	return "SR_(unknown)";
}

bool unit_contains(const char *hay, const char *needle)
{
	if (!hay || !needle)
		return false;
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

/* Sort by file then registration order, so output is stable whatever order
 * the linker ran the constructors in. */
static int by_file(const void *a, const void *b)
{
	const struct unit_test *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	return x->seq - y->seq;
}

/* One test, with its fixture closed afterwards whatever happened. The
 * volatile keeps `ok` defined across the longjmp. */
static bool run_one(const struct unit_test *t)
{
	volatile bool ok = true;
	current = t->name;
	if (setjmp(unit_jump) == 0)
		t->fn();
	else
		ok = false;
	fx_cleanup();
	current = NULL;
	return ok;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	int passed = 0, failed = 0;

	/* Widths come from wcwidth in a UTF-8 locale; the core falls back to
	 * its own table otherwise, so either way must give the same columns. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	setvbuf(stdout, NULL, _IOLBF, 0);
	qsort(tests, (size_t)ntests, sizeof tests[0], by_file);
	for (int i = 0; i < ntests; i++) {
		if (filter && !strstr(tests[i].name, filter))
			continue;
		if (run_one(&tests[i]))
			passed++;
		else
			failed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
