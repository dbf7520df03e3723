/* text.h — UTF-8 text by display columns, never bytes.
 *
 * Chinese characters take two columns; every table in every front end fits
 * its cells with sr_text_fit so 欧阳明月 and Li Lei line up. Invalid bytes
 * show as U+FFFD. Needs setlocale(LC_CTYPE) to a UTF-8 locale for wcwidth;
 * falls back to its own East Asian width table otherwise. */
#ifndef SHOWROOM_TEXT_H
#define SHOWROOM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Display width of a UTF-8 string in terminal columns. */
int sr_text_width(const char *s);

/* Write s into out fitted to exactly `cols` columns: cut at a character
 * boundary (with "…" when cut and ellipsis is true) and padded with spaces
 * on the right (or left when right_align). Returns bytes written (without
 * the NUL). out must hold at least 4*cols+1 bytes. */
size_t sr_text_fit(const char *s, int cols, bool right_align, bool ellipsis, char *out,
                   size_t outlen);

/* What an input text holds that we refuse. */
typedef enum {
	SR_TEXT_OK,
	SR_TEXT_BAD_UTF8, /* a byte that is not UTF-8 (*cp: the byte) */
	SR_TEXT_CONTROL,  /* a control character; tab and newline allowed when multiline */
	SR_TEXT_LAYOUT,   /* a bidi control or U+2028/9: invisible, reorders or breaks lines */
} sr_text_fault;

/* The first fault in s, with its code point in *cp (may be NULL). */
sr_text_fault sr_text_find_fault(const char *s, bool multiline, unsigned *cp);

/* True if s is valid UTF-8 without control characters (tab and newline
 * allowed when multiline), bidi controls or line separators. */
bool sr_text_valid(const char *s, bool multiline);

/* A login or a code: 1..max of [a-zA-Z0-9._-], so it types well in a
 * shell (the schema's CHECKs say the same). */
bool sr_text_is_code(const char *s, size_t max);

#endif
