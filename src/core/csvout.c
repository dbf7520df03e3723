/* csvout.c — RFC 4180 rows through libcsv: comma-separated, CRLF-ended,
 * UTF-8. A field is quoted (by libcsv's csv_fwrite, which doubles inner
 * quotes) only when it needs to be, so plain rows stay easy to grep:
 * `metric,value`, not `"metric","value"`. */
#include <csv.h>
#include <string.h>
#include "showroom/csvout.h"

/* Quote when the field holds the delimiter, a quote or a line break, or
 * starts or ends with a space that a reader might trim. */
static int needs_quotes(const char *s, size_t n)
{
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static int csv_field(FILE *out, const char *s)
{
	if (!s || !*s)
		return 0;
	size_t n = strlen(s);
	if (needs_quotes(s, n))
		return csv_fwrite(out, s, n) == 0 ? 0 : -1;
	return fwrite(s, 1, n, out) == n ? 0 : -1;
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
