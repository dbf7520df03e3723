/* test_csvout.c — the one CSV writer (sr_csv_row): quoting, escapes, and
 * cells a spreadsheet would run as formulas written as text (issue 12,
 * items 8 and 15). */
#include <stdio.h>
#include <stdlib.h>
#include "unit.h"

/* The row sr_csv_row writes for one cell, without its CRLF. */
static void cell(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	CHECK(f != NULL);
	const char *fields[1] = { in };
	int rc = sr_csv_row(f, fields, 1);
	fclose(f);
	CHECK_EQ_INT(rc, 0);
	CHECK(len >= 2 && !strcmp(buf + len - 2, "\r\n"));
	buf[len - 2] = '\0';
	char got[512];
	snprintf(got, sizeof got, "%s", buf);
	free(buf);
	CHECK_EQ_STR(got, want);
}

TEST(csv_formula_cells_written_as_text)
{
	cell("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	cell("@SUM(A1)", "'@SUM(A1)");
	cell("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0");
	cell("-2+3", "'-2+3");
	cell("-abc", "'-abc");
	cell("\tstart", "'\tstart");
	cell("+86 138 0013 8000", "'+86 138 0013 8000");
	/* A cell that begins with ' gets one more: take one off to undo. */
	cell("'quoted", "''quoted");
	/* A CR is escaped before it could lead a formula. */
	cell("\r=1+1", "\\x0d=1+1");
}

TEST(csv_numbers_stay_numbers)
{
	cell("-5", "-5");
	cell("-12.5", "-12.5");
	cell("-0.25", "-0.25");
	cell("+8613800138000", "+8613800138000");
	cell("0.625", "0.625");
	cell("-", "-");
	/* Not numbers: a lone sign, a dangling point, an exponent. */
	cell("+", "'+");
	cell("-5.", "'-5.");
	cell("-1e5", "'-1e5");
	/* Ordinary text, and = or @ later in a cell, are left alone. */
	cell("张伟", "张伟");
	cell("a=b@c", "a=b@c");
	cell("2026-03-02", "2026-03-02");
}

TEST(csv_cells_escaped_and_quoted)
{
	cell("王\x1b[31m伟", "王\\x1b[31m伟");
	cell("王\u202E伟\a", "王\\u202e伟\\x07");
	cell("第一行\n第二行", "\"第一行\n第二行\"");
	cell("a,b", "\"a,b\"");
	cell("=a,b", "\"'=a,b\"");
	cell("", "");
}
