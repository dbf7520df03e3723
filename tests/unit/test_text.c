/* test_text.c — widths by display columns: 欧阳明月 and Li Lei line up. */
#include <stdio.h>
#include <stdlib.h>
#include "unit.h"

static void fits(const char *s, int cols, bool right, bool ellipsis, const char *want)
{
	char out[256];
	size_t n = sr_text_fit(s, cols, right, ellipsis, out, sizeof out);
	CHECK_EQ_STR(out, want);
	CHECK_EQ_INT(n, strlen(want));
	CHECK_EQ_INT(sr_text_width(out), cols);
}

TEST(text_width_cjk_and_latin)
{
	CHECK_EQ_INT(sr_text_width("欧阳明月"), 8);
	CHECK_EQ_INT(sr_text_width("Li Lei"), 6);
	CHECK_EQ_INT(sr_text_width(""), 0);
	CHECK_EQ_INT(sr_text_width("英朗 1.5L"), 9);
	CHECK_EQ_INT(sr_text_width("…"), 1);
}

TEST(text_fit_pads_to_columns)
{
	fits("Li Lei", 8, false, false, "Li Lei  ");
	fits("Li Lei", 8, true, false, "  Li Lei");
	fits("欧阳明月", 10, false, false, "欧阳明月  ");
	fits("欧阳明月", 8, false, true, "欧阳明月");
	fits("", 3, false, false, "   ");
}

TEST(text_fit_cuts_at_character_boundary)
{
	fits("欧阳明月", 5, false, false, "欧阳 ");
	fits("欧阳明月", 3, false, false, "欧 ");
	fits("Li Lei", 4, false, false, "Li L");
}

TEST(text_fit_ellipsis)
{
	fits("欧阳明月", 5, false, true, "欧阳…");
	fits("欧阳明月", 4, false, true, "欧… ");
	fits("Li Lei", 4, false, true, "Li …");
	fits("Li Lei", 6, false, true, "Li Lei");
}

TEST(text_invalid_utf8_shows_replacement)
{
	CHECK_EQ_INT(sr_text_width("a\xff" "b"), 3);
	fits("a\xff" "b", 3, false, false, "a\xEF\xBF\xBD" "b");
}

TEST(text_valid)
{
	CHECK(sr_text_valid("欧阳明月 Li Lei", false));
	CHECK(!sr_text_valid("a\xff" "b", false));
	CHECK(!sr_text_valid("\xe6\xac", false));
	CHECK(!sr_text_valid("line\nline", false));
	CHECK(sr_text_valid("line\nline\tx", true));
	CHECK(!sr_text_valid("bell\a", true));
}

/* Issue 12 item 14: the bidi controls and the line and paragraph separators
 * show nothing, yet reorder or break the text around them. */
static const char *const layout_chars[] = {
	"\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
	"\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029",
};

TEST(text_valid_refuses_bidi_controls_and_separators)
{
	for (size_t i = 0; i < sizeof layout_chars / sizeof *layout_chars; i++) {
		char s[32];
		snprintf(s, sizeof s, "Li%sLei", layout_chars[i]);
		CHECK(!sr_text_valid(s, false));
		CHECK(!sr_text_valid(s, true));
		unsigned cp = 0;
		CHECK_EQ_INT(sr_text_find_fault(s, true, &cp), SR_TEXT_LAYOUT);
		CHECK(cp >= 0x61C && cp <= 0x2069);
	}
	/* Their neighbours are ordinary text. */
	CHECK(sr_text_valid("\u200B\u2027\u2030\u2065\u206A 欧阳", false));
	unsigned cp;
	CHECK_EQ_INT(sr_text_find_fault("a\x1b", false, &cp), SR_TEXT_CONTROL);
	CHECK_EQ_INT(cp, 0x1b);
	CHECK_EQ_INT(sr_text_find_fault("a\xff", false, &cp), SR_TEXT_BAD_UTF8);
	CHECK_EQ_INT(cp, 0xff);
	CHECK_EQ_INT(sr_text_find_fault("a\nb", true, &cp), SR_TEXT_OK);
}

TEST(text_bidi_refused_in_names_and_notes)
{
	fx_open();
	sr_card_filing f;
	fx_filing(&f, "c1", SR_CHANNEL_WALKIN, 0);
	f.name = "王\u202E伟";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_BADINPUT, "name holds U+202E");
	f.name = "王伟";
	f.address = "北京\u2028朝阳";
	CHECK_REFUSED(sr_card_file(unit_db, &f, NULL), SR_BADINPUT, "address");
	CHECK_MSG("U+2028");
	int64_t id = fx_card("c1", SR_CHANNEL_WALKIN, 0);
	sr_followup_input in = { .card_id = id, .method = SR_METHOD_PHONE,
	                         .content = "第一行\n第二行\u2029第三行" };
	CHECK_REFUSED(sr_followup_add(unit_db, &in, NULL), SR_BADINPUT, "U+2029");
	in.content = "第一行\n第二行";
	CHECK_OK(sr_followup_add(unit_db, &in, NULL));
}

/* Issue 12 item 15: text that reached the database around the checks (a
 * restored backup, the sqlite3 shell) is shown escaped, never raw. */
static void shows(const char *s, unsigned flags, const char *want)
{
	char out[256];
	size_t n = sr_text_escape(s, flags, out, sizeof out);
	CHECK_EQ_STR(out, want);
	CHECK_EQ_INT(n, strlen(want));
	CHECK_EQ_INT(sr_text_shows_as_is(s, flags), strcmp(s, want) == 0);
}

TEST(text_escape_controls_bidi_and_separators)
{
	shows("王\x1b[31m伟", 0, "王\\x1b[31m伟");
	shows("bell\a", 0, "bell\\x07");
	shows("del\x7f", 0, "del\\x7f");
	shows("c1\xc2\x9b" "x", 0, "c1\\u009bx");
	shows("王\u202E伟", 0, "王\\u202e伟");
	shows("a\u2028b\u2029c\u061C\u200E\u2066", 0, "a\\u2028b\\u2029c\\u061c\\u200e\\u2066");
	shows("cr\r", SR_TEXT_LINES, "cr\\x0d");
	/* Newline and tab: themselves in multi-line output, else a space. */
	shows("第一行\n第二行\tx", SR_TEXT_LINES, "第一行\n第二行\tx");
	shows("第一行\n第二行\tx", 0, "第一行 第二行 x");
	/* Bad bytes show as U+FFFD; ordinary text as itself. */
	shows("a\xff" "b", 0, "a\xEF\xBF\xBD" "b");
	shows("欧阳明月 Li Lei", 0, "欧阳明月 Li Lei");
	shows("", 0, "");
}

TEST(text_escape_backslash_is_unambiguous)
{
	/* A backslash is doubled only where it would read as an escape. */
	shows("C:\\dir\\file", 0, "C:\\dir\\file");
	shows("typed \\x1b", 0, "typed \\\\x1b");
	shows("\\u202e", 0, "\\\\u202e");
	shows("a\\\\b", 0, "a\\\\\\b");
	shows("\\\x1b", 0, "\\\\\\x1b");
	shows("end\\", 0, "end\\");
}

TEST(text_escape_cuts_whole_characters)
{
	char out[8];
	CHECK_EQ_INT(sr_text_escape("ab\x1b" "cd", 0, out, sizeof out), 8);
	CHECK_EQ_STR(out, "ab\\x1bc");
	CHECK_EQ_INT(sr_text_escape("ab\x1b", 0, out, 4), 6);
	CHECK_EQ_STR(out, "ab");
	CHECK_EQ_INT(sr_text_escape("x", 0, NULL, 0), 1);
	char *d = sr_text_escape_dup("a\x1b", 0);
	CHECK(d != NULL);
	CHECK_EQ_STR(d, "a\\x1b");
	free(d);
}

/* sr_text_fit of text holding escapes (the output is not measured again:
 * its own backslashes would be doubled). */
static void fits_shown(const char *s, int cols, bool right, bool ellipsis, const char *want)
{
	char out[256];
	size_t n = sr_text_fit(s, cols, right, ellipsis, out, sizeof out);
	CHECK_EQ_STR(out, want);
	CHECK_EQ_INT(n, strlen(want));
}

TEST(text_fit_shows_escapes)
{
	/* Was: a control shown as a space, U+202E as nothing (zero width). */
	CHECK_EQ_INT(sr_text_width("a\x1b" "b"), 6);
	CHECK_EQ_INT(sr_text_width("王\u202E伟"), 10);
	fits_shown("a\x1b" "b", 8, false, false, "a\\x1bb  ");
	fits_shown("王\u202E伟", 10, false, false, "王\\u202e伟");
	fits_shown("a\nb\tc", 5, false, false, "a b c");
	/* An escape is never cut in half: it goes whole or not at all. */
	fits_shown("ab\x1b" "cd", 5, false, true, "ab…  ");
	fits_shown("ab\x1b" "cd", 6, false, false, "ab\\x1b");
	fits_shown("ab\x1b" "cd", 4, false, false, "ab  ");
	int cols;
	CHECK_EQ_INT(sr_text_step("\x1bz", &cols), 1);
	CHECK_EQ_INT(cols, 4);
	CHECK_EQ_INT(sr_text_step("欧", &cols), 3);
	CHECK_EQ_INT(cols, 2);
	CHECK_EQ_INT(sr_text_step("", &cols), 0);
	CHECK_EQ_INT(cols, 0);
}
