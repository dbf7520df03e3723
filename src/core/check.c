/* check.c — validation of text that users type, in one place, so every
 * field is refused the same way: named, with its limit. */
#include <string.h>
#include "internal.h"

int sr_text_chars(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

sr_status sr_check_text(sr_db *db, const char *field, const char *value, int max_chars,
                        bool required, bool multiline)
{
	if (!value || !*value) {
		if (required)
			return sr_fail(db, SR_BADINPUT, _("%s is required"), field);
		return SR_OK;
	}
	if (!sr_text_valid(value, multiline))
		return sr_fail(db, SR_BADINPUT, _("%s holds invalid UTF-8 or control characters"),
		               field);
	int chars = sr_text_chars(value);
	if (chars > max_chars)
		return sr_fail(db, SR_BADINPUT, _("%s is %d characters long; at most %d allowed"),
		               field, chars, max_chars);
	return SR_OK;
}

int sr_name_index(const char *text, const char *const *names, int n)
{
	for (int i = 0; text && i < n; i++)
		if (strcmp(text, names[i]) == 0)
			return i;
	return -1;
}
