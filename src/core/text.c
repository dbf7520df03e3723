/* text.c — UTF-8 by display columns: width, fitting into cells, checking.
 *
 * We decode UTF-8 ourselves, because mbrtowc follows the locale and a
 * program started under LANG=C would otherwise see every Chinese name as
 * garbage. Widths come from wcwidth when the locale is UTF-8 (so we agree
 * with the terminal's curses), else from a small East Asian Wide table. */
/* wcwidth is X/Open, not plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include "showroom/text.h"

enum { REPLACEMENT = 0xFFFD };

static const char REPLACEMENT_UTF8[] = "\xEF\xBF\xBD";
static const char ELLIPSIS_UTF8[] = "\xE2\x80\xA6"; /* … */

/* ---- UTF-8: the one decoder ------------------------------------------------ */

size_t sr_utf8_decode(const char *str, size_t avail, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	size_t n;
	unsigned min, v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2, min = 0x80, v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, min = 0x800, v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, min = 0x10000, v = c & 0x07;
	} else {
		*cp = REPLACEMENT;
		return 1;
	}
	if (n > avail)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) { /* also stops at the NUL */
			*cp = REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = REPLACEMENT;
		return 1;
	}
	*cp = v;
	return n;
}

size_t sr_utf8_encode(unsigned cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	size_t n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
	for (size_t i = n - 1; i > 0; i--, cp >>= 6)
		out[i] = (char)(0x80 | (cp & 0x3F));
	out[0] = (char)(lead[n] | cp);
	return n;
}

size_t sr_utf8_boundary(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

int sr_utf8_chars(const char *s)
{
	int n = 0;
	unsigned cp;
	for (; s && *s; n++)
		s += sr_utf8_decode(s, (size_t)-1, &cp);
	return n;
}

/* The decoder on unsigned bytes of a NUL-terminated string. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
	return sr_utf8_decode((const char *)s, (size_t)-1, cp);
}

static bool is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* Characters that change how the text around them is laid out without
 * showing themselves: the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069), which can make 13800138000 read as
 * 00083100831 or turn a name around, and the line and paragraph separators
 * U+2028 and U+2029, which break a line where no newline is seen. */
static bool is_layout(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

struct range {
	unsigned lo, hi;
};

static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
	{ 0x064B, 0x065F }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F },
	{ 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x20D0, 0x20FF }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
	{ 0xE0100, 0xE01EF },
};

static const struct range wide[] = {
	{ 0x1100, 0x115F },   { 0x2E80, 0xA4CF },   { 0xAC00, 0xD7A3 },   { 0xF900, 0xFAFF },
	{ 0xFE30, 0xFE4F },   { 0xFF00, 0xFF60 },   { 0xFFE0, 0xFFE6 },   { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
};

static bool in_table(unsigned cp, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static int table_width(unsigned cp)
{
	if (in_table(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
		return 0;
	if (in_table(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

/* Columns of one printable code point. */
static int char_width(unsigned cp, bool use_wcwidth)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (use_wcwidth) {
		int w = wcwidth((wchar_t)cp);
		if (w >= 0)
			return w;
	}
	return table_width(cp);
}

/* ---- how a stored character is shown ---------------------------------------
 *
 * One rule for every output: tables, "key: value" lines, CSV files, the
 * rejects file and the screens. Text can reach the database around our
 * checks (a restored backup, the sqlite3 shell), and it must not drive the
 * terminal (ESC), ring it (BEL) or turn a line around (U+202E). So a
 * control character (C0, DEL, C1), a bidi control or U+2028/9 is shown as
 * an escape in ASCII: \x1b below U+0080, \u202e above. A byte that is not
 * UTF-8 shows as U+FFFD. Newline and tab stay in multi-line output
 * (SR_TEXT_LINES: CSV quotes them), else they show as a space so a record
 * keeps its line. A backslash is doubled where it would otherwise read as
 * the start of an escape, so an escape is never ambiguous: "\x1b" shown is
 * an ESC, "\\x1b" the four characters someone typed. */

struct shown {
	const char *bytes;
	size_t len;    /* bytes shown */
	int cols;      /* their columns */
	char esc[8];   /* an escape's text */
};

static bool is_escaped(unsigned cp)
{
	return (is_control(cp) && cp != '\n' && cp != '\t') || is_layout(cp);
}

/* A backslash before x, u, another backslash or an escape is doubled. */
static bool backslash_doubled(const unsigned char *next)
{
	if (*next == 'x' || *next == 'u' || *next == '\\')
		return true;
	if (!*next)
		return false;
	unsigned cp;
	utf8_decode(next, &cp);
	return is_escaped(cp);
}

/* Decode the character at p (not at the NUL) into how it shows. Returns
 * the bytes consumed; sh->bytes == p when it shows as itself. */
static size_t show(const unsigned char *p, unsigned flags, bool use_wcwidth, struct shown *sh)
{
	unsigned cp;
	size_t n = utf8_decode(p, &cp);
	sh->bytes = (const char *)p;
	sh->len = n;
	sh->cols = 1;
	if (cp == REPLACEMENT && n == 1) {
		sh->bytes = REPLACEMENT_UTF8;
		sh->len = 3;
	} else if (cp == '\n' || cp == '\t') {
		if (!(flags & SR_TEXT_LINES))
			sh->bytes = " ";
	} else if (is_escaped(cp)) {
		int k = snprintf(sh->esc, sizeof sh->esc, cp < 0x80 ? "\\x%02x" : "\\u%04x", cp);
		sh->bytes = sh->esc;
		sh->len = (size_t)k;
		sh->cols = k;
	} else if (cp == '\\' && backslash_doubled(p + 1)) {
		sh->bytes = "\\\\";
		sh->len = sh->cols = 2;
	} else {
		sh->cols = char_width(cp, use_wcwidth);
	}
	return n;
}

int sr_text_width(const char *s)
{
	if (!s)
		return 0;
	bool wc = locale_is_utf8();
	int w = 0;
	const unsigned char *p = (const unsigned char *)s;
	struct shown sh;
	while (*p) {
		p += show(p, 0, wc, &sh);
		w += sh.cols;
	}
	return w;
}

size_t sr_text_step(const char *s, int *cols)
{
	struct shown sh;
	size_t n = s && *s ? show((const unsigned char *)s, 0, locale_is_utf8(), &sh) : 0;
	if (cols)
		*cols = n ? sh.cols : 0;
	return n;
}

size_t sr_text_escape(const char *s, unsigned flags, char *out, size_t outlen)
{
	size_t len = 0, written = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	struct shown sh;
	while (*p) {
		p += show(p, flags, false, &sh);
		/* Only whole characters: once one does not fit, none follows. */
		if (written == len && len + sh.len < outlen) {
			memcpy(out + len, sh.bytes, sh.len);
			written += sh.len;
		}
		len += sh.len;
	}
	if (outlen)
		out[written] = '\0';
	return len;
}

char *sr_text_escape_dup(const char *s, unsigned flags)
{
	size_t n = sr_text_escape(s, flags, NULL, 0) + 1;
	char *d = malloc(n);
	if (d)
		sr_text_escape(s, flags, d, n);
	return d;
}

/* Bytes that show as themselves whatever follows: printable ASCII but the
 * backslash (a table: this loop runs over every byte of an export). */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* A three-byte character from U+3000 up: CJK and most else, never a
 * control, a bidi control, a surrogate or an overlong form, so it shows as
 * itself. */
static bool cjk_like(const unsigned char *p)
{
	unsigned cp;
	return p[0] >= 0xE3 && utf8_decode(p, &cp) == 3 && cp >= 0x3000;
}

/* The same answer as comparing show() with the input, without building
 * anything, and fast: every CSV cell of an export comes through here. */
bool sr_text_shows_as_is(const char *s, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (;;) {
		while (plain[*p])
			p++;
		unsigned char c = *p;
		if (!c)
			return true;
		if (cjk_like(p)) {
			p += 3;
		} else if (c == '\\') {
			if (backslash_doubled(++p))
				return false;
		} else if (c < 0x80) {
			if (!(flags & SR_TEXT_LINES) || (c != '\n' && c != '\t'))
				return false;
			p++;
		} else {
			unsigned cp;
			size_t n = utf8_decode(p, &cp);
			if ((cp == REPLACEMENT && n == 1) || is_escaped(cp))
				return false;
			p += n;
		}
	}
}

/* ---- fitting into cells ------------------------------------------------------ */

/* Output buffer with a hard capacity (including the NUL). */
struct cell {
	char *out;
	size_t len, cap;
};

static void cell_put(struct cell *c, const char *bytes, size_t n)
{
	memcpy(c->out + c->len, bytes, n);
	c->len += n;
}

/* Copy characters of s, as they show, while they fit into `budget`
 * columns and the bytes still leave room for `reserve_cols` spaces and
 * `extra` bytes. An escape is never cut. Returns the columns used; *cut
 * tells whether anything was left out. */
static int cell_fill(struct cell *c, const char *s, int budget, int cols, size_t extra,
                     bool *cut)
{
	bool wc = locale_is_utf8();
	int w = 0;
	const unsigned char *p = (const unsigned char *)s;
	struct shown sh;
	*cut = false;
	while (*p) {
		size_t consumed = show(p, 0, wc, &sh);
		if (w + sh.cols > budget ||
		    c->len + sh.len + (size_t)(cols - w - sh.cols) + extra + 1 > c->cap) {
			*cut = true;
			break;
		}
		cell_put(c, sh.bytes, sh.len);
		w += sh.cols;
		p += consumed;
	}
	return w;
}

size_t sr_text_fit(const char *s, int cols, bool right_align, bool ellipsis, char *out,
                   size_t outlen)
{
	if (!out || !outlen)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	if (!s)
		s = "";
	/* Never more spaces than the buffer holds. */
	if ((size_t)cols >= outlen)
		cols = (int)(outlen - 1);
	struct cell c = { out, 0, outlen };
	bool cut = sr_text_width(s) > cols;
	bool dots = cut && ellipsis;
	int w = cell_fill(&c, s, dots ? cols - 1 : cols, cols, dots ? 3 : 0, &cut);
	dots = cut && ellipsis && w < cols && c.len + 3 + (size_t)(cols - w - 1) + 1 <= c.cap;
	if (dots) {
		cell_put(&c, ELLIPSIS_UTF8, 3);
		w++;
	}
	size_t pad = (size_t)(cols - w);
	if (right_align) {
		memmove(out + pad, out, c.len);
		memset(out, ' ', pad);
	} else {
		memset(out + c.len, ' ', pad);
	}
	c.len += pad;
	out[c.len] = '\0';
	return c.len;
}

/* ---- checking input ------------------------------------------------------------ */

sr_text_fault sr_text_find_fault(const char *s, bool multiline, unsigned *cp_out)
{
	unsigned cp = 0;
	sr_text_fault f = SR_TEXT_OK;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p && f == SR_TEXT_OK) {
		if (plain[*p] || *p == '\\') { /* the common cases, quickly */
			p++;
			continue;
		}
		if (cjk_like(p)) {
			p += 3;
			continue;
		}
		size_t n = utf8_decode(p, &cp);
		/* A literal U+FFFD in the input is fine; a decoding failure is not. */
		if (cp == REPLACEMENT && n == 1) {
			f = SR_TEXT_BAD_UTF8;
			cp = *p;
		} else if (is_control(cp) && !(multiline && (cp == '\t' || cp == '\n')))
			f = SR_TEXT_CONTROL;
		else if (is_layout(cp))
			f = SR_TEXT_LAYOUT;
		p += n;
	}
	if (cp_out)
		*cp_out = f == SR_TEXT_OK ? 0 : cp;
	return f;
}

bool sr_text_valid(const char *s, bool multiline)
{
	return s && sr_text_find_fault(s, multiline, NULL) == SR_TEXT_OK;
}

bool sr_text_is_code(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		          c == '.' || c == '_' || c == '-';
		if (!ok)
			return false;
	}
	return true;
}
