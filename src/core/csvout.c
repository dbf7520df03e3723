/* csvout.c — RFC 4180 rows through libcsv: comma-separated, CRLF-ended,
 * UTF-8. A field is quoted (by libcsv's csv_fwrite, which doubles inner
 * quotes) only when it needs to be, so plain rows stay easy to grep:
 * `metric,value`, not `"metric","value"`.
 *
 * Every CSV the program writes comes through here (exports, reports, --csv
 * output, the import's rejects file), so what a cell may hold is decided
 * once: text as sr_text_escape shows it with its newlines and tabs, so an
 * ESC or a U+202E that reached the database (or a portal's file) never
 * reaches a terminal or a spreadsheet raw, and never as a formula. */
#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "showroom/csvout.h"
#include "showroom/text.h"

/* Quote when the field holds the delimiter, a quote or a line break, or
 * starts or ends with a space that a reader might trim. */
static int needs_quotes(const char *s, size_t n)
{
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static int cell_write(FILE *out, const char *s)
{
	size_t n = strlen(s);
	if (needs_quotes(s, n))
		return csv_fwrite(out, s, n) == 0 ? 0 : -1;
	return fwrite(s, 1, n, out) == n ? 0 : -1;
}

/* A plain decimal number: sign, digits, a fraction (-5, -0.25, +86138...). */
static bool is_number(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	size_t d = strspn(s, "0123456789");
	if (!d)
		return false;
	s += d;
	if (*s == '.') {
		d = strspn(++s, "0123456789");
		if (!d)
			return false;
		s += d;
	}
	return !*s;
}

/* Excel and WPS run a cell that begins with = + - or @ as a formula (tab
 * and CR lead to one too): a portal lead named =HYPERLINK(...) would run
 * on the manager's machine. As OWASP advises, such a cell is written as
 * text, with ' in front. A plain number (-5, -12.5, +8613800138000) is
 * left alone: the spreadsheet reads the number it is and runs nothing,
 * and scripts read --csv figures as they are; so is a lone "-", the
 * reports' "none", which runs nothing either. A cell that begins with '
 * itself gets one more, so the rule can be undone: take one ' off any cell
 * that begins with one. s is not empty. */
static bool needs_apostrophe(const char *s)
{
	switch (*s) {
	case '=':
	case '@':
	case '\t':
	case '\r':
	case '\'':
		return true;
	case '+':
	case '-':
		return (*s == '+' || s[1]) && !is_number(s); /* a lone - is the reports' none */
	}
	return false;
}

/* s as text: ' in front. */
static int cell_write_text(FILE *out, const char *s)
{
	size_t n = strlen(s);
	char *t = malloc(n + 2);
	if (!t)
		return -1;
	t[0] = '\'';
	memcpy(t + 1, s, n + 1);
	int rc = cell_write(out, t);
	free(t);
	return rc;
}

static int csv_field(FILE *out, const char *s)
{
	if (!s || !*s)
		return 0;
	char *shown = NULL;
	if (!sr_text_shows_as_is(s, SR_TEXT_LINES) &&
	    !(s = shown = sr_text_escape_dup(s, SR_TEXT_LINES)))
		return -1;
	int rc = needs_apostrophe(s) ? cell_write_text(out, s) : cell_write(out, s);
	if (shown) /* rare: no call for every cell */
		free(shown);
	return rc;
}

int sr_csv_row(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i && fputc(',', out) == EOF)
			return -1;
		if (csv_field(out, fields[i]) != 0)
			return -1;
	}
	return fputs("\r\n", out) == EOF ? -1 : 0;
}

int sr_csv_bom(FILE *out)
{
	return fwrite("\xEF\xBB\xBF", 1, 3, out) == 3 ? 0 : -1;
}
