/* check.c — validation of text that users type, in one place, so every
 * field is refused the same way: named, with its limit. */
#include <string.h>
#include "store.h"

int sr_text_chars(const char *s)
{
	return sr_utf8_chars(s);
}

/* Bidi controls and line separators are refused with the rest: they show
 * nothing, yet can make a phone read backwards or a name pose as another
 * (see text.c). */
sr_status sr_check_text_chars(sr_db *db, const char *field, const char *value, bool multiline)
{
	unsigned cp;
	switch (sr_text_find_fault(value, multiline, &cp)) {
	case SR_TEXT_OK:
		return SR_OK;
	case SR_TEXT_BAD_UTF8:
		return sr_fail(db, SR_BADINPUT, _("%s holds the byte 0x%02X, which is not UTF-8"),
		               field, cp);
	case SR_TEXT_CONTROL:
		return sr_fail(db, SR_BADINPUT, _("%s holds the control character U+%04X"), field,
		               cp);
	case SR_TEXT_LAYOUT:
		break;
	}
	return sr_fail(db, SR_BADINPUT,
	               _("%s holds U+%04X, an invisible character that reverses or breaks the "
	                 "text around it (a bidi control or line separator): remove it"),
	               field, cp);
}

sr_status sr_check_text(sr_db *db, const char *field, const char *value, int max_chars,
                        bool required, bool multiline)
{
	if (!value || !*value) {
		if (required)
			return sr_fail(db, SR_BADINPUT, _("%s is required"), field);
		return SR_OK;
	}
	sr_status st = sr_check_text_chars(db, field, value, multiline);
	if (st != SR_OK)
		return st;
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
