/* text.h — UTF-8 text by display columns, never bytes.
 *
 * Chinese characters take two columns; every table in every front end fits
 * its cells with sr_text_fit so 欧阳明月 and Li Lei line up. Invalid bytes
 * show as U+FFFD, control and bidi characters as escapes (sr_text_escape).
 * Needs setlocale(LC_CTYPE) to a UTF-8 locale for wcwidth; falls back to
 * its own East Asian width table otherwise. */
#ifndef SHOWROOM_TEXT_H
#define SHOWROOM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* UTF-8, decoded in one place. sr_utf8_decode decodes one character at s
 * (not at a NUL), reading at most avail bytes ((size_t)-1 for a
 * NUL-terminated string): the bytes taken (>= 1) with the code point in
 * *cp, or U+FFFD for a malformed, overlong, surrogate or out-of-range
 * sequence, which takes one byte; 0 when the first byte announces more
 * bytes than avail holds. */
size_t sr_utf8_decode(const char *s, size_t avail, unsigned *cp);
/* The UTF-8 of code point cp (at most U+10FFFF) into out: 1 to 4 bytes. */
size_t sr_utf8_encode(unsigned cp, char out[4]);
/* n moved back to the first byte of the character s[n] is part of, so
 * s[0..result) never ends inside a character (s[n] must be readable). */
size_t sr_utf8_boundary(const char *s, size_t n);
/* The characters of s; a byte that is not UTF-8 counts as one. */
int sr_utf8_chars(const char *s);

/* Display width of a UTF-8 string in terminal columns, as sr_text_fit
 * shows it (an escape takes its own length, see sr_text_escape). */
int sr_text_width(const char *s);

/* Write s into out fitted to exactly `cols` columns: cut at a character
 * boundary (with "…" when cut and ellipsis is true) and padded with spaces
 * on the right (or left when right_align). Characters show as
 * sr_text_escape shows them on one line. Returns bytes written (without
 * the NUL). out must hold at least 4*cols+1 bytes. */
size_t sr_text_fit(const char *s, int cols, bool right_align, bool ellipsis, char *out,
                   size_t outlen);

/* The character at s as sr_text_fit shows it: returns its bytes (0 at the
 * end) and puts its columns in *cols; for stepping through a text, e.g. to
 * wrap it. */
size_t sr_text_step(const char *s, int *cols);

/* How stored text is shown, in every output: a control character (C0, DEL,
 * C1), a bidi control (U+061C, U+200E/F, U+202A-E, U+2066-9) or a line or
 * paragraph separator (U+2028/9) as an ASCII escape, \x1b below U+0080 and
 * \u202e above; a byte that is not UTF-8 as U+FFFD; a backslash that would
 * read as the start of an escape doubled (\\). Newline and tab show as a
 * space, or as themselves with SR_TEXT_LINES (multi-line output: CSV). */
enum { SR_TEXT_LINES = 1 << 0 };

/* Like snprintf: writes as much of the shown text as fits in out (whole
 * characters, NUL-terminated when outlen > 0) and returns the length of
 * all of it. s NULL is the empty string. */
size_t sr_text_escape(const char *s, unsigned flags, char *out, size_t outlen);
/* The shown text, malloc'd; NULL when out of memory. */
char *sr_text_escape_dup(const char *s, unsigned flags);
/* True when s shows as itself: sr_text_escape would change nothing. */
bool sr_text_shows_as_is(const char *s, unsigned flags);

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
